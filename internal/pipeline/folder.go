package pipeline

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"sync"

	"github.com/gofrs/flock"
)

// An output folder is published in generations (see docs/operations.md).
// The path readers open, say uitvoer, is a symbolic link to one complete
// generation in the hidden sibling folder .uitvoer.generaties:
//
//	uitvoer -> .uitvoer.generaties/000012
//	.uitvoer.generaties/000011/   the previous set, kept for readers in flight
//	.uitvoer.generaties/000012/   documents and manifest.json
//	.uitvoer.generaties/000013/   being written; not visible until the switch
//	.uitvoer.generaties/.lock     held (flock) while a run writes
//
// A run writes each document into a new generation as soon as it is
// rendered, then the manifest, syncs, and switches the link with one
// rename(2), which is atomic: a reader sees the old set or the new one,
// never a mix. A crash leaves at most an unfinished generation beside the
// current one; the next run removes it.

// keepPrevious is how many generations before the current one stay, so a
// reader that opened the previous set can finish reading it.
const keepPrevious = 2

// Folder is an output folder being written as a new generation.
type Folder struct {
	Path         string // what readers open: the link
	store        string // .<name>.generaties beside it
	confidential bool
	lock         *flock.Flock
	next         string // the new generation's name
	done         bool
	syncing      chan struct{}  // a slot per document being synced (Write)
	pending      sync.WaitGroup // the documents of Write not yet synced
	buffers      sync.Pool      // *bufio.Writer of 64 KiB, reused from document to document
}

// BusyError: another beschut process writes the output folder.
type BusyError struct{ Path string }

func (e *BusyError) Error() string {
	return fmt.Sprintf("uitvoermap %s wordt al beschreven door een ander beschut-proces", e.Path)
}

func (f *Folder) dirPerm() os.FileMode {
	if f.confidential {
		return 0o700
	}
	return 0o755
}

func (f *Folder) filePerm() os.FileMode {
	if f.confidential {
		return 0o600
	}
	return 0o644
}

// storeOf is the folder holding the generations of the output folder path.
func storeOf(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".generaties")
}

// switchTemp is the temporary link renamed over path at the switch.
func switchTemp(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".switch.tmp")
}

// OpenFolder locks the output folder path, removes what a crashed run left
// and starts a new, empty generation. Confidential folders and their files
// are readable by the owner only.
func OpenFolder(path string, confidential bool) (*Folder, error) {
	path = filepath.Clean(path)
	if base := filepath.Base(path); base == "." || base == ".." || base == string(filepath.Separator) {
		return nil, fmt.Errorf("uitvoermap %s: geef een map met een eigen naam (beschut maakt er een verwijzing van)", path)
	}
	f := &Folder{Path: path, store: storeOf(path), confidential: confidential, syncing: make(chan struct{}, maxSyncing)}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("uitvoermap %s: %w", path, err)
	}
	if err := os.MkdirAll(f.store, f.dirPerm()); err != nil {
		return nil, fmt.Errorf("uitvoermap %s: %w", path, err)
	}
	if err := os.Chmod(f.store, f.dirPerm()); err != nil {
		return nil, fmt.Errorf("uitvoermap %s: %w", path, err)
	}
	f.lock = flock.New(filepath.Join(f.store, ".lock"))
	ok, err := f.lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("uitvoermap %s: slot: %w", path, err)
	}
	if !ok {
		return nil, &BusyError{Path: path}
	}
	cur, err := f.current()
	if err == nil {
		err = f.clean(cur, false)
	}
	if err != nil {
		f.lock.Unlock()
		return nil, err
	}
	gens, _ := f.generations()
	n := 1
	if len(gens) > 0 {
		n = gens[len(gens)-1] + 1
	}
	f.next = fmt.Sprintf("%06d", n)
	if err := os.Mkdir(filepath.Join(f.store, f.next), f.dirPerm()); err != nil {
		f.lock.Unlock()
		return nil, fmt.Errorf("uitvoermap %s: %w", path, err)
	}
	return f, nil
}

// current is the generation number the link points to; 0 when there is
// none (no link yet, or a plain folder from an older version).
func (f *Folder) current() (int, error) {
	info, err := os.Lstat(f.Path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("uitvoermap %s: %w", f.Path, err)
	case info.IsDir():
		return 0, nil
	case info.Mode()&os.ModeSymlink == 0:
		return 0, fmt.Errorf("uitvoermap %s is geen map", f.Path)
	}
	target, err := os.Readlink(f.Path)
	if err != nil {
		return 0, fmt.Errorf("uitvoermap %s: %w", f.Path, err)
	}
	n, err := strconv.Atoi(filepath.Base(target))
	if err != nil || filepath.Dir(target) != filepath.Base(f.store) {
		return 0, fmt.Errorf("uitvoermap %s verwijst naar %s, niet naar een generatie van beschut", f.Path, target)
	}
	return n, nil
}

