// Command stand is the Go side of bench/run's comparison with DuckDB: it
// reads the export files of a folder (ingest) and computes every indicator
// of every gemeente (report), then prints the stand indicators per
// gemeente and peildatum as JSON lines, in DuckDB's format, and the time on
// stderr.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
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
	params, err := report.ParseParams("parameters.conf", samples.Parameters)
	if err != nil {
		fail(err)
	}
	var reports []*report.Report
	for _, g := range h.Gemeenten() {
		r, err := report.Build(h.Of(g), g, time.Time{}, params, nil)
		if err != nil {
			fail(err)
		}
		reports = append(reports, r)
	}
	elapsed := time.Since(start)
	enc := json.NewEncoder(os.Stdout)
	n := 0
	for _, r := range reports {
		for _, q := range r.Quarters {
			l := line{Gemeente: r.Gemeente, Peildatum: ingest.FormatDate(q.Peildatum), InTraject: q.InTraject, Stage: q.Stage,
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

func amount(c report.Opt[ingest.Cents]) string {
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
