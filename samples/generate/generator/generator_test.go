package generator_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"beschut/report"
	"beschut/samples/generate/generator"
)

// sameFiles checks that the committed folder holds exactly what the
// generator writes into a temporary one.
func sameFiles(t *testing.T, committed string, write func(dir string) error) {
	t.Helper()
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	names := func(d string) []string {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			if !e.IsDir() && (filepath.Ext(e.Name()) == ".csv" || filepath.Ext(e.Name()) == ".conf") {
				out = append(out, e.Name())
			}
		}
		return out
	}
	generated := names(dir)
	if len(generated) == 0 {
		t.Fatal("the generator wrote nothing")
	}
	for _, name := range generated {
		want, _ := os.ReadFile(filepath.Join(dir, name))
		got, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Errorf("%s: generated but not in %s: %v", name, committed, err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s/%s differs from the generator's output; run go run ./samples/generate", committed, name)
		}
	}
	for _, name := range names(committed) {
		if filepath.Ext(name) == ".csv" && !slices.Contains(generated, name) {
			t.Errorf("%s/%s is not written by the generator", committed, name)
		}
	}
}

// TestSamplesAreGenerated: the embedded Deventer samples are exactly what
// the generator writes, so they can always be regenerated.
func TestSamplesAreGenerated(t *testing.T) {
	sameFiles(t, "../../", func(dir string) error {
		if err := generator.Generate(dir); err != nil {
			return err
		}
		// parameters.conf of samples/ is written by hand.
		return os.WriteFile(filepath.Join(dir, "parameters.conf"), mustRead(t, "../../parameters.conf"), 0o644)
	})
}

// TestRegioIsGenerated: samples/regio, exports and parameters, is what the
// generator writes.
func TestRegioIsGenerated(t *testing.T) {
	sameFiles(t, "../../regio", generator.GenerateRegio)
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestRegioParams: the region's parameters name the regio with its eight
// gemeenten and give 004's taakstelling, totals 58 and 102.
func TestRegioParams(t *testing.T) {
	p, err := report.ParseParams("samples/regio/parameters.conf", generator.RegioParams())
	if err != nil {
		t.Fatal(err)
	}
	regios := p.Regios()
	want := []string{"Beemster", "Edam-Volendam", "Landsmeer", "Oostzaan", "Purmerend", "Waterland", "Wormerland", "Zaanstad"}
	if len(regios) != 1 || regios[0].Naam != generator.RegioNaam || !slices.Equal(regios[0].Gemeenten, want) {
		t.Fatalf("regios %+v", regios)
	}
	for year, total := range map[int]int{2017: 58, 2018: 102} {
		sum := 0
		for _, g := range want {
			n, ok := p.Count(g, year, "taakstelling")
			if !ok {
				t.Errorf("%s %d: no taakstelling", g, year)
			}
			sum += n
		}
		if sum != total {
			t.Errorf("%d: taakstelling %d, seed 004: %d", year, sum, total)
		}
	}
	if u := p.Settings("Zaanstad").UitvoerderNaam(); u != "WERKOM" {
		t.Errorf("uitvoerder %q", u)
	}
}

// TestNationalParams: the generator's parameters file for many gemeenten
// is read as meant, also with four-digit gemeente numbers ("Gemeente 1000").
func TestNationalParams(t *testing.T) {
	n := generator.National{Gemeenten: 1000, LastYear: 2018, LastQuarter: 1, Scale: 1, Seed: 1}
	p, err := report.ParseParams("national.conf", generator.NationalParams(n))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"Gemeente 001", "Gemeente 999", "Gemeente 1000"} {
		if !p.Configured(g) {
			t.Errorf("%s not configured", g)
		}
		if _, ok := p.Count(g, 2018, "taakstelling"); !ok {
			t.Errorf("%s: no taakstelling 2018", g)
		}
	}
	if p.Configured("Gemeente") {
		t.Error(`"Gemeente 1000" read as gemeente "Gemeente" with year 1000`)
	}
}
