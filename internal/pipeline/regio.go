package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

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
func addOverview(h *ingest.History, params *report.Params, o Options, m *Manifest, files *[]File) error {
	gemeenten := h.Gemeenten()
	if len(gemeenten) < 2 || len(o.Renderers) == 0 {
		return nil
	}
	reports := make([]*report.Report, len(gemeenten))
	errs := make([]error, len(gemeenten))
	parallel(len(gemeenten), func(i int) {
		reports[i], errs[i] = report.Build(h.Of(gemeenten[i]), gemeenten[i], o.Peildatum, params, h.Warnings)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	ov, err := report.BuildOverzicht(reports, params)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := workbook.WriteOverzicht(&buf, ov); err != nil {
		return fmt.Errorf("%s %s maken: %w", OverzichtKind, ov.Naam, err)
	}
	name := BaseName(ov.Naam, ov.Jaar, ov.Kwartaal) + OverzichtSuffix
	sum := sha256.Sum256(buf.Bytes())
	*files = append(*files, File{Name: name, Data: buf.Bytes()})
	m.Outputs = append(m.Outputs, Output{Path: name, SHA256: hex.EncodeToString(sum[:]), Kind: OverzichtKind, Gemeente: ov.Naam, Peildatum: ingest.FormatDate(ov.Peildatum)})
	for _, n := range ov.Notes {
		m.Notes = append(m.Notes, ov.Naam+": "+n)
	}
	return nil
}
