package raadsmededeling_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"beschut/ingest"
	"beschut/internal/fixture"
	"beschut/internal/value"
	"beschut/report"
	"beschut/report/pdfa"
	"beschut/report/raadsmededeling"
)

// Page geometry in points, as the layout places it (layout.go, in mm).
const (
	mm          = 72 / 25.4
	contentTop  = (22.0 + 8) * mm // marginT + 8
	contentFoot = 272.0 * mm      // bottomY
	headerFoot  = 16.0 * mm       // the running header lies above
	footerTop   = 280.0 * mm      // the footer lies below
)

// pageWords returns per page the words of the content area, top to bottom
// as pdftotext gives them, without the running header, the footer and the
// CONCEPT watermark.
func pageWords(t *testing.T, pdf []byte) [][]string {
	t.Helper()
	var pages [][]string
	for _, p := range raadsmededeling.BboxPages(t, pdf) {
		var words []string
		for _, w := range p {
			if w.YMax <= headerFoot || w.YMin >= footerTop || w.Text == "CONCEPT" {
				continue
			}
			words = append(words, fmt.Sprintf("%.1f %s", w.YMax, w.Text))
		}
		pages = append(pages, words)
	}
	return pages
}

// lowest returns the bottom of the lowest content word and the first word.
func lowest(words []string) (bottom float64, first string) {
	for i, w := range words {
		y, text, _ := strings.Cut(w, " ")
		v, _ := strconv.ParseFloat(y, 64)
		bottom = max(bottom, v)
		if i == 0 {
			first = text
		}
	}
	return bottom, first
}

// layoutCases are the documents whose layout the rules must hold for.
func layoutCases(t *testing.T) map[string]*report.Report {
	cases := map[string]*report.Report{
		"deventer_2023-K2": fixture.Report(t, time.Time{}),
		"deventer_2022-K4": fixture.Report(t, date(2022, 12, 31)),
	}
	for name, h := range map[string]struct {
		gemeente    string
		first, last time.Time
	}{
		"een_jaar":       {"Olst-Wijhe", date(2023, 3, 31), date(2023, 12, 31)},
		"tien_jaar":      {"Zwolle", date(2017, 3, 31), date(2026, 9, 30)},
		"twee_kwartalen": {"Bronckhorst", date(2023, 3, 31), date(2023, 6, 30)},
		"middelgrote":    {"Raalte", date(2021, 3, 31), date(2023, 6, 30)},
	} {
		snaps := history(h.gemeente, h.first, h.last)
		r, err := report.Build(snaps, h.gemeente, time.Time{}, fixture.Params(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		cases[name] = r
	}
	// A small gemeente over six years: three people, the same every quarter.
	var small []*ingest.Snapshot
	for peil := date(2018, 3, 31); !peil.After(date(2023, 6, 30)); peil = date(peil.Year(), peil.Month()+4, 1).AddDate(0, 0, -1) {
		snap := &ingest.Snapshot{Gemeente: "Schiermonnikoog", Peildatum: peil}
		for i, fase := range []ingest.Fase{ingest.FaseTijdelijk, ingest.FaseVast, ingest.FaseProefplaatsing} {
			start := date(2017, 9, 1)
			snap.Records = append(snap.Records, ingest.Record{Clientnummer: fmt.Sprintf("S-%d", i), Fase: fase, Werkplek: ingest.WerkplekIntern,
				DatumStart: value.Day(start), DatumFase: value.Day(start), Uren: 200000, Loonwaarde: 350000,
				LoonwaardeBron: ingest.BronMeting, Begeleiding: 120000, Has: ingest.HasLoonwaarde | (ingest.HasUren | ingest.HasBegeleiding).If(fase.Betaald())})
		}
		small = append(small, snap)
	}
	r, err := report.Build(small, "Schiermonnikoog", time.Time{}, fixture.Params(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	cases["kleine_gemeente"] = r
	return cases
}

// TestLayoutRules: in every case no heading ends a page (read from the
// structure tree in content order), no page opens with a table's note
// ("* …") apart from its table, and no page but the last ends more than a
// quarter empty (read from the text positions), unless the next page opens
// with a figure, which does not break.
func TestLayoutRules(t *testing.T) {
	for name, r := range layoutCases(t) {
		t.Run(name, func(t *testing.T) {
			pdf := render(t, renderer(t, nil), r)
			if dir := os.Getenv("BESCHUT_LAYOUT_DIR"); dir != "" {
				os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644)
			}
			qpdfCheck(t, pdf)
			doc, err := pdfa.Check(pdf)
			if err != nil {
				t.Fatal(err)
			}
			for i, owners := range doc.Pages[:len(doc.Pages)-1] {
				last := owners[len(owners)-1]
				if strings.HasPrefix(last.Role, "H") {
					t.Errorf("page %d ends with a heading (%s)", i+1, last.Role)
				}
			}
			pages := pageWords(t, pdf)
			if len(pages) != len(doc.Pages) {
				t.Fatalf("pdftotext: %d pages, structure: %d", len(pages), len(doc.Pages))
			}
			for i := 0; i+1 < len(pages); i++ {
				bottom, _ := lowest(pages[i])
				_, next := lowest(pages[i+1])
				empty := (contentFoot - bottom) / (contentFoot - contentTop)
				if next == "*" {
					t.Errorf("page %d opens with a table's note, apart from its table", i+2)
				}
				if empty > 0.25 && next != "Figuur" {
					t.Errorf("page %d ends %.0f%% empty; page %d opens with %q", i+1, 100*empty, i+2, next)
				}
			}
		})
	}
}
