package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"beschut/internal/pipeline"
)

// TestRunBusyAndKilledWhileReading: `beschut run` opens its output folders
// while it reads the exports. Against a folder whose lock another process
// holds (the test), bad exports still fail with their own errors (exit 1),
// good ones with the busy folder (exit 3); a run killed with the exports
// read and the folders opened ("gelezen") leaves the previous set whole
// and the lock free. Each time the folder shows the first run's set, every
// file matching its manifest, and the next run leaves nothing unfinished.
func TestRunBusyAndKilledWhileReading(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "beschut")
	if out, err := exec.Command("go", "build", "-o", bin, "beschut/cmd/beschut").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root := t.TempDir()
	out := filepath.Join(root, "uitvoer")
	if o, err := exec.Command(bin, "run", "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, o)
	}
	first := checkRunSet(t, out)
	bad := filepath.Join(root, "kapot.csv")
	if err := os.WriteFile(bad, []byte("x;y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	params := filepath.Join("..", "..", "samples", "parameters.conf")
	exit := func(cmd *exec.Cmd) (int, string) {
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), stderr.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, stderr.String()
	}
	same := func(when string) {
		t.Helper()
		if got := checkRunSet(t, out); !bytes.Equal(got, first) {
			t.Errorf("%s: the folder shows another set than the first run's", when)
		}
	}

	lock, err := pipeline.OpenFolder(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if code, msg := exit(exec.Command(bin, "run", "--input", bad, "--params", params, "--out", out)); code != ExitInvalid || !strings.Contains(msg, "kapot.csv:1:") || strings.Contains(msg, "beschreven") {
		t.Errorf("bad exports, busy folder: exit %d, %q; want %d and the file's errors", code, msg, ExitInvalid)
	}
	if code, msg := exit(exec.Command(bin, "run", "--out", out)); code != ExitFailure || !strings.Contains(msg, "wordt al beschreven") {
		t.Errorf("good exports, busy folder: exit %d, %q; want %d, busy", code, msg, ExitFailure)
	}
	lock.Abort()
	same("after the busy runs")
	if u := pipeline.Unfinished(out); len(u) != 0 {
		t.Errorf("after the busy runs: unfinished %v", u)
	}

	// kill -9 with the exports read and the folders opened.
	cmd := exec.Command(bin, "run", "--out", out, "--peildatum", "31-12-2022")
	cmd.Env = append(os.Environ(), "BESCHUT_TEST_PAUSE=gelezen=60s")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reached := make(chan bool, 1)
	go func() {
		s := bufio.NewScanner(stderr)
		for s.Scan() {
			if s.Text() == "BESCHUT_TEST_PAUSE gelezen" {
				reached <- true
			}
		}
		close(reached)
	}()
	select {
	case ok := <-reached:
		if !ok {
			cmd.Wait()
			t.Fatal("the run ended before gelezen")
		}
	case <-time.After(60 * time.Second):
		t.Fatal("gelezen not reached in a minute")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	same("after the kill")
	if len(pipeline.Unfinished(out)) == 0 {
		t.Error("the kill left no new generation: it did not land after the folders were opened")
	}
	free, err := pipeline.OpenFolder(out, false)
	if err != nil {
		t.Fatalf("after the kill the lock is not free: %v", err)
	}
	free.Abort()
	if o, err := exec.Command(bin, "run", "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("the next run: %v\n%s", err, o)
	}
	checkRunSet(t, out)
	if u := pipeline.Unfinished(out); len(u) != 0 {
		t.Errorf("the next run left %v", u)
	}
}
