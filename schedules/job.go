package schedules

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // Europe/Amsterdam on machines without a zoneinfo database
	"unicode/utf8"

	"beschut/ingest"
	"beschut/internal/pipeline"
	"beschut/report"
)

// Env is what a job run needs from outside: a clock, a logger, and a hook
// tests use to slow a run down between its steps (to crash it there).
type Env struct {
	Now   func() time.Time
	Log   *slog.Logger
	Pause func(step string)
}

// Result says what one run did.
type Result struct {
	Taken       []string // exports taken from the inbox (archived)
	Waiting     []string // still being written, or changed while read
	Quarantined []string
	Duplicates  []string // same content as an archived export
	Skipped     []string // no regular file: FIFOs, folders, dangling links …
	Rendered    []string // gemeenten whose documents were rewritten
	Failed      []string // gemeenten whose documents could not be made: tried again next run
}

// PendingName is the file in the archive listing the gemeenten whose
// documents could not be made: every run tries them again.
const PendingName = ".opnieuw"

func readPending(archive string) (map[string]bool, error) {
	data, err := os.ReadFile(filepath.Join(archive, PendingName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, g := range strings.Split(string(data), "\n") {
		if g != "" {
			out[g] = true
		}
	}
	return out, nil
}

// writePending records the failed gemeenten, one per line, or removes the
// file when there are none.
func writePending(archive string, failed []string) error {
	path := filepath.Join(archive, PendingName)
	if len(failed) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	return writeFile(path, []byte(strings.Join(failed, "\n")+"\n"), 0o644)
}

// ParamsMissingError: a job has no parameters file. The embedded sample
// parameters are fictitious and are never used for real exports.
type ParamsMissingError struct {
	Source string
	Jobs   []string
}

func (e *ParamsMissingError) Error() string {
	return fmt.Sprintf("%s: taak %s heeft geen 'parameters': het parameterbestand van de gemeente(n) is verplicht (de voorbeeldparameters gelden alleen voor de ingebouwde voorbeelden)",
		e.Source, strings.Join(e.Jobs, ", "))
}

// CheckParams fails when a job has no parameters file.
func (c *Config) CheckParams() error {
	var missing []string
	for _, j := range c.Jobs {
		if j.Params == "" {
			missing = append(missing, j.Name)
		}
	}
	if len(missing) > 0 {
		return &ParamsMissingError{Source: c.Source, Jobs: missing}
	}
	return nil
}

// Names in the inbox that are never taken: the supplier writes an export
// under such a name and renames it when it is complete.
func ignored(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasSuffix(lower, ".part") || strings.HasSuffix(lower, ".tmp")
}

// taken is one export read from the inbox.
type taken struct {
	path string // in the inbox
	info fs.FileInfo
	data []byte
	sha  string
	dest string // reserved name in the archive or quarantine
	fr   *ingest.FileResult
}

// Run runs the job once: see the package documentation. A crash at any
// moment leaves every export in the inbox, the archive or the quarantine
// and the output folder one complete set; the next run completes the work.
func (j *Job) Run(env Env) (*Result, error) {
	if env.Pause == nil {
		env.Pause = func(string) {}
	}
	env.Pause("start")
	start := env.Now()
	res := &Result{}
	if j.Params == "" {
		return nil, &ParamsMissingError{Source: "definitiebestand", Jobs: []string{j.Name}}
	}
	// The parameters first: an export is valid only for the gemeenten they
	// configure (export contract 1.1), and a bad parameters file takes nothing.
	params, err := j.params()
	if err != nil {
		return nil, err
	}
	read := ingest.Options{Known: params.Configured}
	for _, dir := range []string{j.Inbox, j.Archive, j.Quarantine} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	removeTemps(j.Archive, j.Quarantine)
	archived, err := readArchive(j.Archive)
	if err != nil {
		return nil, err
	}
	bySHA := map[string]string{}
	for _, a := range archived {
		bySHA[a.sha] = a.path
	}
	seq, err := nextSeq(j.Archive, j.Quarantine)
	if err != nil {
		return nil, err
	}

	batch := j.scan(start, env, res)
	// Reserve every name of the batch before anything moves: the arrival
	// number makes each unique.
	var fresh, dups []*taken
	inBatch := map[string]bool{}
	for _, t := range batch {
		if other, dup := bySHA[t.sha]; dup {
			j.drop(t, env, res, "al gearchiveerd als "+filepath.Base(other))
			continue
		}
		if inBatch[t.sha] {
			dups = append(dups, t)
			continue
		}
		inBatch[t.sha] = true
		name := fmt.Sprintf("%06d_%s", seq, boundedName(filepath.Base(t.path)))
		seq++
		t.fr = read.ReadFile(filepath.Join(j.Archive, name), t.data, arrival(len(archived)+len(fresh)))
		if len(t.fr.Errors) > 0 {
			// The error report names the file where it will be: the quarantine.
			t.dest = filepath.Join(j.Quarantine, name)
			t.fr = read.ReadFile(t.dest, t.data, time.Time{})
			if err := j.quarantine(t); err != nil {
				env.Log.Error("quarantaine mislukt", "taak", j.Name, "bestand", filepath.Base(t.path), "uitkomst", "blijft in inbox", "fout", err.Error())
				continue
			}
			res.Quarantined = append(res.Quarantined, t.path)
			env.Log.Warn("quarantaine", "taak", j.Name, "bestand", filepath.Base(t.path), "uitkomst", "ongeldig", "fouten", len(t.fr.Errors), "nu", t.dest)
			continue
		}
		t.dest = t.fr.Source.Name
		fresh = append(fresh, t)
	}
	pending, err := readPending(j.Archive)
	if err != nil {
		return nil, err
	}
	if len(fresh) == 0 && len(pending) == 0 {
		j.dropAll(dups, env, res)
		env.Log.Info("klaar", "taak", j.Name, "uitkomst", "niets nieuws", "duur", env.Now().Sub(start).Round(time.Millisecond).String())
		return res, nil
	}

	// History: the archive in order of arrival, then the new exports.
	files := make([]*ingest.FileResult, 0, len(archived)+len(fresh))
	for i, a := range archived {
		data, err := os.ReadFile(a.path)
		if err != nil {
			return nil, err
		}
		fr := ingest.ReadFile(a.path, data, arrival(i))
		if len(fr.Errors) > 0 {
			// Archived under older, looser rules (before contract 1.1): it
			// moves to the quarantine with its errors, so it never stops
			// every later run, and nothing is lost.
			if err := j.requarantine(a, data, env); err != nil {
				return nil, err
			}
			continue
		}
		files = append(files, fr)
	}
	changed := map[string]bool{}
	for _, t := range fresh {
		files = append(files, t.fr)
		for _, s := range t.fr.Snapshots {
			changed[s.Gemeente] = true
		}
	}
	h, err := ingest.Combine(files)
	if err != nil {
		return nil, err
	}
	// Gemeenten whose documents failed in an earlier run are tried again.
	for _, g := range h.Gemeenten() {
		if pending[g] {
			changed[g] = true
		}
	}
	res.Rendered = sortedKeys(changed)
	if len(res.Rendered) > 0 { // an export without rows changes nothing
		failed, err := j.render(h, res.Rendered, params, env)
		if err != nil {
			return nil, err
		}
		for _, f := range failed {
			res.Failed = append(res.Failed, f.Gemeente)
			env.Log.Error("mislukt", "taak", j.Name, "gemeente", f.Gemeente, "uitkomst", "eerdere documenten blijven staan, volgende run opnieuw", "fout", f.Err.Error())
		}
		res.Rendered = without(res.Rendered, res.Failed)
	}
	// Remember the failed gemeenten before the exports move: their data is
	// in the archive from now on, and the next run renders them again.
	if err := writePending(j.Archive, res.Failed); err != nil {
		return nil, err
	}
	env.Pause("na-uitvoer")
	for _, t := range fresh {
		if err := j.store(t, 0o444); err != nil {
			return nil, err
		}
		res.Taken = append(res.Taken, t.path)
		env.Log.Info("gearchiveerd", "taak", j.Name, "bestand", filepath.Base(t.path), "uitkomst", "verwerkt", "nu", t.dest)
		env.Pause("na-archief")
	}
	j.dropAll(dups, env, res)
	env.Log.Info("klaar", "taak", j.Name, "uitkomst", fmt.Sprintf("%d verwerkt, %d in quarantaine, gemeenten %s", len(res.Taken), len(res.Quarantined), strings.Join(res.Rendered, ", ")),
		"duur", env.Now().Sub(start).Round(time.Millisecond).String())
	return res, nil
}

// arrival is the modification time a file is given for ingest: its place
// in the order of arrival, so a later delivery is always the correction,
// whatever its own modification time says.
func arrival(i int) time.Time { return time.Unix(int64(i), 0).UTC() }

// scan reads the inbox: regular files only, complete (not ignored, settled)
// and unchanged while read. Nothing in it can block or stop the others.
func (j *Job) scan(start time.Time, env Env, res *Result) []*taken {
	entries, err := os.ReadDir(j.Inbox)
	if err != nil {
		env.Log.Error("inbox", "taak", j.Name, "uitkomst", "niet te lezen", "fout", err.Error())
		return nil
	}
	var out []*taken
	for _, e := range entries {
		name := e.Name()
		if name == LockName || ignored(name) || !strings.EqualFold(filepath.Ext(name), ".csv") {
			continue
		}
		path := filepath.Join(j.Inbox, name)
		skip := func(why string) {
			res.Skipped = append(res.Skipped, path)
			env.Log.Warn("overgeslagen", "taak", j.Name, "bestand", name, "uitkomst", why)
		}
		li, err := os.Lstat(path)
		if err != nil {
			continue // gone meanwhile
		}
		if li.Mode()&fs.ModeSymlink != 0 {
			si, err := os.Stat(path)
			switch {
			case err != nil:
				skip("verwijzing naar niets")
				continue
			case !si.Mode().IsRegular():
				skip("verwijzing naar iets anders dan een bestand")
				continue
			}
		} else if !li.Mode().IsRegular() {
			skip("geen gewoon bestand (" + kind(li.Mode()) + ")")
			continue
		}
		t, why := j.read(path, start, env.Pause)
		switch {
		case why == "wacht":
			res.Waiting = append(res.Waiting, path)
			env.Log.Info("wacht", "taak", j.Name, "bestand", name, "uitkomst", "nog in gebruik")
		case why == "gewijzigd":
			res.Waiting = append(res.Waiting, path)
			env.Log.Info("wacht", "taak", j.Name, "bestand", name, "uitkomst", "gewijzigd tijdens het lezen, volgende keer opnieuw")
		case why != "":
			skip(why)
		default:
			out = append(out, t)
		}
	}
	return out
}

// read opens a file without blocking (a FIFO put there after the check
// stays harmless), confirms it is a regular file that has settled, reads it
// once, and checks it did not change meanwhile.
func (j *Job) read(path string, start time.Time, pause func(string)) (*taken, string) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, "niet te lezen: " + errText(err)
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return nil, "niet te lezen: " + errText(err)
	}
	if !before.Mode().IsRegular() {
		return nil, "geen gewoon bestand (" + kind(before.Mode()) + ")"
	}
	if start.Sub(before.ModTime()) < j.Settle {
		return nil, "wacht"
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, "niet te lezen: " + errText(err)
	}
	pause("gelezen")
	after, err := f.Stat()
	if err != nil || !unchanged(before, after) || int64(len(data)) != before.Size() {
		return nil, "gewijzigd"
	}
	now, err := os.Stat(path)
	if err != nil || !unchanged(before, now) {
		return nil, "gewijzigd"
	}
	sum := sha256.Sum256(data)
	return &taken{path: path, info: before, data: data, sha: hex.EncodeToString(sum[:])}, ""
}

