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
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"beschut/internal/pipeline"
	"beschut/schedules"
)

// The process tests of issue 12: the real binary on real files, one fault
// each, asserting the end state with checkEnd.

// faultJob makes a job folder whose parameters configure Deventer and the
// given gemeenten (copies of Deventer's sections); rust 0s.
func faultJob(t *testing.T, gemeenten ...string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	params, err := os.ReadFile(filepath.Join(samplesDir, "parameters.conf"))
	if err != nil {
		t.Fatal(err)
	}
	var extra strings.Builder
	for _, g := range gemeenten {
		// Deventer's yearly figures; not its settings (name, CBS code, …).
		copying := false
		for _, l := range strings.Split(string(params), "\n") {
			if strings.HasPrefix(l, "[") {
				copying = strings.HasPrefix(l, `[gemeente "Deventer" 20`)
				l = strings.Replace(l, `"Deventer"`, strconv.Quote(g), 1)
			}
			if copying {
				extra.WriteString(l + "\n")
			}
		}
	}
	write(t, filepath.Join(dir, "parameters.conf"), append(params, "\n"+extra.String()...), time.Now())
	conf := `[taak fout]
schema = @hourly
inbox = inbox
uitvoer = uitvoer
vertrouwelijk = vertrouwelijk
archief = archief
quarantaine = quarantaine
parameters = parameters.conf
rust = 0s
`
	path := filepath.Join(dir, "taken.conf")
	write(t, path, []byte(conf), time.Now())
	os.MkdirAll(filepath.Join(dir, "inbox"), 0o755)
	return dir, path
}

func write(t *testing.T, path string, data []byte, mtime time.Time) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return sha(data)
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func sample(t *testing.T, q string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir, "konnected_beschut_"+q+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// regional is a sample quarter with the Deventer rows copied for each
// gemeente (clientnummers made their own).
func regional(t *testing.T, q string, gemeenten ...string) []byte {
	t.Helper()
	lines := strings.Split(strings.TrimRight(string(sample(t, q)), "\n"), "\n")
	rows := lines[1:]
	for i, g := range gemeenten {
		for _, l := range rows {
			lines = append(lines, strings.NewReplacer(";Deventer;", ";"+g+";", "KD-", fmt.Sprintf("R%d-", i)).Replace(l))
		}
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

// once runs `beschut schedule --once`; a hang fails the test.
func once(t *testing.T, conf string, env ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "schedule", "--config", conf, "--once")
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("schedule --once hangs:\n%s", stderr.String())
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// checkEnd asserts the end state: every export (by sha256) in exactly one of
// inbox, archive and quarantine; the output folders each one complete set
// matching their manifest; no temporary files anywhere.
func checkEnd(t *testing.T, dir string, sums map[string]string) pipeline.Manifest {
	t.Helper()
	found := map[string][]string{}
	for _, sub := range []string{"inbox", "archief", "quarantaine"} {
		entries, _ := os.ReadDir(filepath.Join(dir, sub))
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp") && sub != "inbox" {
				t.Errorf("temporary file left: %s/%s", sub, name)
			}
			if !e.Type().IsRegular() || name == schedules.LockName || strings.HasSuffix(name, ".fouten.txt") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, sub, name))
			if err != nil {
				t.Fatal(err)
			}
			found[sha(data)] = append(found[sha(data)], sub+"/"+name)
		}
	}
	for sum, name := range sums {
		if len(found[sum]) != 1 {
			t.Errorf("export %s found at %v, want exactly one place", name, found[sum])
		}
	}
	var m pipeline.Manifest
	for _, sub := range []string{"uitvoer", "vertrouwelijk"} {
		out := filepath.Join(dir, sub)
		if u := pipeline.Unfinished(out); len(u) > 0 {
			t.Errorf("unfinished in %s: %v", sub, u)
		}
		data, err := os.ReadFile(filepath.Join(out, pipeline.ManifestName))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil || json.Unmarshal(data, &m) != nil {
			t.Fatalf("%s manifest: %v", sub, err)
		}
		files := fileHashes(t, out)
		want := 1
		for _, o := range m.Outputs {
			if o.Vertrouwelijk != (sub == "vertrouwelijk") {
				continue
			}
			want++
			if files[o.Path] != o.SHA256 {
				t.Errorf("%s/%s: sha256 %q, manifest %s", sub, o.Path, files[o.Path], o.SHA256)
			}
		}
		if len(files) != want {
			t.Errorf("%s holds %d files, its manifest names %d: %v", sub, len(files), want, files)
		}
	}
	return m
}

