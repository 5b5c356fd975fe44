// Package raadsmededeling lays a report out as a PDF in the style of the
// gemeente's raadsmededeling, for the council agenda. Its prose is the
// renderer-neutral document of package report/prose, made from the
// templates package (or a folder that overrides it); it holds no
// person-level data: the report's Signalen are never used here.
package raadsmededeling

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"

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
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(s.Datum)
	pdf.SetModificationDate(s.Datum)
	pdf.SetProducer(Producer, true)
	pdf.SetCreator("beschut", true)
	pdf.SetCompression(false) // pdfa.Convert compresses the page contents, with pooled compressors
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
	pdf.SetTitle(info.Title, true)
	pdf.SetSubject(info.Subject, true)
	pdf.SetAuthor(info.Author, true)
	pdf.SetKeywords(info.Keywords, true)
	pdf.SetLang(info.Lang)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0) // padding is the layout's own (cellPad), so SplitText and the drawing agree
	addFonts(pdf)
	pdf.AliasNbPages("{nb}")
	tags := newMarks(pdf)
	l := &layout{pdf: pdf, tag: tags}
	running := s.Afzender + "   ·   " + s.KopTekst() + "   ·   " + s.Onderwerp
	if concept {
		running = "CONCEPT   ·   " + running
	}
	pdf.SetHeaderFunc(func() {
		l.tag.artifact(func() {
			if concept {
				watermark(pdf)
			}
			pdf.SetFont(font, "", 8)
			pdf.SetTextColor(0x60, 0x60, 0x60)
			pdf.SetXY(marginL, 10)
			pdf.CellFormat(contentW, 4, running, "", 0, "L", false, 0, "")
			pdf.SetDrawColor(0x1F, 0x3A, 0x5F)
			pdf.SetLineWidth(0.4)
			pdf.Line(marginL, 15.5, pageW-marginR, 15.5)
			pdf.SetTextColor(0, 0, 0)
		})
	})
	pdf.SetFooterFunc(func() {
		l.tag.artifact(func() {
			pdf.SetFont(font, "", 7.5)
			pdf.SetTextColor(0x60, 0x60, 0x60)
			pdf.SetXY(marginL, 282)
			pdf.CellFormat(contentW, 4, footerText(pdf.PageNo(), tabelDatum(r.Peildatum), r.Current.Source, r.Current.SourceSHA256), "", 0, "L", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
		})
	})
	l.newPage()
	l.heading(heading{1, "Raadsmededeling"}, 0)
	l.keyValue([][4]string{
		{"Onderwerp", s.Onderwerp, "Portefeuillehouder", prose.ValueOrDash(s.Portefeuillehouder)},
		{"Nummer", s.NummerTekst(), "Datum", tabelDatum(s.Datum)},
		{"Team", prose.ValueOrDash(s.Team), "Gemeente", s.Gemeente},
	})
	l.draw(content)
	if err := pdf.Error(); err != nil {
		return err
	}
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		return err
	}
	out, err := pdfa.Convert(raw.Bytes(), tags.root, info)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
