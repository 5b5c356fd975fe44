// Package pipeline runs the whole job: read and validate the exports, build
// the report per gemeente, render its documents and write them, with a
// manifest, so that a failed run leaves the previous outputs intact.
package pipeline

import (
	"beschut/internal/value"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"beschut/ingest"
	"beschut/report"
)

// Renderer writes one kind of document for a report.
type Renderer struct {
	Kind         string // manifest kind: "werkboek", "raadsmededeling"
	Suffix       string // file name after gemeente and quarter, e.g. "_beschut-werk.xlsx"
	Render       func(w io.Writer, r *report.Report) error
	Confidential bool // per-person data: written to the confidential folder, never next to the public documents
}

// Options are the inputs of one run.
type Options struct {
	Inputs     []string // files and folders; empty: Samples
	Samples    fs.FS    // the embedded sample exports
	Params     []byte
	ParamsName string
	Peildatum  time.Time // zero: the latest per gemeente
	Gemeenten  []string  // empty: every gemeente in the input (unless Partial)
	Out        string
	// Confidential is the folder for the Confidential renderers' documents;
	// empty: Out + "-vertrouwelijk" (see ConfidentialDir).
	Confidential string
	Renderers    []Renderer
	// Overview: when the history holds more than one gemeente, also the
	// overview of all of them (regio.go).
	Overview bool
	// Keep is the manifest of an earlier run whose outputs stay for the
	// gemeenten not rendered now (the scheduler renders only the changed
	// ones). Its files are carried over from the current set.
	Keep *Manifest
	// Partial: a gemeente whose documents cannot be made fails alone (its
	// earlier documents stay) instead of failing the run; with Partial an
	// empty Gemeenten renders none.
	Partial bool
	// Pause is a test hook called at named phases ("gelezen" in Run when the
	// exports are read and the folders opened, "document" after each
	// document, "render" when all are written, "switch" just before the
	// switch, "na-switch" after it); nil in normal use. "document" may be
	// called from several goroutines at once.
	Pause func(step string)
	// Workers is how many tasks (a report, a document) run at once; 0: one
	// per processor.
	Workers int
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

// Output is one document written, relative to the output folder, or for a
// confidential one to the confidential folder.
type Output struct {
	Path          string `json:"path"`
	SHA256        string `json:"sha256"`
	Kind          string `json:"kind"`
	Gemeente      string `json:"gemeente"`
	Peildatum     string `json:"peildatum"`
	Vertrouwelijk bool   `json:"vertrouwelijk,omitempty"`
}

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.json"

// NoPeildatumError: a chosen peildatum has no export for a gemeente.
type NoPeildatumError struct {
	Gemeente  string
	Peildatum time.Time
}

func (e *NoPeildatumError) Error() string {
	return fmt.Sprintf("gemeente %s: geen export met peildatum %s", e.Gemeente, value.FormatDate(e.Peildatum))
}

// ErrNoExports: the input holds no export at all.
var ErrNoExports = errors.New("geen exports gevonden (verwacht .csv-bestanden)")

// GemeenteError: the documents of one gemeente could not be made.
type GemeenteError struct {
	Gemeente string
	Err      error
}

func (e *GemeenteError) Error() string { return e.Err.Error() }
func (e *GemeenteError) Unwrap() error { return e.Err }

// ConfidentialDirError: the confidential folder would be readable by those
// who read the public documents.
type ConfidentialDirError struct{ Out, Confidential string }

func (e *ConfidentialDirError) Error() string {
	return fmt.Sprintf("de map voor vertrouwelijke uitvoer (%s) mag niet gelijk zijn aan de uitvoermap (%s) of erin of erboven liggen", e.Confidential, e.Out)
}

// ConfidentialDir is the folder for confidential documents: the given one,
// or beside the output folder with the suffix -vertrouwelijk. It may not be
// the output folder, nor lie inside it or contain it.
func ConfidentialDir(out, confidential string) (string, error) {
	if confidential == "" {
		confidential = filepath.Clean(out) + "-vertrouwelijk"
	}
	a, errA := filepath.Abs(out)
	b, errB := filepath.Abs(confidential)
	if errA != nil || errB != nil || a == b || within(a, b) || within(b, a) {
		return "", &ConfidentialDirError{Out: out, Confidential: confidential}
	}
	return confidential, nil
}

func within(parent, child string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// Load reads the exports of the options into a history; every gemeente in
// them must be configured in params (export contract 1.1).
func Load(o Options, params *report.Params) (*ingest.History, error) {
	read := ingest.Options{Known: params.Configured}
	if len(o.Inputs) == 0 {
		return read.ReadFS(o.Samples, "samples/")
	}
	return read.ReadPaths(o.Inputs)
}

// Run reads, validates, computes and writes. On any error the output
// folder keeps its previous set.
func Run(o Options) (*Manifest, error) {
	params, err := report.ParseParams(o.ParamsName, o.Params)
	if err != nil {
		return nil, err
	}
	// The output folders are opened (locked, a new generation made: work
	// that waits on the disk) while the exports are read; on any error
	// the reading's error comes first, as when they were opened after it.
	type opened struct {
		folders outFolders
		err     error
	}
	open := make(chan opened, 1)
	go func() {
		f, err := openFolders(o, nil)
		open <- opened{f, err}
	}()
	h, err := Load(o, params)
	folders := <-open
	if err == nil && len(h.Snapshots) == 0 {
		err = ErrNoExports
	}
	if err != nil {
		folders.folders.abort()
		return nil, err
	}
	if folders.err != nil {
		return nil, folders.err
	}
	if o.Pause != nil {
		o.Pause("gelezen")
	}
	o.Partial = false
	m, _, err := publish(h, params, o, &folders.folders)
	return m, err
}

// Publish renders the documents of the gemeenten into a new generation of
// the output folder, each written as soon as it is rendered, and switches
// the folder to it with the manifest (see folder.go). Without Partial any
// failure leaves the previous set; with Partial the failed gemeenten are
// returned and keep their earlier documents.
func Publish(h *ingest.History, params *report.Params, o Options) (*Manifest, []*GemeenteError, error) {
	return publish(h, params, o, nil)
}

// publish is Publish into folders already opened (Run's), or, with
// opened nil, into folders it opens itself once the checks pass.
func publish(h *ingest.History, params *report.Params, o Options, opened *outFolders) (*Manifest, []*GemeenteError, error) {
	if opened != nil {
		defer opened.abort()
	}
	if o.Pause == nil {
		o.Pause = func(string) {}
	}
	m := &Manifest{Inputs: []Input{}, Outputs: []Output{}, Warnings: []string{}, Notes: []string{}}
	for _, f := range h.Files {
		for _, s := range f.Snapshots {
			m.Inputs = append(m.Inputs, Input{Path: f.Source.Name, SHA256: f.Source.SHA256, Gemeente: s.Gemeente, Peildatum: value.FormatDate(s.Peildatum), Rows: len(s.Records)})
		}
	}
	for _, w := range h.Warnings {
		m.Warnings = append(m.Warnings, w.Error())
	}
	gemeenten := o.Gemeenten
	if len(gemeenten) == 0 && !o.Partial {
		gemeenten = h.Gemeenten()
	}
	var kept []Output
	if o.Keep != nil {
		kept = o.Keep.Outputs
	}
	failed := map[string]error{}
	clashes(params, gemeenten, kept, failed)
	if len(failed) > 0 && !o.Partial {
		for _, g := range gemeenten {
			if err := failed[g]; err != nil {
				return nil, nil, err
			}
		}
	}

	if opened == nil {
		f, err := openFolders(o, kept)
		if err != nil {
			return nil, nil, err
		}
		defer f.abort()
		opened = &f
	}
	folders := *opened
	pub, conf := folders.public, folders.confidential

	w := renderAll(h, params, o, folders, gemeenten, failed)
	var failures []*GemeenteError
	redone := map[string]bool{}
	for i, u := range w.units {
		d := u.result()
		if d.err != nil {
			if !o.Partial {
				return nil, nil, d.err
			}
			failures = append(failures, &GemeenteError{Gemeente: gemeenten[i], Err: d.err})
			continue
		}
		redone[gemeenten[i]] = true
		m.Notes = append(m.Notes, d.notes...)
		m.Inputs = append(m.Inputs, d.inputs...)
		m.Outputs = append(m.Outputs, d.outputs...)
	}
	// Documents over several gemeenten: the regional overview.
	if err := w.ov.err; err != nil {
		if !o.Partial {
			return nil, nil, err
		}
		// The scheduled job keeps the earlier overview and says why.
		m.Warnings = append(m.Warnings, "het overzicht van alle gemeenten is niet bijgewerkt: "+err.Error())
	}
	if w.ov.made {
		for _, out := range w.ov.outs {
			m.Outputs = append(m.Outputs, *out)
		}
		m.Notes = append(m.Notes, w.ov.notes...)
		for _, k := range overzichtKinds {
			redone[k] = true
		}
	}

	// The earlier documents of every gemeente not rendered now stay.
	broken := map[string]bool{}
	for _, out := range kept {
		if redone[out.Gemeente] || (IsOverzichtKind(out.Kind) && redone[out.Kind]) {
			continue
		}
		if err := folders.of(out.Vertrouwelijk).Carry(out.Path, out.SHA256); err != nil {
			if !o.Partial {
				return nil, nil, err
			}
			if !broken[out.Gemeente] {
				failures = append(failures, &GemeenteError{Gemeente: out.Gemeente, Err: err})
			}
			broken[out.Gemeente] = true
			continue
		}
		m.Outputs = append(m.Outputs, out)
	}
	if len(broken) > 0 { // a gemeente is listed whole or not at all
		all := m.Outputs
		m.Outputs = m.Outputs[:0:0]
		for _, out := range all {
			if broken[out.Gemeente] && !redone[out.Gemeente] {
				folders.of(out.Vertrouwelijk).Remove(out.Path)
				continue
			}
			m.Outputs = append(m.Outputs, out)
		}
	}
	sort.SliceStable(m.Outputs, func(a, b int) bool {
		x, y := m.Outputs[a], m.Outputs[b]
		if x.Gemeente != y.Gemeente {
			return x.Gemeente < y.Gemeente
		}
		return x.Path < y.Path
	})
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	data = append(data, '\n')
	o.Pause("render")
	// Both folders get their manifest and are synced at the same time;
	// then the confidential set is switched first: the public manifest
	// never names a confidential document that is not there yet.
	if conf != nil {
		confErr := make(chan error, 1)
		go func() { confErr <- conf.Prepare(data) }()
		err := pub.Prepare(data)
		if cerr := <-confErr; cerr != nil {
			err = cerr
		}
		if err != nil {
			return nil, nil, err
		}
		if err := conf.Switch(func(step string) { o.Pause("vertrouwelijk-" + step) }); err != nil {
			return nil, nil, err
		}
	} else if err := pub.Prepare(data); err != nil {
		return nil, nil, err
	}
	if err := pub.Switch(o.Pause); err != nil {
		return nil, nil, err
	}
	return m, failures, nil
}

// outFolders are the public folder and, when needed, the confidential one.
type outFolders struct{ public, confidential *Folder }

// openFolders opens the output folder and, when the documents or the kept
// outputs need it, the confidential folder.
func openFolders(o Options, kept []Output) (outFolders, error) {
	pub, err := OpenFolder(o.Out, false)
	if err != nil {
		return outFolders{}, err
	}
	var conf *Folder
	if needsConfidential(o.Renderers, kept) {
		dir, err := ConfidentialDir(o.Out, o.Confidential)
		if err == nil {
			conf, err = OpenFolder(dir, true)
		}
		if err != nil {
			pub.Abort()
			return outFolders{}, err
		}
	}
	return outFolders{pub, conf}, nil
}

// abort gives up the new generations of both folders (nothing once they
// are switched).
func (f outFolders) abort() {
	f.public.Abort()
	f.confidential.Abort()
}

func (f outFolders) of(confidential bool) *Folder {
	if confidential {
		return f.confidential
	}
	return f.public
}

func needsConfidential(rds []Renderer, kept []Output) bool {
	for _, rd := range rds {
		if rd.Confidential {
			return true
		}
	}
	for _, out := range kept {
		if out.Vertrouwelijk {
			return true
		}
	}
	return false
}

// clashes marks every gemeente whose file names would collide with those of
// another gemeente rendered now or kept from an earlier run.
func clashes(params *report.Params, gemeenten []string, kept []Output, failed map[string]error) {
	owner := map[string]string{}
	for _, out := range kept {
		owner[clashKey(params.Settings(out.Gemeente), out.Gemeente)] = out.Gemeente
	}
	for _, g := range gemeenten {
		key := clashKey(params.Settings(g), g)
		other, taken := owner[key]
		if taken && other != g {
			err := &ClashError{Name: namePart(params.Settings(g), g), A: other, B: g}
			if other > g {
				err.A, err.B = g, other
			}
			failed[g] = err
			if _, rendered := failed[other]; !rendered && contains(gemeenten, other) {
				failed[other] = err
			}
			continue
		}
		owner[key] = g
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// rendered is one gemeente's documents.
type rendered struct {
	inputs  []Input // the duiding, when there is one
	outputs []Output
	notes   []string
	err     error
}

func hasPeildatum(snaps []*ingest.Snapshot, peil time.Time) bool {
	for _, s := range snaps {
		if s.Peildatum.Equal(peil) {
			return true
		}
	}
	return false
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
