package raadsmededeling

import (
	"io"

	"beschut/report"
	"beschut/report/pdfa"
	"beschut/report/prose"
)

// WriteOverzicht renders the overview of several gemeenten (a regio, or
// all gemeenten of a run) as a tagged PDF/A with the raadsmededeling's
// layout: the document of prose.Overzicht, with a running header of the
// overview's title. It holds counts per gemeente and no person-level data.
// The same overview gives the same bytes.
func WriteOverzicht(w io.Writer, ov *report.Overzicht) error {
	doc, err := prose.Overzicht(ov)
	if err != nil {
		return err
	}
	title := ov.Titel()
	info := pdfa.Info{
		Title:    title,
		Author:   "beschut",
		Subject:  "Overzicht beschut werk van de gemeenten samen, peildatum " + tabelDatum(ov.Peildatum),
		Keywords: "beschut werk, Participatiewet, overzicht, " + ov.Naam,
		Creator:  "beschut",
		Producer: Producer,
		Date:     ov.Peildatum,
		Lang:     "nl-NL",
	}
	d := newPDF(info, page{running: []string{title, "peildatum " + tabelDatum(ov.Peildatum)}, footer: func(n int) []string {
		return footerText(n, tabelDatum(ov.Peildatum), "", "")
	}})
	d.l.draw(fromProse(doc.Blocks))
	return d.finish(w)
}
