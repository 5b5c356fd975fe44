package report

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"beschut/ingest"
	"beschut/internal/ini"

	"golang.org/x/text/unicode/norm"
)

// Kind is the type of a parameter value.
type Kind int

// Parameter kinds.
const (
	KindCount   Kind = iota // whole number (thousands separator allowed: 1.000)
	KindEuro                // amount, exact to the cent
	KindHours               // decimal hours
	KindPercent             // decimal percentage
	KindText                // a gemeente's own words, as written
	KindDate                // dd-mm-jjjj
	KindPath                // a file or folder, relative to the parameters file
	KindCBS                 // CBS gemeentecode: GM and four digits
)

// Where is the kind of section a key belongs in.
type Where int

// Sections of the parameters file.
const (
	InLandelijk  Where = iota // [landelijk], [landelijk 2023]
	InGemeente                // [gemeente "Deventer"], [gemeente "Deventer" 2023]
	InInstelling              // [gemeente "Deventer"] only: the gemeente's own words
	InPublicatie              // [gemeente "Deventer" 30-06-2023]: the raadsmededeling of that peildatum
	InRegio                   // [regio "Zaanstreek-Waterland"]
)

// ParamKey describes one key of the parameters file.
type ParamKey struct {
	Name  string
	Kind  Kind
	Where Where
	List  bool // may be given more than once; the values keep their order
	Text  string
}

// ParamKeys lists every key the parameters file knows, in README order.
var ParamKeys = []ParamKey{
	{"taakstelling", KindCount, InGemeente, false, "taakstelling van het Rijk: aantal betaalde dienstverbanden beschut werk"},
	{"begroting_begeleiding", KindEuro, InGemeente, false, "begroot budget voor de begeleidingsvergoeding in het jaar"},
	{"verwachte_instroom", KindCount, InGemeente, false, "verwachte nieuwe indicaties per jaar (voor de prognose)"},
	{"begeleidingsvergoeding_per_fte", KindEuro, InLandelijk, false, "begeleidingsvergoeding per fte per jaar"},
	{"uren_fte_begeleiding", KindHours, InLandelijk, false, "uren per week waarbij een dienstverband voltijds is voor de begeleiding (31)"},
	{"gemiddelde_uren", KindHours, InLandelijk, false, "gemiddelde uren per week in de prognose en het kostprijsmodel (24)"},
	{"wml", KindEuro, InLandelijk, false, "wettelijk minimumloon per jaar bij uren_fte_loon uur per week"},
	{"vakantietoeslag", KindPercent, InLandelijk, false, "vakantietoeslag als percentage van het loon (8%)"},
	{"werkgeverslasten", KindPercent, InLandelijk, false, "werkgeverslasten als percentage van loon plus vakantietoeslag (23,5%)"},
	{"uren_fte_loon", KindHours, InLandelijk, false, "uren per week van een voltijds dienstverband voor het loon (37)"},
	{"productie_opbrengst_per_fte", KindEuro, InLandelijk, false, "opbrengst van de productie per fte per jaar (kostprijsmodel)"},
	{"liv_per_fte", KindEuro, InLandelijk, false, "lage-inkomensvoordeel per fte per jaar (kostprijsmodel)"},
	{"plaatsingsdoel", KindPercent, InLandelijk, false, "doel voor het aandeel betaalde dienstverbanden buiten het SW-bedrijf (25%)"},
	{"drempel_kleine_aantallen", KindCount, InLandelijk, false, "kleinste aantal dat de openbare raadsmededeling per uitstroomreden toont (3)"},
	{"naam", KindText, InInstelling, false, "naam van de gemeente zoals in officiële stukken ('s-Hertogenbosch); zonder: de naam in de export"},
	{"cbs_code", KindCBS, InInstelling, false, "CBS-gemeentecode (GM0150)"},
	{"uitvoerder", KindText, InInstelling, false, "naam van het SW-bedrijf; zonder: \"het SW-bedrijf\""},
	{"kader", KindText, InInstelling, true, "een kaderdocument (herhaalbaar, in volgorde); zonder: alleen de Participatiewet"},
	{"portefeuillehouder", KindText, InInstelling, false, "portefeuillehouder in de kop van de raadsmededeling; zonder: geen"},
	{"team", KindText, InInstelling, false, "team in de kop van de raadsmededeling; zonder: geen"},
	{"sjablonen", KindPath, InInstelling, false, "map met eigen sjablonen, ten opzichte van het parameterbestand; zonder: de ingebouwde"},
	{"nummer", KindText, InPublicatie, false, "nummer van de raadsmededeling van die peildatum; zonder: concept"},
	{"datum", KindDate, InPublicatie, false, "datum van de raadsmededeling van die peildatum (dd-mm-jjjj)"},
	{"duiding", KindPath, InPublicatie, false, "tekstbestand met de eigen duiding van het beleidsteam, ten opzichte van het parameterbestand"},
	{"gemeente", KindText, InRegio, true, "een gemeente van de regio (herhaalbaar), geschreven als in de export"},
}

