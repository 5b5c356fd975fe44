package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	m, err := Parse(strings.NewReader("national_cpu 9.5\n\nduckdb_error npm ontbreekt (apt-get install nodejs npm)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m["national_cpu"] != "9.5" || m["duckdb_error"] != "npm ontbreekt (apt-get install nodejs npm)" || len(m) != 2 {
		t.Errorf("parsed %v", m)
	}
	for _, c := range []struct{ in, want string }{
		{"national_cpu\n", `line 1: "national_cpu" has no value`},
		{"a 1\nb  \n", `line 2: "b" has no value`},
		{"a 1\n\na 2\n", "line 3: a given twice"},
	} {
		if _, err := Parse(strings.NewReader(c.in)); err == nil || err.Error() != c.want {
			t.Errorf("Parse(%q): error %v, want %q", c.in, err, c.want)
		}
	}
}

// row finds the row whose measure starts with prefix.
func row(t *testing.T, m Measurements, prefix string) Row {
	t.Helper()
	for _, r := range Rows(m) {
		if strings.HasPrefix(r.Measure, prefix) {
			return r
		}
	}
	t.Fatalf("no row %q", prefix)
	return Row{}
}

// TestTargets: both sides of every target's boundary.
func TestTargets(t *testing.T) {
	for _, c := range []struct {
		name, key, value, row, met string
	}{
		{"national at limit", "national_cpu", "10", "national run (", "yes"},
		{"national above", "national_cpu", "10.01", "national run (", "no"},
		{"684 at limit", "national684_cpu", "10", "national run, the issue's 684", "yes"},
		{"684 above", "national684_cpu", "10.01", "national run, the issue's 684", "no"},
		{"wall at limit", "national_wall", "5.00", "national run, wall", "yes"},
		{"wall above", "national_wall", "5.01", "national run, wall", "no"},
		{"5× at limit", "x5_peak", "512", "5× set", "yes"},
		{"5× above", "x5_peak", "512.5", "5× set", "no"},
		{"validate at limit", "validate_peak", "300", "beschut validate", "yes"},
		{"validate above", "validate_peak", "301", "beschut validate", "no"},
		{"deventer at limit", "deventer_wall", "0.100", "Deventer", "yes"},
		{"deventer above", "deventer_wall", "0.101", "Deventer", "no"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if r := row(t, Measurements{c.key: c.value}, c.row); r.Met != c.met {
				t.Errorf("met %q, want %q (row %+v)", r.Met, c.met, r)
			}
		})
	}
}

func TestRatioCPU(t *testing.T) {
	r := row(t, Measurements{"go_1m": "2", "duckdb_1m": "1", "go_1m_cpu": "3.5", "duckdb_1m_cpu": "1.25"}, "ingest + indicators")
	if r.CPU != "3,50 (DuckDB 1,25)" {
		t.Errorf("CPU %q", r.CPU)
	}
}

func TestRatio(t *testing.T) {
	for _, c := range []struct{ gos, value, met string }{
		{"1.20", "2,0× (beschut 1,20 s)", "yes, stretch yes"},
		{"1.21", "2,0× (beschut 1,21 s)", "yes, stretch no"},
		{"1.80", "3,0× (beschut 1,80 s)", "yes, stretch no"},
		{"1.81", "3,0× (beschut 1,81 s)", "no"},
	} {
		r := row(t, Measurements{"go_1m": c.gos, "duckdb_1m": "0.60"}, "ingest + indicators")
		if r.Value != c.value || r.Met != c.met || r.DuckDB != "0,60 s" {
			t.Errorf("go %s: %+v, want value %q, met %q, DuckDB 0,60 s", c.gos, r, c.value, c.met)
		}
	}
}

// TestNotMeasured: a step that did not run says so and why; it is never
// counted as met.
func TestNotMeasured(t *testing.T) {
	m := Measurements{"go_1m": "2.5", "duckdb_error": "npm of node ontbreekt"}
	r := row(t, m, "ingest + indicators")
	if r.DuckDB != "not measured: npm of node ontbreekt" || r.Met != "unknown" || r.Value != "2,50 s" {
		t.Errorf("ratio row %+v", r)
	}
	r = row(t, m, "same numbers")
	if r.Value != "not measured: npm of node ontbreekt" || r.Met != "unknown" {
		t.Errorf("equality row %+v", r)
	}
	for _, r := range Rows(Measurements{}) {
		if r.Met != "unknown" || !strings.HasPrefix(r.Value, "not measured") {
			t.Errorf("empty measurements: %+v", r)
		}
	}
	r = row(t, Measurements{"x5_error": "beschut run eindigde met code 1"}, "5× set")
	if r.Value != "not measured: beschut run eindigde met code 1" {
		t.Errorf("5× row %+v", r)
	}
}

func TestEquality(t *testing.T) {
	r := row(t, Measurements{"same_1m": "yes", "snapshots_1m": "13338"}, "same numbers")
	if r.Value != "yes (13338 gemeente × peildatum)" || r.Met != "yes" {
		t.Errorf("%+v", r)
	}
	r = row(t, Measurements{"same_1m": `< {"gemeente":"Gemeente 001"…`}, "same numbers")
	if r.Value != `NO: < {"gemeente":"Gemeente 001"…` || r.Met != "no" {
		t.Errorf("%+v", r)
	}
}

func TestWrite(t *testing.T) {
	m := Measurements{"national_cpu": "21.456", "national_wall": "12.3", "national_runs": "2", "national684_cpu": "9.994", "national684_wall": "6.01", "national684_runs": "2", "deventer_wall": "0.131", "deventer_cpu": "0.12", "deventer_runs": "5"}
	var b bytes.Buffer
	if err := Write(&b, m); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2+8 {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	for i, want := range map[int]string{
		0: "| measure | target | value | CPU-s (user+sys) | DuckDB, same run | met |",
		2: "| national run (342 gemeenten, 2017-K1 … 2026-K3), CPU-s | ≤ 10 CPU-s | 21,46 CPU-s (wall 12,30 s), best of 2 | 21,46 | – | no |",
		4: "| national run, the issue's 684 documents (--formats werkboek,raadsmededeling), CPU-s | ≤ 10 CPU-s | 9,99 CPU-s (wall 6,01 s), best of 2 | 9,99 | – | yes |",
		9: "| Deventer samples, beschut run as a process, wall | ≤ 0,1 s | 0,131 s, best of 5 | 0,12 | – | no |",
	} {
		if lines[i] != want {
			t.Errorf("line %d:\n%s\nwant\n%s", i, lines[i], want)
		}
	}
}
