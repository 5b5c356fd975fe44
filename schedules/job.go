package schedules

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam on machines without a zoneinfo database

	"beschut/ingest"
	"beschut/internal/pipeline"
	"beschut/report"
	"beschut/samples"
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
	Taken       []string // exports taken from the inbox
	Waiting     []string // still being written
	Quarantined []string
	Duplicates  []string // same content as an archived export
	Rendered    []string // gemeenten whose documents were rewritten
}

// Run runs the job once: see the package documentation. A crash at any
// moment leaves every export in the inbox or the archive and every output
// whole; the next run completes the work.
func (j *Job) Run(env Env) (*Result, error) {
	if env.Pause == nil {
		env.Pause = func(string) {}
	}
	env.Pause("start")
	start := env.Now()
	res := &Result{}
	for _, dir := range []string{j.Inbox, j.Out, j.Archive, j.Quarantine} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	removeTemps(j.Out, j.Archive, j.Quarantine)

	archived, err := archiveIndex(j.Archive)
	if err != nil {
		return nil, err
	}
	names, err := ingest.ListFiles([]string{j.Inbox})
	if err != nil {
		return nil, err
	}
	var fresh []*ingest.FileResult
	inbox := map[*ingest.FileResult]string{}
	for _, path := range names {
		info, err := os.Stat(path)
		if err != nil {
			continue // gone meanwhile
		}
		if age := start.Sub(info.ModTime()); age < j.Settle {
			res.Waiting = append(res.Waiting, path)
			env.Log.Info("wacht", "taak", j.Name, "bestand", filepath.Base(path), "uitkomst", "nog in gebruik", "leeftijd", age.Round(time.Millisecond).String())
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		if other, dup := archived[hex.EncodeToString(sum[:])]; dup {
			// The same content is archived already: nothing is lost by removing it.
			if err := os.Remove(path); err != nil {
				return nil, err
			}
			res.Duplicates = append(res.Duplicates, path)
			env.Log.Info("dubbel", "taak", j.Name, "bestand", filepath.Base(path), "uitkomst", "al gearchiveerd als "+filepath.Base(other))
			continue
		}
		// The export is named by where it will live: the archive.
		fr := ingest.ReadFile(freeName(path, j.Archive), data, info.ModTime())
		if len(fr.Errors) > 0 {
			fr.Source.Name = path
			if err := j.quarantine(path, fr); err != nil {
				return nil, err
			}
			res.Quarantined = append(res.Quarantined, path)
			env.Log.Warn("quarantaine", "taak", j.Name, "bestand", filepath.Base(path), "uitkomst", "ongeldig", "fouten", len(fr.Errors))
			continue
		}
		fresh = append(fresh, fr)
		inbox[fr] = path
	}
	if len(fresh) == 0 {
		env.Log.Info("klaar", "taak", j.Name, "uitkomst", "niets nieuws", "duur", env.Now().Sub(start).Round(time.Millisecond).String())
		return res, nil
	}

	// History: the whole archive plus the new exports.
	var files []*ingest.FileResult
	for _, path := range sortedKeys(archived) {
		data, err := os.ReadFile(archived[path])
		if err != nil {
			return nil, err
		}
		info, err := os.Stat(archived[path])
		if err != nil {
			return nil, err
		}
		files = append(files, ingest.ReadFile(archived[path], data, info.ModTime()))
	}
	files = append(files, fresh...)
	h, err := ingest.Combine(files)
	if err != nil {
		return nil, err
	}
	changed := map[string]bool{}
	for _, f := range fresh {
		for _, s := range f.Snapshots {
			changed[s.Gemeente] = true
		}
	}
	res.Rendered = sortedKeys(changed)
	if err := j.render(h, res.Rendered, env); err != nil {
		return nil, err
	}
	env.Pause("na-uitvoer")
	for _, f := range fresh {
		if err := moveTo(inbox[f], f.Source.Name); err != nil {
			return nil, err
		}
		res.Taken = append(res.Taken, inbox[f])
		env.Log.Info("gearchiveerd", "taak", j.Name, "bestand", filepath.Base(f.Source.Name), "uitkomst", "verwerkt")
		env.Pause("na-archief")
	}
	env.Log.Info("klaar", "taak", j.Name, "uitkomst", fmt.Sprintf("%d verwerkt, %d in quarantaine, gemeenten %s", len(res.Taken), len(res.Quarantined), strings.Join(res.Rendered, ", ")),
		"duur", env.Now().Sub(start).Round(time.Millisecond).String())
	return res, nil
}

// render writes the documents of the changed gemeenten, keeping in the
// manifest the outputs of the others from earlier runs.
func (j *Job) render(h *ingest.History, gemeenten []string, env Env) error {
	paramsName, params := "samples/parameters.conf", samples.Parameters
	if j.Params != "" {
		data, err := os.ReadFile(j.Params)
		if err != nil {
			return fmt.Errorf("parameterbestand: %w", err)
		}
		paramsName, params = j.Params, data
	}
	p, err := report.ParseParams(paramsName, params)
	if err != nil {
		return err
	}
	docs, err := pipeline.Documents(j.Document, j.Templates)
	if err != nil {
		return err
	}
	m, files, err := pipeline.Render(h, p, pipeline.Options{Gemeenten: gemeenten, Renderers: docs})
	if err != nil {
		return err
	}
	if old, err := readManifest(filepath.Join(j.Out, pipeline.ManifestName)); err == nil {
		redone := map[string]bool{}
		for _, g := range gemeenten {
			redone[g] = true
		}
		var keep []pipeline.Output
		for _, o := range old.Outputs {
			if !redone[o.Gemeente] {
				keep = append(keep, o)
			}
		}
		m.Outputs = append(keep, m.Outputs...)
		sort.SliceStable(m.Outputs, func(a, b int) bool { return m.Outputs[a].Gemeente < m.Outputs[b].Gemeente })
		data, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			return err
		}
		files[len(files)-1].Data = append(data, '\n')
	}
	if err := pipeline.Write(j.Out, files); err != nil {
		return err
	}
	for _, o := range m.Outputs {
		env.Log.Info("uitvoer", "taak", j.Name, "bestand", o.Path, "uitkomst", o.Kind+" "+o.Gemeente+" "+o.Peildatum)
	}
	return nil
}

