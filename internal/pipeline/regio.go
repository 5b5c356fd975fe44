package pipeline

import (
	"beschut/internal/value"
	"fmt"
	"io"

	"beschut/ingest"
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

// addOverview adds the overview workbook of all gemeenten of the history
// to a run that writes documents, when the history holds more than one
// gemeente: named after the regio of the parameters that holds them all,
// else "Alle gemeenten". It covers every gemeente of the history, also in
// a run that renders only some of them (the scheduled job), so its totals
// are never those of a part of the region. The reports are built here
// again, so that Render keeps its shape; they are the same calls.
//
// It reports whether it wrote one; a new overview replaces the earlier one.
func addOverview(h *ingest.History, params *report.Params, o Options, m *Manifest, folders outFolders) (bool, error) {
	gemeenten := h.Gemeenten()
	if !o.Overview || len(gemeenten) < 2 {
		return false, nil
	}
	reports := make([]*report.Report, len(gemeenten))
	errs := make([]error, len(gemeenten))
	parallel(len(gemeenten), func(i int) {
		reports[i], errs[i] = report.Build(h.Of(gemeenten[i]), gemeenten[i], o.Peildatum, params, h.Warnings)
	})
	for _, err := range errs {
		if err != nil {
			return false, err
		}
	}
	ov, err := report.BuildOverzicht(reports, params)
	if err != nil {
		return false, err
	}
	base := BaseName(report.GemeenteSettings{}, ov.Naam, ov.Jaar, ov.Kwartaal)
	docs := []struct {
		kind, suffix string
		write        func(io.Writer, *report.Overzicht) error
	}{
		{OverzichtKind, OverzichtSuffix, workbook.WriteOverzicht},
		{OverzichtPDFKind, OverzichtPDFSuffix, raadsmededeling.WriteOverzicht},
	}
	// Both are made before either is listed: the earlier pair stays
	// whole when one fails.
	var outs []Output
	for _, d := range docs {
		name := base + d.suffix
		sum, err := folders.of(false).Create(name, func(w io.Writer) error { return d.write(w, ov) })
		if err != nil {
			return false, fmt.Errorf("%s %s maken: %w", d.kind, ov.Naam, err)
		}
		outs = append(outs, Output{Path: name, SHA256: sum, Kind: d.kind, Gemeente: ov.Naam, Peildatum: value.FormatDate(ov.Peildatum)})
	}
	m.Outputs = append(m.Outputs, outs...)
	for _, n := range ov.Notes {
		m.Notes = append(m.Notes, ov.Naam+": "+n)
	}
	return true, nil
}