func keyInfo(name string) (ParamKey, bool) {
	k, ok := keyIndex[name]
	return k, ok
}

// keyIndex is ParamKeys by name.
var keyIndex = func() map[string]ParamKey {
	m := make(map[string]ParamKey, len(ParamKeys))
	for _, k := range ParamKeys {
		m[k.Name] = k
	}
	return m
}()

// scope is where a value applies: landelijk (gemeente and regio ""), a
// gemeente, or a regio; a year (0 = every year) or a peildatum (a
// publicatie).
type scope struct {
	gemeente string
	regio    string
	year     int
	peil     time.Time
}

func (s scope) where() Where {
	switch {
	case s.regio != "":
		return InRegio
	case s.gemeente == "":
		return InLandelijk
	case !s.peil.IsZero():
		return InPublicatie
	case s.year == 0:
		return InInstelling
	}
	return InGemeente
}

// allows reports whether a key of kind w may stand in a section s.
func (s scope) allows(w Where) bool {
	sw := s.where()
	return sw == w || (sw == InInstelling && w == InGemeente)
}

// name is the section as the Toelichting shows it.
func (s scope) name() string {
	name := "landelijk"
	switch {
	case s.regio != "":
		name = "regio " + s.regio
	case s.gemeente != "":
		name = s.gemeente
	}
	if s.year > 0 {
		name += " " + strconv.Itoa(s.year)
	}
	if !s.peil.IsZero() {
		name += " " + value.FormatDate(s.peil)
	}
	return name
}

type paramValue struct {
	raw  string
	n    int64    // count, cents, or Fixed
	text []string // text, date (dd-mm-jjjj) or resolved path; several for a list key
	line int
	file string
}

// Params are the yearly parameters that are not in the export, and each
// gemeente's own words for its documents.
type Params struct {
	Source string
	values map[scope]map[string]paramValue
	regios []string // in file order
	// scopes lists, per gemeente ("": landelijk), its sections outside a
	// regio, sorted: what Years, Used and Configured look at, so that they
	// do not walk every section of a national file (thousands) per call.
	scopes map[string][]scope
	// years holds the values of the yearly sections and of the section for
	// every year (year 0) per gemeente ("": landelijk): lookup's two maps.
	years map[string]map[int]map[string]paramValue
}

// Defaults are the built-in national figures from the seeds (nota beschut
// werk Deventer 2023, §3), used where the parameters file does not give them.
const Defaults = `[landelijk]
begeleidingsvergoeding_per_fte = 8.100
uren_fte_begeleiding = 31
gemiddelde_uren = 24
vakantietoeslag = 8%
werkgeverslasten = 23,5%
uren_fte_loon = 37
productie_opbrengst_per_fte = 8.711,11
liv_per_fte = 960
plaatsingsdoel = 25%
drempel_kleine_aantallen = 3

[landelijk 2023]
wml = 23.212,80
`

