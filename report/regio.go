package report

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"beschut/ingest"
)

// NeutraleOverzichtNaam names the overview of a run whose gemeenten are
// not one regio of the parameters file.
const NeutraleOverzichtNaam = "Alle gemeenten"

// Overzicht is the overview of the gemeenten of one run together: a regio
// of the parameters file, or all gemeenten of the run. Every total is
// computed here from the gemeenten's own figures: counts and amounts are
// summed, a share or a mean is recomputed from the summed counts and sums,
// never averaged. Renderers lay it out and compute nothing.
type Overzicht struct {
	Naam      string    // the regio's name, or NeutraleOverzichtNaam; also the gemeente column of the total's Data rows
	Regio     bool      // Naam is a regio of the parameters file
	Peildatum time.Time // the latest peildatum of the gemeenten
	Jaar      int
	Kwartaal  int
	// Uitvoerder is the SW-bedrijf all gemeenten name, or the neutral
	// DefaultUitvoerder when they name different ones or none.
	Uitvoerder string

	Rows   []OverzichtRow // one per gemeente, sorted by name
	Totaal *Quarter       // the regional figures on Peildatum; nil when a gemeente has no export for it (see Notes)

	// Quarters are the regional figures of every peildatum all gemeenten
	// have, oldest first (the Data sheet's total rows).
	Quarters []*Quarter
	Jaren    []OverzichtJaar // per year, as Tabel 1
	Notes    []string
}

// OverzichtRow is one gemeente of the overview.
type OverzichtRow struct {
	Gemeente string     // as in the export (the Data sheet's key)
	Naam     string     // as in official documents
	Current  *Quarter   // on the gemeente's own latest peildatum (normally the overview's)
	Quarters []*Quarter // the gemeente's history, oldest first
}

// OverzichtJaar is one year of the overview's Tabel 1: the stand on 31-12
// (or on the peildatum in its year) per gemeente and for the total.
type OverzichtJaar struct {
	Jaar    int
	StandOp time.Time
	Partial bool           // the stand on the peildatum; the year is not over
	NTB     bool           // next year: only the taakstelling is known
	Cellen  []OverzichtCel // per gemeente, in the order of Rows
	Totaal  OverzichtCel   // a figure is present only when every gemeente has it
}

// OverzichtCel holds one gemeente's (or the total's) figures of one year.
type OverzichtCel struct {
	Taakstelling, InTraject, Betaald Opt[int]
	Realisatie                       Opt[float64] // betaald / taakstelling × 100
}

// OverzichtKolom is a column of the overview table (like 004's "Aantallen
// beschut werk nieuw"): an indicator code of Definitions with the
// overview's Dutch label.
type OverzichtKolom struct {
	Code  string
	Label string
	Unit  Unit
}

// Value is the column's figure of a quarter.
func (k OverzichtKolom) Value(q *Quarter) (float64, bool) {
	if q == nil {
		return 0, false
	}
	d, _ := DefinitionOf(k.Code)
	return d.Value(q)
}

// Cents is the exact amount of a euro column.
func (k OverzichtKolom) Cents(q *Quarter) Opt[value.Cents] {
	if q == nil {
		return Opt[value.Cents]{}
	}
	d, _ := DefinitionOf(k.Code)
	return d.Cents(q)
}

// Titel is the overview's title: "Overzicht beschut werk regio
// Zaanstreek-Waterland", or "Overzicht beschut werk alle gemeenten".
func (o *Overzicht) Titel() string {
	if o.Regio {
		return "Overzicht beschut werk regio " + o.Naam
	}
	return "Overzicht beschut werk alle gemeenten"
}

// TotaalLabel is the label of the total row.
func (o *Overzicht) TotaalLabel() string {
	if o.Regio {
		return "Totaal regio " + o.Naam
	}
	return "Totaal alle gemeenten"
}

