package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"beschut/ingest"
	"beschut/report"
)

// overzichtCodes are the key figures of the Overzicht sheet.
var overzichtCodes = []string{
	"in_traject", "betaald_dienstverband", "dienstverband_konnected", "dienstverband_extern", "proefplaatsing", "stage",
	"aandeel_dienstverband", "aandeel_dienstverband_konnected", "aandeel_werkplek_buiten",
	"gemiddelde_loonwaarde", "loonwaarde_onder_30", "gemiddelde_werkladder",
	"instroom", "doorstroom_tijdelijk", "doorstroom_vast", "uitstroom",
	"begeleiding_kwartaal", "begeleiding_jaar_tot_nu", "verwachting_begeleiding", "prognose_begeleiding", "begroting_begeleiding",
	"lks_kwartaal", "taakstelling", "realisatie_taakstelling",
}

func (b *builder) overzicht() *grid {
	g, r := newGrid(SheetOverzicht), b.r
	g.title(fmt.Sprintf("Beschut werk %s — kerncijfers peildatum %s", r.Gemeente, ingest.FormatDate(r.Peildatum)))
	g.put(3, 1, hdr("Indicator"), hdr("Code"), hdr("Eenheid"), cell{r.Peildatum, "hdate"}, hdr("Vorig kwartaal"), hdr("Jaar eerder"))
	if r.Previous != nil {
		g.put(3, 5, cell{r.Previous.Peildatum, "hdate"})
	}
	if r.YearAgo != nil {
		g.put(3, 6, cell{r.YearAgo.Peildatum, "hdate"})
	}
	for i, code := range overzichtCodes {
		d, _ := report.DefinitionOf(code)
		g.put(4+i, 1, txt(d.Label), txt(d.Code), txt(string(d.Unit)), indicator(d, r.Current), indicator(d, r.Previous), indicator(d, r.YearAgo))
	}
	g.widths = []float64{38, 32, 10, 14, 14, 14}
	g.freeze = 4
	// Chart: in traject and betaald per quarter against the taakstelling,
	// from the Kwartalen sheet.
	n := len(r.Quarters)
	c := &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{colSeries(n, "in_traject"), colSeries(n, "betaald_dienstverband")},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "In traject en betaald dienstverband per kwartaal, tegen de taakstelling"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{Font: excelize.Font{Size: 8}},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		Dimension: excelize.ChartDimension{Width: 760, Height: 360},
	}
	line := &excelize.Chart{
		Type:   excelize.Line,
		Series: []excelize.ChartSeries{lineSeries(n, "taakstelling")},
	}
	g.charts = append(g.charts, chart{"H3", c, []*excelize.Chart{line}})
	return g
}

func colName(col int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return c
}

func colSeries(n int, code string) excelize.ChartSeries {
	col := kwartalenColumn(code)
	return excelize.ChartSeries{
		Name:       fmt.Sprintf("'%s'!$%s$1", SheetKwartalen, colName(col)),
		Categories: rng(SheetKwartalen, 1, 2, n+1),
		Values:     rng(SheetKwartalen, col, 2, n+1),
	}
}

func lineSeries(n int, code string) excelize.ChartSeries {
	s := colSeries(n, code)
	s.Marker = excelize.ChartMarker{Symbol: "none"}
	s.Line = excelize.LineOptions{Width: 2.25}
	return s
}

// Kwartalen: column 1 the quarter label, 2 the peildatum, 3 jaar, 4
// kwartaal, then one column per indicator.
const kwartalenFirst = 5

func kwartalenColumn(code string) int {
	for i, d := range report.Definitions {
		if d.Code == code {
			return kwartalenFirst + i
		}
	}
	return 0
}

func (b *builder) kwartalen() *grid {
	g := newGrid(SheetKwartalen)
	g.stream = true
	head := []cell{hdr("kwartaal_label"), hdr("peildatum"), hdr("jaar"), hdr("kwartaal")}
	for _, d := range report.Definitions {
		head = append(head, hdr(d.Code))
	}
	g.put(1, 1, head...)
	for i, q := range b.r.Quarters {
		row := []cell{txt(quarterLabel(q)), day(q.Peildatum), num(q.Jaar), num(q.Kwartaal)}
		for _, d := range report.Definitions {
			row = append(row, indicator(d, q))
		}
		g.put(i+2, 1, row...)
	}
	last, _ := excelize.CoordinatesToCellName(len(head), len(b.r.Quarters)+1)
	g.table = (&excelize.Table{Range: "A1:" + last, Name: "Kwartalen", StyleName: "TableStyleLight9", ShowRowStripes: ptr(true)})
	widths := []float64{13, 12, 7, 9}
	for _, d := range report.Definitions {
		widths = append(widths, float64(max(10, len(d.Code)+4)))
	}
	g.widths = widths
	g.freeze = 2
	return g
}

