package workbook_test

import (
	"bytes"
	"testing"
	"time"

	"beschut/internal/fixture"
	"beschut/report/workbook"
)

// BenchmarkWrite: the Deventer workbook of the samples (26 quarters). The
// national-size figure is bench.BenchmarkWorkbook.
func BenchmarkWrite(b *testing.B) {
	r := fixture.Report(b, time.Time{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := workbook.Write(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSignalen: the confidential signal file of the Deventer samples.
func BenchmarkWriteSignalen(b *testing.B) {
	r := fixture.Report(b, time.Time{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := workbook.WriteSignalen(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}
