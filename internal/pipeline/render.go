package pipeline

import (
	"fmt"
	"io"
	"sync/atomic"

	"beschut/ingest"
	"beschut/internal/value"
	"beschut/report"
)

// render is the rendering part of one Publish: every report built once,
// each gemeente's documents and the overview as tasks on one queue (see
// work.go), each document written into the new generation as soon as it
// is rendered and synced while the workers go on.
type render struct {
	h       *ingest.History // nil once every report is built
	params  *report.Params
	o       Options
	folders outFolders
	q       *queue
	builds  atomic.Int32 // reports not yet built

	units []*unit // the gemeenten rendered now, in the order of Publish

	// The overview, when wanted: every gemeente of the history.
	all     []string
	parts   []*report.Report // per all[i]: what BuildOverzicht reads of its report
	errs    []error          // per all[i]: why its report could not be built
	waiting atomic.Int32     // reports of all not yet built
	ov      overview
}

// unit is one gemeente rendered now.
type unit struct {
	g      string
	fail   error // known before rendering: a name clash, no export of the peildatum, …
	res    rendered
	outs   []*Output // per renderer, when written
	errs   []error   // per renderer
	left   atomic.Int32
	broken atomic.Bool // a document failed: the rest need not be rendered
}

// overview is what became of the overview documents.
type overview struct {
	made  bool
	err   error
	outs  []*Output // per overview document
	errs  []error
	notes []string
	left  atomic.Int32
}

// renderAll renders the documents of gemeenten (failed: those that may not
// be rendered, with the reason) and, with o.Overview and more than one
// gemeente in the history, the overview of all of them. It returns when
// every document is written and synced.
func renderAll(h *ingest.History, params *report.Params, o Options, folders outFolders, gemeenten []string, failed map[string]error) *render {
	w := &render{h: h, params: params, o: o, folders: folders, q: newQueue()}
	byName := map[string]int{}
	for i, g := range gemeenten {
		w.units = append(w.units, &unit{g: g, fail: failed[g]})
		byName[g] = i
	}
	inOverview := map[string]int{}
	if all := h.Gemeenten(); o.Overview && len(all) >= 2 {
		w.all = all
		w.parts = make([]*report.Report, len(all))
		w.errs = make([]error, len(all))
		w.waiting.Store(int32(len(all)))
		for i, g := range all {
			inOverview[g] = i
		}
	}
	// Each report is built once: for the gemeente's documents, for the
	// overview, or both.
	lane := laneLast
	if w.all != nil {
		lane = laneFirst
	}
	var tasks []func()
	for _, u := range w.units {
		ai, ok := inOverview[u.g]
		if !ok {
			ai = -1
		}
		tasks = append(tasks, func() { w.build(u.g, u, ai) })
	}
	for ai, g := range w.all {
		if _, rendered := byName[g]; !rendered {
			tasks = append(tasks, func() { w.build(g, nil, ai) })
		}
	}
	w.builds.Store(int32(len(tasks)))
	for _, t := range tasks {
		w.q.add(lane, t)
	}
	w.q.run(o.Workers)
	folders.public.Wait()
	folders.confidential.Wait()
	return w
}

// build builds the report of gemeente g, once, for its documents (u, nil
// when it is not rendered now) and for the overview (its index in all, -1
// when none), and queues its documents.
func (w *render) build(g string, u *unit, ai int) {
	h, o := w.h, w.o
	wanted := u != nil && u.fail == nil
	snaps := h.Of(g)
	if wanted && !o.Peildatum.IsZero() && !hasPeildatum(snaps, o.Peildatum) {
		u.fail = &NoPeildatumError{Gemeente: g, Peildatum: o.Peildatum}
		wanted = false
	}
	var r *report.Report
	var err error
	if wanted || ai >= 0 {
		r, err = report.Build(snaps, g, o.Peildatum, w.params, h.Warnings)
	}
	if w.builds.Add(-1) == 0 {
		w.h = nil // the history is no longer needed: the GC may take it
	}
	if ai >= 0 {
		if err != nil {
			w.errs[ai] = err
		} else {
			w.parts[ai] = r.OverzichtPart()
		}
		if w.waiting.Add(-1) == 0 {
			w.q.add(laneFirst, w.startOverview)
		}
	}
	if !wanted {
		return
	}
	if err != nil {
		u.fail = err
		return
	}
	for _, n := range r.Notes {
		u.res.notes = append(u.res.notes, g+": "+n)
	}
	in, err := readDuiding(r)
	if err != nil {
		u.fail = err
		return
	}
	if in != nil {
		u.res.inputs = append(u.res.inputs, *in)
	}
	n := len(o.Renderers)
	u.outs, u.errs = make([]*Output, n), make([]error, n)
	u.left.Store(int32(n))
	for k := range o.Renderers {
		w.q.add(laneDocument, func() { w.document(u, r, k) })
	}
}

// document renders document k of a gemeente into its folder.
func (w *render) document(u *unit, r *report.Report, k int) {
	rd := w.o.Renderers[k]
	done := func(sum string, err error) {
		if err != nil {
			u.errs[k] = fmt.Errorf("%s %s maken: %w", rd.Kind, u.g, err)
			u.broken.Store(true)
		} else if sum != "" {
			u.outs[k] = &Output{Path: BaseName(r.Settings, u.g, r.Current.Jaar, r.Current.Kwartaal) + rd.Suffix, SHA256: sum, Kind: rd.Kind, Gemeente: u.g, Peildatum: value.FormatDate(r.Peildatum), Vertrouwelijk: rd.Confidential}
			w.o.Pause("document")
		}
		if u.left.Add(-1) == 0 {
			w.finish(u)
		}
	}
	if u.broken.Load() {
		done("", nil) // another document of the gemeente failed: it fails whole
		return
	}
	name := BaseName(r.Settings, u.g, r.Current.Jaar, r.Current.Kwartaal) + rd.Suffix
	w.folders.of(rd.Confidential).Write(name, func(wr io.Writer) error { return rd.Render(wr, r) }, done)
}

// finish settles a gemeente whose documents are all written (or failed):
// listed whole, or, when one failed, none of them kept.
func (w *render) finish(u *unit) {
	for _, err := range u.errs {
		if err != nil {
			u.res.err = err
			for j, out := range u.outs {
				if out != nil {
					w.folders.of(w.o.Renderers[j].Confidential).Remove(out.Path)
				}
			}
			return
		}
	}
	for _, out := range u.outs {
		u.res.outputs = append(u.res.outputs, *out)
	}
}

// result is a gemeente's documents, or why it has none.
func (u *unit) result() rendered {
	if u.fail != nil {
		return rendered{err: u.fail}
	}
	return u.res
}
