package raadsmededeling

import (
	"bytes"
	"testing"
	"time"

	"beschut/report/pdfa"
)

// TestTotalRowBold: the last row of a table marked as a total is set in
// bold, and only that row: the same words are wider there than in the same
// table without the mark, and the row above the total is as wide in both.
func TestTotalRowBold(t *testing.T) {
	// Letters, not digits: a digit is as wide in bold as in regular.
	rows := [][]string{{"Gemeente Aaa", "een"}, {"Totaal Bbb", "twee"}}
	widths := func(total bool) map[string]float64 {
		d := newPDF(pdfa.Info{Title: "t", Author: "t", Creator: "beschut", Producer: Producer, Date: time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC), Lang: "nl-NL"},
			page{footer: func(int) []string { return nil }})
		d.l.draw([]block{table{name: "t", caption: "Tabel 1: t", head: []string{"Gemeente", "Aantal"}, rows: rows, rowHeads: true, firstW: 60, totalRow: total}})
		var b bytes.Buffer
		if err := d.finish(&b); err != nil {
			t.Fatal(err)
		}
		return wordWidths(t, b.Bytes())
	}
	plain, bold := widths(false), widths(true)
	for _, w := range []string{"Totaal", "Bbb", "twee"} {
		if !(bold[w] > plain[w]) {
			t.Errorf("%q in the total row: width %.2f, %.2f without the mark; want wider (bold)", w, bold[w], plain[w])
		}
	}
	for _, w := range []string{"Gemeente", "Aaa", "een"} {
		if bold[w] != plain[w] {
			t.Errorf("%q above the total row: width %.2f, %.2f without the mark; want the same", w, bold[w], plain[w])
		}
	}
}

// wordWidths gives the width in points of each word pdftotext finds (the
// last one when a word occurs more than once; "Gemeente" is the header's
// and the first row's, both drawn the same in the two documents).
func wordWidths(t *testing.T, pdf []byte) map[string]float64 {
	t.Helper()
	w := map[string]float64{}
	for _, page := range BboxPages(t, pdf) {
		for _, x := range page {
			w[x.Text] = x.XMax - x.XMin
		}
	}
	if len(w) == 0 {
		t.Fatal("pdftotext found no words")
	}
	return w
}
