package report

import (
	"beschut/internal/value"
	"reflect"
	"testing"

	"beschut/ingest"
)

// TestUitstroomPubliek: a reason is shown at 0 or at the threshold and
// above, in both quarters; below it, it joins "overige redenen" with the
// reason overig.
func TestUitstroomPubliek(t *testing.T) {
	q := func(m map[string]int) *Quarter { return &Quarter{UitstroomReden: m} }
	tests := []struct {
		name      string
		cur, prev map[string]int
		noPrev    bool
		shown     []string
		merged    []string
		overige   *UitstroomRij
	}{
		{"at the threshold", map[string]int{"pensioen": 3}, map[string]int{}, false,
			[]string{"dagbesteding", "ziekte", "regulier werk", "banenafspraak", "pensioen", "overlijden", "verhuizing"}, nil, nil},
		{"below it", map[string]int{"pensioen": 2}, map[string]int{}, false,
			[]string{"dagbesteding", "ziekte", "regulier werk", "banenafspraak", "overlijden", "verhuizing"}, []string{"pensioen"},
			&UitstroomRij{Label: "overige redenen", Huidig: 2, Vorig: Some(0)}},
		{"small in the previous quarter only", map[string]int{"pensioen": 4}, map[string]int{"pensioen": 1, "overig": 2}, false,
			[]string{"dagbesteding", "ziekte", "regulier werk", "banenafspraak", "overlijden", "verhuizing"}, []string{"pensioen", "overig"},
			&UitstroomRij{Label: "overige redenen", Huidig: 4, Vorig: Some(3)}},
		{"overig is always in the rest row", map[string]int{"overig": 5}, nil, true,
			[]string{"dagbesteding", "ziekte", "regulier werk", "banenafspraak", "pensioen", "overlijden", "verhuizing"}, nil,
			&UitstroomRij{Label: "overige redenen", Huidig: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var prev *Quarter
			if !tt.noPrev {
				prev = q(tt.prev)
			}
			u := buildUitstroom(q(tt.cur), prev, 3)
			var shown []string
			for _, r := range u.Rows {
				shown = append(shown, r.Label)
				if r.Huidig != 0 && r.Huidig < 3 || r.Vorig.Ok && r.Vorig.V != 0 && r.Vorig.V < 3 {
					t.Errorf("small count shown: %+v", r)
				}
			}
			if !reflect.DeepEqual(shown, tt.shown) || !reflect.DeepEqual(u.Samengevoegd, tt.merged) || !reflect.DeepEqual(u.Overige, tt.overige) {
				t.Errorf("got %v / %v / %+v, want %v / %v / %+v", shown, u.Samengevoegd, u.Overige, tt.shown, tt.merged, tt.overige)
			}
		})
	}
}

// TestPlaatsingAndConclusie: the classes add up; the goal is met at its
// value and not below; budget under, on and over.
func TestPlaatsingAndConclusie(t *testing.T) {
	w := func(intern, groep, det, ext int) *Quarter {
		return &Quarter{Betaald: intern + groep + det + ext, Werkplek: map[ingest.Werkplek]int{
			ingest.WerkplekIntern: intern, ingest.WerkplekGroepsdetachering: groep, ingest.WerkplekDetachering: det, ingest.WerkplekExtern: ext}}
	}
	for _, tt := range []struct {
		q       *Quarter
		gehaald bool
	}{{w(29, 8, 1, 8), false}, {w(2, 1, 0, 1), true}, {w(3, 0, 1, 0), true}, {w(4, 0, 0, 1), false}} {
		p := buildPlaatsing(tt.q, Some(25.0))
		if p.BijUitvoerder+p.Gedetacheerd+p.InDienstAndere != p.Betaald || p.InDienstUitvoerder != p.BijUitvoerder+p.Gedetacheerd ||
			p.BijAndereWerkgever != p.Gedetacheerd+p.InDienstAndere {
			t.Errorf("%+v does not add up", p)
		}
		if p.DoelGehaald != Some(tt.gehaald) {
			t.Errorf("%d of %d: gehaald %v, want %v", p.BijAndereWerkgever, p.Betaald, p.DoelGehaald, tt.gehaald)
		}
	}
	if !buildPlaatsing(w(29, 8, 1, 8), Some(25.0)).AfrondingTeltNietOp || buildPlaatsing(w(2, 1, 0, 1), Some(25.0)).AfrondingTeltNietOp {
		t.Error("rounding note: 2% + 17% != 20% needs it, 50% + 25% + 25% does not")
	}
	if p := buildPlaatsing(w(0, 0, 0, 0), Some(25.0)); p.DoelGehaald.Ok || p.AandeelBijAndereWerkgever.Ok {
		t.Errorf("nobody betaald: %+v", p)
	}
	for _, tt := range []struct {
		verwachting, begroting value.Cents
		onder, over            Opt[value.Cents]
		op                     bool
	}{
		{26080000, 30900000, Some(value.Cents(4820000)), Opt[value.Cents]{}, false},
		{30900000, 30900000, Opt[value.Cents]{}, Opt[value.Cents]{}, true},
		{30900001, 30900000, Opt[value.Cents]{}, Some(value.Cents(1)), false},
	} {
		c := buildConclusie(&Quarter{VerwachtingBegeleiding: Some(tt.verwachting), BegrotingBegeleiding: Some(tt.begroting), Taakstelling: Some(10), Betaald: 12})
		if c.Onderschrijding != tt.onder || c.Overschrijding != tt.over || c.OpBegroting != tt.op || c.Tekort != Some(0) {
			t.Errorf("%v against %v: %+v", tt.verwachting, tt.begroting, c)
		}
	}
}
