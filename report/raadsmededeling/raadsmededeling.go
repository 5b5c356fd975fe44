// Package raadsmededeling lays a report out as a PDF in the style of the
// gemeente's raadsmededeling, for the council agenda. Its prose comes from
// the templates package (or a folder that overrides it); it holds no
// person-level data: the report's Signalen are never used here.
package raadsmededeling

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"sync"
	"text/template"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"beschut/ingest"
	"beschut/report"
)

//go:embed fonts/LiberationSans-Regular.ttf
var fontRegular []byte

//go:embed fonts/LiberationSans-Bold.ttf
var fontBold []byte

// Settings are the header block and metadata of the document, as given
// on the command line (--nummer, --datum, …): a field given here overrides
// the gemeente's settings and publicatie from the parameters file. Resolve
// gives the settings a document is made with.
type Settings struct {
	Onderwerp          string    // default: Kwartaalrapportage beschut werk 2e kwartaal 2023
	Nummer             string    // default: the publicatie's nummer; none: a concept
	Portefeuillehouder string    // default: the gemeente's setting; none: "–"
	Team               string    // default: the gemeente's setting; none: "–"
	Datum              time.Time // default: the publicatie's datum, else the peildatum

	// Set by Resolve, never by the caller.
	Gemeente   string // the gemeente's display name ("'s-Hertogenbosch")
	Afzender   string // "Gemeente Deventer"; a name that starts with "Gemeente" is not prefixed again
	Uitvoerder string // the SW-bedrijf, or "het SW-bedrijf"
}

// Concept reports whether the document has no nummer yet: a draft, which
// the PDF marks as CONCEPT on every page.
func (s Settings) Concept() bool { return s.Nummer == "" }

// NummerTekst is the nummer as the header shows it.
func (s Settings) NummerTekst() string {
	if s.Concept() {
		return "(nog niet toegekend)"
	}
	return s.Nummer
}

// ValueOrDash is a header field, or "–" when it is empty.
func ValueOrDash(v string) string {
	if v == "" {
		return "–"
	}
	return v
}

// Producer is the fixed producer string: no version or time in the file.
const Producer = "beschut (gemeentelijke kwartaalrapportage beschut werk)"

// Renderer renders raadsmededelingen with fixed settings and templates.
type Renderer struct {
	settings Settings
	defaults fs.FS
	override fs.FS // --templates: wins over every gemeente's own folder
	names    []string
	base     templateSet

	mu      sync.Mutex
	folders map[string]folderSet // a gemeente's own templates folder, parsed once
}

type templateSet map[string]*template.Template

type folderSet struct {
	set templateSet
	err error
}

// TemplateError is a template that cannot be read, parsed or filled; its
// message names the file and line.
type TemplateError struct {
	Name string
	Err  error
}

func (e *TemplateError) Error() string { return fmt.Sprintf("sjabloon %s: %v", e.Name, e.Err) }
func (e *TemplateError) Unwrap() error { return e.Err }

// ErrLiteralNumber: a template writes a table's or figure's number itself
// ("Tabel 5") instead of asking for it ({{tabelnr "kosten"}}).
var ErrLiteralNumber = errors.New(`noemt een tabel of figuur met een vast nummer; de nummers volgen de plaatsing: gebruik {{tabelnr "naam"}} of {{figuurnr "naam"}}`)

// literalNumber finds "Tabel 5", "figuur 2", "tabellen 5 en 6" in a template's text.
var literalNumber = regexp.MustCompile(`(?i)\b(tabel|tabellen|figuur|figuren)\s+\d+`)

// New parses the templates: each of templates.Names from override when it
// has the file, else from defaults. Every error of every file is reported.
func New(s Settings, defaults, override fs.FS, names []string) (*Renderer, error) {
	base, err := parseSet(defaults, override, "map", names)
	if err != nil {
		return nil, err
	}
	return &Renderer{settings: s, defaults: defaults, override: override, names: names, base: base, folders: map[string]folderSet{}}, nil
}

