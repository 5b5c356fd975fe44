package ingest

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// History is every snapshot read from a set of files, sorted by gemeente and
// peildatum, after corrections replaced what they correct.
type History struct {
	Files     []*FileResult // every file read, in name order
	Snapshots []*Snapshot
	Warnings  []*FieldError // of all files, plus replacements
}

// NotRegularError: a path that is neither a folder nor a regular file (a
// named pipe, a device, a socket), which could block or never end.
type NotRegularError struct{ Path string }

func (e *NotRegularError) Error() string {
	return e.Path + ": is geen gewoon bestand of map (een pipe, apparaat of socket) en wordt niet gelezen"
}

// ReplacedError is the warning that a later delivery replaces an earlier
// one for the same gemeente and peildatum.
type ReplacedError struct {
	Gemeente  string
	Peildatum time.Time
	By        string
}

func (e *ReplacedError) Error() string {
	return fmt.Sprintf("gemeente %s, peildatum %s: vervangen door %s (later geleverd, geldt als correctie)",
		e.Gemeente, value.FormatDate(e.Peildatum), e.By)
}

// Gemeenten lists the gemeenten in the history, sorted.
func (h *History) Gemeenten() []string {
	var out []string
	for _, s := range h.Snapshots {
		if len(out) == 0 || out[len(out)-1] != s.Gemeente {
			out = append(out, s.Gemeente)
		}
	}
	return out
}

// Of returns the snapshots of one gemeente, oldest first: a binary search
// in Snapshots, which are sorted by gemeente (a national run asks once per
// gemeente, so a scan would cost gemeenten × snapshots).
func (h *History) Of(gemeente string) []*Snapshot {
	l := h.Snapshots
	i := sort.Search(len(l), func(i int) bool { return l[i].Gemeente >= gemeente })
	j := i
	for j < len(l) && l[j].Gemeente == gemeente {
		j++
	}
	if i == j {
		return nil
	}
	return append([]*Snapshot(nil), l[i:j]...)
}

// Combine builds a history from files already read. When any file has
// errors it returns a *FileErrors with all of them, and no history.
func Combine(files []*FileResult) (*History, error) {
	h := &History{Files: files}
	var errs []*FieldError
	type key struct {
		gemeente string
		peil     time.Time
	}
	chosen := map[key]*Snapshot{}
	for _, f := range files {
		errs = append(errs, f.Errors...)
		h.Warnings = append(h.Warnings, f.Warnings...)
		for _, s := range f.Snapshots {
			k := key{s.Gemeente, s.Peildatum}
			old, dup := chosen[k]
			if !dup {
				chosen[k] = s
				continue
			}
			newer, older := s, old
			if delivered(old.Source, s.Source) {
				newer, older = old, s
			}
			chosen[k] = newer
			h.Warnings = append(h.Warnings, &FieldError{File: older.Source.Name,
				Err: &ReplacedError{Gemeente: s.Gemeente, Peildatum: s.Peildatum, By: newer.Source.Name}})
		}
	}
	if len(errs) > 0 {
		return nil, &FileErrors{Errors: errs}
	}
	for _, s := range chosen {
		h.Snapshots = append(h.Snapshots, s)
	}
	sort.Slice(h.Snapshots, func(i, j int) bool {
		a, b := h.Snapshots[i], h.Snapshots[j]
		if a.Gemeente != b.Gemeente {
			return a.Gemeente < b.Gemeente
		}
		return a.Peildatum.Before(b.Peildatum)
	})
	return h, nil
}

// delivered reports whether a was delivered after b: a later modification
// time, or on equal times the later name (file names sort by date in the
// archive). The order of the files in the input never matters. The
// scheduler may later order by arrival instead.
func delivered(a, b *Source) bool {
	if !a.ModTime.Equal(b.ModTime) {
		return a.ModTime.After(b.ModTime)
	}
	return a.Name > b.Name
}

// ReadPaths reads files and folders with the zero Options.
func ReadPaths(paths []string) (*History, error) { return Options{}.ReadPaths(paths) }

// ReadPaths reads files and folders (a folder: every .csv file in it, not
// recursively) into a history. Files are read in name order; of two files
// with the same modification time the later name wins.
func (o Options) ReadPaths(paths []string) (*History, error) {
	files, err := ListFiles(paths)
	if err != nil {
		return nil, err
	}
	results, err := readAll(len(files), func(i int) (*FileResult, error) { return o.readPath(files[i]) })
	if err != nil {
		return nil, err
	}
	return Combine(results)
}

// readAll reads n files in parallel, one worker per processor, each file
// whole in one worker (read(i) reads file i); the results keep the order.
func readAll(n int, read func(i int) (*FileResult, error)) ([]*FileResult, error) {
	results := make([]*FileResult, n)
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = read(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return results, nil
}

// readPath streams one file from disk.
func (o Options) readPath(name string) (*FileResult, error) {
	if info, err := os.Stat(name); err == nil && !info.Mode().IsRegular() {
		return nil, &NotRegularError{Path: name} // checked before opening: a pipe blocks in open
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s: kan niet lezen: %w", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: kan niet lezen: %w", name, err)
	}
	return o.Read(name, f, info.Size(), info.ModTime()), nil
}

// ListFiles expands folders into their .csv files, sorted by name.
func ListFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: bestaat niet of is niet leesbaar: %w", p, err)
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return nil, &NotRegularError{Path: p}
			}
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
				continue
			}
			// Only regular files (or links to one): opening a named pipe
			// called x.csv in an inbox would block the run for ever.
			full := filepath.Join(p, e.Name())
			if fi, err := os.Stat(full); err == nil && !fi.Mode().IsRegular() {
				continue
			}
			files = append(files, full)
		}
	}
	sort.Strings(files)
	return files, nil
}

// ReadFS reads every .csv file in the root of fsys (such as the embedded
// samples), naming each prefix + its name. Embedded files have no
// modification time, so on a tie the later name wins.
func ReadFS(fsys fs.FS, prefix string) (*History, error) { return Options{}.ReadFS(fsys, prefix) }

// ReadFS reads every .csv file in the root of fsys with these options, in
// parallel as ReadPaths does (the embedded samples are 26 small files).
func (o Options) ReadFS(fsys fs.FS, prefix string) (*History, error) {
	names, err := fs.Glob(fsys, "*.csv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	results, err := readAll(len(names), func(i int) (*FileResult, error) {
		data, err := fs.ReadFile(fsys, names[i])
		if err != nil {
			return nil, err
		}
		return o.ReadFile(prefix+names[i], data, time.Time{}), nil
	})
	if err != nil {
		return nil, err
	}
	return Combine(results)
}