func (b *builder) tabel1() *grid {
	g, t := newGrid(SheetTabel1), b.r.Tabel1
	g.title("Tabel 1: Overzicht kerncijfers beschut werk")
	g.put(3, 1, hdr(""))
	g.put(4, 1, txt("Stand op"))
	g.put(5, 1, txt("Taakstelling Rijk"))
	g.put(6, 1, txt("In traject (dienstverband, proefplaatsing of stage)"))
	g.put(7, 1, txt("In betaald dienstverband"))
	opt := func(o report.Opt[int], ntb bool) cell {
		switch {
		case ntb:
			return txt("ntb")
		case o.Ok:
			return num(o.V)
		}
		return cell{}
	}
	for i, c := range t.Columns {
		col := i + 2
		g.put(3, col, cell{c.Jaar, "year"})
		if !c.NTB {
			g.put(4, col, day(c.StandOp))
		}
		g.put(5, col, opt(c.Taakstelling, false))
		g.put(6, col, opt(c.InTraject, c.NTB))
		g.put(7, col, opt(c.Betaald, c.NTB))
	}
	note := "Een afgesloten jaar toont de stand op 31-12; ntb: nog te bepalen."
	for _, c := range t.Columns {
		if c.Partial {
			note = fmt.Sprintf("Een afgesloten jaar toont de stand op 31-12; %d toont de stand op de peildatum %s.", c.Jaar, ingest.FormatDate(c.StandOp))
		}
	}
	g.put(9, 1, cell{note, "text"})
	widths := []float64{48}
	for range t.Columns {
		widths = append(widths, 12)
	}
	g.widths = widths
	g.freeze = 4
	return g
}

func (b *builder) stroom() *grid {
	g := newGrid(SheetStroom)
	g.stream = true
	head := []cell{hdr("Kwartaal"), hdr("Peildatum"), hdr("Instroom"), hdr("Doorstroom naar tijdelijk"), hdr("Doorstroom naar vast"), hdr("Uitstroom")}
	for _, rd := range report.Redenen {
		head = append(head, hdr("Uitstroom "+report.RedenLabel(rd)))
	}
	g.put(1, 1, head...)
	for i, q := range b.r.Quarters {
		row := []cell{txt(quarterLabel(q)), day(q.Peildatum), num(q.Instroom), num(q.DoorstroomTijdelijk), num(q.DoorstroomVast), num(q.Uitstroom)}
		for _, rd := range report.Redenen {
			row = append(row, num(q.UitstroomReden[rd]))
		}
		g.put(i+2, 1, row...)
	}
	widths := []float64{10, 12, 10, 13, 13, 10}
	for range report.Redenen {
		widths = append(widths, 14)
	}
	g.widths = widths
	g.freeze = 2
	return g
}

