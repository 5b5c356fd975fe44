package workbook

import (
	"beschut/internal/value"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

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

// label is the Dutch label of an indicator for this report's gemeente.
func (b *builder) label(code string) string {
	d, _ := report.DefinitionOf(code)
	return d.LabelFor(b.r.Settings)
}

func (b *builder) overzicht() *grid {
	g, r := newGrid(SheetOverzicht), b.r
	g.title(fmt.Sprintf("Beschut werk %s — kerncijfers peildatum %s", b.naam(), value.FormatDate(r.Peildatum)))
	g.put(3, 1, hdr("Indicator"), hdr("Eenheid"), cell{r.Peildatum, "hdate"}, hdr("Vorig kwartaal"), hdr("Jaar eerder"))
	if r.Previous != nil {
		g.put(3, 4, cell{r.Previous.Peildatum, "hdate"})
	}
	if r.YearAgo != nil {
		g.put(3, 5, cell{r.YearAgo.Peildatum, "hdate"})
	}
	for i, code := range overzichtCodes {
		d, _ := report.DefinitionOf(code)
		g.put(4+i, 1, txt(d.LabelFor(r.Settings)), txt(string(d.Unit)), indicator(d, r.Current), indicator(d, r.Previous), indicator(d, r.YearAgo))
	}
	g.widths = []float64{40, 9, 15, 15, 15}
	g.freeze = 4
	g.print = printSetup{onePage: true, titleRows: [2]int{3, 3}}
	// The chart under the table: in traject and betaald per quarter
	// against the taakstelling, from the Kwartalen sheet.
	n := len(r.Quarters)
	c := &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{colSeries(n, "in_traject"), colSeries(n, "betaald_dienstverband")},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "In traject en betaald dienstverband per kwartaal, tegen de taakstelling", Font: &excelize.Font{Size: 11, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     quarterAxis(n),
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
		Dimension: excelize.ChartDimension{Width: 640, Height: 340},
	}
	// The combo chart shares the category axis: it gets the same options,
	// or excelize writes the axis without them.
	line := &excelize.Chart{
		Type:   excelize.Line,
		Series: []excelize.ChartSeries{lineSeries(n, "taakstelling")},
		XAxis:  quarterAxis(n),
		YAxis:  excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
	}
	g.charts = append(g.charts, chart{cellName(1, 5+len(overzichtCodes)), c, []*excelize.Chart{line}})
	return g
}

// axisFont is readable on paper: the chart default is a light grey.
var axisFont = excelize.Font{Size: 8, Color: "404040"}

// quarterAxis is the category axis of n quarters, thinned to one label a
// year ("2017 K1", "2018 K1", …) when it spans more than two years.
func quarterAxis(n int) excelize.ChartAxis {
	skip := 1
	if n > 8 {
		skip = 4
	}
	// Turned 45°, so that a reader that shows every label (LibreOffice
	// ignores tickLblSkip) still shows them apart.
	return excelize.ChartAxis{Font: axisFont, TickLabelSkip: skip, Alignment: excelize.Alignment{TextRotation: -45}}
}

func colName(col int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return c
}

// colSeries is a series of the Kwartalen sheet: its Dutch label (row 1)
// as name, the quarter labels as categories.
func colSeries(n int, code string) excelize.ChartSeries {
	col := kwartalenColumn(code)
	return excelize.ChartSeries{
		Name:       fmt.Sprintf("'%s'!$%s$1", SheetKwartalen, colName(col)),
		Categories: rng(SheetKwartalen, 1, kwartalenData, kwartalenData+n-1),
		Values:     rng(SheetKwartalen, col, kwartalenData, kwartalenData+n-1),
	}
}

func lineSeries(n int, code string) excelize.ChartSeries {
	s := colSeries(n, code)
	s.Marker = excelize.ChartMarker{Symbol: "none"}
	s.Line = excelize.LineOptions{Width: 2.25}
	return s
}

// Kwartalen: row 1 the Dutch labels (for people), row 2 the codes (the
// table's header, for machines), data from row 3. Column 1 the quarter
// label, 2 the peildatum, 3 jaar, 4 kwartaal, then one column per
// indicator.
const (
	kwartalenFirst = 5
	kwartalenData  = 3
)

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
	labels := []string{"Kwartaal", "Peildatum", "Jaar", "Kwartaalnummer"}
	codes := []string{"kwartaal_label", "peildatum", "jaar", "kwartaal"}
	widths := []float64{9, 11, 6, 9}
	for _, d := range report.Definitions {
		labels = append(labels, d.LabelFor(b.r.Settings))
		codes = append(codes, d.Code)
		w := 10.0
		if d.Unit == report.Euro {
			w = 13
		}
		// No word of the label broken over two lines (LibreOffice broke
		// "Proefplaat-sing", "Loonkostensu-bsidie").
		widths = append(widths, max(w, longestWord(d.LabelFor(b.r.Settings))+2))
	}
	head, code := make([]cell, len(labels)), make([]cell, len(codes))
	for i := range labels {
		head[i], code[i] = hdr(labels[i]), cell{codes[i], "code"}
	}
	g.put(1, 1, head...)
	g.put(2, 1, code...)
	g.heights[1] = wrapHeight(labels, widths, 11)
	g.heights[2] = wrapHeight(codes, widths, 8)
	for i, q := range b.r.Quarters {
		row := []cell{txt(quarterLabel(q)), day(q.Peildatum), num(q.Jaar), num(q.Kwartaal)}
		for _, d := range report.Definitions {
			row = append(row, indicator(d, q))
		}
		g.put(kwartalenData+i, 1, row...)
	}
	last := cellName(len(codes), kwartalenData-1+max(1, len(b.r.Quarters)))
	g.table = &excelize.Table{Range: "A2:" + last, Name: "Kwartalen", StyleName: "TableStyleLight9", ShowRowStripes: ptr(true)}
	g.widths = widths
	g.freeze = kwartalenData
	// 46 columns fitted to one page wide printed at a quarter of their
	// size: unreadable. Instead the columns print in their groups at 78 %,
	// with the quarter label (column A) and both header rows on every
	// page (docs/workbook.md).
	var groups []int
	for _, code := range kwartalenGroups {
		if c := kwartalenColumn(code); c > 0 {
			groups = append(groups, c)
		}
	}
	g.print = printSetup{landscape: true, titleRows: [2]int{1, 2}, scale: kwartalenScale,
		colBreaks: columnPages(widths, kwartalenFirst, groups, kwartalenScale)}
	return g
}