// TestFaultArchiveNameClash: x.csv is archived; a correction x.csv arrives
// with another export x_2.csv (and with the old modification time of a
// `cp -p`). Every export keeps its own archive name, and the correction,
// taken later, replaces the original whatever its modification time.
func TestFaultArchiveNameClash(t *testing.T) {
	dir, conf := faultJob(t)
	inbox := filepath.Join(dir, "inbox")
	old := time.Now().Add(-48 * time.Hour)
	k2 := sample(t, "2023_K2")
	sums := map[string]string{write(t, filepath.Join(inbox, "x.csv"), k2, old.Add(24*time.Hour)): "x.csv"}
	if code, log := once(t, conf); code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	lines := strings.Split(strings.TrimRight(string(k2), "\n"), "\n")
	corrected := []byte(strings.Join(lines[:len(lines)-1], "\n") + "\n")
	sums[write(t, filepath.Join(inbox, "x.csv"), corrected, old)] = "x.csv (correctie)"
	sums[write(t, filepath.Join(inbox, "x_2.csv"), sample(t, "2023_K1"), old)] = "x_2.csv"
	if code, log := once(t, conf); code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	m := checkEnd(t, dir, sums)
	if n := count(filepath.Join(dir, "archief"), "*.csv"); n != 3 {
		t.Errorf("%d archived, want 3", n)
	}
	// Names are reserved in name order: x.csv (the correction) 2, x_2.csv 3.
	want := "archief/000001_x.csv: gemeente Deventer, peildatum 30-06-2023: vervangen door " + filepath.Join(dir, "archief", "000002_x.csv") + " (later geleverd"
	found := false
	for _, w := range m.Warnings {
		found = found || strings.Contains(w, want)
	}
	if !found {
		t.Errorf("no warning %q in %v", want, m.Warnings)
	}
	for _, in := range m.Inputs {
		if in.Peildatum == "30-06-2023" && in.SHA256 == sha(corrected) && !strings.HasSuffix(in.Path, "000002_x.csv") {
			t.Errorf("correction listed as %s", in.Path)
		}
	}
}

