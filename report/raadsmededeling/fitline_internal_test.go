package raadsmededeling

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"

	"beschut/internal/fixture"
	"beschut/templates"
)

// TestFitLine: the line is whole while it fits, on both sides of the
// boundary; beyond, the last part loses words first, then goes whole, and
// the first part stays (cut in a word only when nothing else is left).
// Width here is one unit per character.
func TestFitLine(t *testing.T) {
	width := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	parts := []string{"CONCEPT", "Gemeente Aa", "Raadsmededeling zonder nummer", "Kwartaalrapportage beschut werk"}
	whole := "CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer   ·   Kwartaalrapportage beschut werk"
	tests := []struct {
		max  float64
		want string
	}{
		{width(whole), whole},
		{width(whole) - 1, "CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer   ·   Kwartaalrapportage beschut…"},
		{width("CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer   ·   Kwartaalrapportage…"), "CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer   ·   Kwartaalrapportage…"},
		// A part whose words all go leaves the part before it whole, then shortened.
		{width("CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer   ·   Kwartaalrapportage…") - 1, "CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer…"},
		{width("CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer…"), "CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer…"},
		{width("CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder nummer…") - 1, "CONCEPT   ·   Gemeente Aa   ·   Raadsmededeling zonder…"},
		{width("CONCEPT   ·   Gemeente Aa…"), "CONCEPT   ·   Gemeente Aa…"},
		{width("CONCEPT   ·   Gemeente Aa…") - 1, "CONCEPT   ·   Gemeente…"},
		{width("CONCEPT   ·   Gemeente…"), "CONCEPT   ·   Gemeente…"},
		// The first part stays whole while it fits (it was cut to
		// "CONCEP…" here although "CONCEPT…" fits), then is cut.
		{width("CONCEPT   ·   Gemeente…") - 1, "CONCEPT…"},
		{width("CONCEPT…"), "CONCEPT…"},
		{width("CONCEPT…") - 1, "CONCEP…"},
		{1, "…"},
	}
	for _, tc := range tests {
		got := fitLine(parts, tc.max, width)
		if got != tc.want {
			t.Errorf("max %v:\n got %q\nwant %q", tc.max, got, tc.want)
		}
		if tc.max >= 1 && width(got) > tc.max {
			t.Errorf("max %v: %q is %v wide", tc.max, got, width(got))
		}
	}
}

// TestRunningHeaderFits: with a long gemeente name (a real one: Nuenen,
// Gerwen en Nederwetten) the running header and the footer stay within the
// right margin, the header ending in "…"; with Deventer's they are whole.
func TestRunningHeaderFits(t *testing.T) {
	rightEdge := (pageW - marginR) / 25.4 * 72 // in points, as pdftotext measures
	for _, tc := range []struct {
		gemeente  string
		shortened bool
	}{
		{"Deventer", false},
		{"Nuenen, Gerwen en Nederwetten", true},
	} {
		rd, err := New(Settings{}, templates.Default, nil, templates.Names)
		if err != nil {
			t.Fatal(err)
		}
		r := fixture.Report(t, time.Time{})
		r.Gemeente = tc.gemeente
		var b bytes.Buffer
		if err := rd.Write(&b, r); err != nil {
			t.Fatal(err)
		}
		pages := BboxPages(t, b.Bytes())
		if len(pages) == 0 {
			t.Fatal("no pages")
		}
		for i, words := range pages {
			var header []string
			for _, w := range words {
				if w.XMax > rightEdge+0.5 {
					t.Errorf("%s, page %d: %q ends at %.1f pt, beyond the margin at %.1f", tc.gemeente, i+1, w.Text, w.XMax, rightEdge)
				}
				if w.YMax < 15.5/25.4*72 {
					header = append(header, w.Text)
				}
			}
			if len(header) == 0 {
				t.Fatalf("%s, page %d: no running header", tc.gemeente, i+1)
			}
			last := header[len(header)-1]
			if got := last[len(last)-len("…"):] == "…"; got != tc.shortened {
				t.Errorf("%s, page %d: header %q, shortened %v, want %v", tc.gemeente, i+1, header, got, tc.shortened)
			}
		}
	}
}
