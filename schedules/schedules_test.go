package schedules_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"beschut/internal/pipeline"
	"beschut/schedules"
)

const samplesDir = "../samples"

// setup makes a job folder with a definitions file and returns the config path.
func setup(t *testing.T, spec, settle string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	conf := fmt.Sprintf(`[taak test]
schema = %s
inbox = inbox
uitvoer = uitvoer
archief = archief
quarantaine = quarantaine
vertrouwelijk = vertrouwelijk
parameters = %s
rust = %s
`, spec, filepath.Join(mustAbs(t, samplesDir), "parameters.conf"), settle)
	path := filepath.Join(dir, "taken.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func config(t *testing.T, path string) *schedules.Config {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := schedules.ParseConfig(path, data, filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// dropSamples copies the sample exports into the inbox with an old
// modification time (written long ago, complete).
func dropSamples(t *testing.T, inbox string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	entries, _ := filepath.Glob(filepath.Join(samplesDir, "*.csv"))
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for i, e := range entries {
		data, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(inbox, filepath.Base(e))
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// Later quarters later, as KonnecteD delivers them.
		os.Chtimes(dst, old.Add(time.Duration(i)*time.Second), old.Add(time.Duration(i)*time.Second))
		sum := sha256.Sum256(data)
		sums[hex.EncodeToString(sum[:])] = filepath.Base(e)
	}
	return sums
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func env(log *slog.Logger) schedules.Env { return schedules.Env{Now: time.Now, Log: log} }

func waitFor(t *testing.T, what string, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func count(dir, pattern string) int {
	m, _ := filepath.Glob(filepath.Join(dir, pattern))
	return len(m)
}

func fileHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	m, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range m {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		out[filepath.Base(p)] = hex.EncodeToString(sum[:])
	}
	return out
}

// checkOutputs: every output the manifest names is there, whole: the public
// ones in out, the confidential ones in the job's vertrouwelijk folder
// beside it, each holding its documents and the manifest, nothing more.
func checkOutputs(t *testing.T, out string) pipeline.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, pipeline.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m pipeline.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	conf := confidentialOf(out)
	pub, sec := fileHashes(t, out), fileHashes(t, conf)
	public := 0
	for _, o := range m.Outputs {
		h := pub
		if o.Vertrouwelijk {
			h = sec
		} else {
			public++
		}
		if h[o.Path] != o.SHA256 {
			t.Errorf("%s: sha256 %s, manifest %s", o.Path, h[o.Path], o.SHA256)
		}
	}
	for _, dir := range []string{out, conf} {
		if u := pipeline.Unfinished(dir); len(u) > 0 {
			t.Errorf("unfinished in %s: %v", dir, u)
		}
	}
	if len(pub) != public+1 {
		t.Errorf("%d files for %d public outputs: %v", len(pub), public, pub)
	}
	if secret := len(m.Outputs) - public; secret > 0 && len(sec) != secret+1 {
		t.Errorf("%d files for %d confidential outputs: %v", len(sec), secret, sec)
	}
	return m
}

// confidentialOf is the vertrouwelijk folder of setup's job, beside out.
func confidentialOf(out string) string { return filepath.Join(filepath.Dir(out), "vertrouwelijk") }

// outputHashes are the hashes of the public and the confidential documents.
func outputHashes(t *testing.T, out string) map[string]string {
	h := fileHashes(t, out)
	for k, v := range fileHashes(t, confidentialOf(out)) {
		h[k] = v
	}
	return h
}

// TestServe: the scheduler on a seconds-level schedule takes the samples,
// writes the documents and archives the exports; a bad file then goes to
// quarantine with its error report and the good outputs stay as they were.
func TestServe(t *testing.T) {
	dir, path := setup(t, "* * * * * *", "0s")
	c := config(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- schedules.Serve(ctx, c, env(quiet())) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	sums := dropSamples(t, filepath.Join(dir, "inbox"))
	waitFor(t, "all exports archived", 30*time.Second, func() bool { return count(filepath.Join(dir, "archief"), "*.csv") == len(sums) })
	out := filepath.Join(dir, "uitvoer")
	waitFor(t, "manifest", 5*time.Second, func() bool { return count(out, "manifest.json") == 1 })
	m := checkOutputs(t, out)
	if len(m.Outputs) != 3 || m.Outputs[0].Peildatum != "30-06-2023" { // werkboek, raadsmededeling, signalen
		t.Fatalf("outputs %+v", m.Outputs)
	}
	for _, in := range m.Inputs { // the manifest names the archived files
		if _, err := os.Stat(in.Path); err != nil || filepath.Base(filepath.Dir(in.Path)) != "archief" {
			t.Errorf("manifest input %s: %v", in.Path, err)
		}
	}
	before := fileHashes(t, out)

	bad := "peildatum;gemeente;clientnummer\n30-06-2023;Deventer;123456782\n"
	os.WriteFile(filepath.Join(dir, "inbox", "kapot.csv"), []byte(bad), 0o644)
	q := filepath.Join(dir, "quarantaine")
	waitFor(t, "quarantine", 10*time.Second, func() bool { return count(q, "*_kapot.csv") == 1 && count(q, "*_kapot.csv.fouten.txt") == 1 })
	notes, _ := filepath.Glob(filepath.Join(q, "*_kapot.csv.fouten.txt"))
	report, _ := os.ReadFile(notes[0])
	// The note names the file where it is now: in the quarantine.
	if moved := strings.TrimSuffix(notes[0], ".fouten.txt"); !strings.Contains(string(report), moved+":") {
		t.Errorf("error report does not name %s:\n%s", moved, report)
	}
	if !strings.Contains(string(report), "kolom 'clientnummer': waarde '123456782' lijkt een BSN") || !strings.Contains(string(report), "verplichte kolom ontbreekt") {
		t.Errorf("error report:\n%s", report)
	}
	after := fileHashes(t, out)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed by the bad file", k)
		}
	}
}

// TestSlowWriter: a file still being written is left for a later run.
func TestSlowWriter(t *testing.T) {
	dir, path := setup(t, "@hourly", "1s")
	job := config(t, path).Jobs[0]
	data, err := os.ReadFile(filepath.Join(samplesDir, "konnected_beschut_2023_K2.csv"))
	if err != nil {
		t.Fatal(err)
	}
	inbox := filepath.Join(dir, "inbox")
	os.MkdirAll(inbox, 0o755)
	target := filepath.Join(inbox, "export.csv")
	f, err := os.Create(target)
	if err != nil {
		t.Fatal(err)
	}
	chunk := len(data)/6 + 1
	for off := 0; off < len(data); off += chunk {
		f.Write(data[off:min(off+chunk, len(data))])
		f.Sync()
		res, err := job.Run(env(quiet()))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Taken) > 0 || len(res.Quarantined) > 0 || len(res.Waiting) != 1 {
			t.Fatalf("half-written file handled: %+v", res)
		}
		time.Sleep(300 * time.Millisecond)
	}
	f.Close()
	time.Sleep(1100 * time.Millisecond)
	res, err := job.Run(env(quiet()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Taken) != 1 || len(res.Quarantined) != 0 {
		t.Fatalf("complete file not taken: %+v", res)
	}
	// Idempotent: nothing new, nothing changes.
	before := fileHashes(t, filepath.Join(dir, "uitvoer"))
	res, err = job.Run(env(quiet()))
	if err != nil || len(res.Taken)+len(res.Rendered) != 0 {
		t.Fatalf("second run did something: %+v %v", res, err)
	}
	after := fileHashes(t, filepath.Join(dir, "uitvoer"))
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Error("outputs changed on a run with nothing new")
	}
	// The same content again is not processed twice.
	os.WriteFile(filepath.Join(inbox, "nogmaals.csv"), data, 0o644)
	os.Chtimes(filepath.Join(inbox, "nogmaals.csv"), time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	res, err = job.Run(env(quiet()))
	if err != nil || len(res.Duplicates) != 1 || len(res.Taken) != 0 {
		t.Fatalf("duplicate: %+v %v", res, err)
	}
}

// TestRecoverPanic: a panicking run is recovered and the job keeps running
// on its schedule (the chain order of robfig/cron v3.0.1).
func TestRecoverPanic(t *testing.T) {
	_, path := setup(t, "* * * * * *", "0s")
	c := config(t, path)
	var runs atomic.Int32
	e := env(quiet())
	e.Pause = func(step string) {
		if step == "start" && runs.Add(1) == 1 {
			panic("proef")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- schedules.Serve(ctx, c, e) }()
	waitFor(t, "a run after the panic", 10*time.Second, func() bool { return runs.Load() >= 3 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// binary builds the beschut command for the process tests, once per test
// run (TestMain removes it).
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "beschut-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binDir = dir
		bin := filepath.Join(dir, "beschut")
		if out, err := exec.Command("go", "build", "-o", bin, "beschut/cmd/beschut").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		binPath = bin
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

var (
	buildOnce       sync.Once
	binDir, binPath string
	buildErr        error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// TestKill: kill -9 in the middle of a run, at several moments; after each
// every export is in the inbox or the archive and every output is whole; a
// restart completes the work.
func TestKill(t *testing.T) {
	bin := binary(t)
	for _, tc := range []struct {
		name  string
		pause string
		kill  func(dir string) bool
	}{
		{"while archiving", "na-archief=200ms", func(dir string) bool { return count(filepath.Join(dir, "archief"), "*.csv") >= 3 }},
		{"after the outputs, before archiving", "na-uitvoer=5s", func(dir string) bool { return count(filepath.Join(dir, "uitvoer"), "manifest.json") == 1 }},
		{"while reading", "start=0s", func(string) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, path := setup(t, "@hourly", "0s")
			sums := dropSamples(t, filepath.Join(dir, "inbox"))
			cmd := exec.Command(bin, "schedule", "--config", path, "--once")
			cmd.Env = append(os.Environ(), "BESCHUT_TEST_PAUSE="+tc.pause)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the moment to kill", 30*time.Second, func() bool { return tc.kill(dir) })
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			checkNoneLost(t, dir, sums)
			if count(filepath.Join(dir, "uitvoer"), "manifest.json") == 1 {
				checkOutputs(t, filepath.Join(dir, "uitvoer"))
			}
			// Restart: the stale lock is taken over and the work completed.
			out, err := exec.Command(bin, "schedule", "--config", path, "--once").CombinedOutput()
			if err != nil {
				t.Fatalf("restart: %v\n%s", err, out)
			}
			checkNoneLost(t, dir, sums)
			if n := count(filepath.Join(dir, "inbox"), "*.csv"); n != 0 {
				t.Errorf("%d exports left in the inbox", n)
			}
			if n := count(filepath.Join(dir, "archief"), "*.csv"); n != len(sums) {
				t.Errorf("%d archived, want %d", n, len(sums))
			}
			m := checkOutputs(t, filepath.Join(dir, "uitvoer"))
			if len(m.Outputs) != 3 {
				t.Errorf("outputs %+v", m.Outputs)
			}
		})
	}
}

// checkNoneLost: every sample export is in the inbox or the archive.
func checkNoneLost(t *testing.T, dir string, sums map[string]string) {
	t.Helper()
	found := map[string]bool{}
	for _, sub := range []string{"inbox", "archief"} {
		for name, sum := range fileHashes(t, filepath.Join(dir, sub)) {
			if strings.HasSuffix(name, ".csv") {
				found[sum] = true
			}
		}
	}
	for sum, name := range sums {
		if !found[sum] {
			t.Errorf("%s lost", name)
		}
	}
}

// TestTwoProcesses: a second process on the same inbox does not run; when
// the first stops (SIGTERM: exit 0) its lock goes, and a stale lock of a
// dead process is taken over.
func TestTwoProcesses(t *testing.T) {
	bin := binary(t)
	dir, path := setup(t, "@hourly", "0s")
	first := exec.Command(bin, "schedule", "--config", path)
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(dir, "inbox", schedules.LockName)
	waitFor(t, "the lock", 10*time.Second, func() bool { _, err := os.Stat(lock); return err == nil })
	second := exec.Command(bin, "schedule", "--config", path, "--once")
	out, err := second.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 || !strings.Contains(string(out), "in gebruik door een ander beschut-proces") {
		t.Fatalf("second process: %v\n%s", err, out)
	}
	first.Process.Signal(syscall.SIGTERM)
	if err := first.Wait(); err != nil {
		t.Fatalf("first process after SIGTERM: %v\n%s", err, firstErr.String())
	}
	// The lock file stays (removing it would open a race); the kernel's
	// lock went with the process, and the pid in the file means nothing.
	os.WriteFile(lock, []byte("999999999\n"), 0o644)
	if out, err := exec.Command(bin, "schedule", "--config", path, "--once").CombinedOutput(); err != nil {
		t.Fatalf("stale lock not taken over: %v\n%s", err, out)
	}
}

func TestConfigErrors(t *testing.T) {
	_, err := schedules.ParseConfig("t.conf", []byte("[taak a]\nschema = elke dag\ninbox = x\nonbekend = 1\n"), ".")
	want := []string{
		"t.conf:1: sleutel 'uitvoer': ontbreekt in taak \"a\"",
		"t.conf:4: sleutel 'onbekend': is geen bekende sleutel (zie README.md)",
	}
	for _, w := range want {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in:\n%v", w, err)
		}
	}
	if err == nil || !strings.Contains(err.Error(), "sleutel 'schema': \"elke dag\" is geen cron-uitdrukking") {
		t.Errorf("cron error missing:\n%v", err)
	}
}

// TestCorrection: a corrected export for an archived peildatum replaces it
// (the newer file wins, as ingest defines) and the documents change.
func TestCorrection(t *testing.T) {
	dir, path := setup(t, "@hourly", "0s")
	job := config(t, path).Jobs[0]
	dropSamples(t, filepath.Join(dir, "inbox"))
	if _, err := job.Run(env(quiet())); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "uitvoer")
	before := outputHashes(t, out)
	data, _ := os.ReadFile(filepath.Join(samplesDir, "konnected_beschut_2023_K2.csv"))
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	corrected := strings.Join(lines[:len(lines)-1], "\n") + "\n" // one person less
	os.WriteFile(filepath.Join(dir, "inbox", "konnected_beschut_2023_K2.csv"), []byte(corrected), 0o644)
	os.Chtimes(filepath.Join(dir, "inbox", "konnected_beschut_2023_K2.csv"), time.Now().Add(-time.Minute), time.Now().Add(-time.Minute))
	res, err := job.Run(env(quiet()))
	if err != nil || len(res.Taken) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	m := checkOutputs(t, out)
	replaced := false
	for _, w := range m.Warnings {
		replaced = replaced || strings.Contains(w, "vervangen door") && strings.HasSuffix(w, "_konnected_beschut_2023_K2.csv (later geleverd, geldt als correctie)") && strings.Count(w, "konnected_beschut_2023_K2.csv") == 2
	}
	if !replaced {
		t.Errorf("no replacement warning: %v", m.Warnings)
	}
	after := outputHashes(t, out)
	for _, o := range m.Outputs {
		// The signal file changes only when the person removed had a signal.
		if !o.Vertrouwelijk && before[o.Path] == after[o.Path] {
			t.Errorf("%s did not change with the correction", o.Path)
		}
	}
}

// TestConfigFormats: formaten names the documents of a job; an unknown
// name is an error on its line; without the per-person file the job needs
// no vertrouwelijk folder, with it (or by default) it does.
func TestConfigFormats(t *testing.T) {
	base := "[taak a]\nschema = @daily\ninbox = in\nuitvoer = uit\narchief = arch\nquarantaine = q\nparameters = p.conf\n"
	c, err := schedules.ParseConfig("t.conf", []byte(base+"formaten = werkboek, raadsmededeling\n"), "/x")
	if err != nil || strings.Join(c.Jobs[0].Formats, " ") != "werkboek raadsmededeling" {
		t.Fatalf("%v %v", c, err)
	}
	_, err = schedules.ParseConfig("t.conf", []byte(base+"formaten = werkboek, pdf\n"), "/x")
	if err == nil || !strings.Contains(err.Error(), `t.conf:8`) || !strings.Contains(err.Error(), `onbekend formaat "pdf"`) {
		t.Errorf("unknown format: %v", err)
	}
	for _, f := range []string{"", "formaten = werkboek, signalen\n"} {
		_, err = schedules.ParseConfig("t.conf", []byte(base+f), "/x")
		if err == nil || !strings.Contains(err.Error(), "vertrouwelijk") {
			t.Errorf("%q without vertrouwelijk: %v", f, err)
		}
	}
}