// parseSet parses each of names from override when it has the file, else
// from defaults.
func parseSet(defaults, override fs.FS, from string, names []string) (templateSet, error) {
	set := templateSet{}
	var errs []error
	for _, name := range names {
		src, origin := defaults, "ingebouwd"
		if override != nil {
			if _, err := fs.Stat(override, name); err == nil {
				src, origin = override, from
			}
		}
		data, err := fs.ReadFile(src, name)
		if err != nil {
			errs = append(errs, &TemplateError{Name: name, Err: err})
			continue
		}
		bad := false
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range literalNumber.FindAllString(line, -1) {
				errs = append(errs, &TemplateError{Name: fmt.Sprintf("%s:%d (%s)", name, i+1, origin), Err: fmt.Errorf("%q %w", m, ErrLiteralNumber)})
				bad = true
			}
		}
		t, err := template.New(name).Option("missingkey=error").Funcs(funcs).Parse(string(data))
		if err != nil {
			errs = append(errs, &TemplateError{Name: name + " (" + origin + ")", Err: err})
			continue
		}
		if !bad {
			set[name] = t
		}
	}
	return set, errors.Join(errs...)
}

// templatesFor is the template set of a report: the --templates folder
// when given, else the gemeente's own folder (parsed once), else the
// defaults.
func (rd *Renderer) templatesFor(r *report.Report) (templateSet, error) {
	dir := r.Settings.Templates
	if rd.override != nil || dir == "" {
		return rd.base, nil
	}
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if f, ok := rd.folders[dir]; ok {
		return f.set, f.err
	}
	var f folderSet
	if _, err := os.Stat(dir); err != nil {
		f.err = &TemplateError{Name: dir, Err: fmt.Errorf("map met sjablonen van %s: %w", r.Settings.DisplayName(r.Gemeente), err)}
	} else {
		f.set, f.err = parseSet(rd.defaults, os.DirFS(dir), dir, rd.names)
	}
	rd.folders[dir] = f
	return f.set, f.err
}

var funcs = template.FuncMap{
	"datum": datum, "pct": pct, "euro": euro, "personen": personen, "aantal": aantal, "getal": num,
	"niemandOf": niemandOf, "ww": ww, "zijnEr": zijnEr, "hoofdletter": hoofdletter, "decimaal": decimaal,
	"kwartaal": kwartaal, "totKwartaal": totKwartaal,
	// wwNiemand agrees with niemandOf: "niemand kreeg", "1 persoon kreeg", "6 personen kregen".
	"wwNiemand": func(n int, enkel, meer string) string {
		if n <= 1 {
			return enkel
		}
		return meer
	},
	"tabel":    func(name string) string { return "[[tabel:" + name + "]]" },
	"figuur":   func(name string) string { return "[[figuur:" + name + "]]" },
	"tabelnr":  func(name string) string { return numberRef("tabel", name) },
	"figuurnr": func(name string) string { return numberRef("figuur", name) },
}

// numberRef stands for the number of a placed table or figure until the
// document is numbered.
func numberRef(kind, name string) string { return "[[nr:" + kind + ":" + name + "]]" }

var numberRefs = regexp.MustCompile(`\[\[nr:(tabel|figuur):([^\]]*)\]\]`)

// Data is what the templates see. Q is the quarter of the peildatum with
// every indicator of report.Quarter; Vorig the quarter before (may be nil).
// P, C and U are the model's placement, conclusions and public uitstroom.
type Data struct {
	Gemeente      string   // display name
	Uitvoerder    string   // "KonnecteD", or "het SW-bedrijf"
	Kader         []string // the kader documents
	Peildatum     time.Time
	Jaar          int
	Kwartaal      int
	KwartaalWoord string // "tweede"
	Lopend        bool   // the peildatum's year is not over
	Q             *report.Quarter
	Vorig         *report.Quarter
	P             report.Plaatsing
	C             report.Conclusie
	U             report.UitstroomPubliek
	Vergoeding    report.Opt[ingest.Cents] // begeleidingsvergoeding per fte
	Meerjaren     bool                     // the meerjarenprognose has at least one forecast year
}