// ParamError is a malformed line of the parameters file; ParamErrors all
// of them. They are the errors of the shared configuration format.
type (
	ParamError  = ini.Error
	ParamErrors = ini.Errors
)

// Reasons a parameters line is refused.
var (
	ErrParamSyntax     = ini.ErrSyntax
	ErrParamSection    = errors.New(`is geen sectie: verwacht [landelijk], [landelijk 2023], [gemeente "Naam"], [gemeente "Naam" 2023], [gemeente "Naam" 30-06-2023] of [regio "Naam"] (een jaar van 2015 tot en met 2099, een peildatum is het einde van een kwartaal)`)
	ErrParamUnknown    = errors.New("is geen bekende sleutel (zie README.md)")
	ErrParamScope      = errors.New(`hoort in een sectie van een gemeente: [gemeente "Naam"] of [gemeente "Naam" jaar]`)
	ErrParamNational   = errors.New("is landelijk: zet hem in [landelijk] of [landelijk jaar]")
	ErrParamInstelling = errors.New(`hoort in de sectie [gemeente "Naam"], zonder jaar of peildatum`)
	ErrParamPublicatie = errors.New(`hoort in een sectie [gemeente "Naam" dd-mm-jjjj] van de peildatum van de raadsmededeling`)
	ErrParamRegio      = errors.New(`hoort in een sectie [regio "Naam"]`)
	ErrParamDuplicate  = errors.New("staat al eerder in deze sectie")
	ErrParamNoSection  = errors.New("staat vóór de eerste [sectie]")
	ErrParamValue      = errors.New("is geen geldige waarde")
	ErrParamListTwice  = errors.New("staat al eerder in deze lijst")
	// ErrParamOutsideBMP: a character beyond U+FFFF (an emoji), on which the
	// raadsmededeling's PDF library (fpdf) panics.
	ErrParamOutsideBMP = errors.New("bevat een teken buiten het bereik van het lettertype (zoals een emoji)")
)

// SpellingError: a gemeente section whose name differs from an earlier one
// only in upper and lower case. Both would be configured, an export with
// both spellings would give two gemeenten, and their documents (Deventer_…
// and DEVENTER_…) would overwrite each other on a file system that ignores
// case (Windows, macOS).
type SpellingError struct {
	First string
	Line  int
}

func (e *SpellingError) Error() string {
	return fmt.Sprintf("schrijft de gemeente anders dan \"%s\" op regel %d (alleen hoofdletters verschillen): gebruik één schrijfwijze, precies zoals in de export", e.First, e.Line)
}

// UnderBadSectionError: a key below a section line that was refused; not
// read, since it is unknown where it belongs.
type UnderBadSectionError struct{ Line int }

func (e *UnderBadSectionError) Error() string {
	return fmt.Sprintf("staat onder de ongeldige sectie van regel %d en is niet gelezen", e.Line)
}

// misplaced is the error for a key of kind w in the wrong section.
func misplaced(w Where) error {
	switch w {
	case InLandelijk:
		return ErrParamNational
	case InInstelling:
		return ErrParamInstelling
	case InPublicatie:
		return ErrParamPublicatie
	case InRegio:
		return ErrParamRegio
	}
	return ErrParamScope
}

// ParseParams reads a parameters file over the built-in defaults. Paths in
// it (sjablonen, duiding) are relative to the folder of name.
func ParseParams(name string, data []byte) (*Params, error) {
	p := &Params{Source: name, values: map[scope]map[string]paramValue{}}
	if err := p.parse("ingebouwd", []byte(Defaults)); err != nil {
		return nil, err
	}
	if err := p.parse(name, data); err != nil {
		return nil, err
	}
	p.index()
	return p, nil
}

