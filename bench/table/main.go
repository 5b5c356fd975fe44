// Command table prints the one table of bench/run: every figure of the
// targets of issue 16, with the target, the value and whether it is met.
// It reads the measurements bench/run collected as "key value…" lines on
// stdin (see Measurements) and writes a Markdown table on stdout.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func main() {
	m, err := Parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
	if err := Write(os.Stdout, m); err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
}

// Measurements are bench/run's figures by key. A key is missing when the
// step did not run; "<step>_error" keys hold why a step failed or was not
// measured (for example "duckdb_error npm ontbreekt").
//
//	national_wall, national_cpu    seconds (best of the runs), CPU = user+sys
//	national_runs                  number of runs
//	national684_wall, _cpu, _runs  the same with --formats werkboek,raadsmededeling
//	x5_peak                        MiB, maximum resident set of beschut run on the 5× set
//	x5_wall, x5_cpu                seconds
//	validate_peak                  MiB, beschut validate on the 2M-row file
//	validate_rows                  data rows of that file
//	validate_wall, validate_cpu    seconds
//	go_1m, duckdb_1m               seconds, ingest + indicators on the 1M set (best of the runs)
//	go_1m_cpu, duckdb_1m_cpu       CPU-seconds of those processes
//	rows_1m                        data rows of the 1M set
//	same_1m                        "yes" or the first difference
//	snapshots_1m                   gemeente × peildatum lines compared
//	deventer_wall, deventer_cpu    seconds, best of deventer_runs
type Measurements map[string]string

// Parse reads "key value" lines; the value is the rest of the line. Blank
// lines are skipped; a line without a value, or a key given twice, is an
// error with its line number.
func Parse(r io.Reader) (Measurements, error) {
	m := Measurements{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, " ")
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			return nil, fmt.Errorf("line %d: %q has no value", n, line)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("line %d: %s given twice", n, k)
		}
		m[k] = v
	}
	return m, sc.Err()
}

// number returns the value of key as a number; ok is false when it is
// missing or not a number.
func (m Measurements) number(key string) (float64, bool) {
	v, err := strconv.ParseFloat(m[key], 64)
	return v, err == nil
}

// Row is one line of the table.
type Row struct {
	Measure, Target, Value, CPU, DuckDB, Met string
}

// verdict is "yes" when v ≤ limit, else "no".
func verdict(v, limit float64) string {
	if v <= limit {
		return "yes"
	}
	return "no"
}

// notMeasured is the value of a figure whose step did not give it.
func (m Measurements) notMeasured(step string) string {
	if why := m[step+"_error"]; why != "" {
		return "not measured: " + why
	}
	return "not measured"
}

func secs(v float64) string { return strings.Replace(fmt.Sprintf("%.2f s", v), ".", ",", 1) }
func cpu(v float64) string  { return strings.Replace(fmt.Sprintf("%.2f", v), ".", ",", 1) }
func mib(v float64) string  { return fmt.Sprintf("%.0f MiB", v) }

// nationalCPU is the row of a national run measured under key (key_cpu,
// key_wall, key_runs): the target is in CPU-seconds; wall is shown next to it.
func (m Measurements) nationalCPU(measure, key string) Row {
	r := Row{Measure: measure, Target: "≤ 10 CPU-s", Met: "unknown"}
	c, ok := m.number(key + "_cpu")
	if !ok {
		r.Value = m.notMeasured(key)
		return r
	}
	r.Value, r.CPU, r.Met = cpu(c)+" CPU-s", cpu(c), verdict(c, 10)
	if w, ok := m.number(key + "_wall"); ok {
		r.Value += " (wall " + secs(w) + ")"
	}
	if n := m[key+"_runs"]; n != "" {
		r.Value += ", best of " + n
	}
	return r
}