// Kolommen are the columns of the overview table, in order.
func (o *Overzicht) Kolommen() []OverzichtKolom {
	bij := "bij " + o.Uitvoerder
	return []OverzichtKolom{
		{"taakstelling", "Taakstelling", Aantal},
		{"in_traject", "In traject", Aantal},
		{"betaald_dienstverband", "Betaald dienstverband", Aantal},
		{"realisatie_taakstelling", "Realisatie taakstelling", Procent},
		{"dienstverband_konnected", "Dienstverband " + bij, Aantal},
		{"dienstverband_extern", "Dienstverband bij andere werkgever", Aantal},
		{"gemiddelde_loonwaarde", "Gemiddelde loonwaarde", Procent},
		{"begeleiding_jaar_tot_nu", "Begeleidingskosten jaar tot nu", Euro},
	}
}

// ErrOverzichtEmpty: an overview needs at least one gemeente.
var ErrOverzichtEmpty = errors.New("overzicht zonder gemeenten")

// OverzichtPart is the part of the report that BuildOverzicht reads, so a
// run can keep it for the overview without every gemeente's signal lists,
// prognose and texts (TestOverviewPart in internal/pipeline checks that it
// gives the same overview as the whole reports).
func (r *Report) OverzichtPart() *Report {
	return &Report{Gemeente: r.Gemeente, Peildatum: r.Peildatum, Settings: r.Settings, Current: r.Current, Quarters: r.Quarters, Tabel1: r.Tabel1}
}

// BuildOverzicht computes the overview of the reports of one run (one
// report per gemeente). p names the regio, when one holds every gemeente.
func BuildOverzicht(reports []*Report, p *Params) (*Overzicht, error) {
	if len(reports) == 0 {
		return nil, ErrOverzichtEmpty
	}
	o := &Overzicht{Naam: NeutraleOverzichtNaam}
	var names []string
	for _, r := range reports {
		names = append(names, r.Gemeente)
	}
	if p != nil {
		if reg, ok := p.RegioOf(names); ok {
			o.Naam, o.Regio = reg.Naam, true
			for _, g := range reg.Gemeenten {
				if !contains(names, g) {
					o.Notes = append(o.Notes, fmt.Sprintf("%s hoort bij de regio maar staat niet in de exports: niet in de totalen", g))
				}
			}
		}
	}
	sorted := append([]*Report(nil), reports...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := strings.ToLower(sorted[i].Gemeente), strings.ToLower(sorted[j].Gemeente)
		if a != b {
			return a < b
		}
		return sorted[i].Gemeente < sorted[j].Gemeente
	})
	uitvoerders := map[string]bool{}
	for _, r := range sorted {
		o.Rows = append(o.Rows, OverzichtRow{Gemeente: r.Gemeente, Naam: r.Settings.DisplayName(r.Gemeente), Current: r.Current, Quarters: r.Quarters})
		if r.Peildatum.After(o.Peildatum) {
			o.Peildatum = r.Peildatum
		}
		uitvoerders[r.Settings.UitvoerderNaam()] = true
	}
	o.Jaar, o.Kwartaal = o.Peildatum.Year(), (int(o.Peildatum.Month())-1)/3+1
	o.Uitvoerder = DefaultUitvoerder
	if len(uitvoerders) == 1 {
		for u := range uitvoerders {
			o.Uitvoerder = u
		}
	}

	// The regional quarter of every peildatum all gemeenten have.
	byPeil := map[time.Time][]*Quarter{}
	var peils []time.Time
	for _, row := range o.Rows {
		for _, q := range row.Quarters {
			if byPeil[q.Peildatum] == nil {
				peils = append(peils, q.Peildatum)
			}
			byPeil[q.Peildatum] = append(byPeil[q.Peildatum], q)
		}
	}
	sort.Slice(peils, func(i, j int) bool { return peils[i].Before(peils[j]) })
	var incomplete []string
	for _, peil := range peils {
		qs := byPeil[peil]
		if len(qs) != len(o.Rows) {
			incomplete = append(incomplete, value.FormatDate(peil))
			continue
		}
		t, err := SumQuarters(qs)
		if err != nil {
			return nil, fmt.Errorf("overzicht %s, peildatum %s: %w", o.Naam, value.FormatDate(peil), err)
		}
		o.Quarters = append(o.Quarters, t)
		if peil.Equal(o.Peildatum) {
			o.Totaal = t
		}
	}
	if len(incomplete) > 0 {
		o.Notes = append(o.Notes, fmt.Sprintf("geen totaal op %s: niet elke gemeente heeft een export van die peildatum", strings.Join(incomplete, ", ")))
	}
	for _, row := range o.Rows {
		if !row.Current.Peildatum.Equal(o.Peildatum) {
			o.Notes = append(o.Notes, fmt.Sprintf("%s: laatste export van %s, niet van %s", row.Naam, value.FormatDate(row.Current.Peildatum), value.FormatDate(o.Peildatum)))
		}
	}
	o.Jaren = overzichtJaren(sorted)
	return o, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// overzichtJaren lays the gemeenten's Tabel 1 side by side, year by year.