// kwartalenScale is the print scale of Kwartalen: 11 pt type prints at
// 8,6 pt, and the caseload group fits the first page with the quarter
// columns.
const kwartalenScale = 78

// kwartalenGroups are the first indicators of the Kwartalen sheet's column
// groups: caseload, werkplek, loonwaarde and uren, in-, door- and
// uitstroom, kosten, taakstelling. A printed page breaks between groups.
var kwartalenGroups = []string{"in_traject", "werkplek_intern", "gemiddelde_uren", "instroom", "lks_kwartaal", "taakstelling"}

func (b *builder) tabel1() *grid {
	g, t := newGrid(SheetTabel1), b.r.Tabel1
	g.title("Tabel 1: Overzicht kerncijfers beschut werk " + b.naam())
	g.put(3, 1, hdr("Jaar"))
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
			note = fmt.Sprintf("Een afgesloten jaar toont de stand op 31-12; %d toont de stand op de peildatum %s.", c.Jaar, value.FormatDate(c.StandOp))
		}
	}
	g.put(9, 1, cell{note, "text"})
	widths := []float64{52}
	for range t.Columns {
		widths = append(widths, 11)
	}
	g.widths = widths
	g.freeze = 4
	g.print = printSetup{landscape: len(t.Columns) > 4, onePage: true, titleRows: [2]int{3, 3}}
	return g
}

