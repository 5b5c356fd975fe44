package report

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"beschut/ingest"
	"beschut/internal/ini"
)

// Kind is the type of a parameter value.
type Kind int

// Parameter kinds.
const (
	KindCount   Kind = iota // whole number
	KindEuro                // amount, exact to the cent
	KindHours               // decimal hours
	KindPercent             // decimal percentage
)

// ParamKey describes one key of the parameters file.
type ParamKey struct {
	Name     string
	Kind     Kind
	Gemeente bool // per gemeente (else landelijk)
	Text     string
}

// ParamKeys lists every key the parameters file knows, in README order.
var ParamKeys = []ParamKey{
	{"taakstelling", KindCount, true, "taakstelling van het Rijk: aantal betaalde dienstverbanden beschut werk"},
	{"begroting_begeleiding", KindEuro, true, "begroot budget voor de begeleidingsvergoeding in het jaar"},
	{"verwachte_instroom", KindCount, true, "verwachte nieuwe indicaties per jaar (voor de prognose)"},
	{"begeleidingsvergoeding_per_fte", KindEuro, false, "begeleidingsvergoeding per fte per jaar"},
	{"uren_fte_begeleiding", KindHours, false, "uren per week waarbij een dienstverband voltijds is voor de begeleiding (31)"},
	{"gemiddelde_uren", KindHours, false, "gemiddelde uren per week in de prognose en het kostprijsmodel (24)"},
	{"wml", KindEuro, false, "wettelijk minimumloon per jaar bij uren_fte_loon uur per week"},
	{"vakantietoeslag", KindPercent, false, "vakantietoeslag als percentage van het loon (8%)"},
	{"werkgeverslasten", KindPercent, false, "werkgeverslasten als percentage van loon plus vakantietoeslag (23,5%)"},
	{"uren_fte_loon", KindHours, false, "uren per week van een voltijds dienstverband voor het loon (37)"},
	{"productie_opbrengst_per_fte", KindEuro, false, "opbrengst van de productie per fte per jaar (kostprijsmodel)"},
	{"liv_per_fte", KindEuro, false, "lage-inkomensvoordeel per fte per jaar (kostprijsmodel)"},
	{"plaatsingsdoel", KindPercent, false, "doel voor het aandeel betaalde dienstverbanden buiten het SW-bedrijf (25%)"},
	{"drempel_kleine_aantallen", KindCount, false, "kleinste aantal dat de openbare raadsmededeling per uitstroomreden toont (3)"},
}

func keyInfo(name string) (ParamKey, bool) {
	for _, k := range ParamKeys {
		if k.Name == name {
			return k, true
		}
	}
	return ParamKey{}, false
}

// scope is where a value applies: a gemeente ("" = landelijk) and a year (0 = every year).
type scope struct {
	gemeente string
	year     int
}

type paramValue struct {
	raw  string
	n    int64 // count, cents, or Fixed
	line int
	file string
}

// Params are the yearly parameters that are not in the export.
type Params struct {
	Source string
	values map[scope]map[string]paramValue
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
	ErrParamSyntax    = ini.ErrSyntax
	ErrParamSection   = errors.New("is geen sectie: verwacht [landelijk], [landelijk 2023], [Gemeente] of [Gemeente 2023]")
	ErrParamUnknown   = errors.New("is geen bekende sleutel (zie README.md)")
	ErrParamScope     = errors.New("hoort in een sectie van een gemeente, niet in [landelijk]")
	ErrParamNational  = errors.New("is landelijk: zet hem in [landelijk] of [landelijk jaar]")
	ErrParamDuplicate = errors.New("staat al eerder in deze sectie")
	ErrParamNoSection = errors.New("staat vóór de eerste [sectie]")
	ErrParamValue     = errors.New("is geen geldige waarde")
)

// ParseParams reads a parameters file over the built-in defaults.
func ParseParams(name string, data []byte) (*Params, error) {
	p := &Params{Source: name, values: map[scope]map[string]paramValue{}}
	if err := p.parse("ingebouwd", []byte(Defaults)); err != nil {
		return nil, err
	}
	if err := p.parse(name, data); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Params) parse(name string, data []byte) error {
	lines, errs := ini.Lines(name, data)
	fail := func(line int, key, value string, err error) {
		errs = append(errs, &ParamError{File: name, Line: line, Key: key, Value: value, Err: err})
	}
	var cur *scope
	seen := map[scope]map[string]bool{}
	for _, l := range lines {
		n, key, value := l.N, l.Key, l.Value
		if l.IsSection {
			s, ok := parseSection(l.Section)
			if !ok {
				fail(n, "", l.Text, ErrParamSection)
				cur = nil
				continue
			}
			cur = &s
			continue
		}
		info, known := keyInfo(key)
		switch {
		case !known:
			fail(n, key, "", ErrParamUnknown)
			continue
		case cur == nil:
			fail(n, key, "", ErrParamNoSection)
			continue
		case info.Gemeente && cur.gemeente == "":
			fail(n, key, "", ErrParamScope)
			continue
		case !info.Gemeente && cur.gemeente != "":
			fail(n, key, "", ErrParamNational)
			continue
		case seen[*cur][key]:
			fail(n, key, "", ErrParamDuplicate)
			continue
		}
		v, err := parseParamValue(info.Kind, value)
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
		p.values[*cur][key] = paramValue{raw: value, n: v, line: n, file: name}
	}
	return ini.Join(errs)
}

