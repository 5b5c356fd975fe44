package report

import (
	"beschut/internal/value"
	"math/big"
	"sort"
	"time"
)

// Tabel1 is "Tabel 1: Overzicht kerncijfers beschut werk" as the nota lays
// it out: one column per year.
type Tabel1 struct {
	Columns []Tabel1Column
}

// Tabel1Column is one year of Tabel 1.
type Tabel1Column struct {
	Jaar    int
	StandOp time.Time // the date of the stand: 31-12, or the peildatum in its year
	Partial bool      // the stand on the peildatum, the year is not over
	NTB     bool      // the next year, known only by its taakstelling ("ntb")

	Taakstelling Opt[int]
	InTraject    Opt[int]
	Betaald      Opt[int]
}

func buildTabel1(r *Report, p *Params) Tabel1 {
	last := r.Peildatum.Year()
	first := r.Quarters[0].Jaar
	if p != nil {
		if years := p.Years(r.Gemeente, "taakstelling"); len(years) > 0 && years[0] < first {
			first = years[0]
		}
	}
	byPeil := map[time.Time]*Quarter{}
	for _, q := range r.Quarters {
		byPeil[q.Peildatum] = q
	}
	var t Tabel1
	for y := first; y <= last; y++ {
		c := Tabel1Column{Jaar: y, StandOp: endOfQuarter(y, 4)}
		if y == last {
			c.StandOp = r.Peildatum
			c.Partial = r.Current.Kwartaal != 4
		}
		if q := byPeil[c.StandOp]; q != nil {
			c.InTraject, c.Betaald = Some(q.InTraject), Some(q.Betaald)
		}
		if p != nil {
			if n, ok := p.Count(r.Gemeente, y, "taakstelling"); ok {
				c.Taakstelling = Some(n)
			}
		}
		t.Columns = append(t.Columns, c)
	}
	if r.Current.Kwartaal == 4 && p != nil {
		if n, ok := p.Count(r.Gemeente, last+1, "taakstelling"); ok {
			t.Columns = append(t.Columns, Tabel1Column{Jaar: last + 1, NTB: true, Taakstelling: Some(n)})
		}
	}
	return t
}

// Prognose is the meerjarenprognose of the begeleidingskosten, continuing
// the nota's table "Overzicht begeleidingsvergoeding".
type Prognose struct {
	Rows []PrognoseRow
}

// PrognoseRow is one year of the meerjarenprognose. The first row is the
// last completed year, with its real stand on 31-12 (Basis).
type PrognoseRow struct {
	Jaar             int
	Basis            bool
	AantalEindJaar   int
	Instroom         int
	KostenPerPersoon value.Cents // K: whole euros
	HeleJaar         value.Cents // aantal eind vorig jaar × K
	NieuweInstroom   value.Cents // instroom × K × ½
	Totaal           value.Cents
	Begroting        Opt[value.Cents]
	Realisatie       Opt[value.Cents] // a completed year
	RealisatieTotNu  Opt[value.Cents] // the peildatum's year, up to the peildatum
}

// kostenPerPersoon is the nota's K: begeleidingsvergoeding per fte × the
// average hours ÷ the fte hours, rounded to whole euros (8.100 × 24 ÷ 31 =
// 6.271).
func kostenPerPersoon(p *Params, gemeente string, year int) (value.Cents, bool) {
	v, ok1 := p.Euro(gemeente, year, "begeleidingsvergoeding_per_fte")
	gem, ok2 := p.Fixed(gemeente, year, "gemiddelde_uren")
	fte, ok3 := p.Fixed(gemeente, year, "uren_fte_begeleiding")
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	num, den := int64(v)*int64(gem), int64(fte)*100
	return value.Cents((num + den/2) / den * 100), true
}