// index fills p.scopes from p.values.
func (p *Params) index() {
	p.scopes = map[string][]scope{}
	p.years = map[string]map[int]map[string]paramValue{}
	for s, m := range p.values {
		if s.regio != "" {
			continue
		}
		p.scopes[s.gemeente] = append(p.scopes[s.gemeente], s)
		if s.peil.IsZero() {
			if p.years[s.gemeente] == nil {
				p.years[s.gemeente] = map[int]map[string]paramValue{}
			}
			p.years[s.gemeente][s.year] = m
		}
	}
	for _, l := range p.scopes {
		sort.Slice(l, func(i, j int) bool {
			if l[i].year != l[j].year {
				return l[i].year < l[j].year
			}
			return l[i].peil.Before(l[j].peil)
		})
	}
}

// scopesOf lists the landelijk sections and those of gemeente.
func (p *Params) scopesOf(gemeente string) [2][]scope {
	if gemeente == "" {
		return [2][]scope{p.scopes[""]}
	}
	return [2][]scope{p.scopes[""], p.scopes[gemeente]}
}

func (p *Params) parse(name string, data []byte) error {
	lines, errs := ini.Lines(name, data)
	fail := func(line int, key, value string, err error) {
		errs = append(errs, &ParamError{File: name, Line: line, Key: key, Value: value, Err: err})
	}
	var cur *scope
	seen := map[scope]map[string]bool{}
	type spelling struct {
		name string
		line int
	}
	spelled := map[string]spelling{} // lower-case gemeente → its first spelling
	badSection := 0                  // line of the refused section the lines below belong to
	for _, l := range lines {
		n, key, value := l.N, l.Key, l.Value
		if l.IsSection {
			if beyondBMP(l.Section) {
				fail(n, "", l.Text, ErrParamOutsideBMP)
				cur, badSection = nil, n
				continue
			}
			s, ok := parseSection(l.Section)
			if !ok {
				fail(n, "", l.Text, ErrParamSection)
				cur, badSection = nil, n
				continue
			}
			if s.gemeente != "" {
				key := strings.ToLower(s.gemeente)
				if first, ok := spelled[key]; ok && first.name != s.gemeente {
					fail(n, "", l.Text, &SpellingError{First: first.name, Line: first.line})
					cur, badSection = nil, n
					continue
				} else if !ok {
					spelled[key] = spelling{s.gemeente, n}
				}
			}
			if s.regio != "" && !slices.Contains(p.regios, s.regio) {
				p.regios = append(p.regios, s.regio)
			}
			cur, badSection = &s, 0
			continue
		}
		info, known := keyInfo(key)
		switch {
		case !known:
			fail(n, key, "", ErrParamUnknown)
			continue
		case cur == nil && badSection > 0:
			fail(n, key, "", &UnderBadSectionError{Line: badSection})
			continue
		case cur == nil:
			fail(n, key, "", ErrParamNoSection)
			continue
		case !cur.allows(info.Where):
			fail(n, key, "", misplaced(info.Where))
			continue
		case seen[*cur][key] && !info.List:
			fail(n, key, "", ErrParamDuplicate)
			continue
		}
		v, err := parseParamValue(info.Kind, value, name)
		if err == nil && beyondBMP(value) {
			err = ErrParamOutsideBMP
		}
		if err != nil {
			fail(n, key, value, err)
			continue
		}
		if seen[*cur] == nil {
			seen[*cur] = map[string]bool{}
		}
		seen[*cur][key] = true
		if p.values[*cur] == nil {
			p.values[*cur] = map[string]paramValue{}
		}
		old, had := p.values[*cur][key]
		if info.List && had {
			if slices.Contains(old.text, v.text[0]) {
				fail(n, key, value, ErrParamListTwice)
				continue
			}
			old.text = append(old.text, v.text[0])
			old.raw += "; " + value
			p.values[*cur][key] = old
			continue
		}
		v.raw, v.line, v.file = value, n, name
		p.values[*cur][key] = v
	}
	return ini.Join(errs)
}

