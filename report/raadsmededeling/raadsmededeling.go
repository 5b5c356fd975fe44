// Package raadsmededeling lays a report out as a PDF in the style of the
// gemeente's raadsmededeling, for the council agenda. Its prose is the
// renderer-neutral document of package report/prose (made from the
// templates package, or a folder that overrides it); it holds no
// person-level data: the report's Signalen are never used here.
package raadsmededeling

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"io/fs"

	"codeberg.org/go-pdf/fpdf"

	"beschut/report"
	"beschut/report/prose"
)

//go:embed fonts/LiberationSans-Regular.ttf
var fontRegular []byte

//go:embed fonts/LiberationSans-Bold.ttf
var fontBold []byte

// Settings are the header block and metadata of the document as given on
// the command line; see prose.Settings.
type Settings = prose.Settings

// TemplateError is a template that cannot be read, parsed or filled; its
// message names the file and line.
type TemplateError = prose.TemplateError

// ErrLiteralNumber: a template writes "Tabel 5" instead of {{tabelnr "naam"}}.
var ErrLiteralNumber = prose.ErrLiteralNumber

// ValueOrDash is a header field, or "–" when it is empty.
func ValueOrDash(v string) string { return prose.ValueOrDash(v) }

// Producer is the fixed producer string: no version or time in the file.
const Producer = "beschut (gemeentelijke kwartaalrapportage beschut werk)"

// Renderer renders raadsmededelingen with fixed settings and templates.
type Renderer struct {
	composer *prose.Composer
}

// New parses the templates: each of names from override when it has the
// file, else from defaults (see prose.New).
func New(s Settings, defaults, override fs.FS, names []string) (*Renderer, error) {
	c, err := prose.New(s, defaults, override, names)
	if err != nil {
		return nil, err
	}
	return &Renderer{composer: c}, nil
}

// Resolve gives the settings a document of r is made with: the command
// line's, else the gemeente's settings and publicatie, else the defaults.
// Resolve(r).Concept() tells a draft.
func (rd *Renderer) Resolve(r *report.Report) Settings { return rd.composer.Resolve(r) }

// Document is the renderer-neutral prose of r's raadsmededeling.
func (rd *Renderer) Document(r *report.Report) (*prose.Document, error) {
	return rd.composer.Compose(r)
}

// Write renders the raadsmededeling of r to w. The same report, settings
// and templates give the same bytes.
func (rd *Renderer) Write(w io.Writer, r *report.Report) error {
	doc, err := rd.composer.Compose(r)
	if err != nil {
		return err
	}
	return WriteDocument(w, r, doc)
}

// WriteDocument lays out doc, the prose of r's raadsmededeling, as a PDF.
// r gives the footer (peildatum, source); every figure and word comes from
// doc.
func WriteDocument(w io.Writer, r *report.Report, doc *prose.Document) error {
	content := fromProse(doc.Blocks)
	s := doc.Header
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
			pdf.CellFormat(contentW, 4, s.Afzender+"   ·   Raadsmededeling "+s.NummerTekst()+"   ·   "+s.Onderwerp, "", 0, "L", false, 0, "")
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
		{"Onderwerp", s.Onderwerp, "Portefeuillehouder", ValueOrDash(s.Portefeuillehouder)},
		{"Nummer", s.NummerTekst(), "Datum", tabelDatum(s.Datum)},
		{"Team", ValueOrDash(s.Team), "Gemeente", s.Gemeente},
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

// Text returns the document as plain text (see prose.Document.Text), for
// tests of the templates.
func (rd *Renderer) Text(r *report.Report) (string, error) {
	doc, err := rd.composer.Compose(r)
	if err != nil {
		return "", err
	}
	return doc.Text(), nil
}

// Must returns rd, or panics on err: for tests and fixed templates.
func Must(rd *Renderer, err error) *Renderer {
	if err != nil {
		panic(err)
	}
	return rd
}
