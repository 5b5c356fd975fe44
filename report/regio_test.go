package report_test

import (
	"beschut/internal/fixture"
	"beschut/internal/value"
	"errors"
	"math"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"beschut/ingest"
	"beschut/report"
	"beschut/samples/generate/generator"
)

// TestOverzichtRegio: the example region reproduces seed 004: eight
// gemeenten, taakstelling 58 in 2017 and 102 in 2018.
func TestOverzichtRegio(t *testing.T) {
	o, _ := fixture.Overzicht(t, []string{fixture.RegioDir("..")}, fixture.RegioParams(t, ".."))
	if o.Naam != "Zaanstreek-Waterland" || !o.Regio || o.Titel() != "Overzicht beschut werk regio Zaanstreek-Waterland" {
		t.Errorf("naam %q regio %v titel %q", o.Naam, o.Regio, o.Titel())
	}
	var names []string
	for _, r := range o.Rows {
		names = append(names, r.Gemeente)
	}
	want := []string{"Beemster", "Edam-Volendam", "Landsmeer", "Oostzaan", "Purmerend", "Waterland", "Wormerland", "Zaanstad"}
	if !slices.Equal(names, want) {
		t.Errorf("rows %v", names)
	}
	if !o.Peildatum.Equal(time.Date(2018, 12, 31, 0, 0, 0, 0, time.UTC)) || o.Totaal == nil {
		t.Fatalf("peildatum %s, totaal %v", o.Peildatum, o.Totaal)
	}
	if o.Totaal.Taakstelling != report.Some(102) {
		t.Errorf("taakstelling 2018: %+v, seed 004: 102", o.Totaal.Taakstelling)
	}
	got := map[int]report.Opt[int]{}
	for _, j := range o.Jaren {
		got[j.Jaar] = j.Totaal.Taakstelling
		if len(j.Cellen) != 8 {
			t.Errorf("%d: %d cells", j.Jaar, len(j.Cellen))
		}
	}
	if got[2017] != report.Some(58) || got[2018] != report.Some(102) {
		t.Errorf("taakstelling per year %v, seed 004: 58 and 102", got)
	}
	if o.Uitvoerder != "WERKOM" || o.Kolommen()[4].Label != "Dienstverband bij WERKOM" {
		t.Errorf("uitvoerder %q", o.Uitvoerder)
	}
	if len(o.Quarters) != 8 || len(o.Notes) != 0 {
		t.Errorf("%d regional quarters, notes %v", len(o.Quarters), o.Notes)
	}
}

// TestOverzichtTotalsAreSums: for every regional quarter, every count —
// every int field of Quarter, so a new one cannot be forgotten — and every
// count indicator is the sum of the gemeenten's; every share and mean is
// recomputed from the summed counts.
func TestOverzichtTotalsAreSums(t *testing.T) {
	o, _ := fixture.Overzicht(t, []string{fixture.RegioDir("..")}, fixture.RegioParams(t, ".."))
	for _, tq := range o.Quarters {
		var qs []*report.Quarter
		for _, r := range o.Rows {
			for _, q := range r.Quarters {
				if q.Peildatum.Equal(tq.Peildatum) {
					qs = append(qs, q)
				}
			}
		}
		if len(qs) != len(o.Rows) {
			t.Fatalf("%s: %d quarters", tq.Peildatum, len(qs))
		}
		tv := reflect.ValueOf(tq).Elem()
		for i := 0; i < tv.NumField(); i++ {
			f := tv.Type().Field(i)
			if f.Name == "Jaar" || f.Name == "Kwartaal" {
				continue
			}
			switch f.Type.Kind() {
			case reflect.Int, reflect.Int64:
				var sum int64
				for _, q := range qs {
					sum += reflect.ValueOf(q).Elem().Field(i).Int()
				}
				if tv.Field(i).Int() != sum {
					t.Errorf("%s %s: total %d, sum %d", tq.Peildatum.Format("2006-01-02"), f.Name, tv.Field(i).Int(), sum)
				}
			case reflect.Map:
				if f.Type.Elem().Kind() != reflect.Int {
					continue
				}
				sum := map[any]int64{}
				for _, q := range qs {
					m := reflect.ValueOf(q).Elem().Field(i)
					for _, k := range m.MapKeys() {
						sum[k.Interface()] += m.MapIndex(k).Int()
					}
				}
				m := tv.Field(i)
				for k, v := range sum {
					if got := m.MapIndex(reflect.ValueOf(k)); !got.IsValid() || got.Int() != v {
						t.Errorf("%s %s[%s]: total %v, sum %d", tq.Peildatum.Format("2006-01-02"), f.Name, k, got, v)
					}
				}
			}
		}
		for _, d := range report.Definitions {
			tot, ok := d.Value(tq)
			switch d.Unit {
			case report.Aantal:
				sum, all := 0.0, true
				for _, q := range qs {
					v, ok := d.Value(q)
					all = all && ok
					sum += v
				}
				if ok != all || (ok && tot != sum) {
					t.Errorf("%s %s: total %v (%v), sum %v", tq.Peildatum.Format("2006-01-02"), d.Code, tot, ok, sum)
				}
			case report.Euro:
				var sum value.Cents
				all := true
				for _, q := range qs {
					c := d.Cents(q)
					all = all && c.Ok
					sum += c.V
				}
				if c := d.Cents(tq); c.Ok != all || (all && c.V != sum) {
					t.Errorf("%s %s: total %+v, sum %d (all present %v)", tq.Peildatum.Format("2006-01-02"), d.Code, c, sum, all)
				}
			}
		}
		// Shares and means from the sums.
		checkPct := func(name string, got report.Opt[float64], part, whole float64) {
			t.Helper()
			if whole == 0 {
				if got.Ok {
					t.Errorf("%s: %v over nothing", name, got.V)
				}
				return
			}
			if !got.Ok || math.Abs(got.V-part/whole*100) > 1e-9 {
				t.Errorf("%s %s: %+v, want %v", tq.Peildatum.Format("2006-01-02"), name, got, part/whole*100)
			}
		}
		checkPct("aandeel_dienstverband", tq.AandeelDienstverband, float64(tq.Betaald), float64(tq.InTraject))
		checkPct("aandeel_werkplek_buiten", tq.AandeelWerkplekBuiten, float64(tq.WerkplekBuiten), float64(tq.Betaald))
		checkPct("gemiddelde_loonwaarde", tq.GemiddeldeLoonwaarde, tq.LoonwaardeSom.Float()/100, float64(tq.LoonwaardeAantal))
		if tq.Taakstelling.Ok {
			checkPct("realisatie_taakstelling", tq.RealisatieTaakstelling, float64(tq.Betaald), float64(tq.Taakstelling.V))
		}
	}
}