// parseSection reads a section name. The quoted forms are unambiguous:
// landelijk [jaar], gemeente "Naam" [jaar | peildatum], regio "Naam". The
// old unquoted form, Naam [jaar], stays readable: a last word that is a
// year from 2015 to 2099 is the year ([Gemeente 1000] is gemeente
// "Gemeente 1000"), one that is a date is the peildatum.
func parseSection(body string) (scope, bool) {
	word, rest, _ := strings.Cut(body, " ")
	rest = strings.TrimSpace(rest)
	switch kw := strings.ToLower(word); {
	case kw == "landelijk":
		if rest == "" {
			return scope{}, true
		}
		y, ok := parseYear(rest)
		return scope{year: y}, ok
	case (kw == "gemeente" || kw == "regio") && strings.HasPrefix(rest, `"`):
		end := strings.Index(rest[1:], `"`)
		if end < 0 {
			return scope{}, false
		}
		name, qual := norm.NFC.String(strings.TrimSpace(rest[1:end+1])), strings.TrimSpace(rest[end+2:])
		if name == "" {
			return scope{}, false
		}
		if kw == "regio" {
			return scope{regio: name}, qual == ""
		}
		s := scope{gemeente: name}
		if qual == "" {
			return s, true
		}
		return qualify(s, qual)
	}
	if body == "" || strings.Contains(body, `"`) || strings.EqualFold(word, "regio") {
		return scope{}, false
	}
	body = norm.NFC.String(body) // as the export's gemeente: composed accents
	s := scope{gemeente: body}
	if i := strings.LastIndex(body, " "); i > 0 {
		last := body[i+1:]
		if q, ok := qualify(scope{gemeente: strings.TrimSpace(body[:i])}, last); ok {
			return q, true
		}
		if dateShaped.MatchString(last) {
			return scope{}, false // a date, but no peildatum: a typo, never part of a name
		}
	}
	return s, true
}

// qualify adds a year or a peildatum to a gemeente's scope.
func qualify(s scope, qual string) (scope, bool) {
	if y, ok := parseYear(qual); ok {
		s.year = y
		return s, true
	}
	if !strings.Contains(qual, "-") {
		return s, false
	}
	t, err := value.ParseDate(qual)
	if err != nil || t.Year() < 2017 || t.Year() > 2099 || !endOfQuarter(t.Year(), (int(t.Month())-1)/3+1).Equal(t) {
		return s, false
	}
	s.peil = t
	return s, true
}

func parseYear(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= 2015 && y <= 2099
}

// errCount: a count is a whole number, with or without thousands separators.
var errCount = errors.New("is geen geheel getal van 0 of meer")

// parseCount reads 12, 1000 or 1.000; never 1.5 or 1,0.
func parseCount(s string) (int64, error) {
	groups := strings.Split(s, ".")
	for i, g := range groups {
		if g == "" || (len(groups) > 1 && (len(g) > 3 || (i > 0 && len(g) != 3))) {
			return 0, errCount
		}
		for _, r := range g {
			if r < '0' || r > '9' {
				return 0, errCount
			}
		}
	}
	n, err := strconv.ParseInt(strings.Join(groups, ""), 10, 32)
	if err != nil {
		return 0, errCount
	}
	return n, nil
}

var (
	cbsCode    = regexp.MustCompile(`^GM[0-9]{4}$`)
	dateShaped = regexp.MustCompile(`^([0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})$`)
)

