package ingest_test

import (
	"io/fs"
	"math"
	"reflect"
	"sort"
	"testing"
	"testing/fstest"
	"time"

	"beschut/ingest"
	"beschut/samples"
)

// TestSamplesReproduceNota reads every sample export and checks the nota's
// year-end figures (Tabel 1) and the situation on 31-12-2022 (§1.3) from
// the parsed records themselves, without the report package.
func TestSamplesReproduceNota(t *testing.T) {
	h, err := ingest.ReadFS(samples.Exports, "samples/")
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Gemeenten(); len(got) != 1 || got[0] != "Deventer" {
		t.Fatalf("gemeenten = %v", got)
	}
	snaps := h.Of("Deventer")
	if len(snaps) != 26 {
		t.Fatalf("%d snapshots, want 26 (2017-K1 … 2023-K2)", len(snaps))
	}
	inTraject := map[int]int{2017: 12, 2018: 17, 2019: 22, 2020: 22, 2021: 36, 2022: 48}
	betaald := map[int]int{2017: 4, 2018: 11, 2019: 13, 2020: 14, 2021: 29, 2022: 37}
	for _, s := range snaps {
		y := s.Peildatum.Year()
		if s.Peildatum.Month() != 12 || inTraject[y] == 0 {
			continue
		}
		active, paid := 0, 0
		for _, r := range s.Records {
			if r.Fase.Active() {
				active++
			}
			if r.Fase.Betaald() {
				paid++
			}
		}
		if active != inTraject[y] || paid != betaald[y] {
			t.Errorf("31-12-%d: in traject %d, betaald %d; nota: %d, %d", y, active, paid, inTraject[y], betaald[y])
		}
	}

	var end *ingest.Snapshot
	for _, s := range snaps {
		if s.Peildatum.Equal(time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)) {
			end = s
		}
	}
	if end == nil {
		t.Fatal("no snapshot for 31-12-2022")
	}
	var paid, konnected, proef, stage, lwN int
	var lwSum float64
	for _, r := range end.Records {
		switch {
		case r.Fase.Betaald():
			paid++
			if r.Werkplek != ingest.WerkplekExtern {
				konnected++
			}
		case r.Fase == ingest.FaseProefplaatsing:
			proef++
		case r.Fase == ingest.FaseStage:
			stage++
		}
		if r.Fase.Active() && r.HasLoonwaarde() {
			lwSum += r.Loonwaarde.Float()
			lwN++
		}
	}
	if paid != 37 || konnected != 29 || proef != 11 || stage != 0 {
		t.Errorf("31-12-2022: betaald %d, bij KonnecteD %d, proefplaatsing %d, stage %d; nota: 37, 29, 11, 0", paid, konnected, proef, stage)
	}
	if lw := math.Round(lwSum / float64(lwN)); lw != 41 {
		t.Errorf("gemiddelde loonwaarde rounds to %v, nota: 41", lw)
	}
}

// TestSamplesAreGenerated lives with the generator (samples/generate/generator),
// which is no longer part of the samples package.

// TestReadFSParallel: ReadFS reads the files in parallel and gives the
// history that reading them one by one, in name order, and combining
// gives; a file it cannot read is an error.
func TestReadFSParallel(t *testing.T) {
	got, err := ingest.ReadFS(samples.Exports, "samples/")
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(samples.Exports, "*.csv")
	if err != nil || len(names) < 2 {
		t.Fatal(names, err)
	}
	sort.Strings(names)
	var results []*ingest.FileResult
	for _, name := range names {
		data, err := fs.ReadFile(samples.Exports, name)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, ingest.Options{}.ReadFile("samples/"+name, data, time.Time{}))
	}
	want, err := ingest.Combine(results)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadFS differs from reading the %d files one by one", len(names))
	}
	broken := fstest.MapFS{"a.csv": &fstest.MapFile{Data: []byte("x")}, "b.csv": &fstest.MapFile{Mode: fs.ModeDir}}
	if _, err := ingest.ReadFS(broken, ""); err == nil {
		t.Error("a file ReadFS cannot read was not reported")
	}
}