// generations lists the generation numbers in the store, ascending.
func (f *Folder) generations() ([]int, error) {
	entries, err := os.ReadDir(f.store)
	if err != nil {
		return nil, err
	}
	var out []int
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil && e.IsDir() {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out, nil
}

// clean removes every generation but the current one and the keepPrevious
// before it: generations after the current one are unfinished (a crash
// before the switch). It also removes a leftover switch link, and what a
// crash left of an older version's temporary files (.name.*.tmp in a plain
// folder).
func (f *Folder) clean(cur int, afterSwitch bool) error {
	os.Remove(switchTemp(f.Path))
	if cur == 0 {
		matches, _ := filepath.Glob(filepath.Join(f.Path, ".*.tmp"))
		for _, m := range matches {
			os.Remove(m)
		}
	}
	gens, err := f.generations()
	if err != nil {
		return fmt.Errorf("uitvoermap %s: %w", f.Path, err)
	}
	kept := 0
	for i := len(gens) - 1; i >= 0; i-- {
		n := gens[i]
		switch {
		case n == cur:
			continue
		case n < cur && kept < keepPrevious:
			kept++
			continue
		case afterSwitch && n > cur:
			continue
		}
		if err := os.RemoveAll(filepath.Join(f.store, fmt.Sprintf("%06d", n))); err != nil {
			return fmt.Errorf("uitvoermap %s: oude generatie opruimen: %w", f.Path, err)
		}
	}
	return nil
}

// Create writes one file into the new generation: streamed, synced, and
// returns its sha256. On an error the file is removed.
func (f *Folder) Create(name string, write func(io.Writer) error) (string, error) {
	file, path, sum, err := f.write(name, write)
	if err != nil {
		return "", err
	}
	if err := finish(file, path); err != nil {
		return "", err
	}
	return sum, nil
}

// maxSyncing bounds the documents of a folder written but not yet synced
// (open files, one thread each in fsync).
const maxSyncing = 16

// Write writes one file into the new generation like Create, but returns as
// soon as its bytes are written: the fsync and close run on their own
// goroutine, which then calls done with the sha256, or with the error
// (the file is then removed). So a worker renders the next document while
// the disk syncs this one. Wait waits for every done.
func (f *Folder) Write(name string, write func(io.Writer) error, done func(sum string, err error)) {
	file, path, sum, err := f.write(name, write)
	if err != nil {
		done("", err)
		return
	}
	f.syncing <- struct{}{} // back-pressure from a slow disk
	f.pending.Add(1)
	go func() {
		defer f.pending.Done()
		err := finish(file, path)
		<-f.syncing
		if err != nil {
			sum = ""
		}
		done(sum, err)
	}()
}

// Wait waits until every document of Write is synced and its done called.
func (f *Folder) Wait() {
	if f != nil {
		f.pending.Wait()
	}
}

// write creates the file and writes it, hashing while writing; on an error
// the file is removed.
func (f *Folder) write(name string, write func(io.Writer) error) (file *os.File, path, sum string, err error) {
	path = filepath.Join(f.store, f.next, name)
	file, err = os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, f.filePerm())
	if err != nil {
		return nil, "", "", fmt.Errorf("%s: %w", name, err)
	}
	h := sha256.New()
	buf, _ := f.buffers.Get().(*bufio.Writer)
	if buf == nil {
		buf = bufio.NewWriterSize(nil, 64<<10)
	}
	buf.Reset(io.MultiWriter(file, h))
	err = guard(name, write, buf)
	if err == nil {
		err = buf.Flush()
	}
	buf.Reset(nil)
	f.buffers.Put(buf)
	if err != nil {
		file.Close()
		os.Remove(path)
		return nil, "", "", err
	}
	return file, path, hex.EncodeToString(h.Sum(nil)), nil
}

// RenderPanic: rendering a document panicked, in beschut or in a library
// (fpdf panics on input it cannot take). The document fails as with any
// error: its gemeente gets no documents this run, the other gemeenten do,
// and the scheduler keeps running. Stack is where it panicked, for a
// developer.
type RenderPanic struct {
	Name  string // the document
	Value any    // what was passed to panic
	Stack []byte
}

func (e *RenderPanic) Error() string {
	return fmt.Sprintf("%s: interne fout tijdens het maken (%v); meld dit aan de beheerder van beschut", e.Name, e.Value)
}

// guard runs write, turning a panic into a *RenderPanic.
func guard(name string, write func(io.Writer) error, w io.Writer) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &RenderPanic{Name: name, Value: v, Stack: debug.Stack()}
		}
	}()
	return write(w)
}