// prognoseYear applies the nota's method to one year, from the stand at the
// end of the year before.
func prognoseYear(p *Params, gemeente string, year, endPrev int, note func(string, ...any)) (PrognoseRow, bool) {
	k, ok := kostenPerPersoon(p, gemeente, year)
	if !ok {
		note("prognose begeleiding %d niet berekend: begeleidingsvergoeding_per_fte, gemiddelde_uren of uren_fte_begeleiding ontbreekt", year)
		return PrognoseRow{}, false
	}
	in, ok := p.Count(gemeente, year, "verwachte_instroom")
	if !ok {
		note("prognose begeleiding %d niet berekend: verwachte_instroom ontbreekt in de parameters", year)
		return PrognoseRow{}, false
	}
	row := PrognoseRow{Jaar: year, Instroom: in, AantalEindJaar: endPrev + in, KostenPerPersoon: k,
		HeleJaar: value.Cents(endPrev) * k, NieuweInstroom: divRound(value.Cents(in)*k, 2)}
	row.Totaal = row.HeleJaar + row.NieuweInstroom
	if b, ok := p.Euro(gemeente, year, "begroting_begeleiding"); ok {
		row.Begroting = Some(b)
	}
	return row, true
}

func buildPrognose(r *Report, p *Params, byPeil map[time.Time]*Quarter, note func(string, ...any)) Prognose {
	var out Prognose
	base := r.Peildatum.Year()
	if r.Current.Kwartaal != 4 {
		base--
	}
	bq := byPeil[endOfQuarter(base, 4)]
	if bq == nil {
		note("meerjarenprognose niet berekend: de export van %s ontbreekt", value.FormatDate(endOfQuarter(base, 4)))
		return out
	}
	if p == nil {
		return out
	}
	row := PrognoseRow{Jaar: base, Basis: true, AantalEindJaar: bq.InTraject, Realisatie: bq.BegeleidingJaarTotNu}
	if b, ok := p.Euro(r.Gemeente, base, "begroting_begeleiding"); ok {
		row.Begroting = Some(b)
	}
	out.Rows = append(out.Rows, row)
	for y := base + 1; y <= base+4; y++ {
		next, ok := prognoseYear(p, r.Gemeente, y, row.AantalEindJaar, note)
		if !ok {
			break
		}
		if y == r.Peildatum.Year() {
			next.RealisatieTotNu = r.Current.BegeleidingJaarTotNu
		}
		out.Rows = append(out.Rows, next)
		row = next
	}
	return out
}

// Kostprijs is the nota's kostprijsmodel of KonnecteD per dienstverband
// ("Baten KonnecteD" / "Lasten KonnecteD"), for 1 fte and for the average
// hours.
type Kostprijs struct {
	Jaar         int
	Loonwaarde   int         // whole percent: the quarter's gemiddelde loonwaarde, rounded
	Uren         value.Fixed // the average hours
	Baten        []KostprijsRow
	TotaalBaten  KostprijsRow
	Lasten       []KostprijsRow
	TotaalLasten KostprijsRow
	Verschil     KostprijsRow
}

// KostprijsRow is one line of the kostprijsmodel. Code names the line in
// the Data sheet: kostprijs_<Code>_fte and kostprijs_<Code>_gemiddeld.
type KostprijsRow struct {
	Code           string
	Label          string
	Fte, Gemiddeld value.Cents
}

// buildKostprijs applies the model to the year being budgeted: the
// peildatum's year, or the next year when the peildatum is 31-12 (as the
// nota, written in 2023, used the loonwaarde of 2022 with the 2023 WML).
func buildKostprijs(r *Report, p *Params, note func(string, ...any)) Opt[Kostprijs] {
	y := r.Peildatum.Year()
	if r.Current.Kwartaal == 4 {
		y++
	}
	if p == nil {
		return Opt[Kostprijs]{}
	}
	lw := r.Current.GemiddeldeLoonwaarde
	if !lw.Ok {
		note("kostprijsmodel niet berekend: geen loonwaarde in de export van %s", value.FormatDate(r.Peildatum))
		return Opt[Kostprijs]{}
	}
	in, ok := KostprijsInputsFor(p, r.Gemeente, y)
	if !ok {
		note("kostprijsmodel %d niet berekend: een van wml, vakantietoeslag, werkgeverslasten, uren_fte_loon, productie_opbrengst_per_fte, liv_per_fte, begeleidingsvergoeding_per_fte, uren_fte_begeleiding of gemiddelde_uren ontbreekt", y)
		return Opt[Kostprijs]{}
	}
	in.Loonwaarde = roundPercent(lw.V)
	return Some(KostprijsModel(in))
}

