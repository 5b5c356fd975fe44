package report_test

import (
	"beschut/internal/value"
	"errors"
	"strings"
	"testing"
	"time"

	"beschut/ingest"
	"beschut/internal/fixture"
	"beschut/report"
)

// rec builds a record: fase, werkplek, start, datum_fase.
func rec(client string, fase ingest.Fase, werkplek ingest.Werkplek, start, datumFase time.Time) ingest.Record {
	r := ingest.Record{Clientnummer: client, Fase: fase, Werkplek: werkplek, DatumStart: value.Day(start), DatumFase: value.Day(datumFase)}
	if fase.Betaald() {
		r.Uren, r.Has = value.FixedFromInt(24), ingest.HasUren
	}
	return r
}

func left(client string, start, out time.Time, reden ingest.Reden) ingest.Record {
	return ingest.Record{Clientnummer: client, Fase: ingest.FaseUitgestroomd, DatumStart: value.Day(start), DatumUitstroom: value.Day(out), RedenUitstroom: reden}
}

func snap(peil time.Time, recs ...ingest.Record) *ingest.Snapshot {
	return &ingest.Snapshot{Gemeente: "Deventer", Peildatum: peil, Records: recs}
}

func indicator(t *testing.T, q *report.Quarter, code string) (float64, bool) {
	t.Helper()
	d, ok := report.DefinitionOf(code)
	if !ok {
		t.Fatalf("no indicator %s", code)
	}
	return d.Value(q)
}

var (
	q1     = date(2023, 3, 31)
	q2     = date(2023, 6, 30)
	early  = date(2020, 1, 1)
	params = mustParams(`[Deventer 2023]
taakstelling = 119
begroting_begeleiding = 309.000
verwachte_instroom = 12
`)
)

func mustParams(s string) *report.Params {
	p, err := report.ParseParams("test.conf", []byte(s))
	if err != nil {
		panic(err)
	}
	return p
}