// unchanged: the same file, with the same size and modification time.
func unchanged(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "map"
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "apparaat"
	}
	return m.Type().String()
}

// boundedName keeps a name short enough for a prefix and .fouten.txt
// (file systems allow 255 bytes), cut on a character boundary.
func boundedName(name string) string {
	const max = 200
	if len(name) <= max {
		return name
	}
	ext := filepath.Ext(name)
	base := name[:max-len(ext)]
	for !utf8.ValidString(base) {
		base = base[:len(base)-1]
	}
	return base + ext
}

// render writes the documents of the changed gemeenten as a new set,
// keeping the documents of the others from the current set.
// params reads the job's parameters file.
func (j *Job) params() (*report.Params, error) {
	data, err := os.ReadFile(j.Params)
	if err != nil {
		return nil, fmt.Errorf("parameterbestand: %w", err)
	}
	return report.ParseParams(j.Params, data)
}

// requarantine moves an archived export that the current rules refuse to
// the quarantine, with its error report.
func (j *Job) requarantine(a archivedFile, data []byte, env Env) error {
	info, err := os.Lstat(a.path)
	if err != nil {
		return err
	}
	t := &taken{path: a.path, info: info, data: data, sha: a.sha, dest: filepath.Join(j.Quarantine, filepath.Base(a.path))}
	if _, err := os.Lstat(t.dest); err == nil {
		t.dest = filepath.Join(j.Quarantine, "archief_"+filepath.Base(a.path))
	}
	t.fr = ingest.ReadFile(t.dest, data, time.Time{})
	if err := os.Chmod(a.path, 0o644); err != nil { // archived copies are read-only
		return err
	}
	if err := j.quarantine(t); err != nil {
		return err
	}
	env.Log.Warn("quarantaine", "taak", j.Name, "bestand", filepath.Base(a.path), "uitkomst", "gearchiveerde export voldoet niet aan de huidige regels", "fouten", len(t.fr.Errors), "nu", t.dest)
	return nil
}