// KostprijsInputs are the inputs of the kostprijsmodel.
type KostprijsInputs struct {
	Jaar                 int
	WML                  value.Cents // per year at UrenFteLoon hours
	Vakantietoeslag      value.Fixed // percent
	Werkgeverslasten     value.Fixed // percent
	UrenFteLoon          value.Fixed
	ProductiePerFte      value.Cents
	LIVPerFte            value.Cents
	BegeleidingPerFte    value.Cents
	UrenFteBegeleiding   value.Fixed
	GemiddeldeUren       value.Fixed
	BegeleidingGemiddeld value.Cents // K, whole euros, as invoiced
	Loonwaarde           int         // percent
}

// KostprijsInputsFor reads the inputs of year y from the parameters.
func KostprijsInputsFor(p *Params, gemeente string, y int) (KostprijsInputs, bool) {
	in := KostprijsInputs{Jaar: y}
	ok := true
	get := func(key string, dst *value.Cents) {
		v, found := p.Euro(gemeente, y, key)
		*dst, ok = v, ok && found
	}
	getF := func(key string, dst *value.Fixed) {
		v, found := p.Fixed(gemeente, y, key)
		*dst, ok = v, ok && found
	}
	get("wml", &in.WML)
	getF("vakantietoeslag", &in.Vakantietoeslag)
	getF("werkgeverslasten", &in.Werkgeverslasten)
	getF("uren_fte_loon", &in.UrenFteLoon)
	get("productie_opbrengst_per_fte", &in.ProductiePerFte)
	get("liv_per_fte", &in.LIVPerFte)
	get("begeleidingsvergoeding_per_fte", &in.BegeleidingPerFte)
	getF("uren_fte_begeleiding", &in.UrenFteBegeleiding)
	getF("gemiddelde_uren", &in.GemiddeldeUren)
	k, found := kostenPerPersoon(p, gemeente, y)
	in.BegeleidingGemiddeld, ok = k, ok && found
	return in, ok
}

// KostprijsModel computes the table exactly (rational arithmetic), rounding
// each cell to the cent and the totals as the sum of their cells. Like the
// nota, the baten side takes the begeleiding for the average hours as
// invoiced (K in whole euros, € 6.271,00) and the lasten side its exact
// naar-rato cost (€ 6.270,97).
func KostprijsModel(in KostprijsInputs) Kostprijs {
	rat := func(c value.Cents) *big.Rat { return big.NewRat(int64(c), 1) }
	pct := func(f value.Fixed) *big.Rat { return big.NewRat(int64(f), 100*value.FixedScale) }
	ratio := new(big.Rat).SetFrac64(int64(in.GemiddeldeUren), int64(in.UrenFteLoon))
	mul := func(a ...*big.Rat) *big.Rat {
		out := big.NewRat(1, 1)
		for _, x := range a {
			out.Mul(out, x)
		}
		return out
	}
	one := big.NewRat(1, 1)
	plus := func(f value.Fixed) *big.Rat { return new(big.Rat).Add(one, pct(f)) }

	wml := rat(in.WML)
	wmlVak := mul(wml, plus(in.Vakantietoeslag))
	lks := mul(new(big.Rat).Sub(one, big.NewRat(int64(in.Loonwaarde), 100)), wmlVak, plus(in.Werkgeverslasten))
	wgl := mul(wmlVak, pct(in.Werkgeverslasten))
	begExact := mul(rat(in.BegeleidingPerFte), new(big.Rat).SetFrac64(int64(in.GemiddeldeUren), int64(in.UrenFteBegeleiding)))

	row := func(code, label string, fte *big.Rat, gem *big.Rat) KostprijsRow {
		return KostprijsRow{Code: code, Label: label, Fte: roundRat(fte), Gemiddeld: roundRat(gem)}
	}
	k := Kostprijs{Jaar: in.Jaar, Loonwaarde: in.Loonwaarde, Uren: in.GemiddeldeUren}
	k.Baten = []KostprijsRow{
		row("lks_werkgeverslasten", "LKS + subsidie werkgeverslasten ("+value.Fixed(in.Werkgeverslasten).String()+"%)", lks, mul(lks, ratio)),
		row("bijdrage_begeleiding", "Bijdrage begeleidingskosten", rat(in.BegeleidingPerFte), rat(in.BegeleidingGemiddeld)),
		row("opbrengsten_productie", "Opbrengsten productie", rat(in.ProductiePerFte), mul(rat(in.ProductiePerFte), ratio)),
		row("liv", "LIV", rat(in.LIVPerFte), mul(rat(in.LIVPerFte), ratio)),
	}
	k.Lasten = []KostprijsRow{
		row("wml", "Wettelijk minimumloon", wml, mul(wml, ratio)),
		row("wml_vakantietoeslag", "Wettelijk minimumloon + vakantietoeslag", wmlVak, mul(wmlVak, ratio)),
		row("werkgeverslasten", "Werkgeverslasten ("+value.Fixed(in.Werkgeverslasten).String()+"%)", wgl, mul(wgl, ratio)),
		row("begeleiding_werkplek", "Begeleiding op werkplek", rat(in.BegeleidingPerFte), begExact),
	}
	k.TotaalBaten = sum("totaal_baten", "Totaal baten", k.Baten)
	// The minimumloon without vakantietoeslag is shown, not added: the next
	// line includes it.
	k.TotaalLasten = sum("totaal_lasten", "Totaal lasten", k.Lasten[1:])
	k.Verschil = KostprijsRow{Code: "verschil", Label: "Verschil", Fte: k.TotaalBaten.Fte - k.TotaalLasten.Fte, Gemiddeld: k.TotaalBaten.Gemiddeld - k.TotaalLasten.Gemiddeld}
	return k
}

