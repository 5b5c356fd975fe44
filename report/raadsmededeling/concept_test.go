package raadsmededeling_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"beschut/internal/external"
	"beschut/internal/fixture"
	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/templates"
)

func TestConceptRule(t *testing.T) {
	tests := []struct {
		flag, publicatie string
		want             bool
	}{
		{"", "", true},
		{"concept", "", true},
		{" Concept ", "", true},
		{"", "RM 2023/12", false},
		{"2023-999", "", false},
		{"2023-999", "RM 2023/12", false},
		{"", "concept", true},
	}
	for _, tt := range tests {
		r := &report.Report{Publicatie: report.Publicatie{Nummer: tt.publicatie}, Current: &report.Quarter{Jaar: 2023, Kwartaal: 2}}
		if got := (raadsmededeling.Settings{Nummer: tt.flag}).Resolved(r).Concept(); got != tt.want {
			t.Errorf("Concept(flag %q, publicatie %q) = %v, want %v", tt.flag, tt.publicatie, got, tt.want)
		}
	}
}

// pdfinfoMeta returns pdfinfo's document properties and XMP metadata.
func pdfinfoMeta(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := external.Require(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(bin, path).Output()
	if err != nil {
		t.Fatal(err)
	}
	meta, err := exec.Command(bin, "-meta", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(info) + string(meta)
}

// TestConcept: without a nummer every page shows CONCEPT (running header
// and watermark) and the metadata say so; with a nummer, from the flag or
// from the parameters file, no trace of it.
func TestConcept(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	concept := samplePDF(t, time.Time{})
	if dir := os.Getenv("BESCHUT_LAYOUT_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "concept.pdf"), concept, 0o644)
	}
	qpdfCheck(t, concept)
	pages := strings.Split(strings.TrimRight(pdftotext(t, concept), "\f"), "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages", len(pages))
	}
	for i, p := range pages {
		// The running header, and the watermark as its own line.
		if !strings.Contains(p, "CONCEPT   ·   Gemeente Deventer") && !strings.Contains(p, "CONCEPT · Gemeente Deventer") {
			t.Errorf("page %d: no CONCEPT in the running header:\n%s", i+1, p[:min(300, len(p))])
		}
	}
	// The watermark is diagonal, which poppler's text extraction leaves
	// out: count its light grey in the page images instead.
	for i, n := range watermarkPixels(t, concept) {
		if n < 800 {
			t.Errorf("page %d: %d watermark pixels, no CONCEPT watermark", i+1, n)
		}
	}
	meta := pdfinfoMeta(t, concept)
	for _, w := range []string{"Title:           CONCEPT Raadsmededeling: ", "Subject:         Beschut werk Deventer, peildatum 30-06-2023 (CONCEPT", "Keywords:        beschut werk, Participatiewet, KonnecteD, raadsmededeling, CONCEPT",
		`<rdf:li xml:lang="x-default">CONCEPT Raadsmededeling: `, "<pdf:Keywords>beschut werk, Participatiewet, KonnecteD, raadsmededeling, CONCEPT</pdf:Keywords>"} {
		if !strings.Contains(meta, w) {
			t.Errorf("metadata lack %q:\n%s", w, meta)
		}
	}

	fromParams := *r
	fromParams.Publicatie.Nummer = "RM 2023/12"
	rd, err := raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	for name, pdf := range map[string][]byte{"--nummer": render(t, renderer(t, nil), r), "parameters": render(t, rd, &fromParams)} {
		text := pdftotext(t, pdf)
		if strings.Contains(text, "CONCEPT") || bytes.Contains(pdf, []byte("CONCEPT")) || strings.Contains(pdfinfoMeta(t, pdf), "CONCEPT") {
			t.Errorf("%s: CONCEPT in a final document", name)
		}
		for i, n := range watermarkPixels(t, pdf) {
			if n > 150 { // anti-aliased edges of grey rules give a few dozen
				t.Errorf("%s: page %d has %d pixels of the watermark's grey", name, i+1, n)
			}
		}
		if name == "--nummer" && strings.Contains(strings.ToLower(text), "concept") {
			t.Errorf("%s: 'concept' in the text of a final document", name)
		}
	}
}

// watermarkPixels renders every page at 30 dpi and counts the pixels in
// the watermark's grey (#ECECEC).
func watermarkPixels(t *testing.T, pdf []byte) []int {
	t.Helper()
	bin := external.Require(t, "pdftoppm")
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-r", "30", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.ppm"))
	sort.Strings(files)
	var counts []int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Binary PPM: "P6\n<w> <h>\n255\n" then RGB triples.
		var w, h, maxv int
		var hdr int
		if _, err := fmt.Sscanf(string(data[:min(len(data), 40)]), "P6\n%d %d\n%d\n", &w, &h, &maxv); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		hdr = len(data) - 3*w*h
		n := 0
		for i := hdr; i+2 < len(data); i += 3 {
			if data[i] == 0xEC && data[i+1] == 0xEC && data[i+2] == 0xEC {
				n++
			}
		}
		counts = append(counts, n)
	}
	if len(counts) == 0 {
		t.Fatal("pdftoppm wrote no pages")
	}
	return counts
}