func (j *Job) render(h *ingest.History, gemeenten []string, p *report.Params, env Env) ([]*pipeline.GemeenteError, error) {
	docs, err := pipeline.Documents(j.Document, j.Templates)
	if err != nil {
		return nil, err
	}
	formats := j.Formats
	if len(formats) == 0 {
		formats = pipeline.Formats
	}
	docs, overview := pipeline.Select(docs, formats)
	o := pipeline.Options{Gemeenten: gemeenten, Renderers: docs, Overview: overview, Out: j.Out, Confidential: j.Confidential, Partial: true, Pause: env.Pause}
	if old, err := readManifest(filepath.Join(j.Out, pipeline.ManifestName)); err == nil {
		o.Keep = old
	}
	m, failed, err := pipeline.Publish(h, p, o)
	if err != nil {
		return nil, err
	}
	for _, o := range m.Outputs {
		env.Log.Info("uitvoer", "taak", j.Name, "bestand", o.Path, "uitkomst", o.Kind+" "+o.Gemeente+" "+o.Peildatum)
	}
	return failed, nil
}

func readManifest(path string) (*pipeline.Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m pipeline.Manifest
	return &m, json.Unmarshal(data, &m)
}

// quarantine writes the Dutch error report, naming the file where it now
// is, then the file itself.
func (j *Job) quarantine(t *taken) error {
	var buf bytes.Buffer
	if err := ingest.WriteErrors(&buf, &ingest.FileErrors{Errors: t.fr.Errors}); err != nil {
		return err
	}
	if err := writeFile(t.dest+".fouten.txt", buf.Bytes(), 0o644); err != nil {
		return err
	}
	return j.store(t, 0o444)
}