func sum(code, label string, rows []KostprijsRow) KostprijsRow {
	out := KostprijsRow{Code: code, Label: label}
	for _, r := range rows {
		out.Fte += r.Fte
		out.Gemiddeld += r.Gemiddeld
	}
	return out
}

// roundRat rounds a number of cents half away from zero.
func roundRat(r *big.Rat) value.Cents {
	num := new(big.Int).Set(r.Num())
	den := r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	num.Mul(num, big.NewInt(2))
	num.Add(num, den)
	num.Quo(num, new(big.Int).Mul(den, big.NewInt(2)))
	c := value.Cents(num.Int64())
	if neg {
		c = -c
	}
	return c
}

// JaarKosten is one year of begeleidingskosten for the charts and tables
// "begroting vs realisatie/prognose per jaar".
type JaarKosten struct {
	Jaar            int
	Begroting       Opt[value.Cents]
	Realisatie      Opt[value.Cents] // a completed year (all four quarters present)
	RealisatieTotNu Opt[value.Cents] // the peildatum's year, up to the peildatum
	Prognose        Opt[value.Cents] // the nota's method
	// Meerjaren: Prognose is a year of the current meerjarenprognose (a
	// forecast from the last completed year), not the method applied
	// afterwards to a year already in the history.
	Meerjaren bool
}

// buildJaren lists every year of the history and of the meerjarenprognose.
func buildJaren(r *Report) []JaarKosten {
	byYear := map[int]*JaarKosten{}
	var years []int
	get := func(y int) *JaarKosten {
		if byYear[y] == nil {
			byYear[y] = &JaarKosten{Jaar: y}
			years = append(years, y)
		}
		return byYear[y]
	}
	for _, q := range r.Quarters {
		j := get(q.Jaar)
		j.Begroting = q.BegrotingBegeleiding
		j.Prognose = q.PrognoseBegeleiding
		if q.Kwartaal == 4 {
			j.Realisatie = q.BegeleidingJaarTotNu
		} else if q == r.Current {
			j.RealisatieTotNu = q.BegeleidingJaarTotNu
		}
	}
	for _, row := range r.Prognose.Rows {
		if row.Basis {
			continue
		}
		j := get(row.Jaar)
		j.Prognose = Some(row.Totaal)
		j.Meerjaren = true
		j.Begroting = row.Begroting
	}
	sort.Ints(years)
	out := make([]JaarKosten, len(years))
	for i, y := range years {
		out[i] = *byYear[y]
	}
	return out
}
