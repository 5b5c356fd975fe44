package pipeline

import (
	"beschut/internal/value"
	"fmt"
	"io"

	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/report/workbook"
)

// The overview documents of a run with more than one gemeente: the
// workbook and the PDF, with the same base name.
const (
	OverzichtKind      = "overzicht-werkboek"
	OverzichtSuffix    = "_overzicht.xlsx"
	OverzichtPDFKind   = "overzicht-pdf"
	OverzichtPDFSuffix = "_overzicht.pdf"
)

// overzichtKinds are the kinds of the overview documents: a new overview
// replaces the earlier ones of both.
var overzichtKinds = []string{OverzichtKind, OverzichtPDFKind}

// IsOverzichtKind reports whether kind is one of the overview documents.
func IsOverzichtKind(kind string) bool {
	for _, k := range overzichtKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// The overview of all gemeenten of the history is added to a run that
// writes documents, when the history holds more than one gemeente: named
// after the regio of the parameters that holds them all, else "Alle
// gemeenten". It covers every gemeente of the history, also in a run that
// renders only some of them (the scheduled job), so its totals are never
// those of a part of the region. It is built from the reports the run
// builds anyway (render.go), each built once.

// overviewDocs are the overview's documents, in manifest order.
var overviewDocs = []struct {
	kind, suffix string
	write        func(io.Writer, *report.Overzicht) error
}{
	{OverzichtKind, OverzichtSuffix, workbook.WriteOverzicht},
	{OverzichtPDFKind, OverzichtPDFSuffix, raadsmededeling.WriteOverzicht},
}

// startOverview builds the overview once every report is built, and queues
// its documents first: the workbook is the longest task of a run.
func (w *render) startOverview() {
	for _, err := range w.errs {
		if err != nil {
			w.ov.err = err
			return
		}
	}
	ov, err := report.BuildOverzicht(w.parts, w.params)
	w.parts = nil
	if err != nil {
		w.ov.err = err
		return
	}
	base := BaseName(report.GemeenteSettings{}, ov.Naam, ov.Jaar, ov.Kwartaal)
	n := len(overviewDocs)
	w.ov.outs, w.ov.errs = make([]*Output, n), make([]error, n)
	w.ov.left.Store(int32(n))
	for k, d := range overviewDocs {
		name := base + d.suffix
		w.q.add(laneFirst, func() {
			w.folders.public.Write(name, func(wr io.Writer) error { return d.write(wr, ov) }, func(sum string, err error) {
				if err != nil {
					w.ov.errs[k] = fmt.Errorf("%s %s maken: %w", d.kind, ov.Naam, err)
				} else {
					w.ov.outs[k] = &Output{Path: name, SHA256: sum, Kind: d.kind, Gemeente: ov.Naam, Peildatum: value.FormatDate(ov.Peildatum)}
				}
				if w.ov.left.Add(-1) == 0 {
					w.finishOverview(ov)
				}
			})
		})
	}
}

// finishOverview lists both overview documents, or, when one failed,
// neither: the earlier pair then stays whole.
func (w *render) finishOverview(ov *report.Overzicht) {
	for _, err := range w.ov.errs {
		if err != nil {
			w.ov.err = err
			for _, out := range w.ov.outs {
				if out != nil {
					w.folders.public.Remove(out.Path)
				}
			}
			return
		}
	}
	w.ov.made = true
	for _, n := range ov.Notes {
		w.ov.notes = append(w.ov.notes, ov.Naam+": "+n)
	}
}