// Resolve gives the settings a document of r is made with: the command
// line's, else the gemeente's settings and publicatie, else the defaults.
func (rd *Renderer) Resolve(r *report.Report) Settings { return rd.settings.withDefaults(r) }

func (s Settings) withDefaults(r *report.Report) Settings {
	if s.Onderwerp == "" {
		s.Onderwerp = fmt.Sprintf("Kwartaalrapportage beschut werk %s", kwartaal(r.Current.Jaar, r.Current.Kwartaal))
	}
	if s.Nummer == "" {
		s.Nummer = r.Publicatie.Nummer
	}
	if s.Portefeuillehouder == "" {
		s.Portefeuillehouder = r.Settings.Portefeuillehouder
	}
	if s.Team == "" {
		s.Team = r.Settings.Team
	}
	if s.Datum.IsZero() {
		s.Datum = r.Publicatie.Datum
	}
	if s.Datum.IsZero() {
		s.Datum = r.Peildatum
	}
	s.Gemeente = r.Settings.DisplayName(r.Gemeente)
	s.Afzender = afzender(s.Gemeente)
	s.Uitvoerder = r.Settings.UitvoerderNaam()
	return s
}

// afzender: "Gemeente Deventer", but "Gemeente 001" stays itself.
func afzender(naam string) string {
	if strings.HasPrefix(strings.ToLower(naam), "gemeente ") || strings.EqualFold(naam, "gemeente") {
		return naam
	}
	return "Gemeente " + naam
}

// sections are the document's sections with the template of each.
var sections = []struct{ title, template string }{
	{"Inleiding", "inleiding.tmpl"},
	{"Kader", "kader.tmpl"},
	{"Kern van de boodschap", "kern.tmpl"},
	{"Nadere toelichting", "toelichting.tmpl"},
}

// blocks fills the templates and returns the document's content in reading
// order, its tables and figures numbered in the order they are placed.
func (rd *Renderer) blocks(r *report.Report) ([]block, error) {
	set, err := rd.templatesFor(r)
	if err != nil {
		return nil, err
	}
	q := r.Current
	d := Data{Gemeente: r.Settings.DisplayName(r.Gemeente), Uitvoerder: r.Settings.UitvoerderNaam(), Kader: r.Settings.KaderList(),
		Peildatum: r.Peildatum, Jaar: q.Jaar, Kwartaal: q.Kwartaal,
		KwartaalWoord: kwartaalWoorden[q.Kwartaal-1], Lopend: q.Kwartaal != 4, Q: q, Vorig: r.Previous,
		P: r.Publiek.Plaatsing, C: r.Publiek.Conclusie, U: r.Publiek.Uitstroom,
		Vergoeding: r.BegeleidingsvergoedingPerFte, Meerjaren: len(r.Prognose.Rows) > 1}
	t := &tables{r: r}
	named := func(kind, name string) ([]block, error) {
		switch kind {
		case "tabel":
			b, err := t.build(name)
			return []block{b}, err
		case "figuur":
			return figures(name, r, t)
		}
		return nil, fmt.Errorf("onbekende plaatsaanduiding %q", kind)
	}
	var out []block
	for _, s := range sections {
		tmpl, ok := set[s.template]
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
		if s.template == "toelichting.tmpl" && r.Duiding != nil {
			ds, err := parseProse(r.Duiding.Text, func(kind, name string) ([]block, error) {
				return nil, fmt.Errorf("de duiding plaatst geen tabellen of figuren")
			})
			if err != nil {
				return nil, &TemplateError{Name: r.Duiding.Path, Err: err}
			}
			out = append(out, heading{3, "Duiding"})
			out = append(out, ds...)
		}
		out = append(out, bs...)
	}
	if err := number(out); err != nil {
		return nil, &TemplateError{Name: "toelichting.tmpl", Err: err}
	}
	return out, nil
}

