// Package bench measures every stage of beschut on a national history:
// 342 gemeenten, quarterly from 2017-K1 to 2026-K3 (generator.DefaultNational).
// Run it with bench/run, which prints a table and compares with DuckDB.
package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"beschut/bench/dataset"
	"beschut/ingest"
	"beschut/internal/pipeline"
	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/report/workbook"
	"beschut/samples"
	"beschut/samples/generate/generator"
)

// set is a national data set, generated once per process by
// dataset.Ensure into a cache folder named after its parameters (the
// generator is deterministic). bench/run sets BESCHUT_BENCH_DATA to the
// folder where it generated the sets, so the benchmarks read the same files.
type set struct {
	once   sync.Once
	n      generator.National
	sub    string // folder under BESCHUT_BENCH_DATA
	files  []string
	params *report.Params
	err    error
}

func (d *set) dir() string {
	if base := os.Getenv("BESCHUT_BENCH_DATA"); base != "" {
		return filepath.Join(base, d.sub)
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("beschut-bench-%d-%d-%d-%.2f", d.n.Gemeenten, d.n.LastYear, d.n.LastQuarter, d.n.Scale))
}

func (d *set) load(b *testing.B) {
	b.Helper()
	d.once.Do(func() {
		d.files, d.err = dataset.Ensure(d.dir(), d.n)
		if d.err == nil {
			d.params, d.err = report.ParseParams("national", generator.NationalParams(d.n))
		}
	})
	if d.err != nil {
		b.Fatal(d.err)
	}
}

var (
	national = &set{n: generator.DefaultNational, sub: "nl"}
	// million is about a million rows: the national set at five times the size.
	million = &set{n: generator.National{Gemeenten: 342, LastYear: 2026, LastQuarter: 3, Scale: 5, Seed: 342}, sub: "x5"}
)

func rows(h *ingest.History) int {
	n := 0
	for _, f := range h.Files {
		n += f.Source.Rows
	}
	return n
}

func benchIngest(b *testing.B, d *set) {
	d.load(b)
	var n int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h, err := ingest.ReadPaths(d.files)
		if err != nil {
			b.Fatal(err)
		}
		n = rows(h)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(n), "rows")
}

// BenchmarkIngest: read and validate every quarter of the national set.
func BenchmarkIngest(b *testing.B) { benchIngest(b, national) }

// BenchmarkIngest1M: the same at about a million rows.
func BenchmarkIngest1M(b *testing.B) { benchIngest(b, million) }

// BenchmarkIngestIndicators1M: ingest plus every indicator of every
// gemeente and peildatum — what DuckDB's query is compared with.
func BenchmarkIngestIndicators1M(b *testing.B) {
	million.load(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h, err := ingest.ReadPaths(million.files)
		if err != nil {
			b.Fatal(err)
		}
		for _, g := range h.Gemeenten() {
			if _, err := report.Build(h.Of(g), g, time.Time{}, million.params, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func history(b *testing.B) *ingest.History {
	national.load(b)
	h, err := ingest.ReadPaths(national.files)
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// BenchmarkReport: the report model of every gemeente.
func BenchmarkReport(b *testing.B) {
	h := history(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, g := range h.Gemeenten() {
			if _, err := report.Build(h.Of(g), g, time.Time{}, national.params, h.Warnings); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(h.Gemeenten())), "gemeenten")
}

// largest is the report of the gemeente with the most people at the end.
func largest(b *testing.B) *report.Report {
	h := history(b)
	var best *report.Report
	for _, g := range h.Gemeenten() {
		r, err := report.Build(h.Of(g), g, time.Time{}, national.params, nil)
		if err != nil {
			b.Fatal(err)
		}
		if best == nil || r.Current.InTraject > best.Current.InTraject {
			best = r
		}
	}
	return best
}

// BenchmarkWorkbook: the workbook of the largest gemeente.
func BenchmarkWorkbook(b *testing.B) {
	r := largest(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := workbook.Write(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDF: the raadsmededeling of the largest gemeente.
func BenchmarkPDF(b *testing.B) {
	r := largest(b)
	docs, err := pipeline.Documents(raadsmededeling.Settings{}, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := docs[1].Render(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun: the whole beschut run over all gemeenten — ingest, all
// indicators, the documents of every gemeente (workbook, raadsmededeling,
// signal file), the overview of all gemeenten, manifest — written to disk.
func BenchmarkRun(b *testing.B) {
	national.load(b)
	docs, err := pipeline.Documents(raadsmededeling.Settings{}, "")
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := pipeline.Run(pipeline.Options{Inputs: national.files, Params: generator.NationalParams(national.n), ParamsName: "national", Out: out, Renderers: docs, Overview: true})
		if err != nil {
			b.Fatal(err)
		}
		// Every document of every gemeente, and the overview of them all (workbook and PDF).
		if want := len(docs)*national.n.Gemeenten + 2; len(m.Outputs) != want {
			b.Fatalf("%d outputs, want %d", len(m.Outputs), want)
		}
		if !slices.ContainsFunc(m.Outputs, func(o pipeline.Output) bool { return o.Kind == pipeline.OverzichtKind }) {
			b.Fatalf("no %s among the outputs", pipeline.OverzichtKind)
		}
	}
}

// BenchmarkDeventer: beschut run on the embedded Deventer samples, in the
// process (what `beschut run` does after start-up): ingest of the 26
// sample files, the report, the three documents, the manifest.
func BenchmarkDeventer(b *testing.B) {
	docs, err := pipeline.Documents(raadsmededeling.Settings{}, "")
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := pipeline.Run(pipeline.Options{Samples: samples.Exports, Params: samples.Parameters, ParamsName: "samples/parameters.conf", Out: out, Renderers: docs})
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Outputs) != len(docs) {
			b.Fatalf("%d outputs, want %d", len(m.Outputs), len(docs))
		}
	}
}
