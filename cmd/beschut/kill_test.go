package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"beschut/internal/pipeline"
)

// TestKillRun: kill -9 of `beschut run` at every phase of writing (after a
// document, after all documents, just before the switch, just after it),
// 20 times. After each kill the output folder is one complete set matching
// its manifest: the previous one before the switch, the new one after. The
// next run removes what the killed one left.
func TestKillRun(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "beschut")
	if out, err := exec.Command("go", "build", "-o", bin, "beschut/cmd/beschut").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root := t.TempDir()
	peildata := []string{"31-12-2022", "30-06-2023"}
	// The reference set of each peildatum, from a run that is not killed.
	reference := map[string][]byte{}
	for _, p := range peildata {
		ref := filepath.Join(root, "ref-"+p)
		if out, err := exec.Command(bin, "run", "--out", ref, "--peildatum", p).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		reference[p] = checkRunSet(t, ref)
	}
	out := filepath.Join(root, "uitvoer")
	if o, err := exec.Command(bin, "run", "--out", out, "--peildatum", peildata[0]).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, o)
	}
	current := peildata[0]
	phases := []string{"document", "render", "switch", "na-switch"}
	for i := 0; i < 20; i++ {
		phase := phases[i%len(phases)]
		next := peildata[(i+1)%2]
		if next == current {
			next = peildata[i%2]
		}
		cmd := exec.Command(bin, "run", "--out", out, "--peildatum", next)
		cmd.Env = append(os.Environ(), "BESCHUT_TEST_PAUSE="+phase+"=60s")
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		reached := make(chan bool, 1)
		go func() {
			s := bufio.NewScanner(stderr)
			for s.Scan() {
				if s.Text() == "BESCHUT_TEST_PAUSE "+phase {
					reached <- true
				}
			}
			close(reached)
		}()
		select {
		case ok := <-reached:
			if !ok {
				cmd.Wait()
				t.Fatalf("kill %d: the run ended before %s", i, phase)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("kill %d: %s not reached in a minute", i, phase)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if phase == "na-switch" {
			current = next
		}
		if got := checkRunSet(t, out); !bytes.Equal(got, reference[current]) {
			t.Fatalf("kill %d at %s: the folder shows a set other than that of %s", i, phase, current)
		}
		if phase == "switch" && len(pipeline.Unfinished(out)) == 0 {
			t.Errorf("kill %d at %s left nothing unfinished: the kill did not land in the switch phase", i, phase)
		}
	}
	if o, err := exec.Command(bin, "run", "--out", out, "--peildatum", current).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, o)
	}
	checkRunSet(t, out)
	if u := pipeline.Unfinished(out); len(u) > 0 {
		t.Errorf("the next run left %v", u)
	}
}

// checkRunSet: the folder holds exactly its manifest's outputs and the
// manifest, each with its sha256; returns the manifest.
func checkRunSet(t *testing.T, dir string) []byte {
	t.Helper()
	checkFolder(t, dir+"-vertrouwelijk", true)
	return checkFolder(t, dir, false)
}

// checkFolder: the folder holds exactly the documents its own manifest
// names for it (the public or the confidential ones) and that manifest;
// it returns the manifest. The two folders are switched one after the
// other, so after a crash between the switches each is whole on its own.
func checkFolder(t *testing.T, dir string, confidential bool) []byte {
	t.Helper()
	m := readManifest(t, dir)
	files := hashes(t, dir)
	n := 0
	for _, o := range m.Outputs {
		if o.Vertrouwelijk != confidential {
			continue
		}
		n++
		if files[o.Path] != o.SHA256 {
			t.Errorf("%s: sha256 %q, manifest %s", o.Path, files[o.Path], o.SHA256)
		}
	}
	if len(files) != n+1 {
		t.Errorf("%s: %d files for %d outputs: %v", dir, len(files), n, files)
	}
	data, _ := os.ReadFile(filepath.Join(dir, pipeline.ManifestName))
	if !strings.Contains(string(data), `"outputs"`) {
		t.Errorf("manifest %s", data)
	}
	return data
}
