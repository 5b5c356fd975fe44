package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// TestDuidingOutsideBMP: the raadsmededeling's fonts (fpdf) cannot set a
// character outside the Basic Multilingual Plane (an emoji): fpdf panics on
// one, which ended the run, and the scheduler with it. A duiding with such
// characters is refused with the position of each; up to U+FFFF passes.
func TestDuidingOutsideBMP(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, body, err string
	}{
		{"bmp", "Sĳbekarspel → ✅ \uFFFD\n", ""},
		{"first outside", "a\U00010000\n", "gemeente Deventer: duiding %s: teken buiten het bereik van het lettertype: regel 1, kolom 2 (U+10000)"},
		{"emoji twice", "Goed nieuws.\nNog beter 😀 en 👍\n", "gemeente Deventer: duiding %s: teken buiten het bereik van het lettertype: regel 2, kolom 11 (U+1F600); regel 2, kolom 16 (U+1F44D)"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".txt")
		if err := os.WriteFile(path, []byte(tc.body), 0o644); err != nil {
			t.Fatal(err)
		}
		r := fixture.Report(t, time.Time{})
		r.Publicatie = report.Publicatie{Duiding: path}
		in, err := readDuiding(r)
		if tc.err == "" {
			if err != nil || in == nil || r.Duiding == nil || r.Duiding.Text != tc.body {
				t.Errorf("%s: %v %v", tc.name, in, err)
			}
			// What passes, the raadsmededeling sets.
			rd, err := raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names)
			if err != nil {
				t.Fatal(err)
			}
			if err := rd.Write(io.Discard, r); err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var de *DuidingError
		if !errors.As(err, &de) || err.Error() != fmt.Sprintf(tc.err, path) {
			t.Errorf("%s: error %v, want %s", tc.name, err, fmt.Sprintf(tc.err, path))
		}
		if in != nil || r.Duiding != nil {
			t.Errorf("%s: a refused duiding reached the report", tc.name)
		}
	}
}
