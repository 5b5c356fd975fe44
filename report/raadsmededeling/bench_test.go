package raadsmededeling_test

import (
	"io"
	"testing"
	"time"

	"beschut/internal/fixture"
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