func overzichtJaren(reports []*Report) []OverzichtJaar {
	byYear := map[int]*OverzichtJaar{}
	var years []int
	for _, r := range reports {
		for _, c := range r.Tabel1.Columns {
			if byYear[c.Jaar] == nil {
				byYear[c.Jaar] = &OverzichtJaar{Jaar: c.Jaar, StandOp: c.StandOp, NTB: true}
				years = append(years, c.Jaar)
			}
			j := byYear[c.Jaar]
			j.Partial = j.Partial || c.Partial
			j.NTB = j.NTB && c.NTB
			if c.StandOp.After(j.StandOp) {
				j.StandOp = c.StandOp
			}
		}
	}
	sort.Ints(years)
	out := make([]OverzichtJaar, 0, len(years))
	for _, y := range years {
		j := byYear[y]
		var taak, in, betaald []Opt[int]
		for _, r := range reports {
			var cel OverzichtCel
			for _, c := range r.Tabel1.Columns {
				if c.Jaar == y {
					cel = OverzichtCel{Taakstelling: c.Taakstelling, InTraject: c.InTraject, Betaald: c.Betaald}
				}
			}
			cel.Realisatie = realisatie(cel.Betaald, cel.Taakstelling)
			j.Cellen = append(j.Cellen, cel)
			taak, in, betaald = append(taak, cel.Taakstelling), append(in, cel.InTraject), append(betaald, cel.Betaald)
		}
		j.Totaal = OverzichtCel{Taakstelling: sumAll(taak), InTraject: sumAll(in), Betaald: sumAll(betaald)}
		j.Totaal.Realisatie = realisatie(j.Totaal.Betaald, j.Totaal.Taakstelling)
		out = append(out, *j)
	}
	return out
}

func realisatie(betaald, taak Opt[int]) Opt[float64] {
	if !betaald.Ok || !taak.Ok || taak.V == 0 {
		return Opt[float64]{}
	}
	return Some(float64(betaald.V) / float64(taak.V) * 100)
}

// sumAll is the sum when every value is present, else absent.
func sumAll(vs []Opt[int]) Opt[int] {
	total := 0
	for _, v := range vs {
		if !v.Ok {
			return Opt[int]{}
		}
		total += v.V
	}
	return Some(total)
}

// ErrSumOverflow: a regional amount does not fit in int64 cents.
var ErrSumOverflow = errors.New("totaal te groot")

// sumCents is the exact sum when every amount is present, else absent.
func sumCents(vs []Opt[value.Cents]) (Opt[value.Cents], error) {
	var total int64
	for _, v := range vs {
		if !v.Ok {
			return Opt[value.Cents]{}, nil
		}
		if (v.V > 0 && total > math.MaxInt64-int64(v.V)) || (v.V < 0 && total < math.MinInt64-int64(v.V)) {
			return Opt[value.Cents]{}, ErrSumOverflow
		}
		total += int64(v.V)
	}
	return Some(value.Cents(total)), nil
}

