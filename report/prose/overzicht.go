package prose

import (
	"fmt"
	"strconv"
	"strings"

	"beschut/report"
)

// OverzichtPerFiguur is the number of gemeenten in one chart of the
// overview: their names stay readable under the bars (at 10, names of 12
// characters ran into each other on A4).
const OverzichtPerFiguur = 8

// overzichtLijstMax is the largest number of gemeenten listed one per
// line; more (the national run) are named in one paragraph, so the list
// does not fill pages before the table.
const overzichtLijstMax = 20

// Overzicht is the renderer-neutral document of the overview of several
// gemeenten (a regio, or all gemeenten of a run): the table of the
// gemeenten and their total on the peildatum, the same per year (Tabel 1),
// and charts of betaald dienstverband against the taakstelling per group
// of gemeenten, with their numbers in the first table. Every figure, total
// included, comes from ov; it only formats them.
func Overzicht(ov *report.Overzicht) (*Document, error) {
	if ov == nil || len(ov.Rows) == 0 {
		return nil, report.ErrOverzichtEmpty
	}
	d := &Document{Header: Settings{
		Onderwerp: ov.Titel(),
		Gemeente:  ov.Naam,
		Datum:     ov.Peildatum,
	}}
	names := make([]string, len(ov.Rows))
	for i, r := range ov.Rows {
		names[i] = r.Naam
	}
	intro := fmt.Sprintf("Peildatum %s (%s). Dit overzicht toont de %d gemeenten samen:", Datum(ov.Peildatum), Kwartaal(ov.Jaar, ov.Kwartaal), len(ov.Rows))
	bs := []Block{Heading{1, ov.Titel()}}
	if len(names) > overzichtLijstMax {
		bs = append(bs, Paragraph{intro + " " + strings.Join(names[:len(names)-1], ", ") + " en " + names[len(names)-1] + "."})
	} else {
		bs = append(bs, Paragraph{intro}, List{names})
	}
	bs = append(bs,
		Paragraph{fmt.Sprintf("%s toont per gemeente de kerncijfers beschut werk op de peildatum, met op de laatste regel het totaal. "+
			"%s toont per jaar de taakstelling en het betaald dienstverband. Aantallen en bedragen in de totaalregel zijn opgeteld over de gemeenten; "+
			"percentages en gemiddelden zijn opnieuw berekend uit de opgetelde aantallen, niet gemiddeld over de gemeenten. "+
			"Een totaal ontbreekt (–) als niet elke gemeente het cijfer heeft. Het overzicht bevat geen gegevens over personen.",
			numberRef("tabel", "overzicht"), numberRef("tabel", "jaren"))},
		Heading{2, "Kerncijfers per gemeente"},
		overzichtTabel(ov),
		Heading{2, "Per jaar"},
		overzichtJaren(ov),
		Heading{2, "Betaald dienstverband tegen de taakstelling"},
	)
	bs = append(bs, overzichtFiguren(ov)...)
	if len(ov.Notes) > 0 {
		bs = append(bs, Heading{2, "Opmerkingen"}, List{append([]string(nil), ov.Notes...)})
	}
	if err := number(bs); err != nil {
		return nil, err
	}
	d.Blocks = bs
	return d, nil
}

// overzichtCell formats a column's figure of a quarter; "–" when absent.
func overzichtCell(k report.OverzichtKolom, q *report.Quarter) string {
	if k.Unit == report.Euro {
		return optEuro(k.Cents(q))
	}
	v, ok := k.Value(q)
	if !ok {
		return "–"
	}
	if k.Unit == report.Procent {
		return pct(v)
	}
	return num(int(v))
}

func overzichtTabel(ov *report.Overzicht) Table {
	cols := ov.Kolommen()
	tb := Table{Name: "overzicht", RowHeads: true, FirstW: 28, TotalRow: true,
		Title: fmt.Sprintf("Aantallen beschut werk per gemeente op %s", TabelDatum(ov.Peildatum))}
	tb.Head = []string{"Gemeente"}
	for _, k := range cols {
		tb.Head = append(tb.Head, k.Label)
	}
	row := func(name string, q *report.Quarter) []string {
		r := []string{name}
		for _, k := range cols {
			r = append(r, overzichtCell(k, q))
		}
		return r
	}
	for _, r := range ov.Rows {
		tb.Rows = append(tb.Rows, row(r.Naam, r.Current))
	}
	tb.Rows = append(tb.Rows, row(ov.TotaalLabel(), ov.Totaal))
	var notes []string
	for _, r := range ov.Rows {
		if !r.Current.Peildatum.Equal(ov.Peildatum) {
			notes = append(notes, fmt.Sprintf("%s: stand op %s", r.Naam, TabelDatum(r.Current.Peildatum)))
		}
	}
	if ov.Totaal == nil {
		notes = append(notes, "Geen totaal: niet elke gemeente heeft een export van de peildatum")
	}
	tb.Note = "Begeleidingskosten van 1 januari tot de peildatum. Realisatie taakstelling: betaald dienstverband gedeeld door de taakstelling."
	if len(notes) > 0 {
		tb.Note += " " + strings.Join(notes, "; ") + "."
	}
	return tb
}

