package raadsmededeling

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"beschut/internal/fixture"
	"beschut/report"
	"beschut/templates"
)

// TestSharedFonts: the fonts copied from the prototype give the same bytes
// as fonts parsed for the document, also when documents render at the
// same time; and the adapter is really used (not the fallback).
func TestSharedFonts(t *testing.T) {
	if parsedFonts() == nil {
		t.Fatal("the font adapter does not recognise fpdf's fields: update fonts.go for this fpdf version")
	}
	if !copyFonts(fpdf.New("P", "mm", "A4", ""), parsedFonts()) {
		t.Fatal("the font adapter falls back to parsing")
	}
	rd, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	reports := []*report.Report{fixture.Report(t, time.Time{}), fixture.Report(t, time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC))}
	render := func(r *report.Report) []byte {
		var b bytes.Buffer
		if err := rd.Write(&b, r); err != nil {
			t.Error(err)
		}
		return b.Bytes()
	}
	shareFonts = false
	var parsed [][]byte
	for _, p := range reports {
		parsed = append(parsed, render(p))
	}
	shareFonts = true
	var wg sync.WaitGroup
	shared := make([][]byte, 2*len(reports))
	for i := range shared {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared[i] = render(reports[i%len(reports)])
		}()
	}
	wg.Wait()
	for i, s := range shared {
		if !bytes.Equal(s, parsed[i%len(reports)]) {
			t.Errorf("document %d: shared fonts give other bytes than parsed fonts", i)
		}
	}
}
