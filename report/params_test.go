package report_test

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"beschut/ingest"
	"beschut/report"
	"beschut/samples"
)

// TestParamsCount: a count takes whole numbers only, with or without a
// thousands separator; both sides of each rule.
func TestParamsCount(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		err  bool
	}{
		{"0", 0, false},
		{"12", 12, false},
		{"1000", 1000, false},
		{"1.000", 1000, false},
		{"12.345.678", 12345678, false},
		{"1.5", 0, true},
		{"1.50", 0, true},
		{"10.00", 0, true},
		{"1.0000", 0, true},
		{"1000.000", 0, true},
		{".500", 0, true},
		{"1.", 0, true},
		{"1,5", 0, true},
		{"1,000", 0, true},
		{"-1", 0, true},
		{"+1", 0, true},
		{"1 000", 0, true},
		{"12a", 0, true},
		{"99999999999", 0, true}, // beyond any count, never wrapped
	} {
		p, err := report.ParseParams("p.conf", []byte("[gemeente \"Deventer\" 2023]\ntaakstelling = "+tt.in+"\n"))
		if tt.err {
			want := "p.conf:2: sleutel 'taakstelling': waarde '" + tt.in + "' is geen geheel getal van 0 of meer"
			if err == nil || err.Error() != want {
				t.Errorf("%q: err %v, want %s", tt.in, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if n, ok := p.Count("Deventer", 2023, "taakstelling"); !ok || n != tt.want {
			t.Errorf("%q: %d %v, want %d", tt.in, n, ok, tt.want)
		}
	}
}

// TestParamsSections: every section form, old and quoted, to the scope it
// means, checked through a taakstelling (or an instroom for a gemeente's
// every-year section).
func TestParamsSections(t *testing.T) {
	for _, tt := range []struct {
		section  string
		gemeente string
		year     int // 0: a section for every year
	}{
		{`[gemeente "Deventer"]`, "Deventer", 0},
		{`[Gemeente "Deventer"]`, "Deventer", 0},
		{`[gemeente "Deventer" 2023]`, "Deventer", 2023},
		{`[ gemeente  "Deventer"   2023 ]`, "Deventer", 2023},
		{`[gemeente "Gemeente 1000"]`, "Gemeente 1000", 0},
		{`[gemeente "Gemeente 2023"]`, "Gemeente 2023", 0}, // quoted: the name is all of it
		{`[gemeente "Gemeente 2023" 2024]`, "Gemeente 2023", 2024},
		{`[gemeente "'s-Hertogenbosch" 2015]`, "'s-Hertogenbosch", 2015},
		{`[gemeente "Súdwest-Fryslân" 2099]`, "Súdwest-Fryslân", 2099},
		{`[Deventer]`, "Deventer", 0},
		{`[Deventer 2023]`, "Deventer", 2023},
		{`[Gemeente 001]`, "Gemeente 001", 0},
		{`[Gemeente 1000]`, "Gemeente 1000", 0}, // 1000 is no year
		{`[Gemeente 2014]`, "Gemeente 2014", 0}, // before 2015: part of the name
		{`[Gemeente 2100]`, "Gemeente 2100", 0}, // after 2099: part of the name
		{`[Gemeente 2015]`, "Gemeente", 2015},   // old form: a plausible year is a year
		{`[Gemeente 2099]`, "Gemeente", 2099},
		{`[Gemeente 12345]`, "Gemeente 12345", 0},
		{`[Gemeente 001 2024]`, "Gemeente 001", 2024},
		{`[Edam-Volendam 2018]`, "Edam-Volendam", 2018},
		{`[Gemeente 1-2]`, "Gemeente 1-2", 0},
	} {
		key := "taakstelling"
		if tt.year == 0 {
			key = "verwachte_instroom"
		}
		p, err := report.ParseParams("p.conf", []byte(tt.section+"\n"+key+" = 7\n"))
		if err != nil {
			t.Errorf("%s: %v", tt.section, err)
			continue
		}
		year := tt.year
		if year == 0 {
			year = 2050
		}
		if n, ok := p.Count(tt.gemeente, year, key); !ok || n != 7 {
			t.Errorf("%s: %s of %q %d not found", tt.section, key, tt.gemeente, year)
		}
		if !p.Configured(tt.gemeente) {
			t.Errorf("%s: %q not configured", tt.section, tt.gemeente)
		}
		if tt.year > 0 {
			if _, ok := p.Count(tt.gemeente, tt.year+1, key); ok {
				t.Errorf("%s: the year's value applies to another year", tt.section)
			}
		}
	}
}

func TestParamsSectionErrors(t *testing.T) {
	for _, s := range []string{
		`[]`,
		`[gemeente ""]`,
		`[gemeente "Deventer]`,
		`[gemeente "Deventer" 2014]`,
		`[gemeente "Deventer" 2100]`,
		`[gemeente "Deventer" 23]`,
		`[gemeente "Deventer" veel]`,
		`[gemeente "Deventer" 31-05-2023]`, // not the end of a quarter
		`[gemeente "Deventer" 31-12-2016]`, // before beschut werk nieuw
		`[gemeente "Deventer" 31-12-2100]`,
		`[gemeente "Deventer" 2023 2024]`,
		`[regio "Zaanstreek" 2023]`,
		`[regio Zaanstreek]`,
		`[landelijk 2014]`,
		`[landelijk 2100]`,
		`[landelijk Deventer]`,
		`[Deventer "2023"]`,
		`[Deventer 31-05-2023]`, // old form: a date that is no peildatum is a typo, not a name
		`[Deventer 2023-06-31]`,
	} {
		_, err := report.ParseParams("p.conf", []byte(s+"\n"))
		want := "p.conf:1: waarde '" + s + "' " + report.ErrParamSection.Error()
		if err == nil || err.Error() != want {
			t.Errorf("%s: err %v", s, err)
		}
	}
}

// TestParamsErrorPlaces: a key in the wrong kind of section says where it
// belongs.
func TestParamsErrorPlaces(t *testing.T) {
	for _, tt := range []struct {
		section, line string
		want          error
	}{
		{`[landelijk]`, "taakstelling = 5", report.ErrParamScope},
		{`[regio "Z"]`, "taakstelling = 5", report.ErrParamScope},
		{`[gemeente "D" 30-06-2023]`, "taakstelling = 5", report.ErrParamScope},
		{`[gemeente "D"]`, "wml = 5", report.ErrParamNational},
		{`[gemeente "D" 2023]`, "uitvoerder = X", report.ErrParamInstelling},
		{`[gemeente "D" 30-06-2023]`, "uitvoerder = X", report.ErrParamInstelling},
		{`[landelijk]`, "uitvoerder = X", report.ErrParamInstelling},
		{`[gemeente "D"]`, "nummer = 2023-1", report.ErrParamPublicatie},
		{`[gemeente "D" 2023]`, "datum = 01-07-2023", report.ErrParamPublicatie},
		{`[gemeente "D"]`, "gemeente = D", report.ErrParamRegio},
		{`[gemeente "D"]`, "uitvoerder = X\nuitvoerder = Y", report.ErrParamDuplicate},
		{`[gemeente "D"]`, "kader = A\nkader = A", report.ErrParamListTwice},
		{`[regio "Z"]`, "gemeente = D\ngemeente = D", report.ErrParamListTwice},
		{`[gemeente "D"]`, "cbs_code = 0150", nil},
		{`[gemeente "D"]`, "cbs_code = GM150", nil},
		{`[gemeente "D"]`, "naam =", nil},
		{`[gemeente "D" 30-06-2023]`, "datum = 31-02-2023", nil},
	} {
		in := tt.section + "\n" + tt.line + "\n"
		_, err := report.ParseParams("p.conf", []byte(in))
		var pe *report.ParamErrors
		if !errors.As(err, &pe) || len(pe.Errors) != 1 {
			t.Errorf("%q: err %v, want one error", in, err)
			continue
		}
		e := pe.Errors[0]
		if e.Line != strings.Count(in, "\n") {
			t.Errorf("%q: line %d", in, e.Line)
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%q: err %v, want %v", in, err, tt.want)
		}
	}
}

// TestSettings: each setting and its fallback (issue 14's table).
func TestSettings(t *testing.T) {
	conf := `[gemeente "Den Bosch"]
naam = 's-Hertogenbosch
cbs_code = GM0796
uitvoerder = Weener XL
kader = Participatiewet
kader = Re-integratieverordening 2021
kader = Nota beschut werk 2023 (collegebesluit 2023-502)
portefeuillehouder = Wethouder De Geest
team = DEV-BLD
sjablonen = sjablonen/bosch

[gemeente "Den Bosch" 30-06-2023]
nummer = 2023-77
datum = 15-07-2023
duiding = duiding/2023-K2.txt

[gemeente "Leeg"]
taakstelling = 3
`
	dir := filepath.Join("etc", "beschut")
	p, err := report.ParseParams(filepath.Join(dir, "parameters.conf"), []byte(conf))
	if err != nil {
		t.Fatal(err)
	}
	full := p.Settings("Den Bosch")
	for _, tt := range []struct {
		name      string
		got, want any
	}{
		{"naam", full.DisplayName("Den Bosch"), "'s-Hertogenbosch"},
		{"naam fallback", p.Settings("Leeg").DisplayName("Leeg"), "Leeg"},
		{"cbs", full.CBSCode, "GM0796"},
		{"cbs fallback", p.Settings("Leeg").CBSCode, ""},
		{"uitvoerder", full.UitvoerderNaam(), "Weener XL"},
		{"uitvoerder fallback", p.Settings("Leeg").UitvoerderNaam(), "het SW-bedrijf"},
		{"kader", full.KaderList(), []string{"Participatiewet", "Re-integratieverordening 2021", "Nota beschut werk 2023 (collegebesluit 2023-502)"}},
		{"kader fallback", p.Settings("Leeg").KaderList(), []string{"Participatiewet"}},
		{"portefeuillehouder", full.Portefeuillehouder, "Wethouder De Geest"},
		{"portefeuillehouder fallback", p.Settings("Leeg").Portefeuillehouder, ""},
		{"team", full.Team, "DEV-BLD"},
		{"team fallback", p.Settings("Onbekend").Team, ""},
		{"sjablonen relative to the parameters file", full.Templates, filepath.Join(dir, "sjablonen", "bosch")},
		{"sjablonen fallback", p.Settings("Leeg").Templates, ""},
		{"publicatie", p.Publicatie("Den Bosch", time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)),
			report.Publicatie{Nummer: "2023-77", Datum: time.Date(2023, 7, 15, 0, 0, 0, 0, time.UTC), Duiding: filepath.Join(dir, "duiding", "2023-K2.txt")}},
		{"publicatie of another peildatum", p.Publicatie("Den Bosch", time.Date(2023, 9, 30, 0, 0, 0, 0, time.UTC)), report.Publicatie{}},
		{"publicatie of another gemeente", p.Publicatie("Leeg", time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)), report.Publicatie{}},
		{"a settings-only gemeente is configured", p.Configured("Den Bosch"), true},
		{"an unknown one is not", p.Configured("Onbekend"), false},
		{"files", p.Files(), []report.FileSetting{
			{Key: "sjablonen", Path: filepath.Join(dir, "sjablonen", "bosch"), File: filepath.Join(dir, "parameters.conf"), Line: 10},
			{Key: "duiding", Path: filepath.Join(dir, "duiding", "2023-K2.txt"), File: filepath.Join(dir, "parameters.conf"), Line: 15},
		}},
	} {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
	// Settings are words, not figures: the Toelichting's parameters list
	// only figures.
	for _, u := range p.Used("Den Bosch") {
		if u.Key == "uitvoerder" || u.Key == "nummer" || u.Key == "kader" {
			t.Errorf("Used lists a setting: %+v", u)
		}
	}
	// A changed copy of the returned kader list does not change the params.
	full.Kader[0] = "x"
	if p.Settings("Den Bosch").Kader[0] != "Participatiewet" {
		t.Error("Settings shares its kader slice")
	}
}

func TestRegios(t *testing.T) {
	p := mustParams(`[regio "Zaanstreek-Waterland"]
gemeente = Zaanstad
gemeente = Purmerend
gemeente = Edam-Volendam

[regio "Klein"]
gemeente = Zaanstad
`)
	want := []report.Regio{{Naam: "Zaanstreek-Waterland", Gemeenten: []string{"Zaanstad", "Purmerend", "Edam-Volendam"}}, {Naam: "Klein", Gemeenten: []string{"Zaanstad"}}}
	if got := p.Regios(); !reflect.DeepEqual(got, want) {
		t.Errorf("regios %+v", got)
	}
	for _, tt := range []struct {
		run  []string
		want string
	}{
		{[]string{"Purmerend", "Zaanstad"}, "Zaanstreek-Waterland"},
		{[]string{"Zaanstad"}, "Zaanstreek-Waterland"}, // the first that holds them all
		{[]string{"Zaanstad", "Deventer"}, ""},
		{nil, ""},
	} {
		r, ok := p.RegioOf(tt.run)
		if r.Naam != tt.want || ok != (tt.want != "") {
			t.Errorf("%v: %q %v", tt.run, r.Naam, ok)
		}
	}
	if p.Configured("Purmerend") {
		t.Error("a regio member counts as configured")
	}
}

// TestParamsManyGemeenten: the generator writes a file for 1000 gemeenten
// ("Gemeente 0001" … "Gemeente 1000"); every section is read as meant.
func TestParamsManyGemeenten(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 1000; i++ {
		fmt.Fprintf(&b, "[Gemeente %d]\nverwachte_instroom = %d\n[gemeente \"Gemeente %d\" 2023]\ntaakstelling = %d.%03d\n", i, i, i, (1000+i)/1000, (1000+i)%1000)
	}
	p, err := report.ParseParams("p.conf", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{1, 999, 1000} {
		g := fmt.Sprintf("Gemeente %d", i)
		if n, _ := p.Count(g, 2030, "verwachte_instroom"); n != i {
			t.Errorf("%s instroom %d", g, n)
		}
		if n, _ := p.Count(g, 2023, "taakstelling"); n != 1000+i {
			t.Errorf("%s taakstelling %d", g, n)
		}
	}
}

// TestParamsErrorsSorted: all errors of a file, in line order.
func TestParamsErrorsSorted(t *testing.T) {
	_, err := report.ParseParams("p.conf", []byte("[gemeente \"D\" 2023]\ntaakstelling = 1.5\nonbekend = 1\n[kapot\nbegroting_begeleiding = x\n[gemeente \"D\"]\nnaam =\n"))
	want := `p.conf:2: sleutel 'taakstelling': waarde '1.5' is geen geheel getal van 0 of meer
p.conf:3: sleutel 'onbekend': is geen bekende sleutel (zie README.md)
p.conf:4: waarde '[kapot' ` + report.ErrParamSection.Error() + `
p.conf:5: sleutel 'begroting_begeleiding': staat onder de ongeldige sectie van regel 4 en is niet gelezen
p.conf:7: sleutel 'naam': is leeg`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestPublicatieInReport: the publicatie of a peildatum reaches the report
// built on that peildatum, and only that one.
func TestPublicatieInReport(t *testing.T) {
	conf := string(samples.Parameters) + `
[gemeente "Deventer" 30-06-2023]
nummer = 2023-77
datum = 15-07-2023
`
	p, err := report.ParseParams("samples/parameters.conf", []byte(conf))
	if err != nil {
		t.Fatal(err)
	}
	h, err := ingest.ReadFS(samples.Exports, "samples/")
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(h.Snapshots, "Deventer", time.Time{}, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Publicatie.Nummer != "2023-77" || !r.Publicatie.Datum.Equal(time.Date(2023, 7, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("publicatie %+v", r.Publicatie)
	}
	if r.Settings.UitvoerderNaam() != "KonnecteD" || len(r.Settings.KaderList()) != 3 || r.Settings.Team != "DEV-BLD" {
		t.Errorf("Deventer's settings %+v", r.Settings)
	}
	r, _ = report.Build(h.Snapshots, "Deventer", time.Date(2023, 3, 31, 0, 0, 0, 0, time.UTC), p, nil)
	if r.Publicatie != (report.Publicatie{}) {
		t.Errorf("31-03-2023 got the publicatie of 30-06-2023: %+v", r.Publicatie)
	}
}

// TestParamsEuro (issue 11 follow-up): an amount in the parameters file is
// read as written or refused with the reason; a typo with three decimals
// (1.234,567) or a lone comma before three digits (1,234) is never read as
// thousands, a group never starts with 0, and spaces only separate groups.
func TestParamsEuro(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want value.Cents
		err  string // "" accepted
	}{
		{"8.100", 810000, ""},
		{"8100", 810000, ""},
		{"8100,00", 810000, ""},
		{"8100,5", 810050, ""},
		{"8100.50", 810050, ""},
		{"8.711,11", 871111, ""},
		{"8,711.11", 871111, ""},
		{"1.234.567", 123456700, ""},
		{"1,234,567", 123456700, ""},
		{"€ 23.212,80", 2321280, ""},
		{"2 500 000", 250000000, ""}, // a budget above the € 1.000.000 of one person's quarter
		{"0,07", 7, ""},
		{"1.234,567", 0, "heeft meer dan twee decimalen (bedragen zijn op de cent)"},
		{"1,234.567", 0, "heeft meer dan twee decimalen (bedragen zijn op de cent)"},
		{"1234,567", 0, "heeft meer dan twee decimalen (bedragen zijn op de cent)"},
		{"1,234", 0, "is niet eenduidig: één komma met drie cijfers erachter (duizendtallen of drie decimalen?); schrijf 1.234 of 1234,00"},
		{"0.500", 0, "is geen bedrag (bijvoorbeeld 8.100 of 8100,00)"},
		{"100 50", 0, "is geen bedrag (bijvoorbeeld 8.100 of 8100,00)"},
		{"1.2.3", 0, "is geen bedrag (bijvoorbeeld 8.100 of 8100,00)"},
		{"-5", 0, "is geen bedrag (bijvoorbeeld 8.100 of 8100,00)"},
		{"99999999999999999999", 0, "is geen bedrag (bijvoorbeeld 8.100 of 8100,00)"},
	} {
		p, err := report.ParseParams("p.conf", []byte("[gemeente \"Deventer\" 2023]\nbegroting_begeleiding = "+tt.in+"\n"))
		if tt.err != "" {
			want := "p.conf:2: sleutel 'begroting_begeleiding': waarde '" + tt.in + "' " + tt.err
			if err == nil || err.Error() != want {
				t.Errorf("%q: err %v, want %s", tt.in, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if c, ok := p.Euro("Deventer", 2023, "begroting_begeleiding"); !ok || c != tt.want {
			t.Errorf("%q: %d %v, want %d", tt.in, c, ok, tt.want)
		}
	}
}

// TestParamsCROnly: a parameters file saved with CR line endings was read
// as one comment line, so every value silently fell back to the defaults
// (or the gemeente was "not in the parameters file"). It now reads as its
// LF copy.
func TestParamsCROnly(t *testing.T) {
	const conf = "# parameters\n[gemeente \"Deventer\" 2023]\ntaakstelling = 40\n"
	p, err := report.ParseParams("p.conf", []byte(strings.ReplaceAll(conf, "\n", "\r")))
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := p.Count("Deventer", 2023, "taakstelling"); !ok || n != 40 || !p.Configured("Deventer") {
		t.Fatalf("taakstelling %d %v, configured %v", n, ok, p.Configured("Deventer"))
	}
}

// TestParamsSpelling (issue 11 follow-up): two gemeente sections that differ
// only in case were two gemeenten, whose documents overwrite each other on
// a file system that ignores case. The second spelling is refused; the
// same spelling again, or in the old form, is the same gemeente.
func TestParamsSpelling(t *testing.T) {
	for _, tt := range []struct {
		name, conf, err string
	}{
		{"other case", "[gemeente \"Deventer\"]\nverwachte_instroom = 12\n[gemeente \"DEVENTER\" 2023]\ntaakstelling = 40\n",
			"p.conf:3: waarde '[gemeente \"DEVENTER\" 2023]' schrijft de gemeente anders dan \"Deventer\" op regel 1 (alleen hoofdletters verschillen): gebruik één schrijfwijze, precies zoals in de export\n" +
				"p.conf:4: sleutel 'taakstelling': staat onder de ongeldige sectie van regel 3 en is niet gelezen"},
		{"other case, old form", "[gemeente \"Deventer\" 2023]\ntaakstelling = 40\n[deventer]\nverwachte_instroom = 12\n",
			"p.conf:3: waarde '[deventer]' schrijft de gemeente anders dan \"Deventer\" op regel 1 (alleen hoofdletters verschillen): gebruik één schrijfwijze, precies zoals in de export\n" +
				"p.conf:4: sleutel 'verwachte_instroom': staat onder de ongeldige sectie van regel 3 en is niet gelezen"},
		{"same spelling, old and new form", "[gemeente \"Deventer\"]\nverwachte_instroom = 12\n[Deventer 2023]\ntaakstelling = 40\n[Gemeente \"Deventer\" 2024]\ntaakstelling = 41\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := report.ParseParams("p.conf", []byte(tt.conf))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err %v\nwant %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := p.Count("Deventer", 2024, "taakstelling"); n != 41 {
				t.Fatalf("taakstelling 2024 = %d", n)
			}
		})
	}
}

// TestParamsNFC: a gemeente or regio member written with combining accents
// in the parameters file is the composed name the export's gemeente is.
func TestParamsNFC(t *testing.T) {
	const nfc, nfd = "Súdwest-Fryslân", "Su\u0301dwest-Frysla\u0302n"
	p, err := report.ParseParams("p.conf", []byte("[gemeente \""+nfd+"\" 2023]\ntaakstelling = 4\n[regio \"Friesland\"]\ngemeente = "+nfd+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := p.Count(nfc, 2023, "taakstelling"); !p.Configured(nfc) || !ok || n != 4 {
		t.Fatalf("configured %v, taakstelling %d %v", p.Configured(nfc), n, ok)
	}
	if r, ok := p.RegioOf([]string{nfc}); !ok || r.Naam != "Friesland" {
		t.Fatalf("regio %+v %v", r, ok)
	}
}

// TestParamsScopesOfGemeente: Years, Used and Configured see the landelijk
// sections and the gemeente's own, never another gemeente's or a regio's.
func TestParamsScopesOfGemeente(t *testing.T) {
	p, err := report.ParseParams("p.conf", []byte(`[landelijk 2021]
wml = 22.000,00
[gemeente "A" 2019]
taakstelling = 5
[gemeente "A" 2022]
taakstelling = 7
begroting_begeleiding = 100
[gemeente "B" 2017]
taakstelling = 9
[regio "R"]
gemeente = A
gemeente = C
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Years("A", "taakstelling"); !reflect.DeepEqual(got, []int{2019, 2022}) {
		t.Errorf("Years(A) = %v", got)
	}
	if got := p.Years("B", "taakstelling"); !reflect.DeepEqual(got, []int{2017}) {
		t.Errorf("Years(B) = %v", got)
	}
	if got := p.Years("C", "taakstelling"); got != nil {
		t.Errorf("Years(C) = %v (a regio member has no years of its own)", got)
	}
	if got := p.Years("C", "wml"); !reflect.DeepEqual(got, []int{2021, 2023}) {
		t.Errorf("Years(C, wml) = %v", got)
	}
	if got := p.Years("A", "wml"); !reflect.DeepEqual(got, []int{2021, 2023}) {
		t.Errorf("Years(A, wml) = %v", got)
	}
	var used []string
	for _, u := range p.Used("A") {
		used = append(used, u.Scope+" "+u.Key+"="+u.Value+" "+u.Source)
	}
	want := []string{"A 2019 taakstelling=5 p.conf:4", "A 2022 begroting_begeleiding=100 p.conf:7", "A 2022 taakstelling=7 p.conf:6"}
	for _, u := range used {
		if strings.HasPrefix(u, "B ") || strings.HasPrefix(u, "regio") {
			t.Errorf("Used(A) has %s", u)
		}
	}
	if len(used) < len(want) || !reflect.DeepEqual(used[:len(want)], want) {
		t.Errorf("Used(A) starts %q, want %q", used, want)
	}
	if !slicesContains(used, "landelijk 2023 wml=23.212,80 ingebouwd:14") || !slicesContains(used, "landelijk 2021 wml=22.000,00 p.conf:2") {
		t.Errorf("Used(A) lacks the landelijk years: %q", used)
	}
	for _, tt := range []struct {
		g    string
		want bool
	}{{"A", true}, {"B", true}, {"C", false}, {"R", false}, {"", false}} {
		if p.Configured(tt.g) != tt.want {
			t.Errorf("Configured(%q) = %v", tt.g, !tt.want)
		}
	}
}

func slicesContains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// TestParamsOutsideBMP: the raadsmededeling's PDF library (fpdf) panics on
// a character beyond U+FFFF (an emoji), so a text value or a section name
// with one is refused at its line; U+FFFF and below pass, and a comment
// may hold anything.
func TestParamsOutsideBMP(t *testing.T) {
	for _, tc := range []struct{ conf, err string }{
		{"# 👍 opmerking\n[gemeente \"Deventer\"]\nportefeuillehouder = Wethouder Sĳbers ✅ \uFFFD\n", ""},
		{"[gemeente \"Deventer\"]\nportefeuillehouder = Wethouder 😀\n", "p.conf:2: sleutel 'portefeuillehouder': waarde 'Wethouder 😀' " + report.ErrParamOutsideBMP.Error()},
		{"[gemeente \"Deventer\"]\nteam = a\U00010000\n", "p.conf:2: sleutel 'team': waarde 'a\U00010000' " + report.ErrParamOutsideBMP.Error()},
		{"[regio \"Regio 🌷\"]\n", "p.conf:1: waarde '[regio \"Regio 🌷\"]' " + report.ErrParamOutsideBMP.Error()},
	} {
		_, err := report.ParseParams("p.conf", []byte(tc.conf))
		if tc.err == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.conf, err)
			}
			continue
		}
		if err == nil || err.Error() != tc.err {
			t.Errorf("%q: err %v, want %s", tc.conf, err, tc.err)
		}
	}
}