// TestFaultBadEntries: a FIFO, a socket, a link to a folder, a dangling
// link, an unreadable file, a folder, all named *.csv, block nothing: each is
// skipped with one log line and the good export is processed. Names of
// files still being written (.part, .tmp, .name) are left alone.
func TestFaultBadEntries(t *testing.T) {
	dir, conf := faultJob(t)
	inbox := filepath.Join(dir, "inbox")
	if err := syscall.Mkfifo(filepath.Join(inbox, "fifo.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "ergens"), 0o755)
	os.Symlink(filepath.Join(dir, "ergens"), filepath.Join(inbox, "map.csv"))
	os.Symlink(filepath.Join(dir, "weg"), filepath.Join(inbox, "weg.csv"))
	unreadable(t, filepath.Join(inbox, "geheim.csv"))
	os.Mkdir(filepath.Join(inbox, "dir.csv"), 0o755)
	sock, err := net.Listen("unix", filepath.Join(inbox, "sock.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer sock.Close()
	old := time.Now().Add(-time.Hour)
	k2 := sample(t, "2023_K2")
	pending := map[string]string{}
	for _, name := range []string{"bezig.csv.part", "bezig.csv.tmp", ".bezig.csv", "BEZIG.CSV.PART"} {
		pending[name] = write(t, filepath.Join(inbox, name), k2[:len(k2)/2], old)
	}
	sums := map[string]string{write(t, filepath.Join(inbox, "goed.csv"), k2, old): "goed.csv"}
	code, log := once(t, conf)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	checkEnd(t, dir, sums)
	for _, name := range []string{"fifo.csv", "map.csv", "weg.csv", "geheim.csv", "dir.csv", "sock.csv"} {
		if n := strings.Count(log, "msg=overgeslagen taak=fout bestand="+name+" "); n != 1 {
			t.Errorf("%s: %d log lines, want 1\n%s", name, n, log)
		}
		if _, err := os.Lstat(filepath.Join(inbox, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, sum := range pending {
		data, err := os.ReadFile(filepath.Join(inbox, name))
		if err != nil || sha(data) != sum {
			t.Errorf("%s touched: %v", name, err)
		}
		if strings.Contains(log, name) {
			t.Errorf("%s in the log", name)
		}
	}
	if n := count(filepath.Join(dir, "archief"), "*_goed.csv"); n != 1 {
		t.Errorf("goed.csv not archived")
	}
}

// unreadable puts a file at path that cannot be opened for reading: mode
// 000, or, for root (who may read anything), a link to a write-only sysfs
// file that refuses even root.
func unreadable(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		write(t, path, []byte("geheim"), time.Now().Add(-time.Hour))
		os.Chmod(path, 0)
		return
	}
	candidates, _ := filepath.Glob("/sys/bus/*/rescan")
	more, _ := filepath.Glob("/sys/devices/*/*/rescan")
	for _, c := range append(candidates, more...) {
		if f, err := os.Open(c); err == nil {
			f.Close()
			continue
		}
		if err := os.Symlink(c, path); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("no unreadable file can be made here (running as root without /sys/bus/*/rescan)")
}

// TestFaultLongAndOddNames: a 300-character gemeente and 's-Hertogenbosch
// get bounded names that do not start with '-' or '.'; everything is
// processed.
func TestFaultLongAndOddNames(t *testing.T) {
	long := strings.Repeat("Lange", 60)
	dir, conf := faultJob(t, long, "'s-Hertogenbosch")
	data := regional(t, "2023_K2", long, "'s-Hertogenbosch")
	sums := map[string]string{write(t, filepath.Join(dir, "inbox", "regio.csv"), data, time.Now().Add(-time.Hour)): "regio.csv"}
	if code, log := once(t, conf); code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	m := checkEnd(t, dir, sums)
	if len(m.Outputs) != 11 { // three gemeenten × three documents, and their overview workbook and PDF
		t.Fatalf("outputs %+v", m.Outputs)
	}
	for _, o := range m.Outputs {
		if len(o.Path) > 120 || strings.HasPrefix(o.Path, "-") || strings.HasPrefix(o.Path, ".") {
			t.Errorf("output name %q (%d bytes)", o.Path, len(o.Path))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "uitvoer", "s-Hertogenbosch_2023-K2_raadsmededeling.pdf")); err != nil {
		t.Error(err)
	}
}

// TestFaultGemeenteClash: Den Haag and Den-Haag would share file names:
// both are refused with an error naming both, and tried again every run;
// Deventer, in the same export, is published, and the export is archived.
// (The second run has nothing new: it only retries the two.)
func TestFaultGemeenteClash(t *testing.T) {
	dir, conf := faultJob(t, "Den Haag", "Den-Haag")
	data := regional(t, "2023_K2", "Den Haag", "Den-Haag")
	sums := map[string]string{write(t, filepath.Join(dir, "inbox", "regio.csv"), data, time.Now().Add(-time.Hour)): "regio.csv"}
	for run := 0; run < 2; run++ {
		code, log := once(t, conf)
		if code != 3 || strings.Count(log, `gemeenten \"Den Haag\" en \"Den-Haag\" krijgen dezelfde bestandsnaam Den-Haag`) != 2 {
			t.Fatalf("run %d: exit %d\n%s", run, code, log)
		}
		m := checkEnd(t, dir, sums)
		deventer := 0
		for _, o := range m.Outputs {
			switch {
			case o.Gemeente == "Deventer":
				deventer++
			case !pipeline.IsOverzichtKind(o.Kind):
				t.Errorf("run %d: output %+v", run, o)
			}
		}
		if deventer != 3 { // werkboek, raadsmededeling, signalen
			t.Errorf("run %d: outputs %+v", run, m.Outputs)
		}
		for _, in := range m.Inputs {
			if _, err := os.Stat(in.Path); err != nil {
				t.Errorf("run %d: manifest input %v", run, err)
			}
		}
	}
	if n := count(filepath.Join(dir, "archief"), "*_regio.csv"); n != 1 {
		t.Errorf("%d archived", n)
	}
	pending, _ := os.ReadFile(filepath.Join(dir, "archief", schedules.PendingName))
	if string(pending) != "Den Haag\nDen-Haag\n" {
		t.Errorf("pending list %q", pending)
	}
}

// TestFaultHalfWritten: an export that changes while it is read is not
// taken (nothing half is archived or reported); once complete it is taken
// whole. The supplier's .part name is never taken; after the rename it is.
func TestFaultHalfWritten(t *testing.T) {
	dir, conf := faultJob(t)
	inbox := filepath.Join(dir, "inbox")
	k2 := sample(t, "2023_K2")
	half := bytes.LastIndexByte(k2[:len(k2)/2], '\n') + 1 // a valid export on its own
	path := filepath.Join(inbox, "export.csv")
	write(t, path, k2[:half], time.Now().Add(-time.Hour))

	cmd := exec.Command(binary(t), "schedule", "--config", conf, "--once")
	cmd.Env = append(os.Environ(), "BESCHUT_TEST_PAUSE=gelezen=3s")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	waitLine(t, io.TeeReader(stderr, &log), "BESCHUT_TEST_PAUSE gelezen")
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.Write(k2[half:]) // the slow writer goes on
	f.Close()
	io.Copy(&log, stderr)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if !strings.Contains(log.String(), "gewijzigd tijdens het lezen") || count(filepath.Join(dir, "archief"), "*.csv") != 0 {
		t.Fatalf("a changing file was taken:\n%s", log.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "uitvoer")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was published: %v", err)
	}
	// The .part convention: not taken until renamed.
	os.Rename(path, path+".part")
	if code, log := once(t, conf); code != 0 || count(filepath.Join(dir, "archief"), "*.csv") != 0 {
		t.Fatalf(".part taken: exit %d\n%s", code, log)
	}
	os.Rename(path+".part", path)
	if code, log := once(t, conf); code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	checkEnd(t, dir, map[string]string{sha(k2): "export.csv"})
	if n := count(filepath.Join(dir, "archief"), "*_export.csv"); n != 1 {
		t.Errorf("%d archived", n)
	}
}

// waitLine reads r until a line containing want.
func waitLine(t *testing.T, r io.Reader, want string) {
	t.Helper()
	done := make(chan bool, 1)
	go func() {
		var line []byte
		buf := make([]byte, 1)
		for {
			if _, err := r.Read(buf); err != nil {
				done <- false
				return
			}
			if buf[0] != '\n' {
				line = append(line, buf[0])
				continue
			}
			if strings.Contains(string(line), want) {
				done <- true
				return
			}
			line = line[:0]
		}
	}()
	select {
	case ok := <-done:
		if !ok {
			t.Fatalf("process ended before %q", want)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("no %q within a minute", want)
	}
}

// TestFaultZeroRows: exports without data rows change nothing, however
// many arrive: the manifest keeps its two outputs and the documents stay.
func TestFaultZeroRows(t *testing.T) {
	dir, conf := faultJob(t)
	inbox := filepath.Join(dir, "inbox")
	old := time.Now().Add(-time.Hour)
	k2 := sample(t, "2023_K2")
	sums := map[string]string{write(t, filepath.Join(inbox, "k2.csv"), k2, old): "k2.csv"}
	if code, log := once(t, conf); code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	before := fileHashes(t, filepath.Join(dir, "uitvoer"))
	header := k2[:bytes.IndexByte(k2, '\n')+1]
	for i, data := range [][]byte{header, bytes.ReplaceAll(header, []byte("\n"), []byte("\r\n")), append(append([]byte{}, header...), '\n')} {
		name := fmt.Sprintf("leeg%d.csv", i)
		sums[write(t, filepath.Join(inbox, name), data, old)] = name
		if code, log := once(t, conf); code != 0 {
			t.Fatalf("%s: exit %d\n%s", name, code, log)
		}
		m := checkEnd(t, dir, sums)
		if len(m.Outputs) != 3 {
			t.Fatalf("after %s: %d outputs", name, len(m.Outputs))
		}
		if after := fileHashes(t, filepath.Join(dir, "uitvoer")); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("after %s the outputs changed", name)
		}
	}
}

// TestLockRace: two schedulers started at the same instant on an inbox
// with a stale lock file (a dead pid, or a live unrelated one) never both
// run: one runs, the other stops with exit 3, or, if it started late, runs
// after the first has finished.
func TestLockRace(t *testing.T) {
	bin := binary(t)
	// 20 trials, five at a time, each on its own inbox.
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for batch := 0; batch < 20; batch += 5 {
		for trial := batch; trial < batch+5; trial++ {
			_, conf := faultJob(t)
			wg.Add(1)
			go func() { defer wg.Done(); errs[trial] = lockTrial(bin, conf, trial) }()
		}
		wg.Wait()
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("trial %d: %v", i, err)
		}
	}
}

// lockTrial starts two schedulers at the same instant on an inbox whose
// lock file names a dead pid (even trials) or a live unrelated one (odd).
func lockTrial(bin, conf string, trial int) error {
	lock := filepath.Join(filepath.Dir(conf), "inbox", schedules.LockName)
	os.WriteFile(lock, []byte([]string{"999999999\n", "1\n"}[trial%2]), 0o644)
	type span struct {
		start, end time.Time
		code       int
		log        string
	}
	spans := make([]span, 2)
	var ready, wg sync.WaitGroup
	ready.Add(1)
	for i := range spans {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cmd := exec.Command(bin, "schedule", "--config", conf, "--once")
			cmd.Env = append(os.Environ(), "BESCHUT_TEST_PAUSE=start=1s")
			stderr, _ := cmd.StderrPipe()
			ready.Wait()
			if err := cmd.Start(); err != nil {
				spans[i].code = -1
				return
			}
			var log bytes.Buffer
			r := io.TeeReader(stderr, &log)
			buf := make([]byte, 4096)
			for {
				n, err := r.Read(buf)
				if strings.Contains(string(buf[:n]), "BESCHUT_TEST_PAUSE start") {
					spans[i].start = time.Now() // it holds the lock and runs
				}
				if err != nil {
					break
				}
			}
			err := cmd.Wait()
			spans[i].end = time.Now()
			spans[i].log = log.String()
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				spans[i].code = exit.ExitCode()
			}
		}(i)
	}
	ready.Done()
	wg.Wait()
	ran := 0
	for _, s := range spans {
		switch {
		case s.code == 0 && !s.start.IsZero():
			ran++
		case s.code == 3 && s.start.IsZero() && strings.Contains(s.log, "in gebruik door een ander beschut-proces"):
		default:
			return fmt.Errorf("exit %d, ran %v\n%s", s.code, !s.start.IsZero(), s.log)
		}
	}
	a, b := spans[0], spans[1]
	if ran == 2 && a.start.Before(b.end) && b.start.Before(a.end) {
		return errors.New("both schedulers ran at the same time")
	}
	if ran == 0 {
		return errors.New("neither ran")
	}
	return nil
}

// TestFaultChangedBeforeArchive: an export that changes after it was read
// and published, before it is archived: the archive gets exactly the bytes
// that were validated and that the manifest's sha256 names; the changed file
// stays in the inbox and the next run takes it as a later delivery.
func TestFaultChangedBeforeArchive(t *testing.T) {
	dir, conf := faultJob(t)
	inbox := filepath.Join(dir, "inbox")
	k2 := sample(t, "2023_K2")
	lines := strings.Split(strings.TrimRight(string(k2), "\n"), "\n")
	first := []byte(strings.Join(lines[:len(lines)-1], "\n") + "\n")
	path := filepath.Join(inbox, "export.csv")
	write(t, path, first, time.Now().Add(-time.Hour))

	cmd := exec.Command(binary(t), "schedule", "--config", conf, "--once")
	cmd.Env = append(os.Environ(), "BESCHUT_TEST_PAUSE=na-uitvoer=3s")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	waitLine(t, io.TeeReader(stderr, &log), "BESCHUT_TEST_PAUSE na-uitvoer")
	full := append(append([]byte{}, first...), lines[len(lines)-1]+"\n"...)
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.Write(full[len(first):])
	f.Close()
	io.Copy(&log, stderr)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	sums := map[string]string{sha(first): "export.csv (gelezen)", sha(full): "export.csv (daarna aangevuld)"}
	m := checkEnd(t, dir, sums)
	archived, _ := filepath.Glob(filepath.Join(dir, "archief", "*_export.csv"))
	if len(archived) != 1 {
		t.Fatalf("archived %v", archived)
	}
	if data, _ := os.ReadFile(archived[0]); sha(data) != sha(first) {
		t.Errorf("the archive holds other bytes than were validated")
	}
	if len(m.Inputs) != 1 || m.Inputs[0].Path != archived[0] || m.Inputs[0].SHA256 != sha(first) {
		t.Errorf("manifest inputs %+v", m.Inputs)
	}
	// The next run: the completed file is a later delivery, and wins.
	if code, log := once(t, conf); code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	m = checkEnd(t, dir, sums)
	if n := count(filepath.Join(dir, "archief"), "*_export.csv"); n != 2 || count(inbox, "*.csv") != 0 {
		t.Errorf("%d archived, %d in the inbox", n, count(inbox, "*.csv"))
	}
	replaced := false
	for _, w := range m.Warnings {
		replaced = replaced || strings.Contains(w, "000001_export.csv: gemeente Deventer, peildatum 30-06-2023: vervangen door "+filepath.Join(dir, "archief", "000002_export.csv"))
	}
	if !replaced {
		t.Errorf("warnings %v", m.Warnings)
	}
}