func quarter(peil time.Time, inTraject, betaald int, lw []int, beg report.Opt[value.Cents]) *report.Quarter {
	q := &report.Quarter{Peildatum: peil, Jaar: peil.Year(), Kwartaal: (int(peil.Month())-1)/3 + 1, InTraject: inTraject, Betaald: betaald,
		Werkplek: map[ingest.Werkplek]int{}, UitstroomReden: map[string]int{}, BegeleidingJaarTotNu: beg}
	for _, v := range lw {
		q.LoonwaardeSom += value.FixedFromInt(v)
		q.LoonwaardeAantal++
	}
	return q
}

// TestSumQuarters: a share and a mean are recomputed, never averaged; an
// amount is summed exactly, absent when one gemeente lacks it, an error
// when it does not fit.
func TestSumQuarters(t *testing.T) {
	peil := time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)
	// Gemeente a: 1 of 1 betaald, loonwaarde 30; b: 1 of 3, loonwaarden 50, 60, 70.
	a := quarter(peil, 1, 1, []int{30}, report.Some[value.Cents](100_01))
	b := quarter(peil, 3, 1, []int{50, 60, 70}, report.Some[value.Cents](250_99))
	a.Taakstelling, b.Taakstelling = report.Some(2), report.Some(6)
	tot, err := report.SumQuarters([]*report.Quarter{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if tot.AandeelDienstverband != report.Some(50.0) { // 2 of 4; the mean of 100% and 33% would be 66,7%
		t.Errorf("aandeel %+v, want 50", tot.AandeelDienstverband)
	}
	if tot.GemiddeldeLoonwaarde != report.Some(52.5) { // 210 / 4; the mean of 30 and 60 would be 45
		t.Errorf("loonwaarde %+v, want 52,5", tot.GemiddeldeLoonwaarde)
	}
	if tot.RealisatieTaakstelling != report.Some(25.0) || tot.Taakstelling != report.Some(8) {
		t.Errorf("realisatie %+v of %+v, want 25 of 8", tot.RealisatieTaakstelling, tot.Taakstelling)
	}
	if tot.BegeleidingJaarTotNu != report.Some[value.Cents](351_00) {
		t.Errorf("begeleiding %+v", tot.BegeleidingJaarTotNu)
	}
	b.BegeleidingJaarTotNu = report.Opt[value.Cents]{}
	b.Taakstelling = report.Opt[int]{}
	tot, _ = report.SumQuarters([]*report.Quarter{a, b})
	if tot.BegeleidingJaarTotNu.Ok || tot.Taakstelling.Ok || tot.RealisatieTaakstelling.Ok {
		t.Errorf("a total over a missing figure: %+v %+v %+v", tot.BegeleidingJaarTotNu, tot.Taakstelling, tot.RealisatieTaakstelling)
	}
	a.BegeleidingJaarTotNu = report.Some[value.Cents](math.MaxInt64 - 5)
	b.BegeleidingJaarTotNu = report.Some[value.Cents](5) // just fits
	if tot, err := report.SumQuarters([]*report.Quarter{a, b}); err != nil || tot.BegeleidingJaarTotNu.V != math.MaxInt64 {
		t.Errorf("at the bound: %v %+v", err, tot)
	}
	b.BegeleidingJaarTotNu = report.Some[value.Cents](6) // one cent over
	if _, err := report.SumQuarters([]*report.Quarter{a, b}); !errors.Is(err, report.ErrSumOverflow) {
		t.Errorf("overflow: err %v", err)
	}
	if _, err := report.SumQuarters([]*report.Quarter{a, quarter(peil.AddDate(0, 3, 0), 1, 1, nil, report.Opt[value.Cents]{})}); err == nil {
		t.Error("quarters of two peildatums summed")
	}
}

// TestOverzichtNeutral: gemeenten that are not one regio get the neutral
// name; a gemeente without the latest export leaves the total absent and
// says so.
func TestOverzichtNeutral(t *testing.T) {
	peil := time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)
	prev := time.Date(2023, 3, 31, 0, 0, 0, 0, time.UTC)
	mk := func(g string, peils ...time.Time) *report.Report {
		r := &report.Report{Gemeente: g}
		for _, p := range peils {
			r.Quarters = append(r.Quarters, quarter(p, 2, 1, nil, report.Opt[value.Cents]{}))
		}
		r.Current = r.Quarters[len(r.Quarters)-1]
		r.Peildatum = r.Current.Peildatum
		return r
	}
	p := mustParams("[regio \"Noord\"]\ngemeente = Zuidhorn\n")
	o, err := report.BuildOverzicht([]*report.Report{mk("zwolle", prev, peil), mk("Almelo", prev, peil), mk("Zuidhorn", prev)}, p)
	if err != nil {
		t.Fatal(err)
	}
	if o.Regio || o.Naam != report.NeutraleOverzichtNaam || o.Titel() != "Overzicht beschut werk alle gemeenten" || o.Uitvoerder != "het SW-bedrijf" {
		t.Errorf("naam %q %v %q %q", o.Naam, o.Regio, o.Titel(), o.Uitvoerder)
	}
	if o.Rows[0].Gemeente != "Almelo" || o.Rows[1].Gemeente != "Zuidhorn" || o.Rows[2].Gemeente != "zwolle" {
		t.Errorf("not sorted by name: %s %s %s", o.Rows[0].Gemeente, o.Rows[1].Gemeente, o.Rows[2].Gemeente)
	}
	if o.Totaal != nil || len(o.Quarters) != 1 || !o.Quarters[0].Peildatum.Equal(prev) || o.Quarters[0].InTraject != 6 {
		t.Errorf("totaal %v, quarters %d", o.Totaal, len(o.Quarters))
	}
	wantNotes := []string{"geen totaal op 30-06-2023: niet elke gemeente heeft een export van die peildatum", "Zuidhorn: laatste export van 31-03-2023, niet van 30-06-2023"}
	if !slices.Equal(o.Notes, wantNotes) {
		t.Errorf("notes %q", o.Notes)
	}
	if _, err := report.BuildOverzicht(nil, p); !errors.Is(err, report.ErrOverzichtEmpty) {
		t.Errorf("empty: %v", err)
	}
	// A regio with a member absent from the run says so.
	p = mustParams("[regio \"Twente\"]\ngemeente = Almelo\ngemeente = zwolle\ngemeente = Hengelo\n")
	o, _ = report.BuildOverzicht([]*report.Report{mk("zwolle", peil), mk("Almelo", peil)}, p)
	if !o.Regio || o.Naam != "Twente" || !slices.Equal(o.Notes, []string{"Hengelo hoort bij de regio maar staat niet in de exports: niet in de totalen"}) {
		t.Errorf("%q %q", o.Naam, o.Notes)
	}
}

// TestOverzichtNational: the national set (342 gemeenten) gives one
// overview, sorted, with a total for every peildatum.
func TestOverzichtNational(t *testing.T) {
	n := generator.National{Gemeenten: 342, LastYear: 2018, LastQuarter: 2, Scale: 1, Seed: 342}
	o, reports := fixture.National(t, n)
	if len(o.Rows) != 342 || o.Regio || o.Totaal == nil || len(o.Quarters) != 6 {
		t.Fatalf("%d rows, regio %v, totaal %v, %d quarters", len(o.Rows), o.Regio, o.Totaal, len(o.Quarters))
	}
	if !sort.SliceIsSorted(o.Rows, func(i, j int) bool { return o.Rows[i].Gemeente < o.Rows[j].Gemeente }) {
		t.Error("rows not sorted")
	}
	sum := 0
	for _, r := range reports {
		sum += r.Current.InTraject
	}
	if o.Totaal.InTraject != sum || sum == 0 {
		t.Errorf("in traject %d, sum %d", o.Totaal.InTraject, sum)
	}
}
