package workbook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"beschut/internal/fixture"
	"beschut/report"
	"beschut/report/workbook"
	"beschut/samples/generate/generator"
)

// BenchmarkWrite: the Deventer workbook of the samples (26 quarters).
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

// The national set (342 gemeenten, 2017-K1 … 2026-K3): read from
// $BESCHUT_BENCH_DATA/nl when set (bench/run's set), else generated into a
// temporary folder. Built once per process.
var (
	nationalOnce      sync.Once
	nationalOverzicht *report.Overzicht
	nationalReports   []*report.Report
)

func national(b testing.TB) (*report.Overzicht, []*report.Report) {
	b.Helper()
	nationalOnce.Do(func() {
		n := generator.DefaultNational
		dir := os.Getenv("BESCHUT_BENCH_DATA")
		if dir == "" {
			nationalOverzicht, nationalReports = fixture.National(b, n)
			return
		}
		p, err := report.ParseParams("national.conf", generator.NationalParams(n))
		if err != nil {
			b.Fatal(err)
		}
		nationalOverzicht, nationalReports = fixture.Overzicht(b, []string{filepath.Join(dir, "nl")}, p)
	})
	if nationalOverzicht == nil {
		b.Fatal("national set not built")
	}
	return nationalOverzicht, nationalReports
}

// BenchmarkWriteNational: the workbooks of the national set's gemeenten,
// one gemeente per op in turn; with -benchtime=342x each is written once,
// and ns/op, B/op and allocs/op are the mean per gemeente workbook.
func BenchmarkWriteNational(b *testing.B) {
	_, reports := national(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := workbook.Write(&bytes.Buffer{}, reports[i%len(reports)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSignalenNational: the confidential signal files of the
// national set, as BenchmarkWriteNational.
func BenchmarkWriteSignalenNational(b *testing.B) {
	_, reports := national(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := workbook.WriteSignalen(&bytes.Buffer{}, reports[i%len(reports)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteOverzichtNational: the overview of the national set's 342
// gemeenten (its Data sheet some 530.000 rows).
func BenchmarkWriteOverzichtNational(b *testing.B) {
	o, _ := national(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := workbook.WriteOverzicht(&bytes.Buffer{}, o); err != nil {
			b.Fatal(err)
		}
	}
}
