package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"beschut/ingest"
	"beschut/internal/pipeline"
	"beschut/report"
	"beschut/schedules"
)

// beschut runs the program as a user would, returning exit code and output.
func beschut(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := ExitCode((&Main{Stdout: &out, Stderr: &errOut}).Run(context.Background(), args))
	return code, out.String(), errOut.String()
}

const (
	samplesDir    = "../../samples"
	samplesParams = samplesDir + "/parameters.conf"
)

func TestValidateSamples(t *testing.T) {
	code, out, errOut := beschut(t, "validate", samplesDir)
	if code != ExitOK || !strings.Contains(out, "Alle bestanden zijn geldig.") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "gemeente Deventer, peildatum 31-12-2022: 49 regels") {
		t.Errorf("summary lacks the snapshot line:\n%s", out)
	}
}

// brokenCopy copies a sample and breaks the fase on its 5th line.
func brokenCopy(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir, "konnected_beschut_2023_K2.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lines[4] = strings.Replace(lines[4], ";tijdelijk;", ";tijdlijk;", 1)
	lines[4] = strings.Replace(lines[4], ";vast;", ";vst;", 1)
	path := filepath.Join(dir, "export_kapot.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestValidateBrokenCopy(t *testing.T) {
	bad := brokenCopy(t, t.TempDir())
	code, out, _ := beschut(t, "validate", bad)
	if code != ExitInvalid {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	if !strings.Contains(out, "export_kapot.csv:5: kolom 'fase': waarde 'tijdlijk' is geen toegestane waarde") &&
		!strings.Contains(out, "export_kapot.csv:5: kolom 'fase': waarde 'vst' is geen toegestane waarde") {
		t.Errorf("line 5 not named:\n%s", out)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"validate"}, {"onbekend"}, {"run", "--peildatum", "32-13-2023"}, {"run", "extra"}} {
		if code, _, _ := beschut(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	code, _, errOut := beschut(t, "run", "-h")
	if code != ExitOK || !strings.Contains(errOut, "Afsluitcodes:") || !strings.Contains(errOut, "--peildatum") && !strings.Contains(errOut, "-peildatum") {
		t.Errorf("run -h: exit %d\n%s", code, errOut)
	}
}

// TestParamsRequired: real exports without --params, or a scheduled job
// without parameters, stop with exit 2 and say why; the embedded samples
// alone still run on their sample parameters (TestRunSamples).
func TestParamsRequired(t *testing.T) {
	out := filepath.Join(t.TempDir(), "uit")
	code, _, errOut := beschut(t, "run", "--input", samplesDir, "--out", out)
	if code != ExitUsage || !strings.Contains(errOut, "--params ontbreekt: bij eigen exports (--input) is het parameterbestand van de gemeente(n) verplicht") {
		t.Errorf("run --input without --params: exit %d\n%s", code, errOut)
	}
	if _, err := os.Lstat(out); err == nil {
		t.Errorf("something was written")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "taken.conf")
	os.WriteFile(conf, []byte("[taak a]\nschema = @hourly\ninbox = in\nuitvoer = uit\nvertrouwelijk = geheim\narchief = arch\nquarantaine = q\n"), 0o644)
	for _, mode := range []string{"--once", "--list"} {
		code, _, errOut = beschut(t, "schedule", "--config", conf, mode)
		if code != ExitUsage || !strings.Contains(errOut, "taak a heeft geen 'parameters': het parameterbestand van de gemeente(n) is verplicht") {
			t.Errorf("schedule %s without parameters: exit %d\n%s", mode, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "in")); err == nil {
		t.Errorf("the job ran")
	}
}

// TestRunConfidentialDir: the confidential folder may not be the output
// folder or lie inside it.
func TestRunConfidentialDir(t *testing.T) {
	out := t.TempDir()
	for _, conf := range []string{out, filepath.Join(out, "geheim")} {
		code, _, errOut := beschut(t, "run", "--out", out, "--vertrouwelijk", conf)
		if code != ExitUsage || !strings.Contains(errOut, "mag niet gelijk zijn aan de uitvoermap") {
			t.Errorf("--vertrouwelijk %s: exit %d\n%s", conf, code, errOut)
		}
	}
}

// TestRunGemeenteClash: two gemeenten that would share file names stop the
// run with exit 1 and an error naming both; nothing is written.
func TestRunGemeenteClash(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "uit")
	data, err := os.ReadFile(filepath.Join(samplesDir, "konnected_beschut_2023_K2.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	rows := lines[1:len(lines):len(lines)]
	for i, g := range []string{"Den Haag", "Den-Haag"} {
		for _, l := range rows {
			lines = append(lines, strings.NewReplacer(";Deventer;", ";"+g+";", "KD-", fmt.Sprintf("H%d-", i)).Replace(l))
		}
	}
	os.WriteFile(filepath.Join(in, "regio.csv"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	conf, err := os.ReadFile(samplesParams)
	if err != nil {
		t.Fatal(err)
	}
	params := filepath.Join(t.TempDir(), "parameters.conf")
	os.WriteFile(params, append(conf, "\n[gemeente \"Den Haag\"]\nverwachte_instroom = 3\n[gemeente \"Den-Haag\"]\nverwachte_instroom = 3\n"...), 0o644)
	code, _, errOut := beschut(t, "run", "--input", in, "--params", params, "--out", out)
	if code != ExitInvalid || !strings.Contains(errOut, `gemeenten "Den Haag" en "Den-Haag" krijgen dezelfde bestandsnaam Den-Haag…`) {
		t.Errorf("exit %d\n%s", code, errOut)
	}
	if _, err := os.Lstat(out); err == nil {
		t.Errorf("something was written")
	}
}

func readManifest(t *testing.T, dir string) pipeline.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, pipeline.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m pipeline.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func hashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		out[e.Name()] = hex.EncodeToString(sum[:])
	}
	return out
}

// TestRunSamples: the embedded samples give the Deventer workbook and
// raadsmededeling for 30-06-2023 and a manifest whose sha256 match; a
// second run gives identical bytes.
func TestRunSamples(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, out, errOut := beschut(t, "run", "--out", dir); code != ExitOK {
			t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
		}
	}
	ha, hb := hashes(t, a), hashes(t, b)
	for k, v := range hashes(t, a+"-vertrouwelijk") {
		ha["vertrouwelijk/"+k] = v
	}
	for k, v := range hashes(t, b+"-vertrouwelijk") {
		hb["vertrouwelijk/"+k] = v
	}
	want := []string{"Deventer_2023-K2_beschut-werk.xlsx", "Deventer_2023-K2_raadsmededeling.pdf", "manifest.json", "vertrouwelijk/Deventer_2023-K2_signalen_VERTROUWELIJK.xlsx", "vertrouwelijk/manifest.json"}
	if len(ha) != len(want) {
		t.Fatalf("files %v, want %v", ha, want)
	}
	for _, name := range want {
		if ha[name] == "" || ha[name] != hb[name] {
			t.Errorf("%s: %q vs %q", name, ha[name], hb[name])
		}
	}
	m := readManifest(t, a)
	if len(m.Inputs) != 26 || len(m.Outputs) != 3 {
		t.Fatalf("manifest: %d inputs, %d outputs", len(m.Inputs), len(m.Outputs))
	}
	for _, o := range m.Outputs {
		path := o.Path
		if o.Vertrouwelijk {
			path = "vertrouwelijk/" + path
		}
		if ha[path] != o.SHA256 || o.Gemeente != "Deventer" || o.Peildatum != "30-06-2023" {
			t.Errorf("manifest output %+v, file sha256 %s", o, ha[path])
		}
	}
}

func TestRunPeildatum(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := beschut(t, "run", "--out", dir, "--peildatum", "31-12-2022"); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "Deventer_2022-K4_raadsmededeling.pdf")); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := beschut(t, "run", "--out", t.TempDir(), "--peildatum", "31-12-2012"); code != ExitInvalid || !strings.Contains(errOut, "geen export met peildatum 31-12-2012") {
		t.Errorf("missing peildatum: exit %d\n%s", code, errOut)
	}
}

// TestRunBadFileWritesNothing: one invalid export, exit 1, the Dutch error
// list, and the previous outputs untouched.
func TestRunBadFileWritesNothing(t *testing.T) {
	out := t.TempDir()
	if code, _, errOut := beschut(t, "run", "--out", out); code != ExitOK {
		t.Fatalf("first run: %s", errOut)
	}
	before := hashes(t, out)
	in := t.TempDir()
	bad := brokenCopy(t, in)
	code, _, errOut := beschut(t, "run", "--input", samplesDir, "--input", bad, "--params", samplesParams, "--out", out, "--peildatum", "31-12-2022")
	if code != ExitInvalid || !strings.Contains(errOut, "export_kapot.csv:5: kolom 'fase'") {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	after := hashes(t, out)
	if len(after) != len(before) {
		t.Fatalf("files changed: %v → %v", before, after)
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed", k)
		}
	}
}

// TestRunTwoGemeenten: a regional export gives documents per gemeente.
func TestRunTwoGemeenten(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for _, q := range []string{"2022_K4", "2023_K1", "2023_K2"} {
		data, err := os.ReadFile(filepath.Join(samplesDir, "konnected_beschut_"+q+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		for _, l := range lines[1:] {
			if l != "" {
				lines = append(lines, strings.NewReplacer(";Deventer;", ";Olst-Wijhe;", "KD-", "OW-").Replace(l))
			}
		}
		if err := os.WriteFile(filepath.Join(in, "regio_"+q+".csv"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Contract 1.1: every gemeente must be configured in the parameters file.
	conf, err := os.ReadFile(filepath.Join(samplesDir, "parameters.conf"))
	if err != nil {
		t.Fatal(err)
	}
	params := filepath.Join(t.TempDir(), "regio.conf")
	if err := os.WriteFile(params, append(conf, "\n[Olst-Wijhe]\nverwachte_instroom = 3\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, o, errOut := beschut(t, "run", "--input", in, "--params", params, "--out", out); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, o, errOut)
	}
	m := readManifest(t, out)
	if len(m.Outputs) != 8 || len(m.Inputs) != 6 { // per gemeente: werkboek, raadsmededeling, signalen; and their overview workbook and PDF
		t.Fatalf("outputs %+v inputs %d", m.Outputs, len(m.Inputs))
	}
	for _, name := range []string{"Deventer_2023-K2_raadsmededeling.pdf", "Olst-Wijhe_2023-K2_raadsmededeling.pdf", "Olst-Wijhe_2023-K2_beschut-werk.xlsx", "Alle-gemeenten_2023-K2_overzicht.xlsx", "Alle-gemeenten_2023-K2_overzicht.pdf"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestExitCode: the one mapping from errors to exit codes, for errors as
// the packages return them (wrapped as they arrive in main).
func TestExitCode(t *testing.T) {
	_, paramsErr := report.ParseParams("p.conf", []byte("[Deventer 2023]\ntaakstelling = veel\n"))
	_, configErr := schedules.ParseConfig("t.conf", []byte("[taak a]\n"), ".")
	_, filesErr := ingest.Combine([]*ingest.FileResult{ingest.ReadFile("x.csv", nil, time.Time{})})
	tests := []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{flag.ErrHelp, ExitOK},
		{&usageError{"x"}, ExitUsage},
		{fmt.Errorf("run: %w", filesErr), ExitInvalid},
		{fmt.Errorf("parameters: %w", paramsErr), ExitInvalid},
		{configErr, ExitInvalid},
		{&pipeline.NoPeildatumError{Gemeente: "Deventer"}, ExitInvalid},
		{&schedules.LockedError{Inbox: "in", PID: 1}, ExitFailure},
		{&pipeline.BusyError{Path: "uit"}, ExitFailure},
		{ErrParamsRequired, ExitUsage},
		{fmt.Errorf("taak: %w", &schedules.ParamsMissingError{Source: "t.conf", Jobs: []string{"a"}}), ExitUsage},
		{&pipeline.ConfidentialDirError{Out: "uit", Confidential: "uit"}, ExitUsage},
		{fmt.Errorf("run: %w", &pipeline.ClashError{Name: "Den-Haag", A: "Den Haag", B: "Den-Haag"}), ExitInvalid},
		{os.ErrPermission, ExitFailure},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// TestGCSettings: run and schedule collect less often under a soft memory
// limit; validate keeps Go's defaults; an operator's GOGC or GOMEMLIMIT
// wins, each on its own.
func TestGCSettings(t *testing.T) {
	tests := []struct {
		command string
		env     map[string]string
		percent int
		limit   int64
		ok      bool
	}{
		{"run", nil, 400, 448 << 20, true},
		{"schedule", nil, 400, 448 << 20, true},
		{"validate", nil, 0, 0, false},
		{"help", nil, 0, 0, false},
		{"run", map[string]string{"GOGC": "100"}, 0, 0, false},
		{"run", map[string]string{"GOMEMLIMIT": "1GiB"}, 0, 0, false},
		{"schedule", map[string]string{"GOGC": "off", "GOMEMLIMIT": "2GiB"}, 0, 0, false},
		{"run", map[string]string{"GOGC": ""}, 400, 448 << 20, true}, // set but empty: Go ignores it too
	}
	for _, tt := range tests {
		percent, limit, ok := gcSettings(tt.command, func(k string) string { return tt.env[k] })
		if percent != tt.percent || limit != tt.limit || ok != tt.ok {
			t.Errorf("%s %v: %d %d %v, want %d %d %v", tt.command, tt.env, percent, limit, ok, tt.percent, tt.limit, tt.ok)
		}
	}
}
