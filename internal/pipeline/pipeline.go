// Package pipeline runs the whole job: read and validate the exports, build
// the report per gemeente, render its documents and write them, with a
// manifest, so that a failed run leaves the previous outputs intact.
package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"beschut/ingest"
	"beschut/report"
)

// Renderer writes one kind of document for a report.
type Renderer struct {
	Kind   string // manifest kind: "werkboek", "raadsmededeling"
	Suffix string // file name after gemeente and quarter, e.g. "_beschut-werk.xlsx"
	Render func(w io.Writer, r *report.Report) error
}

// Options are the inputs of one run.
type Options struct {
	Inputs     []string // files and folders; empty: Samples
	Samples    fs.FS    // the embedded sample exports
	Params     []byte
	ParamsName string
	Peildatum  time.Time // zero: the latest per gemeente
	Gemeenten  []string  // empty: every gemeente in the input
	Out        string
	Renderers  []Renderer
}

// Manifest lists what a run read and wrote. It holds no clock time, so the
// same inputs give the same manifest.
type Manifest struct {
	Inputs   []Input  `json:"inputs"`
	Outputs  []Output `json:"outputs"`
	Warnings []string `json:"warnings"`
	Notes    []string `json:"opmerkingen"`
}

// Input is one snapshot read: a file may hold several gemeenten.
type Input struct {
	Path      string `json:"path"`
	SHA256    string `json:"sha256"`
	Gemeente  string `json:"gemeente"`
	Peildatum string `json:"peildatum"`
	Rows      int    `json:"rows"`
	Kind      string `json:"kind,omitempty"` // "" for an export; KindDuiding for the policy team's text
}

// Output is one document written, relative to the output folder.
type Output struct {
	Path      string `json:"path"`
	SHA256    string `json:"sha256"`
	Kind      string `json:"kind"`
	Gemeente  string `json:"gemeente"`
	Peildatum string `json:"peildatum"`
}

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.json"

// NoPeildatumError: a chosen peildatum has no export for a gemeente.
type NoPeildatumError struct {
	Gemeente  string
	Peildatum time.Time
}

func (e *NoPeildatumError) Error() string {
	return fmt.Sprintf("gemeente %s: geen export met peildatum %s", e.Gemeente, ingest.FormatDate(e.Peildatum))
}

// ErrNoExports: the input holds no export at all.
var ErrNoExports = errors.New("geen exports gevonden (verwacht .csv-bestanden)")

// Load reads the exports of the options into a history.
func Load(o Options) (*ingest.History, error) {
	if len(o.Inputs) == 0 {
		return ingest.ReadFS(o.Samples, "samples/")
	}
	return ingest.ReadPaths(o.Inputs)
}

// Run reads, validates, computes and writes. On any error nothing is written.
func Run(o Options) (*Manifest, error) {
	params, err := report.ParseParams(o.ParamsName, o.Params)
	if err != nil {
		return nil, err
	}
	h, err := Load(o)
	if err != nil {
		return nil, err
	}
	if len(h.Snapshots) == 0 {
		return nil, ErrNoExports
	}
	m, files, err := Render(h, params, o)
	if err != nil {
		return nil, err
	}
	return m, Write(o.Out, files)
}

// File is a document in memory, before it is written.
type File struct {
	Name string
	Data []byte
}