func (b *builder) kosten() *grid {
	g, r := newGrid(SheetKosten), b.r
	s := g.name
	g.put(1, 1, hdr("Kwartaal"), hdr("Peildatum"), hdr("LKS kwartaal"), hdr("LKS jaar tot nu"), hdr("Begeleiding kwartaal"), hdr("Begeleiding jaar tot nu"),
		hdr("Begroting begeleiding"), hdr("Prognose begeleiding (nota)"), hdr("Verwachting jaareinde"), hdr("Verschil verwachting − begroting"))
	for i, q := range r.Quarters {
		g.put(i+2, 1, txt(quarterLabel(q)), day(q.Peildatum), euroOpt(q.LKSKwartaal), euroOpt(q.LKSJaarTotNu), euroOpt(q.BegeleidingKwartaal), euroOpt(q.BegeleidingJaarTotNu),
			euroOpt(q.BegrotingBegeleiding), euroOpt(q.PrognoseBegeleiding), euroOpt(q.VerwachtingBegeleiding), euroOpt(q.VerschilBegroting))
	}
	row := len(r.Quarters) + 3
	g.put(row, 1, cell{"Meerjarenprognose begeleidingskosten (methode van de nota)", "bold"})
	row++
	g.put(row, 1, hdr("Jaar"), hdr("Aantal eind jaar"), hdr("Begeleidingskosten per persoon"), hdr("Hele jaar: aantal eind vorig jaar × kosten"),
		hdr("Nieuwe instroom: ½ jaar"), hdr("Prognose totaal"), hdr("Begroting"), hdr("Realisatie"), hdr("Realisatie t/m peildatum"))
	for _, p := range r.Prognose.Rows {
		row++
		if p.Basis {
			g.put(row, 1, num(p.Jaar), num(p.AantalEindJaar), cell{}, cell{}, cell{}, cell{}, euroOpt(p.Begroting), euroOpt(p.Realisatie))
			continue
		}
		g.put(row, 1, num(p.Jaar), num(p.AantalEindJaar), euro(p.KostenPerPersoon), euro(p.HeleJaar), euro(p.NieuweInstroom), euro(p.Totaal),
			euroOpt(p.Begroting), euroOpt(p.Realisatie), euroOpt(p.RealisatieTotNu))
	}
	row += 2
	g.put(row, 1, cell{"Begroting tegen realisatie en prognose per jaar", "bold"})
	row++
	first := row + 1
	g.put(row, 1, hdr("Jaar"), hdr("Begroting"), hdr("Realisatie"), hdr("Prognose (nota)"), hdr("Realisatie t/m peildatum"))
	for _, j := range r.Jaren {
		row++
		g.put(row, 1, cell{fmt.Sprint(j.Jaar), "text"}, euroOpt(j.Begroting), euroOpt(j.Realisatie), euroOpt(j.Prognose), euroOpt(j.RealisatieTotNu))
	}
	g.widths = []float64{10, 14, 16, 16, 16, 16, 16, 16, 16, 18}
	g.freeze = 2
	if len(r.Jaren) == 0 {
		return g
	}
	ser := func(col int) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$%s$%d", s, colName(col), first-1), Categories: rng(s, 1, first, row), Values: rng(s, col, first, row)}
	}
	anchor, _ := excelize.CoordinatesToCellName(7, first-1)
	g.charts = append(g.charts, chart{anchor: anchor, chart: &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{ser(2), ser(3), ser(4)},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Begeleidingskosten: begroting tegen realisatie en prognose per jaar"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: fmtEuroInt}},
		Dimension: excelize.ChartDimension{Width: 640, Height: 340},
	}})
	return g
}

func (b *builder) kostprijs() *grid {
	g := newGrid(SheetKostprijs)
	if !b.r.Kostprijs.Ok {
		g.title("Kostprijsmodel KonnecteD")
		g.put(3, 1, txt("Niet berekend: zie de ontbrekende cijfers op het blad Toelichting."))
		g.widths = []float64{60}
		return g
	}
	k := b.r.Kostprijs.V
	g.title(fmt.Sprintf("Kostprijsmodel KonnecteD %d per dienstverband (loonwaarde %d%%)", k.Jaar, k.Loonwaarde))
	gem := fmt.Sprintf("Gemiddeld %s uur", k.Uren)
	row := 3
	table := func(head string, rows []report.KostprijsRow, total report.KostprijsRow) {
		g.put(row, 1, hdr(head), hdr("1 fte"), hdr(gem))
		for _, x := range rows {
			row++
			g.put(row, 1, txt(x.Label), euro(x.Fte), euro(x.Gemiddeld))
		}
		row++
		g.put(row, 1, cell{total.Label, "bold"}, cell{total.Fte.Euros(), "boldeu"}, cell{total.Gemiddeld.Euros(), "boldeu"})
		row += 2
	}
	table("Baten KonnecteD", k.Baten, k.TotaalBaten)
	table("Lasten KonnecteD", k.Lasten, k.TotaalLasten)
	g.put(row, 1, cell{k.Verschil.Label, "bold"}, cell{k.Verschil.Fte.Euros(), "boldeu"}, cell{k.Verschil.Gemiddeld.Euros(), "boldeu"})
	row += 2
	g.put(row, 1, cell{"Baten: begeleiding voor de gemiddelde uren zoals gefactureerd (hele euro's); lasten: de exacte kosten naar rato. Wettelijk minimumloon telt niet apart mee: de regel eronder bevat het.", "wrap"})
	g.widths = []float64{52, 16, 18}
	return g
}

