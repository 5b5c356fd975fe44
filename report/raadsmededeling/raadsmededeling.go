// Package raadsmededeling lays a report out as a PDF in the style of the
// gemeente's raadsmededeling, for the council agenda. Its prose is the
// renderer-neutral document of package report/prose, made from the
// templates package (or a folder that overrides it); it holds no
// person-level data: the report's Signalen are never used here.
package raadsmededeling

import (
	_ "embed"
	"fmt"
	"io"

	"beschut/report"
	"beschut/report/pdfa"
	"beschut/report/prose"
)

//go:embed fonts/LiberationSans-Regular.ttf
var fontRegular []byte

//go:embed fonts/LiberationSans-Bold.ttf
var fontBold []byte

// Settings are the header block and metadata of the document as given on
// the command line; an empty field falls back to the gemeente's settings
// and publicatie in the parameters file (see prose.Settings.Resolved).
type Settings = prose.Settings

// Producer is the fixed producer string: no version or time in the file.
const Producer = "beschut (gemeentelijke kwartaalrapportage beschut werk)"

// Write renders the raadsmededeling of r to w. The same report, settings
// and templates give the same bytes.
func (rd *Renderer) Write(w io.Writer, r *report.Report) error {
	content, err := rd.blocks(r)
	if err != nil {
		return err
	}
	s := rd.composer.Resolve(r)
	concept := s.Concept()
	info := pdfa.Info{
		Title:    "Raadsmededeling: " + s.Onderwerp,
		Author:   s.Afzender,
		Subject:  fmt.Sprintf("Beschut werk %s, peildatum %s", s.Gemeente, tabelDatum(r.Peildatum)),
		Keywords: "beschut werk, Participatiewet, " + s.Uitvoerder + ", raadsmededeling",
		Creator:  "beschut",
		Producer: Producer,
		Date:     s.Datum,
		Lang:     "nl-NL",
	}
	if concept {
		info.Title = "CONCEPT " + info.Title
		info.Subject += " (CONCEPT: nog zonder nummer, niet vastgesteld)"
		info.Keywords += ", CONCEPT"
	}
	running := []string{s.Afzender, s.KopTekst(), s.Onderwerp}
	if concept {
		running = append([]string{"CONCEPT"}, running...)
	}
	d := newPDF(info, page{running: running, watermark: concept, footer: func(n int) []string {
		return footerText(n, tabelDatum(r.Peildatum), r.Current.Source, r.Current.SourceSHA256)
	}})
	l := d.l
	l.heading(heading{1, "Raadsmededeling"}, 0)
	l.keyValue([][4]string{
		{"Onderwerp", s.Onderwerp, "Portefeuillehouder", prose.ValueOrDash(s.Portefeuillehouder)},
		{"Nummer", s.NummerTekst(), "Datum", tabelDatum(s.Datum)},
		{"Team", prose.ValueOrDash(s.Team), "Gemeente", s.Gemeente},
	})
	l.draw(content)
	return d.finish(w)
}