// parseSection reads a section name: landelijk or a gemeente, with or
// without a year.
func parseSection(body string) (scope, bool) {
	if body == "" {
		return scope{}, false
	}
	s := scope{gemeente: body}
	if i := strings.LastIndex(body, " "); i > 0 && len(body)-i-1 == 4 {
		if y, err := strconv.Atoi(body[i+1:]); err == nil {
			if y < 2015 || y > 2100 {
				return scope{}, false
			}
			s = scope{gemeente: strings.TrimSpace(body[:i]), year: y}
		}
	}
	if strings.EqualFold(s.gemeente, "landelijk") {
		s.gemeente = ""
	}
	return s, true
}

func parseParamValue(k Kind, s string) (int64, error) {
	switch k {
	case KindCount:
		n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
		if err != nil || n < 0 {
			return 0, errors.New("is geen geheel getal van 0 of meer")
		}
		return int64(n), nil
	case KindEuro:
		c, err := ingest.ParseAmount(s)
		if err != nil || c < 0 {
			return 0, errors.New("is geen bedrag (bijvoorbeeld 8.100 of 8100,00)")
		}
		return int64(c), nil
	case KindHours:
		f, err := ingest.ParseDecimal(s, false)
		if err != nil || f <= 0 || f > ingest.FixedFromInt(40) {
			return 0, errors.New("is geen aantal uren tussen 0 en 40")
		}
		return int64(f), nil
	case KindPercent:
		f, err := ingest.ParseDecimal(s, true)
		if err != nil || f < 0 || f > ingest.FixedFromInt(100) {
			return 0, errors.New("is geen percentage tussen 0 en 100")
		}
		return int64(f), nil
	}
	return 0, ErrParamValue
}

// lookup finds key for gemeente and year: the year's own section first, then
// the section for every year.
func (p *Params) lookup(gemeente string, year int, key string) (paramValue, bool) {
	info, _ := keyInfo(key)
	g := ""
	if info.Gemeente {
		g = gemeente
	}
	for _, s := range []scope{{g, year}, {g, 0}} {
		if v, ok := p.values[s][key]; ok {
			return v, true
		}
	}
	return paramValue{}, false
}

// Count returns a whole-number parameter.
func (p *Params) Count(gemeente string, year int, key string) (int, bool) {
	v, ok := p.lookup(gemeente, year, key)
	return int(v.n), ok
}

// Euro returns an amount parameter in cents.
func (p *Params) Euro(gemeente string, year int, key string) (ingest.Cents, bool) {
	v, ok := p.lookup(gemeente, year, key)
	return ingest.Cents(v.n), ok
}

// Fixed returns an hours or percentage parameter.
func (p *Params) Fixed(gemeente string, year int, key string) (ingest.Fixed, bool) {
	v, ok := p.lookup(gemeente, year, key)
	return ingest.Fixed(v.n), ok
}

// Years lists the years that have a value for key for gemeente, sorted.
func (p *Params) Years(gemeente, key string) []int {
	var out []int
	for s, m := range p.values {
		if _, ok := m[key]; ok && s.year > 0 && (s.gemeente == gemeente || s.gemeente == "") {
			out = append(out, s.year)
		}
	}
	sort.Ints(out)
	return out
}

// ParamUsed is one parameter value as the report shows it.
type ParamUsed struct {
	Key, Scope, Value, Source string
}

// Used lists every value that applies to gemeente, sorted, for the
// workbook's Toelichting.
func (p *Params) Used(gemeente string) []ParamUsed {
	var out []ParamUsed
	for s, m := range p.values {
		if s.gemeente != "" && s.gemeente != gemeente {
			continue
		}
		for k, v := range m {
			name := "landelijk"
			if s.gemeente != "" {
				name = s.gemeente
			}
			if s.year > 0 {
				name += " " + strconv.Itoa(s.year)
			}
			out = append(out, ParamUsed{Key: k, Scope: name, Value: v.raw, Source: fmt.Sprintf("%s:%d", v.file, v.line)})
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

// Configured reports whether the parameters file has a section for gemeente.
func (p *Params) Configured(gemeente string) bool {
	for s := range p.values {
		if s.gemeente != "" && s.gemeente == gemeente {
			return true
		}
	}
	return false
}

// Settings are gemeente's own words for its documents.
// TODO(#14): read them from the gemeente's section.
func (p *Params) Settings(gemeente string) GemeenteSettings { return GemeenteSettings{} }

// Publicatie is the nummer, datum and duiding of gemeente's raadsmededeling
// on peildatum. TODO(#14): read them from the parameters file.
func (p *Params) Publicatie(gemeente string, peildatum time.Time) Publicatie { return Publicatie{} }
