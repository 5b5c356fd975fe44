package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"beschut/internal/fixture"
	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/templates"
)

// TestDuiding: the duiding file reaches the report, the raadsmededeling's
// text and the manifest with its sha256; without one nothing changes; a
// named file that is missing or not text is an error.
func TestDuiding(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "duiding_2023-K2.txt")
	body := "De instroom uit het vso blijft achter bij de verwachting.\n\n- het beleidsteam spreekt de scholen aan;\n- de cijfers volgen in het 3e kwartaal.\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	rd, err := raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}

	r := fixture.Report(t, time.Time{})
	without, err := rd.Text(r)
	if err != nil {
		t.Fatal(err)
	}
	if in, err := readDuiding(r); in != nil || err != nil || r.Duiding != nil {
		t.Fatalf("no duiding: %v %v %v", in, err, r.Duiding)
	}
	if again, _ := rd.Text(r); again != without {
		t.Error("without a duiding the text changed")
	}

	r.Publicatie.Duiding = path
	in, err := readDuiding(r)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	want := Input{Path: path, SHA256: hex.EncodeToString(sum[:]), Gemeente: "Deventer", Peildatum: "30-06-2023", Kind: KindDuiding}
	if *in != want {
		t.Errorf("input = %+v, want %+v", *in, want)
	}
	js, _ := json.Marshal(in)
	if !strings.Contains(string(js), `"kind":"duiding"`) || !strings.Contains(string(js), want.SHA256) {
		t.Errorf("manifest entry %s", js)
	}
	text, err := rd.Text(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "### Duiding\n\nDe instroom uit het vso blijft achter bij de verwachting.\n\n- het beleidsteam spreekt de scholen aan;\n") {
		t.Errorf("duiding not under Nadere toelichting:\n%s", text)
	}

	for name, setup := range map[string]func() string{
		"missing": func() string { return filepath.Join(dir, "bestaat-niet.txt") },
		"not text": func() string {
			p := filepath.Join(dir, "bin.txt")
			os.WriteFile(p, []byte{0xff, 0xfe, 0x00}, 0o644)
			return p
		},
	} {
		r := fixture.Report(t, time.Time{})
		r.Publicatie = report.Publicatie{Duiding: setup()}
		_, err := readDuiding(r)
		var de *DuidingError
		if !errors.As(err, &de) || de.Path != r.Publicatie.Duiding || !strings.Contains(err.Error(), "duiding") {
			t.Errorf("%s: %v", name, err)
		}
		if name == "missing" && !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("missing: %v", err)
		}
	}
}