// finish syncs and closes a written file; on an error it is removed.
func finish(file *os.File, path string) error {
	err := file.Sync()
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// Remove deletes a file from the new generation (a gemeente that failed
// half way).
func (f *Folder) Remove(name string) { os.Remove(filepath.Join(f.store, f.next, name)) }

// Carry puts a file of the current set into the new generation unchanged
// (a hard link; a copy where links are not possible) and checks it is
// still what the manifest says.
func (f *Folder) Carry(name, sha string) error {
	src := filepath.Join(f.Path, name)
	dst := filepath.Join(f.store, f.next, name)
	if err := os.Link(src, dst); err != nil {
		in, err := os.Open(src)
		if err != nil {
			return fmt.Errorf("%s overnemen: %w", name, err)
		}
		defer in.Close()
		got, err := f.Create(name, func(w io.Writer) error { _, err := io.Copy(w, in); return err })
		if err != nil {
			return fmt.Errorf("%s overnemen: %w", name, err)
		}
		if got != sha {
			f.Remove(name)
			return fmt.Errorf("%s overnemen: inhoud wijkt af van het manifest", name)
		}
	}
	return nil
}

// Commit writes the manifest into the new generation, syncs it, and
// switches the link to it: the moment the new set becomes visible.
func (f *Folder) Commit(manifest []byte, pause func(string)) error {
	if err := f.Prepare(manifest); err != nil {
		return err
	}
	return f.Switch(pause)
}

// Prepare is the first half of Commit: it waits for the documents of Write,
// writes the manifest into the new generation and syncs the generation.
// Two folders may prepare at the same time.
//
// The manifest, the generation directory (its entries) and the store (the
// generation's entry) are synced at the same time: each must be durable
// before the switch, none before another, and the file system commits
// them together.
func (f *Folder) Prepare(manifest []byte) error {
	f.Wait()
	file, path, _, err := f.write(ManifestName, func(w io.Writer) error { _, err := w.Write(manifest); return err })
	if err != nil {
		return err
	}
	dirs := make(chan error, 2)
	go func() { dirs <- syncDir(filepath.Join(f.store, f.next)) }()
	go func() { dirs <- syncDir(f.store) }()
	err = finish(file, path)
	for range 2 {
		if derr := <-dirs; err == nil {
			err = derr
		}
	}
	return err
}

// Switch is the second half of Commit, after Prepare: it switches the link
// to the new generation and removes the old generations.
func (f *Folder) Switch(pause func(string)) error {
	pause("switch")
	tmp := switchTemp(f.Path)
	os.Remove(tmp)
	if err := os.Symlink(filepath.Join(filepath.Base(f.store), f.next), tmp); err != nil {
		return fmt.Errorf("uitvoermap %s: %w", f.Path, err)
	}
	if err := f.replace(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("uitvoermap %s: %w", f.Path, err)
	}
	if err := syncDir(filepath.Dir(f.Path)); err != nil {
		return err
	}
	f.done = true
	pause("na-switch")
	n, _ := strconv.Atoi(f.next)
	err := f.clean(n, true)
	f.lock.Unlock()
	return err
}

// replace puts the link tmp at f.Path in one step. A plain folder there (the
// first run, or a folder from before generations) is exchanged with the
// link atomically (Linux renameat2 RENAME_EXCHANGE) and then removed.
func (f *Folder) replace(tmp string) error {
	info, err := os.Lstat(f.Path)
	if err != nil || !info.IsDir() {
		return os.Rename(tmp, f.Path)
	}
	if err := exchange(tmp, f.Path); err != nil {
		// No atomic exchange here: move the folder aside, then the link in.
		// Only the first run after an upgrade takes this path.
		aside := filepath.Join(f.store, "oud")
		os.RemoveAll(aside)
		if err := os.Rename(f.Path, aside); err != nil {
			return err
		}
		return os.Rename(tmp, f.Path)
	}
	return os.RemoveAll(tmp) // now the old plain folder
}

// Abort removes the unfinished generation and releases the folder; after
// Commit it does nothing.
func (f *Folder) Abort() {
	if f == nil || f.done {
		return
	}
	f.Wait()
	f.done = true
	os.RemoveAll(filepath.Join(f.store, f.next))
	f.lock.Unlock()
}

// Unfinished lists the names that are no part of a complete set: what
// tests assert is empty after a run (switch links, unfinished generations,
// temporary files).
func Unfinished(path string) []string {
	path = filepath.Clean(path)
	var out []string
	if _, err := os.Lstat(switchTemp(path)); err == nil {
		out = append(out, switchTemp(path))
	}
	f := &Folder{Path: path, store: storeOf(path)}
	cur, err := f.current()
	if err != nil {
		return append(out, err.Error())
	}
	gens, _ := f.generations()
	for _, n := range gens {
		if n > cur {
			out = append(out, filepath.Join(f.store, fmt.Sprintf("%06d", n)))
		}
	}
	for _, n := range append(gens, 0) {
		dir := filepath.Join(f.store, fmt.Sprintf("%06d", n))
		if n == 0 {
			dir = path
		}
		matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
		out = append(out, matches...)
	}
	return out
}
