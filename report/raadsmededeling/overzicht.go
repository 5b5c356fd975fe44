package raadsmededeling

import (
	"bytes"
	"io"

	"codeberg.org/go-pdf/fpdf"

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
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(ov.Peildatum)
	pdf.SetModificationDate(ov.Peildatum)
	pdf.SetProducer(Producer, true)
	pdf.SetCreator("beschut", true)
	pdf.SetCompression(false) // pdfa.Convert compresses
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
	pdf.SetTitle(info.Title, true)
	pdf.SetSubject(info.Subject, true)
	pdf.SetAuthor(info.Author, true)
	pdf.SetKeywords(info.Keywords, true)
	pdf.SetLang(info.Lang)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	addFonts(pdf)
	pdf.AliasNbPages("{nb}")
	tags := newMarks(pdf)
	l := &layout{pdf: pdf, tag: tags}
	running := title + "   ·   peildatum " + tabelDatum(ov.Peildatum)
	pdf.SetHeaderFunc(func() {
		l.tag.artifact(func() {
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
			pdf.CellFormat(contentW, 4, footerText(pdf.PageNo(), tabelDatum(ov.Peildatum), "", ""), "", 0, "L", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
		})
	})
	l.newPage()
	l.draw(fromProse(doc.Blocks))
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