func overzichtJaren(ov *report.Overzicht) Table {
	tb := Table{Name: "jaren", RowHeads: true, FirstW: 34, TotalRow: true,
		Title: "Taakstelling en betaald dienstverband per jaar (stand op 31-12; het lopende jaar op de peildatum)"}
	tb.Head = []string{"Gemeente"}
	for _, y := range ov.Jaren {
		kop := strconv.Itoa(y.Jaar)
		if y.Partial {
			kop += "*"
		}
		tb.Head = append(tb.Head, "Taakstelling "+kop)
		if !y.NTB {
			tb.Head = append(tb.Head, "Betaald "+kop)
		}
	}
	row := func(name string, cel func(y report.OverzichtJaar) report.OverzichtCel) []string {
		r := []string{name}
		for _, y := range ov.Jaren {
			c := cel(y)
			r = append(r, optInt(c.Taakstelling, false))
			if !y.NTB {
				r = append(r, optInt(c.Betaald, false))
			}
		}
		return r
	}
	for i, g := range ov.Rows {
		tb.Rows = append(tb.Rows, row(g.Naam, func(y report.OverzichtJaar) report.OverzichtCel { return y.Cellen[i] }))
	}
	tb.Rows = append(tb.Rows, row(ov.TotaalLabel(), func(y report.OverzichtJaar) report.OverzichtCel { return y.Totaal }))
	var notes []string
	for _, y := range ov.Jaren {
		switch {
		case y.NTB:
			notes = append(notes, fmt.Sprintf("%d: alleen de taakstelling is bekend", y.Jaar))
		case y.Partial:
			notes = append(notes, fmt.Sprintf("%d*: stand op %s", y.Jaar, TabelDatum(y.StandOp)))
		}
	}
	if len(notes) > 0 {
		tb.Note = strings.Join(notes, "; ") + "."
	}
	return tb
}

// overzichtFiguren: one chart per OverzichtPerFiguur gemeenten, in the
// table's order; the numbers are in the overview table.
func overzichtFiguren(ov *report.Overzicht) []Block {
	var taakK, betaaldK report.OverzichtKolom
	for _, k := range ov.Kolommen() {
		switch k.Code {
		case "taakstelling":
			taakK = k
		case "betaald_dienstverband":
			betaaldK = k
		}
	}
	var out []Block
	n := len(ov.Rows)
	for from := 0; from < n; from += OverzichtPerFiguur {
		to := min(from+OverzichtPerFiguur, n)
		c := Chart{}
		taak := Series{Name: "Taakstelling"}
		betaald := Series{Name: "Betaald dienstverband"}
		var parts []string
		for _, r := range ov.Rows[from:to] {
			c.Categories = append(c.Categories, r.Naam)
			tv, tok := taakK.Value(r.Current)
			bv, bok := betaaldK.Value(r.Current)
			taak.Values, taak.Ok = append(taak.Values, tv), append(taak.Ok, tok)
			betaald.Values, betaald.Ok = append(betaald.Values, bv), append(betaald.Ok, bok)
			parts = append(parts, fmt.Sprintf("%s: taakstelling %s, betaald dienstverband %s", r.Naam, overzichtCell(taakK, r.Current), overzichtCell(betaaldK, r.Current)))
		}
		c.Bars = []Series{taak, betaald}
		title := "Betaald dienstverband tegen de taakstelling per gemeente"
		if n > OverzichtPerFiguur {
			title += fmt.Sprintf(" (%s – %s)", ov.Rows[from].Naam, ov.Rows[to-1].Naam)
		}
		alt := "Staafdiagram per gemeente van de taakstelling en het aantal personen in betaald dienstverband. " +
			strings.Join(parts, "; ") + ". De cijfers staan ook in " + numberRef("tabel", "overzicht") + "."
		out = append(out, Figure{Name: fmt.Sprintf("gemeenten-%d", from/OverzichtPerFiguur+1), Title: title, Alt: alt, Chart: c})
	}
	return out
}

// ContentText is the document's content as plain text (see Text) without
// the raadsmededeling's header block: the overview has none.
func (d *Document) ContentText() string {
	parts := strings.SplitN(d.Text(), "\n", 8)
	if len(parts) < 8 {
		return ""
	}
	return strings.TrimPrefix(parts[7], "\n")
}
