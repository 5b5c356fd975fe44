package ingest_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"beschut/ingest"
)

// BenchmarkReadLargestFile reads the largest export of the 5x set
// (BESCHUT_BENCH_DATA, as bench/ uses it: about 55 000 rows): ingest per
// row without the other files, the reports or a second worker.
func BenchmarkReadLargestFile(b *testing.B) {
	dir := os.Getenv("BESCHUT_BENCH_DATA")
	if dir == "" {
		b.Skip("BESCHUT_BENCH_DATA is not set (bench/prepare makes the data sets)")
	}
	name := filepath.Join(dir, "x5", "nationaal_2026_K3.csv")
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		res := ingest.ReadFile(name, data, time.Time{})
		if len(res.Errors) > 0 {
			b.Fatal(res.Errors[0])
		}
		rows = res.Source.Rows
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}