func (b *builder) stroom() *grid {
	g := newGrid(SheetStroom)
	g.stream = true
	labels := []string{"Kwartaal", "Peildatum", b.label("instroom"), b.label("doorstroom_tijdelijk"), b.label("doorstroom_vast"), b.label("uitstroom")}
	widths := []float64{9, 11, 10, 13, 13, 10}
	for _, rd := range report.Redenen {
		labels = append(labels, b.label("uitstroom_"+rd))
		widths = append(widths, 15) // "banenafspraak", "dagbesteding" whole on a line
	}
	head := make([]cell, len(labels))
	for i, l := range labels {
		head[i] = hdr(l)
	}
	g.put(1, 1, head...)
	g.heights[1] = wrapHeight(labels, widths, 11)
	for i, q := range b.r.Quarters {
		row := []cell{txt(quarterLabel(q)), day(q.Peildatum), num(q.Instroom), num(q.DoorstroomTijdelijk), num(q.DoorstroomVast), num(q.Uitstroom)}
		for _, rd := range report.Redenen {
			row = append(row, num(q.UitstroomReden[rd]))
		}
		g.put(i+2, 1, row...)
	}
	g.widths = widths
	g.freeze = 2
	g.print = printSetup{landscape: true, titleRows: [2]int{1, 1}}
	return g
}

func (b *builder) kosten() *grid {
	g, r := newGrid(SheetKosten), b.r
	s := g.name
	labels := []string{"Kwartaal", "Peildatum", b.label("lks_kwartaal"), b.label("lks_jaar_tot_nu"), b.label("begeleiding_kwartaal"), b.label("begeleiding_jaar_tot_nu"),
		b.label("begroting_begeleiding"), b.label("prognose_begeleiding"), b.label("verwachting_begeleiding"), b.label("verschil_verwachting_begroting")}
	widths := []float64{14, 12, 19, 19, 19, 19, 19, 19, 19, 19}
	head := make([]cell, len(labels))
	for i, l := range labels {
		head[i] = hdr(l)
	}
	g.put(1, 1, head...)
	g.heights[1] = wrapHeight(labels, widths, 11)
	for i, q := range r.Quarters {
		g.put(i+2, 1, txt(quarterLabel(q)), day(q.Peildatum), euroOpt(q.LKSKwartaal), euroOpt(q.LKSJaarTotNu), euroOpt(q.BegeleidingKwartaal), euroOpt(q.BegeleidingJaarTotNu),
			euroOpt(q.BegrotingBegeleiding), euroOpt(q.PrognoseBegeleiding), euroOpt(q.VerwachtingBegeleiding), euroOpt(q.VerschilBegroting))
	}
	row := len(r.Quarters) + 3
	g.put(row, 1, cell{"Meerjarenprognose begeleidingskosten (methode van de nota)", "bold"})
	row++
	prog := []string{"Jaar", "Aantal eind jaar", "Begeleidingskosten per persoon", "Hele jaar: aantal eind vorig jaar × kosten",
		"Nieuwe instroom: ½ jaar", "Prognose totaal", "Begroting", "Realisatie", "Realisatie t/m peildatum"}
	ph := make([]cell, len(prog))
	for i, l := range prog {
		ph[i] = hdr(l)
	}
	g.put(row, 1, ph...)
	g.heights[row] = wrapHeight(prog, widths, 11)
	for _, p := range r.Prognose.Rows {
		row++
		if p.Basis {
			g.put(row, 1, cell{p.Jaar, "year0"}, num(p.AantalEindJaar), cell{}, cell{}, cell{}, cell{}, euroOpt(p.Begroting), euroOpt(p.Realisatie))
			continue
		}
		g.put(row, 1, cell{p.Jaar, "year0"}, num(p.AantalEindJaar), euro(p.KostenPerPersoon), euro(p.HeleJaar), euro(p.NieuweInstroom), euro(p.Totaal),
			euroOpt(p.Begroting), euroOpt(p.Realisatie), euroOpt(p.RealisatieTotNu))
	}
	row += 2
	g.put(row, 1, cell{"Begroting tegen realisatie en prognose per jaar", "bold"})
	row++
	first := row + 1
	// The realisatie header, which names the chart's series, marks a
	// partial year too: a chart reader may show the year cell unformatted.
	realisatie := "Realisatie"
	for _, j := range r.Jaren {
		if _, part := j.RealisatieChart(); part {
			realisatie = fmt.Sprintf("Realisatie (%d t/m K%d)", j.Jaar, r.Current.Kwartaal)
		}
	}
	jaarHead := []string{"Jaar", "Begroting", realisatie, "Prognose (nota)"}
	g.put(row, 1, hdr(jaarHead[0]), hdr(jaarHead[1]), hdr(jaarHead[2]), hdr(jaarHead[3]))
	g.heights[row] = wrapHeight(jaarHead, widths, 11)
	partial := ""
	for _, j := range r.Jaren {
		row++
		real, part := j.RealisatieChart()
		year := cell{j.Jaar, "year0"}
		if part {
			// The year stays a number; its format marks the partial realisatie.
			year.style = "yearPartial"
			partial = fmt.Sprintf("%d (t/m K%d): de realisatie tot en met de peildatum %s; het jaar is nog niet om.", j.Jaar, r.Current.Kwartaal, value.FormatDate(r.Peildatum))
		}
		g.put(row, 1, year, euroOpt(j.Begroting), euroOpt(real), euroOpt(j.Prognose))
	}
	last := row
	if partial != "" {
		row += 2
		g.put(row, 1, txt(partial))
	}
	g.widths = widths
	g.freeze = 2
	// One page: the chart would otherwise be cut at a page break.
	g.print = printSetup{landscape: true, onePage: true, titleRows: [2]int{1, 1}}
	if len(r.Jaren) == 0 {
		return g
	}
	ser := func(col int) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$%s$%d", s, colName(col), first-1), Categories: rng(s, 1, first, last), Values: rng(s, col, first, last)}
	}
	g.charts = append(g.charts, chart{anchor: cellName(6, first-1), chart: &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{ser(2), ser(3), ser(4)},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Begeleidingskosten: begroting tegen realisatie en prognose per jaar", Font: &excelize.Font{Size: 11, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{Font: axisFont},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: fmtEuroInt}},
		Dimension: excelize.ChartDimension{Width: 560, Height: 300},
	}})
	return g
}