func readManifest(path string) (*pipeline.Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m pipeline.Manifest
	return &m, json.Unmarshal(data, &m)
}

// quarantine writes the Dutch error report beside the file, then moves both.
func (j *Job) quarantine(path string, fr *ingest.FileResult) error {
	var buf bytes.Buffer
	if err := ingest.WriteErrors(&buf, &ingest.FileErrors{Errors: fr.Errors}); err != nil {
		return err
	}
	report := pipeline.File{Name: filepath.Base(path) + ".fouten.txt", Data: buf.Bytes()}
	if err := pipeline.Write(j.Quarantine, []pipeline.File{report}); err != nil {
		return err
	}
	return moveTo(path, freeName(path, j.Quarantine))
}

// archiveIndex maps the sha256 of every archived export to its path.
func archiveIndex(dir string) (map[string]string, error) {
	names, err := ingest.ListFiles([]string{dir})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		out[hex.EncodeToString(sum[:])] = n
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// freeName is the name path gets in dir: its own, or with _2, _3 … when
// that is taken.
func freeName(path, dir string) string {
	target := filepath.Join(dir, filepath.Base(path))
	if _, err := os.Stat(target); err == nil {
		ext := filepath.Ext(target)
		base := strings.TrimSuffix(target, ext)
		for i := 2; ; i++ {
			target = fmt.Sprintf("%s_%d%s", base, i, ext)
			if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
				break
			}
		}
	}
	return target
}

// moveTo moves a file to target, keeping its modification time. Across
// file systems it copies to a temporary file, syncs, renames, and only then
// removes the original.
func moveTo(path, target string) error {
	dir := filepath.Dir(target)
	if err := os.Rename(path, target); err == nil {
		return syncDir(dir)
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	tmp.Close()
	if err := os.Chtimes(tmp.Name(), info.ModTime(), info.ModTime()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	return os.Remove(path)
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