// store writes the bytes that were read and checked to t.dest (never the
// inbox file as it may be now), then removes the inbox file if it is still
// what was read. A file changed since stays in the inbox: it is a new
// delivery for the next run.
func (j *Job) store(t *taken, perm os.FileMode) error {
	if _, err := os.Lstat(t.dest); err == nil {
		return fmt.Errorf("%s bestaat al", t.dest) // reserved names are unique: a bug
	}
	if err := writeFile(t.dest, t.data, perm); err != nil {
		return err
	}
	os.Chtimes(t.dest, t.info.ModTime(), t.info.ModTime())
	return removeIfUnchanged(t)
}

func removeIfUnchanged(t *taken) error {
	now, err := os.Stat(t.path)
	if err != nil {
		return nil // gone already
	}
	if !unchanged(t.info, now) {
		return nil
	}
	if err := os.Remove(t.path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(t.path))
}

// drop removes an inbox file whose content is archived already.
func (j *Job) drop(t *taken, env Env, res *Result, why string) {
	if err := removeIfUnchanged(t); err != nil {
		env.Log.Error("dubbel", "taak", j.Name, "bestand", filepath.Base(t.path), "uitkomst", "niet te verwijderen", "fout", err.Error())
		return
	}
	res.Duplicates = append(res.Duplicates, t.path)
	env.Log.Info("dubbel", "taak", j.Name, "bestand", filepath.Base(t.path), "uitkomst", why)
}

func (j *Job) dropAll(dups []*taken, env Env, res *Result) {
	for _, t := range dups {
		j.drop(t, env, res, "zelfde inhoud als een ander bestand in deze levering")
	}
}

// writeFile writes data to path through a synced temporary file.
func writeFile(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".beschut-*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), perm)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return syncDir(dir)
}

// archivedFile is an export in the archive.
type archivedFile struct {
	path    string
	seq     int // arrival number; 0 for a file archived before numbering
	modTime time.Time
	sha     string
}

// readArchive lists the archive in order of arrival: files archived before
// arrival numbers by modification time and name, then the numbered ones.
func readArchive(dir string) ([]archivedFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []archivedFile
	for _, e := range entries {
		if !e.Type().IsRegular() || ignored(e.Name()) || !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("archief: %w", err)
		}
		info, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("archief: %w", err)
		}
		sum := sha256.Sum256(data)
		out = append(out, archivedFile{path: path, seq: seqOf(e.Name()), modTime: info.ModTime(), sha: hex.EncodeToString(sum[:])})
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.seq != y.seq {
			return x.seq < y.seq
		}
		if !x.modTime.Equal(y.modTime) {
			return x.modTime.Before(y.modTime)
		}
		return x.path < y.path
	})
	return out, nil
}

// seqOf is the arrival number of an archive or quarantine name
// (000012_export.csv), 0 for none.
func seqOf(name string) int {
	digits, _, ok := strings.Cut(name, "_")
	if !ok || len(digits) < 6 {
		return 0
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// nextSeq is the next arrival number: one past every number in use.
func nextSeq(dirs ...string) (int, error) {
	next := 1
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return 0, err
		}
		for _, e := range entries {
			if n := seqOf(e.Name()); n >= next {
				next = n + 1
			}
		}
	}
	return next, nil
}

func without(list, drop []string) []string {
	var out []string
	for _, s := range list {
		keep := true
		for _, d := range drop {
			keep = keep && s != d
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// removeTemps deletes temporary files a crashed run left behind.
func removeTemps(dirs ...string) {
	for _, dir := range dirs {
		matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
		for _, m := range matches {
			os.Remove(m)
		}
	}
}