func (b *builder) kostprijs() *grid {
	g := newGrid(SheetKostprijs)
	uit := b.r.Settings.UitvoerderNaam()
	g.print = printSetup{onePage: true}
	if !b.r.Kostprijs.Ok {
		g.title("Kostprijsmodel " + uit)
		g.put(3, 1, txt("Niet berekend: zie de ontbrekende cijfers op het blad Toelichting."))
		g.widths = []float64{60}
		return g
	}
	k := b.r.Kostprijs.V
	g.title(fmt.Sprintf("Kostprijsmodel %s %d per dienstverband (loonwaarde %d%%)", uit, k.Jaar, k.Loonwaarde))
	gem := fmt.Sprintf("Gemiddeld %s uur", k.Uren)
	row := 3
	table := func(head string, rows []report.KostprijsRow, total report.KostprijsRow) {
		g.put(row, 1, hdr(head), hdr("1 fte"), hdr(gem))
		if g.print.titleRows[0] == 0 {
			g.print.titleRows = [2]int{row, row}
		}
		for _, x := range rows {
			row++
			g.put(row, 1, txt(x.Label), euro(x.Fte), euro(x.Gemiddeld))
		}
		row++
		g.put(row, 1, cell{total.Label, "bold"}, cell{total.Fte.Euros(), "boldeu"}, cell{total.Gemiddeld.Euros(), "boldeu"})
		row += 2
	}
	table("Baten "+uit, k.Baten, k.TotaalBaten)
	table("Lasten "+uit, k.Lasten, k.TotaalLasten)
	g.put(row, 1, cell{k.Verschil.Label, "bold"}, cell{k.Verschil.Fte.Euros(), "boldeu"}, cell{k.Verschil.Gemiddeld.Euros(), "boldeu"})
	row += 2
	note := "Baten: begeleiding voor de gemiddelde uren zoals gefactureerd (hele euro's); lasten: de exacte kosten naar rato. Wettelijk minimumloon telt niet apart mee: de regel eronder bevat het."
	g.put(row, 1, cell{note, "wrap"})
	g.widths = []float64{52, 16, 18}
	g.heights[row] = wrapHeight([]string{note}, g.widths, 11)
	return g
}