func (b *builder) signalen() *grid {
	g, sg := newGrid(SheetSignalen), b.r.Signalen
	g.title("Signalen voor het gesprek met KonnecteD (peildatum " + ingest.FormatDate(b.r.Peildatum) + ")")
	row := 3
	section := func(title string, head []cell, n int, line func(i int) []cell) {
		g.put(row, 1, cell{fmt.Sprintf("%s (%d)", title, n), "bold"})
		row++
		g.put(row, 1, head...)
		for i := 0; i < n; i++ {
			row++
			g.put(row, 1, line(i)...)
		}
		if n == 0 {
			row++
			g.put(row, 1, txt("geen"))
		}
		row += 2
	}
	section("Loonwaarde onder 30%: herindicatie of dagbesteding bespreken", []cell{hdr("Clientnummer"), hdr("Fase"), hdr("Werkplek"), hdr("Loonwaarde")}, len(sg.LoonwaardeOnder30), func(i int) []cell {
		p := sg.LoonwaardeOnder30[i]
		return []cell{txt(p.Clientnummer), txt(p.Fase), txt(p.Werkplek), {p.Loonwaarde, "pct"}}
	})
	section("Vorig kwartaal in traject, nu zonder regel (geen uitstroomregel)", []cell{hdr("Clientnummer"), hdr("Fase vorig kwartaal")}, len(sg.Verdwenen), func(i int) []cell {
		return []cell{txt(sg.Verdwenen[i].Clientnummer), txt(sg.Verdwenen[i].Van)}
	})
	section("Stap terug in fase", []cell{hdr("Clientnummer"), hdr("Fase vorig kwartaal"), hdr("Fase nu")}, len(sg.Terugval), func(i int) []cell {
		return []cell{txt(sg.Terugval[i].Clientnummer), txt(sg.Terugval[i].Van), txt(sg.Terugval[i].Fase)}
	})
	section("Waarschuwingen bij het inlezen", []cell{hdr("Waarschuwing")}, len(sg.DataWarnings), func(i int) []cell {
		return []cell{txt(sg.DataWarnings[i])}
	})
	g.widths = []float64{24, 22, 20, 12}
	return g
}

// DataColumns are the columns of the Data sheet: the import contract.
var DataColumns = []string{"gemeente", "peildatum", "jaar", "kwartaal", "indicator", "waarde", "eenheid"}

func (b *builder) data() *grid {
	g := newGrid(SheetData)
	g.stream = true
	head := make([]cell, len(DataColumns))
	for i, c := range DataColumns {
		head[i] = hdr(c)
	}
	g.put(1, 1, head...)
	row := 1
	for _, q := range b.r.Quarters {
		for _, d := range report.Definitions {
			v, ok := d.Value(q)
			if !ok {
				continue
			}
			row++
			g.put(row, 1, txt(b.r.Gemeente), day(q.Peildatum), num(q.Jaar), num(q.Kwartaal), txt(d.Code), cell{v, ""}, txt(string(d.Unit)))
		}
	}
	g.widths = []float64{14, 12, 7, 9, 32, 14, 9}
	g.freeze = 2
	return g
}

func (b *builder) toelichting() *grid {
	g, r := newGrid(SheetToelichting), b.r
	g.stream = true
	g.title("Toelichting bij de kwartaalrapportage beschut werk " + r.Gemeente)
	row := 3
	block := func(title string, head []string, rows [][]cell) {
		g.put(row, 1, cell{title, "bold"})
		row++
		hc := make([]cell, len(head))
		for i, h := range head {
			hc[i] = hdr(h)
		}
		g.put(row, 1, hc...)
		for _, rc := range rows {
			row++
			g.put(row, 1, rc...)
		}
		row += 2
	}
	var sheets [][]cell
	for _, d := range SheetDescriptions {
		sheets = append(sheets, []cell{txt(d[0]), cell{d[1], "wrap"}})
	}
	block("Bladen", []string{"Blad", "Inhoud"}, sheets)
	var defs [][]cell
	for _, d := range report.Definitions {
		defs = append(defs, []cell{txt(d.Code), cell{d.Label + ": " + d.Definition, "wrap"}, txt(string(d.Unit))})
	}
	block("Indicatoren (codes van het blad Data)", []string{"Code", "Definitie", "Eenheid"}, defs)
	var src [][]cell
	for _, x := range r.Sources {
		src = append(src, []cell{txt(x.Name), txt(x.SHA256), day(x.Peildatum), num(x.Rows)})
	}
	block("Bronbestanden (exports van KonnecteD)", []string{"Bestand", "sha256", "Peildatum", "Regels"}, src)
	var par [][]cell
	for _, p := range r.Params {
		par = append(par, []cell{txt(p.Key), txt(p.Value), txt(p.Scope), txt(p.Source)})
	}
	block("Gebruikte parameters", []string{"Sleutel", "Waarde", "Geldt voor", "Bron"}, par)
	var notes [][]cell
	for _, n := range r.Notes {
		notes = append(notes, []cell{cell{n, "wrap"}})
	}
	if len(notes) == 0 {
		notes = [][]cell{{txt("geen")}}
	}
	block("Ontbrekende cijfers", []string{"Toelichting"}, notes)
	g.widths = []float64{34, 70, 16, 28}
	return g
}
