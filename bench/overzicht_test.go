package bench

import (
	"io"
	"testing"
	"time"

	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/report/workbook"
)

// overzicht is the national overview: the reports of all 342 gemeenten
// and their total, as the run builds it.
func overzicht(b *testing.B) *report.Overzicht {
	h := history(b)
	var reports []*report.Report
	for _, g := range h.Gemeenten() {
		r, err := report.Build(h.Of(g), g, time.Time{}, national.params, h.Warnings)
		if err != nil {
			b.Fatal(err)
		}
		reports = append(reports, r)
	}
	o, err := report.BuildOverzicht(reports, national.params)
	if err != nil {
		b.Fatal(err)
	}
	return o
}

// BenchmarkOverzichtWorkbook: the national overview workbook (its Data
// sheet has some 530.000 rows), written to a discarding writer.
func BenchmarkOverzichtWorkbook(b *testing.B) {
	o := overzicht(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := workbook.WriteOverzicht(io.Discard, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverzichtPDF: the national overview PDF.
func BenchmarkOverzichtPDF(b *testing.B) {
	o := overzicht(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := raadsmededeling.WriteOverzicht(io.Discard, o); err != nil {
			b.Fatal(err)
		}
	}
}
