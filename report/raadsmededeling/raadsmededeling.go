// Package raadsmededeling lays a report out as a PDF in the style of the
// gemeente's raadsmededeling, for the council agenda. Its prose comes from
// the templates package (or a folder that overrides it); it holds no
// person-level data: the report's Signalen are never used here.
package raadsmededeling

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/template"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"beschut/ingest"
	"beschut/report"
	"beschut/report/pdfa"
)

//go:embed fonts/LiberationSans-Regular.ttf
var fontRegular []byte

//go:embed fonts/LiberationSans-Bold.ttf
var fontBold []byte

// Settings are the header block and metadata of the document. Empty fields
// get the defaults documented in the README.
type Settings struct {
	Onderwerp          string    // default: Kwartaalrapportage beschut werk 2e kwartaal 2023
	Nummer             string    // default: "concept"
	Portefeuillehouder string    // default: "Wethouder Werk en Inkomen"
	Team               string    // default: "Beleid"
	Datum              time.Time // default: the peildatum
}

// Producer is the fixed producer string: no version or time in the file.
const Producer = "beschut (gemeentelijke kwartaalrapportage beschut werk)"

// Renderer renders raadsmededelingen with fixed settings and templates.
type Renderer struct {
	settings  Settings
	templates map[string]*template.Template
}

// TemplateError is a template that cannot be read, parsed or filled; its
// message names the file and line.
type TemplateError struct {
	Name string
	Err  error
}

func (e *TemplateError) Error() string { return fmt.Sprintf("sjabloon %s: %v", e.Name, e.Err) }
func (e *TemplateError) Unwrap() error { return e.Err }

// New parses the templates: each of templates.Names from override when it
// has the file, else from defaults.
func New(s Settings, defaults, override fs.FS, names []string) (*Renderer, error) {
	r := &Renderer{settings: s, templates: map[string]*template.Template{}}
	for _, name := range names {
		src, from := defaults, "ingebouwd"
		if override != nil {
			if _, err := fs.Stat(override, name); err == nil {
				src, from = override, "map"
			}
		}
		data, err := fs.ReadFile(src, name)
		if err != nil {
			return nil, &TemplateError{Name: name, Err: err}
		}
		t, err := template.New(name).Option("missingkey=error").Funcs(funcs).Parse(string(data))
		if err != nil {
			return nil, &TemplateError{Name: name + " (" + from + ")", Err: err}
		}
		r.templates[name] = t
	}
	return r, nil
}

var funcs = template.FuncMap{
	"datum": datum, "pct": pct, "euro": euro, "personen": personen, "aantal": aantal,
	"ww": ww, "zijnEr": zijnEr, "hoofdletter": hoofdletter, "decimaal": decimaal,
	"tabel":  func(name string) string { return "[[tabel:" + name + "]]" },
	"figuur": func(name string) string { return "[[figuur:" + name + "]]" },
}

// Data is what the templates see. Q is the quarter of the peildatum with
// every indicator of report.Quarter; Vorig the quarter before (may be nil).
type Data struct {
	Gemeente      string
	Peildatum     time.Time
	Jaar          int
	Kwartaal      int
	KwartaalWoord string // "tweede"
	Lopend        bool   // the peildatum's year is not over
	Q             *report.Quarter
	Vorig         *report.Quarter
	Vergoeding    ingest.Cents // begeleidingsvergoeding per fte
}

func (s Settings) withDefaults(r *report.Report) Settings {
	if s.Onderwerp == "" {
		s.Onderwerp = fmt.Sprintf("Kwartaalrapportage beschut werk %de kwartaal %d", r.Current.Kwartaal, r.Current.Jaar)
	}
	if s.Nummer == "" {
		s.Nummer = "concept"
	}
	if s.Portefeuillehouder == "" {
		s.Portefeuillehouder = "Wethouder Werk en Inkomen"
	}
	if s.Team == "" {
		s.Team = "Beleid"
	}
	if s.Datum.IsZero() {
		s.Datum = r.Peildatum
	}
	return s
}

// sections are the document's sections with the template of each.
var sections = []struct{ title, template string }{
	{"Inleiding", "inleiding.tmpl"},
	{"Kader", "kader.tmpl"},
	{"Kern van de boodschap", "kern.tmpl"},
	{"Nadere toelichting", "toelichting.tmpl"},
}

// blocks fills the templates and returns the document's content in reading order.
func (rd *Renderer) blocks(r *report.Report) ([]block, error) {
	q := r.Current
	d := Data{Gemeente: r.Gemeente, Peildatum: r.Peildatum, Jaar: q.Jaar, Kwartaal: q.Kwartaal,
		KwartaalWoord: kwartaalWoorden[q.Kwartaal-1], Lopend: q.Kwartaal != 4, Q: q, Vorig: r.Previous,
		Vergoeding: r.BegeleidingsvergoedingPerFte.V}
	t := &tables{r: r}
	nfig := 0
	named := func(kind, name string) ([]block, error) {
		switch kind {
		case "tabel":
			b, err := t.build(name)
			return []block{b}, err
		case "figuur":
			return figures(name, r, t, &nfig)
		}
		return nil, fmt.Errorf("onbekende plaatsaanduiding %q", kind)
	}
	var out []block
	for _, s := range sections {
		tmpl, ok := rd.templates[s.template]
		if !ok {
			continue
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, d); err != nil {
			return nil, &TemplateError{Name: s.template, Err: err}
		}
		bs, err := parseProse(buf.String(), named)
		if err != nil {
			return nil, &TemplateError{Name: s.template, Err: err}
		}
		out = append(out, heading{2, s.title})
		out = append(out, bs...)
	}
	return out, nil
}

// Write renders the raadsmededeling of r to w. The same report, settings
// and templates give the same bytes.
func (rd *Renderer) Write(w io.Writer, r *report.Report) error {
	content, err := rd.blocks(r)
	if err != nil {
		return err
	}
	concept := rd.settings.Concept(r)
	s := rd.settings.withDefaults(r)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(s.Datum)
	pdf.SetModificationDate(s.Datum)
	pdf.SetProducer(Producer, true)
	pdf.SetCreator("beschut", true)
	pdf.SetCompression(false) // pdfa.Convert compresses the page contents, with pooled compressors
	info := pdfa.Info{
		Title:    "Raadsmededeling: " + s.Onderwerp,
		Author:   "Gemeente " + r.Gemeente,
		Subject:  fmt.Sprintf("Beschut werk %s, peildatum %s", r.Gemeente, tabelDatum(r.Peildatum)),
		Keywords: "beschut werk, Participatiewet, KonnecteD, raadsmededeling",
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
	running := "Gemeente " + r.Gemeente + "   ·   Raadsmededeling " + s.Nummer + "   ·   " + s.Onderwerp
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
		{"Onderwerp", s.Onderwerp, "Portefeuillehouder", s.Portefeuillehouder},
		{"Nummer", s.Nummer, "Datum", tabelDatum(s.Datum)},
		{"Team", s.Team, "Gemeente", r.Gemeente},
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

// Text returns the prose of the document as plain text, for tests of the
// templates.
func (rd *Renderer) Text(r *report.Report) (string, error) {
	bs, err := rd.blocks(r)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, x := range bs {
		switch x := x.(type) {
		case heading:
			b.WriteString(x.text + "\n")
		case paragraph:
			b.WriteString(x.text + "\n")
		case list:
			for _, it := range x.items {
				b.WriteString("- " + it + "\n")
			}
		}
	}
	return b.String(), nil
}