// parseParamValue reads a value of kind k; file is the parameters file,
// against whose folder a path is resolved.
func parseParamValue(k Kind, s, file string) (paramValue, error) {
	num := func(n int64, err error) (paramValue, error) { return paramValue{n: n}, err }
	text := func(t string) (paramValue, error) { return paramValue{text: []string{t}}, nil }
	switch k {
	case KindCount:
		return num(parseCount(s))
	case KindEuro:
		c, err := ingest.ParseAmount(s)
		if errors.Is(err, ingest.ErrAmountPlaces) || errors.Is(err, ingest.ErrAmountAmbiguous) {
			return num(0, err) // the reason says what to write instead
		}
		if err != nil || c < 0 {
			return num(0, errors.New("is geen bedrag (bijvoorbeeld 8.100 of 8100,00)"))
		}
		return num(int64(c), nil)
	case KindHours:
		f, err := ingest.ParseDecimal(s, false)
		if err != nil || f <= 0 || f > value.FixedFromInt(40) {
			return num(0, errors.New("is geen aantal uren tussen 0 en 40"))
		}
		return num(int64(f), nil)
	case KindPercent:
		f, err := ingest.ParseDecimal(s, true)
		if err != nil || f < 0 || f > value.FixedFromInt(100) {
			return num(0, errors.New("is geen percentage tussen 0 en 100"))
		}
		return num(int64(f), nil)
	case KindText:
		if s == "" {
			return num(0, errors.New("is leeg"))
		}
		return text(norm.NFC.String(s)) // a regio's gemeente as the export's: composed accents
	case KindDate:
		t, err := value.ParseDate(s)
		if err != nil || t.Year() < 2015 || t.Year() > 2099 {
			return num(0, errors.New("is geen datum dd-mm-jjjj (2015 tot en met 2099)"))
		}
		return text(value.FormatDate(t))
	case KindPath:
		if s == "" {
			return num(0, errors.New("is leeg"))
		}
		if !filepath.IsAbs(s) {
			s = filepath.Join(filepath.Dir(file), s)
		}
		return text(s)
	case KindCBS:
		if !cbsCode.MatchString(s) {
			return num(0, errors.New("is geen CBS-gemeentecode (GM en vier cijfers, bijvoorbeeld GM0150)"))
		}
		return text(s)
	}
	return num(0, ErrParamValue)
}

// lookup finds key for gemeente and year: the year's own section first, then
// the section for every year.
func (p *Params) lookup(gemeente string, year int, key string) (paramValue, bool) {
	info, _ := keyInfo(key)
	g := ""
	if info.Where != InLandelijk {
		g = gemeente
	}
	byYear := p.years[g]
	if v, ok := byYear[year][key]; ok {
		return v, true
	}
	v, ok := byYear[0][key]
	return v, ok
}

// Count returns a whole-number parameter.
func (p *Params) Count(gemeente string, year int, key string) (int, bool) {
	v, ok := p.lookup(gemeente, year, key)
	return int(v.n), ok
}

// Euro returns an amount parameter in cents.
func (p *Params) Euro(gemeente string, year int, key string) (value.Cents, bool) {
	v, ok := p.lookup(gemeente, year, key)
	return value.Cents(v.n), ok
}

// Fixed returns an hours or percentage parameter.
func (p *Params) Fixed(gemeente string, year int, key string) (value.Fixed, bool) {
	v, ok := p.lookup(gemeente, year, key)
	return value.Fixed(v.n), ok
}

// Years lists the years that have a value for key for gemeente, sorted.
func (p *Params) Years(gemeente, key string) []int {
	var out []int
	for _, l := range p.scopesOf(gemeente) {
		for _, s := range l {
			if _, ok := p.values[s][key]; ok && s.year > 0 {
				out = append(out, s.year)
			}
		}
	}
	sort.Ints(out)
	return out
}

// ParamUsed is one parameter value as the report shows it.
type ParamUsed struct {
	Key, Scope, Value, Source string
}

