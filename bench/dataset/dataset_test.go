package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"beschut/ingest"
	"beschut/samples/generate/generator"
)

const head = "peildatum;gemeente;clientnummer;instroomroute;datum_indicatie;datum_start;fase;datum_fase;werkplek;uren_per_week;loonwaarde;loonwaarde_bron;datum_loonwaardemeting;werkladder;datum_uitstroom;reden_uitstroom;lks_kwartaal;begeleiding_kwartaal"

func write(t *testing.T, dir, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBigExact(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "nationaal_2017_K1.csv", head,
		"31-03-2017;Gemeente 001;G001-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;intern;16;47;meting;01-03-2017;2;;;100,00;50,00")
	b := write(t, dir, "nationaal_2017_K2.csv", head,
		"30-06-2017;Gemeente 001;G001-00001;vso;01-01-2017;01-02-2017;tijdelijk;01-05-2017;intern;16;47;meting;01-03-2017;3;;;200,00;60,00",
		"",
		"30-06-2017;Gemeente 002;G002-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;extern;20;50;meting;01-03-2017;1;;;0,00;0,00")
	var out bytes.Buffer
	n, err := Big(&out, []string{a, b}, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{head,
		"30-06-2017;Gemeente 001 2017_K1 c0;G001-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;intern;16;47;meting;01-03-2017;2;;;100,00;50,00",
		"30-06-2017;Gemeente 001 2017_K2 c0;G001-00001;vso;01-01-2017;01-02-2017;tijdelijk;01-05-2017;intern;16;47;meting;01-03-2017;3;;;200,00;60,00",
		"30-06-2017;Gemeente 002 2017_K2 c0;G002-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;extern;20;50;meting;01-03-2017;1;;;0,00;0,00",
		"30-06-2017;Gemeente 001 2017_K1 c1;G001-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;intern;16;47;meting;01-03-2017;2;;;100,00;50,00",
		"30-06-2017;Gemeente 001 2017_K2 c1;G001-00001;vso;01-01-2017;01-02-2017;tijdelijk;01-05-2017;intern;16;47;meting;01-03-2017;3;;;200,00;60,00",
		"30-06-2017;Gemeente 002 2017_K2 c1;G002-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;extern;20;50;meting;01-03-2017;1;;;0,00;0,00",
	}, "\n") + "\n"
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if n != 6 {
		t.Errorf("%d rows, want 6", n)
	}
}

func TestBigErrors(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "nationaal_2017_K1.csv", head,
		"31-03-2017;Gemeente 001;G001-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;intern;16;47;meting;01-03-2017;2;;;100,00;50,00")
	short := write(t, dir, "nationaal_2017_K2.csv", head,
		"30-06-2017;Gemeente 001;G001-00001;vso;01-01-2017;01-02-2017;stage;01-02-2017;intern;16;47;meting;01-03-2017;2;;;100,00;50,00",
		"30-06-2017;Gemeente 001;G001-00002;vso")
	other := write(t, dir, "other.csv", "gemeente;peildatum", "x;y")
	empty := write(t, dir, "empty.csv", head)
	for _, c := range []struct {
		name   string
		files  []string
		copies int
		want   string
	}{
		{"no files", nil, 1, "dataset: no files"},
		{"no copies", []string{good}, 0, "dataset: 0 copies"},
		{"short row", []string{good, short}, 1, short + ":3: 4 fields, want 18"},
		{"other header", []string{good, other}, 1, other + `:1: header "gemeente;peildatum" does not start with peildatum;gemeente;`},
		{"no rows", []string{empty}, 1, empty + ": no data rows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Big(&bytes.Buffer{}, c.files, c.copies)
			if err == nil || err.Error() != c.want {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// TestBigIsValid: the big file built from a real (small) national set is
// a valid export in which every row counts, as `beschut validate` needs.
func TestBigIsValid(t *testing.T) {
	dir := t.TempDir()
	files, err := Ensure(filepath.Join(dir, "nl"), generator.National{Gemeenten: 3, LastYear: 2018, LastQuarter: 2, Scale: 0.2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 6 {
		t.Fatalf("%d files, want 6 (2017-K1 … 2018-K2)", len(files))
	}
	if _, err := os.Stat(ParamsPath(filepath.Join(dir, "nl"))); err != nil {
		t.Fatal(err)
	}
	h, err := ingest.ReadPaths(files)
	if err != nil {
		t.Fatal(err)
	}
	src := 0
	for _, f := range h.Files {
		src += f.Source.Rows
	}
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Big(f, files, 3)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if n != 3*src {
		t.Errorf("%d rows, want 3 × %d", n, src)
	}
	hb, err := ingest.ReadPaths([]string{big})
	if err != nil {
		t.Fatalf("big file refused: %v", err)
	}
	if got := hb.Files[0].Source.Rows; got != n {
		t.Errorf("ingest counts %d rows, want %d", got, n)
	}
	if got, want := len(hb.Gemeenten()), 3*6*3; got != want {
		t.Errorf("%d gemeenten, want %d (3 gemeenten × 6 files × 3 copies)", got, want)
	}
}