// number gives every table and figure its number in placement order, and
// puts those numbers in the text that refers to them.
func number(bs []block) error {
	nums := map[string]string{}
	nt, nf := 0, 0
	for i, b := range bs {
		switch b := b.(type) {
		case table:
			nt++
			b.caption = fmt.Sprintf("Tabel %d: %s", nt, b.title)
			nums["tabel:"+b.name] = fmt.Sprintf("Tabel %d", nt)
			bs[i] = b
		case figure:
			nf++
			b.caption = fmt.Sprintf("Figuur %d: %s", nf, b.title)
			nums["figuur:"+b.name] = fmt.Sprintf("Figuur %d", nf)
			bs[i] = b
		}
	}
	var missing []string
	fill := func(s string) string {
		return numberRefs.ReplaceAllStringFunc(s, func(m string) string {
			sub := numberRefs.FindStringSubmatch(m)
			if n, ok := nums[sub[1]+":"+sub[2]]; ok {
				return n
			}
			missing = append(missing, fmt.Sprintf("%s %q", sub[1], sub[2]))
			return m
		})
	}
	for i, b := range bs {
		switch b := b.(type) {
		case paragraph:
			bs[i] = paragraph{fill(b.text)}
		case list:
			items := make([]string, len(b.items))
			for j, it := range b.items {
				items[j] = fill(it)
			}
			bs[i] = list{items}
		case table:
			b.note = fill(b.note)
			bs[i] = b
		case figure:
			b.alt = fill(b.alt)
			bs[i] = b
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("verwijst naar %s, die niet in de mededeling staat (plaats hem met {{tabel \"naam\"}} of {{figuur \"naam\"}})", strings.Join(missing, ", "))
	}
	return nil
}

// Write renders the raadsmededeling of r to w. The same report, settings
// and templates give the same bytes.
func (rd *Renderer) Write(w io.Writer, r *report.Report) error {
	content, err := rd.blocks(r)
	if err != nil {
		return err
	}
	s := rd.Resolve(r)
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

// Text returns the document as plain text, in reading order: the header
// block, headings ("#"), paragraphs, list items ("- "), tables (caption,
// then one line per row, cells separated by " | ", then the note) and
// figures (caption and alternative text). Tests of the prose use it where
// no PDF tools are installed.
func (rd *Renderer) Text(r *report.Report) (string, error) {
	bs, err := rd.blocks(r)
	if err != nil {
		return "", err
	}
	s := rd.Resolve(r)
	var b strings.Builder
	fmt.Fprintf(&b, "%s · Raadsmededeling %s · %s\n", s.Afzender, s.NummerTekst(), s.Onderwerp)
	fmt.Fprintf(&b, "Onderwerp: %s\nNummer: %s\nDatum: %s\nPortefeuillehouder: %s\nTeam: %s\nGemeente: %s\n",
		s.Onderwerp, s.NummerTekst(), tabelDatum(s.Datum), ValueOrDash(s.Portefeuillehouder), ValueOrDash(s.Team), s.Gemeente)
	for _, x := range bs {
		switch x := x.(type) {
		case heading:
			b.WriteString("\n" + strings.Repeat("#", x.level) + " " + x.text + "\n")
		case paragraph:
			b.WriteString("\n" + x.text + "\n")
		case list:
			b.WriteString("\n")
			for _, it := range x.items {
				b.WriteString("- " + it + "\n")
			}
		case table:
			b.WriteString("\n" + x.caption + "\n")
			for _, row := range append([][]string{x.head}, x.rows...) {
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = strings.TrimSpace(c)
				}
				b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			}
			if x.note != "" {
				b.WriteString(x.note + "\n")
			}
		case figure:
			b.WriteString("\n" + x.caption + "\n[" + x.alt + "]\n")
		}
	}
	return b.String(), nil
}

// Must returns rd, or panics on err: for tests and fixed templates.
func Must(rd *Renderer, err error) *Renderer {
	if err != nil {
		panic(err)
	}
	return rd
}
