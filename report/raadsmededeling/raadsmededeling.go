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
	"time"

	"codeberg.org/go-pdf/fpdf"

	"beschut/report"
)

//go:embed fonts/LiberationSans-Regular.ttf
var fontRegular []byte

//go:embed fonts/LiberationSans-Bold.ttf
var fontBold []byte

// Settings are the header block and metadata of the document as given on
// the command line; an empty field falls back to the gemeente's settings
// and publicatie in the parameters file (see prose.Settings). withDefaults
// gives them as the header shows them.
type Settings struct {
	Onderwerp          string    // default: Kwartaalrapportage beschut werk 2e kwartaal 2023
	Nummer             string    // default: the publicatie's; none: a concept, shown "(nog niet toegekend)"
	Portefeuillehouder string    // default: the gemeente's setting; none: "–"
	Team               string    // default: the gemeente's setting; none: "–"
	Datum              time.Time // default: the publicatie's datum, else the peildatum

	// Set by withDefaults.
	Gemeente   string // display name
	Afzender   string // "Gemeente Deventer", never "Gemeente Gemeente 001"
	Uitvoerder string // the SW-bedrijf, or "het SW-bedrijf"
}

// Producer is the fixed producer string: no version or time in the file.
const Producer = "beschut (gemeentelijke kwartaalrapportage beschut werk)"

// Write renders the raadsmededeling of r to w. The same report, settings
// and templates give the same bytes.
func (rd *Renderer) Write(w io.Writer, r *report.Report) error {
	content, err := rd.blocks(r)
	if err != nil {
		return err
	}
	s := rd.settings.withDefaults(r)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(s.Datum)
	pdf.SetModificationDate(s.Datum)
	pdf.SetProducer(Producer, true)
	pdf.SetCreator("beschut", true)
	pdf.SetCompression(true)
	info := docInfo{
		Title:    "Raadsmededeling: " + s.Onderwerp,
		Author:   s.Afzender,
		Subject:  fmt.Sprintf("Beschut werk %s, peildatum %s", s.Gemeente, tabelDatum(r.Peildatum)),
		Keywords: "beschut werk, Participatiewet, " + s.Uitvoerder + ", raadsmededeling",
		Creator:  "beschut",
		Producer: Producer,
		Date:     s.Datum,
		Lang:     "nl-NL",
	}
	pdf.SetTitle(info.Title, true)
	pdf.SetSubject(info.Subject, true)
	pdf.SetAuthor(info.Author, true)
	pdf.SetKeywords(info.Keywords, true)
	pdf.SetLang(info.Lang)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0) // padding is the layout's own (cellPad), so SplitText and the drawing agree
	pdf.AddUTF8FontFromBytes(font, "", fontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", fontBold)
	pdf.AliasNbPages("{nb}")
	tags := newMarks(pdf)
	l := &layout{pdf: pdf, tag: tags}
	pdf.SetHeaderFunc(func() {
		l.tag.artifact(func() {
			pdf.SetFont(font, "", 8)
			pdf.SetTextColor(0x60, 0x60, 0x60)
			pdf.SetXY(marginL, 10)
			pdf.CellFormat(contentW, 4, s.Afzender+"   ·   Raadsmededeling "+s.Nummer+"   ·   "+s.Onderwerp, "", 0, "L", false, 0, "")
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
	l.heading(heading{1, "Raadsmededeling"})
	l.keyValue([][4]string{
		{"Onderwerp", s.Onderwerp, "Portefeuillehouder", s.Portefeuillehouder},
		{"Nummer", s.Nummer, "Datum", tabelDatum(s.Datum)},
		{"Team", s.Team, "Gemeente", s.Gemeente},
	})
	for _, b := range content {
		switch b := b.(type) {
		case heading:
			l.heading(b)
		case paragraph:
			l.paragraph(b)
		case list:
			l.list(b)
		case table:
			l.table(b)
		case figure:
			l.figure(b)
		}
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		return err
	}
	out, err := archive(raw.Bytes(), tags, info)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
