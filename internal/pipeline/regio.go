package pipeline

import (
	"fmt"
	"io"

	"beschut/ingest"
	"beschut/report"
	"beschut/report/workbook"
)

// The overview workbook of a run with more than one gemeente.
const (
	OverzichtKind   = "overzicht-werkboek"
	OverzichtSuffix = "_overzicht.xlsx"
)

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
	name := BaseName(report.GemeenteSettings{}, ov.Naam, ov.Jaar, ov.Kwartaal) + OverzichtSuffix
	sum, err := folders.of(false).Create(name, func(w io.Writer) error { return workbook.WriteOverzicht(w, ov) })
	if err != nil {
		return false, fmt.Errorf("%s %s maken: %w", OverzichtKind, ov.Naam, err)
	}
	m.Outputs = append(m.Outputs, Output{Path: name, SHA256: sum, Kind: OverzichtKind, Gemeente: ov.Naam, Peildatum: ingest.FormatDate(ov.Peildatum)})
	for _, n := range ov.Notes {
		m.Notes = append(m.Notes, ov.Naam+": "+n)
	}
	return true, nil
}