// Render builds every report and document in memory.
func Render(h *ingest.History, params *report.Params, o Options) (*Manifest, []File, error) {
	m := &Manifest{Inputs: []Input{}, Outputs: []Output{}, Warnings: []string{}, Notes: []string{}}
	for _, f := range h.Files {
		for _, s := range f.Snapshots {
			m.Inputs = append(m.Inputs, Input{Path: f.Source.Name, SHA256: f.Source.SHA256, Gemeente: s.Gemeente, Peildatum: ingest.FormatDate(s.Peildatum), Rows: len(s.Records)})
		}
	}
	for _, w := range h.Warnings {
		m.Warnings = append(m.Warnings, w.Error())
	}
	gemeenten := o.Gemeenten
	if len(gemeenten) == 0 {
		gemeenten = h.Gemeenten()
	}
	done := make([]rendered, len(gemeenten))
	parallel(len(gemeenten), func(i int) { done[i] = renderGemeente(h, params, o, gemeenten[i]) })
	var files []File
	for _, d := range done {
		if d.err != nil {
			return nil, nil, d.err
		}
		m.Notes = append(m.Notes, d.notes...)
		m.Inputs = append(m.Inputs, d.inputs...)
		files = append(files, d.files...)
		m.Outputs = append(m.Outputs, d.outputs...)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	files = append(files, File{Name: ManifestName, Data: append(data, '\n')})
	return m, files, nil
}

// rendered is one gemeente's documents.
type rendered struct {
	inputs  []Input // the duiding, when there is one
	files   []File
	outputs []Output
	notes   []string
	err     error
}

// renderGemeente builds the report of one gemeente and its documents.
func renderGemeente(h *ingest.History, params *report.Params, o Options, g string) rendered {
	var out rendered
	snaps := h.Of(g)
	if !o.Peildatum.IsZero() && !hasPeildatum(snaps, o.Peildatum) {
		out.err = &NoPeildatumError{Gemeente: g, Peildatum: o.Peildatum}
		return out
	}
	r, err := report.Build(snaps, g, o.Peildatum, params, h.Warnings)
	if err != nil {
		out.err = err
		return out
	}
	for _, n := range r.Notes {
		out.notes = append(out.notes, g+": "+n)
	}
	if in, err := readDuiding(r); err != nil {
		out.err = err
		return out
	} else if in != nil {
		out.inputs = append(out.inputs, *in)
	}
	for _, rd := range o.Renderers {
		var buf bytes.Buffer
		if err := rd.Render(&buf, r); err != nil {
			out.err = fmt.Errorf("%s %s maken: %w", rd.Kind, g, err)
			return out
		}
		name := BaseName(g, r.Current.Jaar, r.Current.Kwartaal) + rd.Suffix
		sum := sha256.Sum256(buf.Bytes())
		out.files = append(out.files, File{Name: name, Data: buf.Bytes()})
		out.outputs = append(out.outputs, Output{Path: name, SHA256: hex.EncodeToString(sum[:]), Kind: rd.Kind, Gemeente: g, Peildatum: ingest.FormatDate(r.Peildatum)})
	}
	return out
}

// parallel runs work(0) … work(n-1) on one worker per processor. Each
// result lands in its own slot, so the order of the output does not depend
// on the scheduling.
func parallel(n int, work func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

func hasPeildatum(snaps []*ingest.Snapshot, peil time.Time) bool {
	for _, s := range snaps {
		if s.Peildatum.Equal(peil) {
			return true
		}
	}
	return false
}

// BaseName names a gemeente's documents so a person sees gemeente and
// quarter at a glance: Deventer_2023-K2.
func BaseName(gemeente string, jaar, kwartaal int) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			return r
		}
		return '-'
	}, gemeente)
	return fmt.Sprintf("%s_%d-K%d", safe, jaar, kwartaal)
}

// Write puts files into dir without ever leaving a half-written one: every
// file goes to a temporary file in dir first (synced), and only when all
// are there are they renamed into place, the manifest (the last file) last.
func Write(dir string, files []File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("uitvoermap %s: %w", dir, err)
	}
	temps := make([]string, 0, len(files))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		tmp, err := writeTemp(dir, f)
		if err != nil {
			cleanup()
			return err
		}
		temps = append(temps, tmp)
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Name)); err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return syncDir(dir)
}

func writeTemp(dir string, f File) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+f.Name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("%s: %w", f.Name, err)
	}
	_, err = tmp.Write(f.Data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("%s: %w", f.Name, err)
	}
	return tmp.Name(), nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
