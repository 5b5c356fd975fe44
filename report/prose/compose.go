package prose

import (
	"beschut/internal/value"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"sync"
	"text/template"
	"time"

	"beschut/report"
)

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
// the PDF marks as CONCEPT on every page. The word "concept" (the old
// default of --nummer) is no nummer either.
func (s Settings) Concept() bool {
	n := strings.TrimSpace(s.Nummer)
	return n == "" || strings.EqualFold(n, "concept")
}

// NummerTekst is the nummer as the header shows it.
func (s Settings) NummerTekst() string {
	if s.Concept() {
		return "(nog niet toegekend)"
	}
	return s.Nummer
}

// KopTekst is "Raadsmededeling" with its nummer as the running header
// shows it: "Raadsmededeling zonder nummer" for a draft, since
// "Raadsmededeling (nog niet toegekend)" reads as if the document itself
// were not granted.
func (s Settings) KopTekst() string {
	if s.Concept() {
		return "Raadsmededeling zonder nummer"
	}
	return "Raadsmededeling " + s.Nummer
}

// ValueOrDash is a header field, or "–" when it is empty.
func ValueOrDash(v string) string {
	if v == "" {
		return "–"
	}
	return v
}

// Composer makes documents from reports with fixed command-line settings
// and templates. It is safe for concurrent use.
type Composer struct {
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

// New parses the templates: each of names from override when it has the
// file, else from defaults. Every error of every file is reported. The
// settings are those of the command line (see Settings).
func New(s Settings, defaults, override fs.FS, names []string) (*Composer, error) {
	base, err := parseSet(defaults, override, "map", names)
	if err != nil {
		return nil, err
	}
	return &Composer{settings: s, defaults: defaults, override: override, names: names, base: base, folders: map[string]folderSet{}}, nil
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
		if err := value.BeyondBMP(string(data)); err != nil {
			errs = append(errs, &TemplateError{Name: name + " (" + origin + ")", Err: err})
			bad = true
		}
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
func (rd *Composer) templatesFor(r *report.Report) (templateSet, error) {
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
	"datum": Datum, "pct": pct, "euro": euro, "personen": personen, "aantal": aantal, "getal": num,
	"niemandOf": niemandOf, "ww": ww, "zijnEr": zijnEr, "hoofdletter": hoofdletter, "decimaal": decimaal,
	"kwartaal": Kwartaal, "totKwartaal": totKwartaal,
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
	Vergoeding    report.Opt[value.Cents] // begeleidingsvergoeding per fte
	Meerjaren     bool                    // the meerjarenprognose has at least one forecast year
}

// Resolve gives the settings a document of r is made with: the command
// line's, else the gemeente's settings and publicatie, else the defaults.
func (rd *Composer) Resolve(r *report.Report) Settings { return rd.settings.Resolved(r) }

// Resolved fills the empty fields of command-line settings s for r: from
// the gemeente's settings and publicatie, else the defaults.
func (s Settings) Resolved(r *report.Report) Settings {
	if s.Onderwerp == "" {
		s.Onderwerp = fmt.Sprintf("Kwartaalrapportage beschut werk %s", Kwartaal(r.Current.Jaar, r.Current.Kwartaal))
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

// Compose fills the templates with r and returns the document: its header
// resolved, its content in reading order, its tables and figures numbered
// in the order they are placed.
func (rd *Composer) Compose(r *report.Report) (*Document, error) {
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
	named := func(kind, name string) ([]Block, error) {
		switch kind {
		case "tabel":
			b, err := t.build(name)
			return []Block{b}, err
		case "figuur":
			return figures(name, r, t)
		}
		return nil, fmt.Errorf("onbekende plaatsaanduiding %q", kind)
	}
	var out []Block
	for _, s := range sections {
		tmpl, ok := set[s.template]
		if !ok {
			continue
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, d); err != nil {
			return nil, &TemplateError{Name: s.template, Err: err}
		}
		bs, err := Parse(buf.String(), named)
		if err != nil {
			return nil, &TemplateError{Name: s.template, Err: err}
		}
		out = append(out, Heading{2, s.title})
		if s.template == "toelichting.tmpl" && r.Duiding != nil {
			ds, err := Parse(r.Duiding.Text, func(kind, name string) ([]Block, error) {
				return nil, fmt.Errorf("de duiding plaatst geen tabellen of figuren")
			})
			if err != nil {
				return nil, &TemplateError{Name: r.Duiding.Path, Err: err}
			}
			out = append(out, Heading{3, "Duiding"})
			out = append(out, ds...)
		}
		out = append(out, bs...)
	}
	if err := number(out); err != nil {
		return nil, &TemplateError{Name: "toelichting.tmpl", Err: err}
	}
	return &Document{Header: rd.Resolve(r), Blocks: out}, nil
}
