package raadsmededeling_test

import (
	"io"
	"testing"
	"time"

	"beschut/internal/fixture"
	"beschut/report/raadsmededeling"
	"beschut/samples/generate/generator"
)

// BenchmarkWrite renders the Deventer 30-06-2023 raadsmededeling: the
// per-document cost of the PDF stage (layout, fonts, compression, PDF/A).
func BenchmarkWrite(b *testing.B) {
	rd := renderer(b, nil)
	r := fixture.Report(b, time.Time{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := rd.Write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteOverzicht renders the overview PDF of 342 gemeenten (the
// national run's overview; a short history, which does not change the
// overview's size).
func BenchmarkWriteOverzicht(b *testing.B) {
	o, _ := fixture.National(b, generator.National{Gemeenten: 342, LastYear: 2018, LastQuarter: 2, Scale: 1, Seed: 342})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := raadsmededeling.WriteOverzicht(io.Discard, o); err != nil {
			b.Fatal(err)
		}
	}
}