// Used lists every figure parameter that applies to gemeente, sorted, for
// the workbook's Toelichting. The gemeente's own words (naam, uitvoerder,
// publicatie …) are not figures and are not listed: the documents show them.
func (p *Params) Used(gemeente string) []ParamUsed {
	var out []ParamUsed
	for _, l := range p.scopesOf(gemeente) {
		for _, s := range l {
			for k, v := range p.values[s] {
				if info, _ := keyInfo(k); info.Where == InInstelling || info.Where == InPublicatie {
					continue
				}
				out = append(out, ParamUsed{Key: k, Scope: s.name(), Value: v.raw, Source: v.file + ":" + strconv.Itoa(v.line)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Scope != out[j].Scope {
			return out[i].Scope < out[j].Scope
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// Configured reports whether the parameters file has a section for
// gemeente (being named in a regio does not count).
func (p *Params) Configured(gemeente string) bool {
	return gemeente != "" && len(p.scopes[gemeente]) > 0
}

// text returns a text setting of a scope ("" when absent) and, for a list,
// all its values.
func (p *Params) text(s scope, key string) (string, []string) {
	v, ok := p.values[s][key]
	if !ok {
		return "", nil
	}
	return v.text[0], v.text
}

// Settings are gemeente's own words for its documents, from its section
// [gemeente "Naam"]. Absent settings stay empty; GemeenteSettings' methods
// apply the fallbacks.
func (p *Params) Settings(gemeente string) GemeenteSettings {
	s := scope{gemeente: gemeente}
	var g GemeenteSettings
	g.Naam, _ = p.text(s, "naam")
	g.CBSCode, _ = p.text(s, "cbs_code")
	g.Uitvoerder, _ = p.text(s, "uitvoerder")
	_, kader := p.text(s, "kader")
	g.Kader = slices.Clone(kader)
	g.Portefeuillehouder, _ = p.text(s, "portefeuillehouder")
	g.Team, _ = p.text(s, "team")
	g.Templates, _ = p.text(s, "sjablonen")
	return g
}

// Publicatie is the nummer, datum and duiding of gemeente's raadsmededeling
// on peildatum, from its section [gemeente "Naam" dd-mm-jjjj]. Without one,
// the zero Publicatie: a concept.
func (p *Params) Publicatie(gemeente string, peildatum time.Time) Publicatie {
	s := scope{gemeente: gemeente, peil: peildatum}
	var pub Publicatie
	pub.Nummer, _ = p.text(s, "nummer")
	if d, _ := p.text(s, "datum"); d != "" {
		pub.Datum, _ = value.ParseDate(d)
	}
	pub.Duiding, _ = p.text(s, "duiding")
	return pub
}

// Regio is a regio of the parameters file: its name and member gemeenten
// as written in the exports, in file order.
type Regio struct {
	Naam      string
	Gemeenten []string
}

// Regios lists the regio sections in file order.
func (p *Params) Regios() []Regio {
	var out []Regio
	for _, name := range p.regios {
		_, members := p.text(scope{regio: name}, "gemeente")
		out = append(out, Regio{Naam: name, Gemeenten: slices.Clone(members)})
	}
	return out
}

// RegioOf is the first regio (in file order) whose members include every
// one of gemeenten; ok is false when none does.
func (p *Params) RegioOf(gemeenten []string) (Regio, bool) {
	for _, r := range p.Regios() {
		all := len(gemeenten) > 0
		for _, g := range gemeenten {
			all = all && slices.Contains(r.Gemeenten, g)
		}
		if all {
			return r, true
		}
	}
	return Regio{}, false
}

// FileSetting is a path the parameters file names, with where it does so.
type FileSetting struct {
	Key, Path, File string
	Line            int
}

// Files lists the paths of the parameters file (sjablonen, duiding),
// sorted by line, so a caller can check that they exist and say where
// a missing one is named.
func (p *Params) Files() []FileSetting {
	var out []FileSetting
	for _, m := range p.values {
		for k, v := range m {
			if info, _ := keyInfo(k); info.Kind == KindPath {
				out = append(out, FileSetting{Key: k, Path: v.text[0], File: v.file, Line: v.line})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// beyondBMP: s holds a character the PDF's font library cannot take
// (value.BeyondBMP; a line of the parameters file gives its own position).
func beyondBMP(s string) bool { return value.BeyondBMP(s) != nil }