func TestIndicatorDefinitions(t *testing.T) {
	tests := []struct {
		name  string
		snaps []*ingest.Snapshot
		want  map[string]float64 // -1: absent
	}{
		{
			name: "caseload and werkplek",
			snaps: []*ingest.Snapshot{snap(q2,
				rec("a", ingest.FaseStage, ingest.WerkplekIntern, early, early),
				rec("b", ingest.FaseProefplaatsing, ingest.WerkplekIntern, early, early),
				rec("c", ingest.FaseTijdelijk, ingest.WerkplekIntern, early, early),
				rec("d", ingest.FaseTijdelijk, ingest.WerkplekDetachering, early, early),
				rec("e", ingest.FaseVast, ingest.WerkplekExtern, early, early),
				rec("f", ingest.FaseVast, ingest.WerkplekGroepsdetachering, early, early),
				left("g", early, date(2023, 1, 15), ingest.RedenZiekte), // left in an earlier quarter: history only
			)},
			want: map[string]float64{
				"in_traject": 6, "stage": 1, "proefplaatsing": 1, "tijdelijk": 2, "vast": 2,
				"betaald_dienstverband": 4, "dienstverband_konnected": 3, "dienstverband_extern": 1,
				"aandeel_dienstverband": 4.0 / 6 * 100, "aandeel_dienstverband_konnected": 75,
				"werkplek_intern": 1, "werkplek_groepsdetachering": 1, "werkplek_detachering": 1, "werkplek_extern": 1,
				"aandeel_werkplek_buiten": 50, "gemiddelde_uren": 24, "uitstroom": 0, "uitstroom_ziekte": 0,
				"taakstelling": 119, "realisatie_taakstelling": 4.0 / 119 * 100,
			},
		},
		{
			name:  "empty gemeente",
			snaps: []*ingest.Snapshot{snap(q2)},
			want: map[string]float64{
				"in_traject": 0, "betaald_dienstverband": 0, "aandeel_dienstverband": -1,
				"aandeel_dienstverband_konnected": -1, "aandeel_werkplek_buiten": -1, "gemiddelde_uren": -1,
				"gemiddelde_loonwaarde": -1, "gemiddelde_werkladder": -1, "lks_kwartaal": 0, "begeleiding_kwartaal": 0, // 1.1: always present
				"realisatie_taakstelling": 0,
			},
		},
		{
			name: "nobody in betaald dienstverband: shares absent, not NaN",
			snaps: []*ingest.Snapshot{snap(q2,
				rec("a", ingest.FaseProefplaatsing, ingest.WerkplekIntern, early, early))},
			want: map[string]float64{"in_traject": 1, "aandeel_dienstverband": 0, "aandeel_dienstverband_konnected": -1, "aandeel_werkplek_buiten": -1, "gemiddelde_uren": -1},
		},
		{
			name: "leaving on the peildatum itself counts as uitstroom of the quarter",
			snaps: []*ingest.Snapshot{snap(q2,
				left("a", early, q2, ingest.RedenDagbesteding),
				rec("b", ingest.FaseVast, ingest.WerkplekIntern, early, early))},
			want: map[string]float64{"in_traject": 1, "uitstroom": 1, "uitstroom_dagbesteding": 1, "uitstroom_ziekte": 0},
		},
		{
			name: "flows on quarter boundaries",
			snaps: []*ingest.Snapshot{snap(q2,
				rec("a", ingest.FaseProefplaatsing, ingest.WerkplekIntern, date(2023, 4, 1), date(2023, 4, 1)),   // first day: in
				rec("b", ingest.FaseProefplaatsing, ingest.WerkplekIntern, date(2023, 3, 31), date(2023, 3, 31)), // last day of Q1: out
				rec("c", ingest.FaseTijdelijk, ingest.WerkplekIntern, early, date(2023, 6, 30)),                  // last day: in
				rec("d", ingest.FaseVast, ingest.WerkplekIntern, early, date(2023, 4, 1)),                        // first day: in
				rec("e", ingest.FaseTijdelijk, ingest.WerkplekIntern, early, date(2023, 3, 31)),                  // not in Q2
				left("f", date(2023, 4, 1), date(2023, 4, 1), ingest.RedenOverig))},                              // in and out the same day
			want: map[string]float64{"instroom": 2, "doorstroom_tijdelijk": 1, "doorstroom_vast": 1, "uitstroom": 1, "uitstroom_overig": 1},
		},
		{
			name: "loonwaarde, werkladder and costs (left persons count for costs)",
			snaps: []*ingest.Snapshot{snap(q2,
				ingest.Record{Clientnummer: "a", Fase: ingest.FaseTijdelijk, Werkplek: ingest.WerkplekIntern, DatumStart: value.Day(early), DatumFase: value.Day(early), Uren: 200000,
					Loonwaarde: 295000, LoonwaardeBron: ingest.BronMeting, Werkladder: 2, LKS: 100001, Begeleiding: 150000, Has: ingest.HasUren | ingest.HasLoonwaarde | ingest.HasLKS | ingest.HasBegeleiding},
				ingest.Record{Clientnummer: "b", Fase: ingest.FaseVast, Werkplek: ingest.WerkplekIntern, DatumStart: value.Day(early), DatumFase: value.Day(early), Uren: 300000,
					Loonwaarde: 300000, LoonwaardeBron: ingest.BronForfaitair, Werkladder: 5, Has: ingest.HasUren | ingest.HasLoonwaarde},
				ingest.Record{Clientnummer: "c", Fase: ingest.FaseUitgestroomd, DatumStart: value.Day(early), DatumUitstroom: value.Day(date(2023, 5, 1)), RedenUitstroom: ingest.RedenZiekte,
					Loonwaarde: 100000, LKS: 99, Begeleiding: -50, Has: ingest.HasLoonwaarde | ingest.HasLKS | ingest.HasBegeleiding},
			)},
			want: map[string]float64{
				"gemiddelde_loonwaarde": 29.75, "loonwaarde_gemeten": 1, "loonwaarde_onder_30": 1, "gemiddelde_werkladder": 3.5,
				"gemiddelde_uren": 25, "lks_kwartaal": 1001.00, "begeleiding_kwartaal": 1499.50,
				"lks_jaar_tot_nu": -1, "begeleiding_jaar_tot_nu": -1, "verwachting_begeleiding": -1,
			},
		},
		{
			// 1.1: an empty amount is € 0, so the quarter sums are present and
			// the year to date agrees with them.
			name: "no amounts at all: € 0 in every sum",
			snaps: []*ingest.Snapshot{
				snap(q1, ingest.Record{Clientnummer: "a", Fase: ingest.FaseVast, Werkplek: ingest.WerkplekIntern, DatumStart: value.Day(early), DatumFase: value.Day(early), Uren: 240000, Has: ingest.HasUren}),
				snap(q2, ingest.Record{Clientnummer: "a", Fase: ingest.FaseVast, Werkplek: ingest.WerkplekIntern, DatumStart: value.Day(early), DatumFase: value.Day(early), Uren: 240000, Has: ingest.HasUren}),
			},
			want: map[string]float64{"lks_kwartaal": 0, "begeleiding_kwartaal": 0, "lks_jaar_tot_nu": 0, "begeleiding_jaar_tot_nu": 0, "verwachting_begeleiding": 0},
		},
		{
			name: "year to date over complete quarters",
			snaps: []*ingest.Snapshot{
				snap(q1, ingest.Record{Clientnummer: "a", Fase: ingest.FaseVast, Werkplek: ingest.WerkplekIntern, DatumStart: value.Day(early), DatumFase: value.Day(early), Uren: 240000, Begeleiding: 150000, LKS: 10, Has: ingest.HasUren | ingest.HasBegeleiding | ingest.HasLKS}),
				snap(q2, ingest.Record{Clientnummer: "a", Fase: ingest.FaseVast, Werkplek: ingest.WerkplekIntern, DatumStart: value.Day(early), DatumFase: value.Day(early), Uren: 240000, Begeleiding: 150001, LKS: 20, Has: ingest.HasUren | ingest.HasBegeleiding | ingest.HasLKS}),
			},
			want: map[string]float64{"begeleiding_jaar_tot_nu": 3000.01, "lks_jaar_tot_nu": 0.30, "verwachting_begeleiding": 6000.02, "begroting_begeleiding": 309000},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := report.Build(tt.snaps, "Deventer", time.Time{}, params, nil)
			if err != nil {
				t.Fatal(err)
			}
			for code, want := range tt.want {
				got, ok := indicator(t, r.Current, code)
				switch {
				case want == -1 && ok:
					t.Errorf("%s = %v, want absent", code, got)
				case want != -1 && !ok:
					t.Errorf("%s absent, want %v", code, want)
				case want != -1 && abs(got-want) > 1e-9:
					t.Errorf("%s = %v, want %v", code, got, want)
				}
			}
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestMissingQuarterIsSaid: year to date is absent, and the report says why.
func TestMissingQuarterIsSaid(t *testing.T) {
	r, err := report.Build([]*ingest.Snapshot{snap(date(2023, 3, 31)), snap(date(2023, 9, 30))}, "Deventer", time.Time{}, params, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Current.BegeleidingJaarTotNu.Ok {
		t.Error("begeleiding_jaar_tot_nu present with 30-06 missing")
	}
	if !hasNote(r, "30-09-2023: jaar tot nu niet berekend, de export van 30-06-2023 ontbreekt") {
		t.Errorf("notes = %q", r.Notes)
	}
	if r.Previous != nil {
		t.Error("previous quarter set while 30-06 is missing")
	}
}

// TestMissingParameterIsSaid: a figure whose parameter is missing is absent
// and said, never zero.
func TestMissingParameterIsSaid(t *testing.T) {
	r, err := report.Build([]*ingest.Snapshot{snap(date(2024, 3, 31))}, "Deventer", time.Time{}, params, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Current.Taakstelling.Ok || r.Current.RealisatieTaakstelling.Ok {
		t.Error("taakstelling 2024 present without a parameter")
	}
	if !hasNote(r, "taakstelling 2024 ontbreekt in de parameters: realisatie van de taakstelling niet berekend") {
		t.Errorf("notes = %q", r.Notes)
	}
}

func hasNote(r *report.Report, s string) bool {
	for _, n := range r.Notes {
		if n == s {
			return true
		}
	}
	return false
}

// TestComparisonWarnings: persons gone without an uitgestroomd row, and
// steps backwards in fase.
func TestComparisonWarnings(t *testing.T) {
	prev := snap(q1,
		rec("a", ingest.FaseVast, ingest.WerkplekIntern, early, early),
		rec("b", ingest.FaseTijdelijk, ingest.WerkplekIntern, early, early),
		rec("c", ingest.FaseProefplaatsing, ingest.WerkplekIntern, early, early),
		left("d", early, date(2023, 2, 1), ingest.RedenZiekte))
	cur := snap(q2,
		rec("a", ingest.FaseProefplaatsing, ingest.WerkplekIntern, early, date(2023, 5, 1)),
		rec("c", ingest.FaseTijdelijk, ingest.WerkplekIntern, early, date(2023, 5, 1)))
	r, err := report.Build([]*ingest.Snapshot{prev, cur}, "Deventer", time.Time{}, params, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Signalen
	if len(s.Verdwenen) != 1 || s.Verdwenen[0].Clientnummer != "b" || s.Verdwenen[0].Van != "tijdelijk" {
		t.Errorf("verdwenen = %+v", s.Verdwenen)
	}
	if len(s.Terugval) != 1 || s.Terugval[0].Clientnummer != "a" || s.Terugval[0].Van != "vast" || s.Terugval[0].Fase != "proefplaatsing" {
		t.Errorf("terugval = %+v", s.Terugval)
	}
}

// TestAsOfEarlierPeildatum uses only the snapshots up to it.
func TestAsOfEarlierPeildatum(t *testing.T) {
	r := fixture.Report(t, date(2021, 12, 31))
	if !r.Peildatum.Equal(date(2021, 12, 31)) || r.Current.InTraject != 36 || len(r.Quarters) != 20 {
		t.Errorf("peildatum %s, in traject %d, %d quarters", r.Peildatum, r.Current.InTraject, len(r.Quarters))
	}
	if _, err := report.Build(nil, "Deventer", time.Time{}, params, nil); !errors.Is(err, report.ErrNoData) {
		t.Errorf("no data: err = %v", err)
	}
}

func TestParamsErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"taakstelling = 5\n", "p.conf:1: sleutel 'taakstelling': staat vóór de eerste [sectie]"},
		{"[Deventer 2023]\ntaakstelling = veel\n", "p.conf:2: sleutel 'taakstelling': waarde 'veel' is geen geheel getal van 0 of meer"},
		{"[Deventer 2023]\ntaaksteling = 5\n", "p.conf:2: sleutel 'taaksteling': is geen bekende sleutel (zie README.md)"},
		{"[landelijk]\ntaakstelling = 5\n", `p.conf:2: sleutel 'taakstelling': hoort in een sectie van een gemeente: [gemeente "Naam"] of [gemeente "Naam" jaar]`},
		{"[Deventer]\nwml = 5\n", "p.conf:2: sleutel 'wml': is landelijk: zet hem in [landelijk] of [landelijk jaar]"},
		{"[Deventer\n", "p.conf:1: waarde '[Deventer' " + report.ErrParamSection.Error()},
		{"[Deventer 2023]\ntaakstelling\n", "p.conf:2: waarde 'taakstelling' is geen regel van de vorm 'sleutel = waarde' of '[sectie]'"},
		{"[Deventer 2023]\ntaakstelling = 1\ntaakstelling = 2\n", "p.conf:3: sleutel 'taakstelling': staat al eerder in deze sectie"},
		{"[landelijk]\nwerkgeverslasten = 123%\n", "p.conf:2: sleutel 'werkgeverslasten': waarde '123%' is geen percentage tussen 0 en 100"},
	}
	for _, tt := range tests {
		_, err := report.ParseParams("p.conf", []byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.in, err, tt.want)
		}
	}
	// All errors of a file, not only the first.
	_, err := report.ParseParams("p.conf", []byte("[Deventer 2023]\ntaakstelling = x\nbegroting_begeleiding = y\n"))
	var pe *report.ParamErrors
	if !errors.As(err, &pe) || len(pe.Errors) != 2 {
		t.Errorf("err = %v", err)
	}
}

func TestParamsLookup(t *testing.T) {
	p := mustParams("[Deventer]\nverwachte_instroom = 12\n[Deventer 2024]\nverwachte_instroom = 15 # meer schoolverlaters\n[landelijk 2024]\nbegeleidingsvergoeding_per_fte = 8.300,00\n")
	// A gemeente name may end in digits; only four digits make a year.
	q := mustParams("[Gemeente 001]\nverwachte_instroom = 3\n[Gemeente 001 2024]\ntaakstelling = 7\n")
	if n, _ := q.Count("Gemeente 001", 2030, "verwachte_instroom"); n != 3 {
		t.Errorf("Gemeente 001 inflow %d", n)
	}
	if n, _ := q.Count("Gemeente 001", 2024, "taakstelling"); n != 7 {
		t.Errorf("Gemeente 001 taakstelling %d", n)
	}
	if n, _ := p.Count("Deventer", 2023, "verwachte_instroom"); n != 12 {
		t.Errorf("2023 inflow %d", n)
	}
	if n, _ := p.Count("Deventer", 2024, "verwachte_instroom"); n != 15 {
		t.Errorf("2024 inflow %d", n)
	}
	if _, ok := p.Count("Olst-Wijhe", 2024, "verwachte_instroom"); ok {
		t.Error("another gemeente got Deventer's inflow")
	}
	if c, _ := p.Euro("Olst-Wijhe", 2024, "begeleidingsvergoeding_per_fte"); c != 830000 {
		t.Errorf("2024 vergoeding %d", c)
	}
	if c, _ := p.Euro("Deventer", 2023, "begeleidingsvergoeding_per_fte"); c != 810000 {
		t.Errorf("built-in default vergoeding %d", c)
	}
	for _, u := range p.Used("Deventer") {
		if strings.HasPrefix(u.Scope, "Olst") {
			t.Errorf("used lists another gemeente: %+v", u)
		}
	}
}