// SumQuarters computes the regional quarter of quarters of one peildatum
// (one per gemeente): every count and amount summed (an amount only when
// every gemeente has it), every share and mean recomputed from the sums.
func SumQuarters(qs []*Quarter) (*Quarter, error) {
	if len(qs) == 0 {
		return nil, ErrOverzichtEmpty
	}
	f := qs[0]
	t := &Quarter{Peildatum: f.Peildatum, Jaar: f.Jaar, Kwartaal: f.Kwartaal,
		Werkplek: map[ingest.Werkplek]int{}, UitstroomReden: map[string]int{}}
	var taak []Opt[int]
	cents := map[string][]Opt[value.Cents]{}
	for _, q := range qs {
		if !q.Peildatum.Equal(f.Peildatum) {
			return nil, fmt.Errorf("kwartalen van %s en %s samengeteld", value.FormatDate(f.Peildatum), value.FormatDate(q.Peildatum))
		}
		t.Rows += q.Rows
		t.InTraject += q.InTraject
		t.Stage += q.Stage
		t.Proefplaatsing += q.Proefplaatsing
		t.Tijdelijk += q.Tijdelijk
		t.Vast += q.Vast
		t.Betaald += q.Betaald
		t.DienstverbandKonnected += q.DienstverbandKonnected
		t.DienstverbandExtern += q.DienstverbandExtern
		for w, n := range q.Werkplek {
			t.Werkplek[w] += n
		}
		t.WerkplekBuiten += q.WerkplekBuiten
		t.UrenSom += q.UrenSom
		t.UrenAantal += q.UrenAantal
		t.LoonwaardeSom += q.LoonwaardeSom
		t.LoonwaardeAantal += q.LoonwaardeAantal
		t.WerkladderSom += q.WerkladderSom
		t.WerkladderAantal += q.WerkladderAantal
		t.LoonwaardeGemeten += q.LoonwaardeGemeten
		t.LoonwaardeOnder30 += q.LoonwaardeOnder30
		t.Instroom += q.Instroom
		t.DoorstroomTijdelijk += q.DoorstroomTijdelijk
		t.DoorstroomVast += q.DoorstroomVast
		t.Uitstroom += q.Uitstroom
		for r, n := range q.UitstroomReden {
			t.UitstroomReden[r] += n
		}
		taak = append(taak, q.Taakstelling)
		for k, v := range map[string]Opt[value.Cents]{
			"lks": q.LKSKwartaal, "beg": q.BegeleidingKwartaal, "lksj": q.LKSJaarTotNu, "begj": q.BegeleidingJaarTotNu,
			"begr": q.BegrotingBegeleiding, "prog": q.PrognoseBegeleiding, "verw": q.VerwachtingBegeleiding,
		} {
			cents[k] = append(cents[k], v)
		}
	}
	t.AandeelDienstverband = share(t.Betaald, t.InTraject)
	t.AandeelDienstverbandKonnected = share(t.DienstverbandKonnected, t.Betaald)
	t.AandeelWerkplek = map[ingest.Werkplek]Opt[float64]{}
	for _, w := range Werkplekken {
		t.AandeelWerkplek[w] = share(t.Werkplek[w], t.Betaald)
	}
	t.AandeelWerkplekBuiten = share(t.WerkplekBuiten, t.Betaald)
	t.GemiddeldeUren = mean(t.UrenSom.Float(), t.UrenAantal)
	t.GemiddeldeLoonwaarde = mean(t.LoonwaardeSom.Float(), t.LoonwaardeAantal)
	t.GemiddeldeWerkladder = mean(float64(t.WerkladderSom), t.WerkladderAantal)
	t.Taakstelling = sumAll(taak)
	t.RealisatieTaakstelling = realisatie(Some(t.Betaald), t.Taakstelling)
	for _, x := range []struct {
		key string
		dst *Opt[value.Cents]
	}{
		{"lks", &t.LKSKwartaal}, {"beg", &t.BegeleidingKwartaal}, {"lksj", &t.LKSJaarTotNu}, {"begj", &t.BegeleidingJaarTotNu},
		{"begr", &t.BegrotingBegeleiding}, {"prog", &t.PrognoseBegeleiding}, {"verw", &t.VerwachtingBegeleiding},
	} {
		v, err := sumCents(cents[x.key])
		if err != nil {
			return nil, err
		}
		*x.dst = v
	}
	if t.VerwachtingBegeleiding.Ok && t.BegrotingBegeleiding.Ok {
		t.VerschilBegroting = Some(t.VerwachtingBegeleiding.V - t.BegrotingBegeleiding.V)
	}
	return t, nil
}