// Rows turns the measurements into the table's rows, in the order of the
// issue's targets.
func Rows(m Measurements) []Row {
	var rows []Row
	rows = append(rows, m.nationalCPU("national run (342 gemeenten, 2017-K1 … 2026-K3), CPU-s", "national"))

	r := Row{Measure: "national run, wall", Target: "≈ ≤ 5 s with both cores free", Met: "unknown"}
	if w, ok := m.number("national_wall"); ok {
		r.Value, r.Met = secs(w), verdict(w, 5)
		if c, ok := m.number("national_cpu"); ok {
			r.CPU = cpu(c)
		}
	} else {
		r.Value = m.notMeasured("national")
	}
	rows = append(rows, r)

	// The same run with the 684 documents the issue counted.
	rows = append(rows, m.nationalCPU("national run, the issue's 684 documents (--formats werkboek,raadsmededeling), CPU-s", "national684"))

	rows = append(rows, m.peak("5× set (≈ 1M rows): beschut run, peak RSS", "x5", 512))
	r = m.peak("beschut validate, one 2M-row file, peak RSS", "validate", 300)
	if n := m["validate_rows"]; n != "" && r.Met != "unknown" {
		r.Value += " (" + n + " rows)"
	}
	rows = append(rows, r)

	// Ingest + indicators against DuckDB in the same run.
	r = Row{Measure: "ingest + indicators, 1M set, time ÷ DuckDB's", Target: "≤ 3× (stretch 2×)", Met: "unknown"}
	g, gok := m.number("go_1m")
	d, dok := m.number("duckdb_1m")
	switch {
	case gok && dok && d > 0:
		ratio := g / d
		r.Value = strings.Replace(fmt.Sprintf("%.1f×", ratio), ".", ",", 1) + " (beschut " + secs(g) + ")"
		r.DuckDB = secs(d)
		if c, ok := m.number("go_1m_cpu"); ok {
			r.CPU = cpu(c)
			if c, ok := m.number("duckdb_1m_cpu"); ok {
				r.CPU += " (DuckDB " + cpu(c) + ")"
			}
		}
		r.Met = verdict(ratio, 3)
		if r.Met == "yes" {
			r.Met += ", stretch " + verdict(ratio, 2)
		}
	case !gok:
		r.Value = m.notMeasured("go")
	default:
		r.Value, r.DuckDB = secs(g), m.notMeasured("duckdb")
	}
	rows = append(rows, r)

	r = Row{Measure: "same numbers as DuckDB, field by field", Target: "yes", Met: "unknown"}
	switch same := m["same_1m"]; {
	case same == "":
		r.Value = m.notMeasured("duckdb")
	case same == "yes":
		r.Value, r.Met = "yes", "yes"
		if n := m["snapshots_1m"]; n != "" {
			r.Value += " (" + n + " gemeente × peildatum)"
		}
	default:
		r.Value, r.Met = "NO: "+same, "no"
	}
	rows = append(rows, r)

	r = Row{Measure: "Deventer samples, beschut run as a process, wall", Target: "≤ 0,1 s", Met: "unknown"}
	if w, ok := m.number("deventer_wall"); ok {
		r.Value, r.Met = strings.Replace(fmt.Sprintf("%.3f s", w), ".", ",", 1), verdict(w, 0.1)
		if n := m["deventer_runs"]; n != "" {
			r.Value += ", best of " + n
		}
		if c, ok := m.number("deventer_cpu"); ok {
			r.CPU = cpu(c)
		}
	} else {
		r.Value = m.notMeasured("deventer")
	}
	rows = append(rows, r)
	return rows
}

// peak is the row of a peak-memory target of step (key step_peak in MiB).
func (m Measurements) peak(measure, step string, limit float64) Row {
	r := Row{Measure: measure, Target: fmt.Sprintf("≤ %.0f MiB", limit), Met: "unknown"}
	p, ok := m.number(step + "_peak")
	if !ok {
		r.Value = m.notMeasured(step)
		return r
	}
	r.Value, r.Met = mib(p), verdict(p, limit)
	if c, ok := m.number(step + "_cpu"); ok {
		r.CPU = cpu(c)
	}
	if w, ok := m.number(step + "_wall"); ok {
		r.Value += ", wall " + secs(w)
	}
	return r
}

// Write prints the rows as a Markdown table.
func Write(w io.Writer, m Measurements) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "| measure | target | value | CPU-s (user+sys) | DuckDB, same run | met |")
	fmt.Fprintln(bw, "| --- | --- | --- | --- | --- | --- |")
	for _, r := range Rows(m) {
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", r.Measure, r.Target, r.Value, dash(r.CPU), dash(r.DuckDB), r.Met)
	}
	return bw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