// signalen holds counts only: the workbook goes to finance and the policy
// team, and carries no person-level data. The persons are in the
// confidential file (WriteSignalen).
func (b *builder) signalen() *grid {
	g, r := newGrid(SheetSignalen), b.r
	g.title("Signalen voor het gesprek met " + r.Settings.UitvoerderNaam() + " (peildatum " + value.FormatDate(r.Peildatum) + ")")
	g.put(3, 1, hdr("Signaal"), hdr("Aantal personen"))
	row := 3
	for _, s := range signalCounts(r) {
		row++
		c := cell{s.n, "count"}
		if s.n < 0 {
			c = txt("niet bepaald: de export van het vorige kwartaal ontbreekt")
		}
		g.put(row, 1, txt(s.label), c)
	}
	row += 2
	note := "Wie het zijn staat alleen in het vertrouwelijke signalenbestand (" + SignalenSuffix + ") voor de uitvoering, niet in dit werkboek."
	g.put(row, 1, cell{note, "wrap"})
	g.heights[row] = wrapHeight([]string{note}, []float64{66}, 11)
	row += 2
	warn := r.Signalen.DataWarnings
	g.put(row, 1, cell{fmt.Sprintf("Waarschuwingen bij het inlezen (%d)", len(warn)), "bold"})
	row++
	g.put(row, 1, hdr("Waarschuwing"))
	g.print = printSetup{titleRows: [2]int{3, 3}}
	for _, w := range warn {
		row++
		g.put(row, 1, cell{w, "wrap"})
		g.heights[row] = wrapHeight([]string{w}, []float64{66}, 11)
	}
	if len(warn) == 0 {
		g.put(row+1, 1, txt("geen"))
	}
	g.widths = []float64{66, 16}
	return g
}

// signalCount is one person signal and its number of persons; -1: not
// determined (no previous quarter to compare with).
type signalCount struct {
	label string
	n     int
}

func signalCounts(r *report.Report) []signalCount {
	s := r.Signalen
	vorig := func(n int) int {
		if r.Previous == nil {
			return -1
		}
		return n
	}
	return []signalCount{
		{"Loonwaarde onder 30%: herindicatie of dagbesteding bespreken", len(s.LoonwaardeOnder30)},
		{"Vorig kwartaal in traject, nu zonder regel (geen uitstroomregel)", vorig(len(s.Verdwenen))},
		{"Stap terug in fase", vorig(len(s.Terugval))},
	}
}

// DataColumns are the columns of the Data sheet: the import contract.
var DataColumns = []string{"gemeente", "peildatum", "jaar", "kwartaal", "indicator", "waarde", "eenheid"}

// DataTable is the name of the Excel table (ListObject) on the Data sheet.
const DataTable = "Data"

func (b *builder) data() *grid {
	g, r := newGrid(SheetData), b.r
	g.stream = true
	head := make([]cell, len(DataColumns))
	for i, c := range DataColumns {
		head[i] = hdr(c)
	}
	g.put(1, 1, head...)
	row := 1
	for _, q := range r.Quarters {
		for _, d := range report.Definitions {
			v, ok := d.Value(q)
			if !ok {
				continue
			}
			row++
			g.put(row, 1, txt(r.Gemeente), day(q.Peildatum), num(q.Jaar), num(q.Kwartaal), txt(d.Code), cell{v, ""}, txt(string(d.Unit)))
		}
	}
	for _, f := range r.Figures() {
		row++
		k := cell{}
		if f.Kwartaal != 0 {
			k = num(f.Kwartaal)
		}
		g.put(row, 1, txt(r.Gemeente), day(r.Peildatum), num(f.Jaar), k, txt(f.Code), cell{f.Value, ""}, txt(string(f.Unit)))
	}
	g.table = &excelize.Table{Range: "A1:" + cellName(len(DataColumns), max(row, 2)), Name: DataTable, StyleName: "TableStyleLight1", ShowRowStripes: ptr(false)}
	g.widths = []float64{max(14, textWidth(r.Gemeente)), 11, 6, 9, codeWidth(r), 13, 8}
	g.freeze = 2
	g.print = printSetup{titleRows: [2]int{1, 1}}
	return g
}

