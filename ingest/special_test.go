//go:build unix

package ingest_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"beschut/ingest"
)

// TestNamedPipe (issue 11 follow-up): a named pipe called x.csv, given
// or lying in a folder (an inbox), blocked the read for ever in open, and
// the process did not even stop on SIGTERM. A given one is refused at
// once; one in a folder is skipped, the regular files beside it are read.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "b.csv")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.csv"), []byte(clean), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var files []string
	var errGiven, errDir error
	go func() {
		defer close(done)
		_, errGiven = ingest.ReadPaths([]string{pipe})
		files, errDir = ingest.ListFiles([]string{dir})
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("reading a named pipe blocks")
	}
	var nr *ingest.NotRegularError
	if !errors.As(errGiven, &nr) || errGiven.Error() != pipe+": is geen gewoon bestand of map (een pipe, apparaat of socket) en wordt niet gelezen" {
		t.Errorf("given pipe: %v", errGiven)
	}
	if errDir != nil || len(files) != 1 || filepath.Base(files[0]) != "a.csv" {
		t.Errorf("folder: %v %v", files, errDir)
	}
	// The other side: a link to a regular file is read.
	if err := os.Symlink(filepath.Join(dir, "a.csv"), filepath.Join(dir, "c.csv")); err != nil {
		t.Fatal(err)
	}
	if files, err := ingest.ListFiles([]string{dir}); err != nil || len(files) != 2 {
		t.Errorf("with a link: %v %v", files, err)
	}
}
