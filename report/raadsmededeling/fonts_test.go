package raadsmededeling

import (
	"bytes"
	"io"
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

// BenchmarkFonts renders one document with the fonts parsed per document
// and with the fonts copied from the prototype.
func BenchmarkFonts(b *testing.B) {
	rd, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		b.Fatal(err)
	}
	r := fixture.Report(b, time.Time{})
	for _, share := range []bool{false, true} {
		name := map[bool]string{false: "parsed", true: "shared"}[share]
		b.Run(name, func(b *testing.B) {
			shareFonts = share
			defer func() { shareFonts = true }()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := rd.Write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