func (b *builder) toelichting() *grid {
	g, r := newGrid(SheetToelichting), b.r
	g.stream = true
	g.title("Toelichting bij de kwartaalrapportage beschut werk " + b.naam())
	// Codes, file names and "geldt voor" (a gemeente and a year) whole on
	// a line, however long the gemeente's name.
	scope := 12.0
	for _, p := range r.Params {
		scope = max(scope, textWidth(p.Scope))
	}
	g.widths = []float64{codeWidth(r), 72, scope, 26}
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
			var texts []string
			for _, c := range rc {
				if s, ok := c.v.(string); ok && c.style == "wrap" {
					texts = append(texts, s)
				} else {
					texts = append(texts, "")
				}
			}
			if h := wrapHeight(texts, g.widths, 11); h > rowHeight {
				g.heights[row] = h
			}
		}
		row += 2
	}
	var sheets [][]cell
	for _, d := range sheetDescriptions(r.Settings.UitvoerderNaam()) {
		sheets = append(sheets, []cell{txt(d[0]), cell{d[1], "wrap"}})
	}
	block("Bladen", []string{"Blad", "Inhoud"}, sheets)
	var defs [][]cell
	for _, d := range report.Definitions {
		defs = append(defs, []cell{txt(d.Code), cell{d.LabelFor(r.Settings) + ": " + d.DefinitionFor(r.Settings), "wrap"}, txt(string(d.Unit))})
	}
	block("Indicatoren per peildatum (codes van de bladen Data en Kwartalen)", []string{"Code", "Definitie", "Eenheid"}, defs)
	defs = nil
	for _, d := range report.FigureDefinitions {
		defs = append(defs, []cell{txt(d.Code), cell{d.LabelFor(r.Settings) + ": " + d.DefinitionFor(r.Settings), "wrap"}, txt(string(d.Unit))})
	}
	block("Cijfers van het rapport (blad Data: peildatum van het rapport; jaar = het jaar van het cijfer; kwartaal leeg voor een jaarcijfer)", []string{"Code", "Definitie", "Eenheid"}, defs)
	var src [][]cell
	for _, x := range r.Sources {
		src = append(src, []cell{{x.Name, "wrap"}, txt(x.SHA256), day(x.Peildatum), num(x.Rows)})
	}
	block("Bronbestanden (exports van "+r.Settings.UitvoerderNaam()+")", []string{"Bestand", "sha256", "Peildatum", "Regels"}, src)
	var par [][]cell
	for _, p := range r.Params {
		par = append(par, []cell{txt(p.Key), txt(p.Value), txt(p.Scope), txt(p.Source)})
	}
	block("Gebruikte parameters", []string{"Sleutel", "Waarde", "Geldt voor", "Bron"}, par)
	// Numbered, so a reader can refer to one, and no empty column under a
	// shaded header.
	var notes [][]cell
	for i, n := range r.Notes {
		notes = append(notes, []cell{{i + 1, "year0"}, cell{n, "wrap"}})
	}
	if len(notes) == 0 {
		notes = [][]cell{{{}, txt("geen")}}
	}
	block("Ontbrekende cijfers", []string{"Nr.", "Toelichting"}, notes)
	g.print = printSetup{landscape: true, titleRows: [2]int{1, 1}}
	return g
}

// textWidth is a column width (in characters) that holds s on one line.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) + 1 }

// codeWidth is the width of a column of indicator codes: the longest code
// of the indicators and the report's figures, whole.
func codeWidth(r *report.Report) float64 {
	w := 44.0
	for _, d := range report.Definitions {
		w = max(w, textWidth(d.Code))
	}
	for _, d := range report.FigureDefinitions {
		w = max(w, textWidth(d.Code))
	}
	return w
}

// longestWord is the length in characters of the longest word of s.
func longestWord(s string) float64 {
	n := 0
	for _, w := range strings.Fields(s) {
		n = max(n, utf8.RuneCountInString(w))
	}
	return float64(n)
}
