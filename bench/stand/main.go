// Command stand is the Go side of bench/run's comparison with DuckDB: it
// reads the export files of a folder (ingest) and computes every indicator
// of every gemeente (report), then prints the stand indicators per
// gemeente and peildatum as JSON lines, in DuckDB's format, and the time on
// stderr.
package main

import (
	"beschut/internal/value"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"sync"
	"time"

	"beschut/ingest"
	"beschut/report"
	"beschut/samples"
)

type line struct {
	Gemeente               string   `json:"gemeente"`
	Peildatum              string   `json:"peildatum"`
	InTraject              int      `json:"in_traject"`
	Stage                  int      `json:"stage"`
	Proefplaatsing         int      `json:"proefplaatsing"`
	Tijdelijk              int      `json:"tijdelijk"`
	Vast                   int      `json:"vast"`
	Betaald                int      `json:"betaald_dienstverband"`
	DienstverbandKonnected int      `json:"dienstverband_konnected"`
	GemiddeldeLoonwaarde   *float64 `json:"gemiddelde_loonwaarde"`
	Uitstroom              int      `json:"uitstroom"`
	LKS                    string   `json:"lks_kwartaal"`
	Begeleiding            string   `json:"begeleiding_kwartaal"`
}

func main() {
	start := time.Now()
	files, err := ingest.ListFiles(os.Args[1:])
	if err != nil {
		fail(err)
	}
	h, err := ingest.ReadPaths(files)
	if err != nil {
		fail(err)
	}
	if os.Getenv("BESCHUT_STAND_HEAP") != "" {
		heap(h) // before the clock's figure matters: a GC of its own
	}
	params, err := report.ParseParams("parameters.conf", samples.Parameters)
	if err != nil {
		fail(err)
	}
	// One worker per processor, as internal/pipeline builds the reports;
	// each report lands in its own slot, so the output order is fixed.
	gemeenten := h.Gemeenten()
	reports := make([]*report.Report, len(gemeenten))
	errs := make([]error, len(gemeenten))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(gemeenten)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				reports[i], errs[i] = report.Build(h.Of(gemeenten[i]), gemeenten[i], time.Time{}, params, nil)
			}
		}()
	}
	for i := range gemeenten {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			fail(err)
		}
	}
	elapsed := time.Since(start)
	enc := json.NewEncoder(os.Stdout)
	n := 0
	for _, r := range reports {
		for _, q := range r.Quarters {
			l := line{Gemeente: r.Gemeente, Peildatum: value.FormatDate(q.Peildatum), InTraject: q.InTraject, Stage: q.Stage,
				Proefplaatsing: q.Proefplaatsing, Tijdelijk: q.Tijdelijk, Vast: q.Vast, Betaald: q.Betaald,
				DienstverbandKonnected: q.DienstverbandKonnected, Uitstroom: q.Uitstroom,
				LKS: amount(q.LKSKwartaal), Begeleiding: amount(q.BegeleidingKwartaal)}
			if q.GemiddeldeLoonwaarde.Ok {
				v := math.Round(q.GemiddeldeLoonwaarde.V*1e6) / 1e6
				l.GemiddeldeLoonwaarde = &v
			}
			enc.Encode(l)
			n++
		}
	}
	fmt.Fprintf(os.Stderr, "go %.3f s, %d snapshots\n", elapsed.Seconds(), n)
}

// heap prints the live heap right after ingest, with every record held:
// the history's memory per row (docs/ingest.md).
func heap(h *ingest.History) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	rows := 0
	for _, s := range h.Snapshots {
		rows += len(s.Records)
	}
	fmt.Fprintf(os.Stderr, "heap %.1f MiB live after ingest, %d records, %.0f bytes per record\n",
		float64(m.HeapAlloc)/(1<<20), rows, float64(m.HeapAlloc)/float64(max(rows, 1)))
	runtime.KeepAlive(h)
}

func amount(c report.Opt[value.Cents]) string {
	v := int64(c.V)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
