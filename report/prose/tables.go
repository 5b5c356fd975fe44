package prose

import (
	"beschut/internal/value"
	"fmt"
	"strconv"
	"strings"

	"beschut/report"
)

func optInt(o report.Opt[int], ntb bool) string {
	switch {
	case ntb:
		return "ntb"
	case o.Ok:
		return num(o.V)
	}
	return "–"
}

func optEuro(o report.Opt[value.Cents]) string {
	if !o.Ok {
		return "–"
	}
	return euro(o.V)
}

func optPct(o report.Opt[float64]) string {
	if !o.Ok {
		return "–"
	}
	return pct(o.V)
}

// tables builds the named tables of the report. Their numbers are given
// when the whole document is known (see number), in the order they are
// placed.
type tables struct {
	r *report.Report
}

// jaarKop is a year as a column or row Head: "2023 (t/m 2e kwartaal)" when
// the year is not over.
func jaarKop(jaar int, partial bool, k int) string {
	if partial {
		return totKwartaal(jaar, k)
	}
	return strconv.Itoa(jaar)
}

func (t *tables) build(name string) (Table, error) {
	r, q := t.r, t.r.Current
	uitvoerder := r.Settings.UitvoerderNaam()
	switch name {
	case "kerncijfers":
		tb := Table{Name: name, Title: "Overzicht kerncijfers beschut werk", RowHeads: true, FirstW: 52}
		tb.Head = []string{""}
		rows := [][]string{{"Taakstelling Rijk"}, {"In traject (dienstverband, proefplaatsing of stage)"}, {"In betaald dienstverband"}}
		for _, c := range r.Tabel1.Columns {
			h := strconv.Itoa(c.Jaar)
			if c.Partial {
				h += "*"
				tb.Note = fmt.Sprintf("* %d: stand op %s (t/m %s); de andere jaren: stand op 31 december.", c.Jaar, TabelDatum(c.StandOp), Kwartaal(c.Jaar, q.Kwartaal))
			}
			if c.NTB {
				tb.Note = strings.TrimSpace(tb.Note + fmt.Sprintf(" ntb: nog te bepalen; van %d is alleen de taakstelling bekend.", c.Jaar))
			}
			tb.Head = append(tb.Head, h)
			rows[0] = append(rows[0], optInt(c.Taakstelling, false))
			rows[1] = append(rows[1], optInt(c.InTraject, c.NTB))
			rows[2] = append(rows[2], optInt(c.Betaald, c.NTB))
		}
		tb.Rows = rows
		return tb, nil
	case "plaatsing":
		pl := r.Publiek.Plaatsing
		tb := Table{Name: name, Title: fmt.Sprintf("Plaatsing in betaald dienstverband op %s", TabelDatum(r.Peildatum)), RowHeads: true, FirstW: 100,
			Head: []string{"Werkplek", "Aantal", "Aandeel"}}
		tb.Rows = [][]string{
			{"Bij " + uitvoerder + ": beschutte werkplek", num(pl.Intern), optPct(pl.AandeelIntern)},
			{"Bij " + uitvoerder + ": groepsdetachering", num(pl.Groepsdetachering), optPct(pl.AandeelGroepsdetachering)},
			{"Subtotaal bij " + uitvoerder, num(pl.BijUitvoerder), optPct(pl.AandeelBijUitvoerder)},
			{"Via " + uitvoerder + " bij een andere werkgever (individuele detachering)", num(pl.Gedetacheerd), optPct(pl.AandeelGedetacheerd)},
			{"In dienst van een andere werkgever", num(pl.InDienstAndere), optPct(pl.AandeelInDienstAndere)},
			{"Subtotaal bij een andere werkgever", num(pl.BijAndereWerkgever), optPct(pl.AandeelBijAndereWerkgever)},
			{"Totaal in betaald dienstverband", num(pl.Betaald), optPct(report.Opt[float64]{V: 100, Ok: pl.Betaald > 0})},
		}
		if pl.Doel.Ok {
			tb.Rows = append(tb.Rows, []string{"Doel bij een andere werkgever", "", pct(pl.Doel.V)})
		}
		if pl.AfrondingTeltNietOp {
			tb.Note = "Door afronding tellen de percentages niet altijd precies op."
		}
		return tb, nil
	case "loonwaarde":
		prevHead := "Vorig kwartaal"
		if r.Previous != nil {
			prevHead = Kwartaal(r.Previous.Jaar, r.Previous.Kwartaal)
		}
		tb := Table{Name: name, Title: "Loonwaarde en werkladder", RowHeads: true, FirstW: 80, Head: []string{"", Kwartaal(q.Jaar, q.Kwartaal), prevHead}}
		prev := func(f func(*report.Quarter) string) string {
			if r.Previous == nil {
				return "–"
			}
			return f(r.Previous)
		}
		rows := []struct {
			label string
			f     func(*report.Quarter) string
		}{
			{"Gemiddelde loonwaarde", func(x *report.Quarter) string { return optPct(x.GemiddeldeLoonwaarde) }},
			{"Personen met een gemeten loonwaarde", func(x *report.Quarter) string { return num(x.LoonwaardeGemeten) }},
			{"Personen met een loonwaarde onder 30%", func(x *report.Quarter) string { return num(x.LoonwaardeOnder30) }},
			{"Gemiddelde trede op de werkladder (1–6)", func(x *report.Quarter) string {
				if !x.GemiddeldeWerkladder.Ok {
					return "–"
				}
				return decimaal(x.GemiddeldeWerkladder.V)
			}},
		}
		for _, row := range rows {
			tb.Rows = append(tb.Rows, []string{row.label, row.f(q), prev(row.f)})
		}
		return tb, nil
	case "stroom":
		prevHead := "Vorig kwartaal"
		if r.Previous != nil {
			prevHead = Kwartaal(r.Previous.Jaar, r.Previous.Kwartaal)
		}
		tb := Table{Name: name, Title: "In-, door- en uitstroom per kwartaal", RowHeads: true, FirstW: 80,
			Head: []string{"", Kwartaal(q.Jaar, q.Kwartaal), prevHead}}
		add := func(label string, f func(*report.Quarter) int) {
			p := "–"
			if r.Previous != nil {
				p = num(f(r.Previous))
			}
			tb.Rows = append(tb.Rows, []string{label, num(f(q)), p})
		}
		add("Instroom", func(x *report.Quarter) int { return x.Instroom })
		add("Doorstroom naar tijdelijk dienstverband", func(x *report.Quarter) int { return x.DoorstroomTijdelijk })
		add("Doorstroom naar vast dienstverband", func(x *report.Quarter) int { return x.DoorstroomVast })
		add("Uitstroom", func(x *report.Quarter) int { return x.Uitstroom })
		u := r.Publiek.Uitstroom
		addRow := func(label string, row report.UitstroomRij) {
			p := "–"
			if row.Vorig.Ok {
				p = num(row.Vorig.V)
			}
			tb.Rows = append(tb.Rows, []string{"   waarvan " + label, num(row.Huidig), p})
		}
		for _, row := range u.Rows {
			addRow(row.Label, row)
		}
		if u.Overige != nil {
			label := u.Overige.Label
			if len(u.Samengevoegd) > 0 {
				label += "*"
			}
			addRow(label, *u.Overige)
		}
		if len(u.Samengevoegd) > 0 {
			tb.Note = fmt.Sprintf("* Redenen met minder dan %s in een kwartaal zijn samengevoegd: zo kleine aantallen kunnen naar een persoon wijzen.", personen(u.Drempel))
		}
		return tb, nil
	case "kosten":
		c := r.Publiek.Conclusie
		tb := Table{Name: name, Title: fmt.Sprintf("Begeleidingskosten en loonkostensubsidie %d", q.Jaar), RowHeads: true, FirstW: 110, Head: []string{"", "Bedrag"}}
		tb.Rows = [][]string{
			{"Begeleiding " + Kwartaal(q.Jaar, q.Kwartaal), optEuro(q.BegeleidingKwartaal)},
			{"Begeleiding tot en met " + TabelDatum(r.Peildatum), optEuro(q.BegeleidingJaarTotNu)},
		}
		if r.Publiek.Lopend {
			tb.Rows = append(tb.Rows, []string{"Verwachting jaareinde bij gelijk tempo", optEuro(q.VerwachtingBegeleiding)})
		}
		tb.Rows = append(tb.Rows, []string{"Begroting begeleiding", begroting(q.BegrotingBegeleiding)})
		verschil := "Verschil verwachting − begroting"
		if !r.Publiek.Lopend {
			verschil = "Verschil realisatie − begroting"
		}
		if q.VerschilBegroting.Ok {
			tb.Rows = append(tb.Rows, []string{verschil, euro(q.VerschilBegroting.V)})
		}
		if c.Prognose.Ok {
			tb.Rows = append(tb.Rows, []string{fmt.Sprintf("Meerjarenprognose %d", q.Jaar), euro(c.Prognose.V)})
		}
		tb.Rows = append(tb.Rows,
			[]string{"Loonkostensubsidie " + Kwartaal(q.Jaar, q.Kwartaal), optEuro(q.LKSKwartaal)},
			[]string{"Loonkostensubsidie tot en met " + TabelDatum(r.Peildatum), optEuro(q.LKSJaarTotNu)})
		return tb, nil
	case "meerjaren":
		tb := Table{Name: name, Title: "Overzicht begeleidingsvergoeding (meerjarenprognose)", FirstW: 14, RowHeads: true,
			Head: []string{"Jaar", "Aantal eind jaar", "Kosten per persoon", "Hele jaar begeleiding", "Nieuwe instroom (½ jaar)", "Prognose totaal", "Begroting", "Realisatie"}}
		for _, p := range r.Prognose.Rows {
			real := optEuro(p.Realisatie)
			if p.RealisatieTotNu.Ok {
				real = optEuro(p.RealisatieTotNu) + "*"
				tb.Note = fmt.Sprintf("* %d: realisatie tot en met %s; de andere jaren: het hele jaar.", q.Jaar, TabelDatum(r.Peildatum))
			}
			if p.Basis {
				tb.Rows = append(tb.Rows, []string{strconv.Itoa(p.Jaar), num(p.AantalEindJaar), "", "", "", "", optEuro(p.Begroting), real})
				continue
			}
			tb.Rows = append(tb.Rows, []string{strconv.Itoa(p.Jaar), num(p.AantalEindJaar), euro(p.KostenPerPersoon), euro(p.HeleJaar), euro(p.NieuweInstroom), euro(p.Totaal), optEuro(p.Begroting), real})
		}
		if len(tb.Rows) == 0 {
			tb.Rows = [][]string{{"–", "", "", "", "", "", "", ""}}
		}
		if len(r.Prognose.Rows) < 2 {
			tb.Note = "Geen meerjarenprognose: de stand aan het eind van het vorige jaar of een parameter (zoals verwachte_instroom) ontbreekt."
		}
		return tb, nil
	case "jaren":
		tb := Table{Name: name, Title: "Begeleidingskosten per jaar: begroting, realisatie en meerjarenprognose", FirstW: 40, RowHeads: true,
			Head: []string{"Jaar", "Begroting", "Realisatie", "Meerjarenprognose"}}
		for _, j := range r.Jaren {
			real := optEuro(j.Realisatie)
			partial := j.RealisatieTotNu.Ok
			if partial {
				real = optEuro(j.RealisatieTotNu)
			}
			prog := "–"
			if j.Meerjaren {
				prog = optEuro(j.Prognose)
			}
			tb.Rows = append(tb.Rows, []string{jaarKop(j.Jaar, partial, q.Kwartaal), optEuro(j.Begroting), real, prog})
		}
		tb.Note = "De meerjarenprognose begint na het laatste afgesloten jaar; voor eerdere jaren is geen prognose opgenomen."
		return tb, nil
	}
	return Table{}, fmt.Errorf("onbekende tabel %q (bekend: %s)", name, strings.Join(tableNames, ", "))
}

var tableNames = []string{"kerncijfers", "plaatsing", "loonwaarde", "stroom", "kosten", "meerjaren", "jaren"}

// begroting writes a budget, or "geen begroting" when there is none.
func begroting(o report.Opt[value.Cents]) string {
	if !o.Ok {
		return "geen begroting"
	}
	return euro(o.V)
}
