package workbook

import (
	"beschut/internal/value"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"beschut/report"
)

// Sheets of the overview workbook, in order.
const (
	OverzichtSheetTabel    = "Overzicht"
	OverzichtSheetJaren    = "Per jaar"
	OverzichtSheetGrafiek  = "Grafiek"
	OverzichtSheetData     = "Data"
	OverzichtSheetUitleg   = "Toelichting"
	overzichtDataTableName = "Data"
)

// WriteOverzicht renders the overview of several gemeenten (a regio, or all
// gemeenten of a run) to w: the table of the gemeenten and their total on
// the peildatum, the same per year as Tabel 1, a chart of each gemeente
// against its taakstelling, and a Data sheet with the gemeenten's rows and
// the total's under the overview's name (the columns of the gemeente
// workbook's Data sheet). The same overview gives the same bytes. It
// computes nothing: every figure, total included, comes from o.
func WriteOverzicht(w io.Writer, o *report.Overzicht) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip)
	b := &overzichtBook{f: f, o: o}
	b.styles()
	for i, name := range []string{OverzichtSheetTabel, OverzichtSheetJaren, OverzichtSheetGrafiek, OverzichtSheetData, OverzichtSheetUitleg} {
		if i == 0 {
			b.check(f.SetSheetName("Sheet1", name))
			continue
		}
		_, err := f.NewSheet(name)
		b.check(err)
	}
	b.tabel()
	b.jaren()
	b.grafiek()
	b.data()
	b.uitleg()
	f.SetActiveSheet(0)
	stamp := o.Peildatum.Format(time.RFC3339)
	b.check(f.SetDocProps(&excelize.DocProperties{
		Title:       fmt.Sprintf("%s %d-K%d", o.Titel(), o.Jaar, o.Kwartaal),
		Subject:     "Overzicht beschut werk van de gemeenten samen, peildatum " + value.FormatDate(o.Peildatum),
		Creator:     "beschut",
		Keywords:    "beschut werk; Participatiewet; overzicht",
		Description: "Gemaakt met beschut uit de kwartaalexports",
		Language:    "nl-NL",
		Created:     stamp,
		Modified:    stamp,
	}))
	if b.err != nil {
		return b.err
	}
	_, err := f.WriteTo(w)
	return err
}

// overzichtBook keeps the first error, so the sheet code reads as a layout.
// It has its own styles, apart from the gemeente workbook's.
type overzichtBook struct {
	f   *excelize.File
	o   *report.Overzicht
	err error
	st  map[string]int
}

func (b *overzichtBook) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *overzichtBook) styles() {
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5EE"}}
	bold := &excelize.Font{Bold: true}
	defs := []struct {
		name string
		s    *excelize.Style
	}{
		{"title", &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{"titlewrap", &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{"bold", &excelize.Style{Font: bold}},
		{"header", &excelize.Style{Font: bold, Fill: fill, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{"hyear", &excelize.Style{Font: bold, Fill: fill, Border: border, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{"text", &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{"wrap", &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{"count", &excelize.Style{CustomNumFmt: ptr(fmtCountGrouped)}},
		{"pct", &excelize.Style{CustomNumFmt: ptr(fmtPercent)}},
		{"euro", &excelize.Style{CustomNumFmt: ptr(fmtEuro)}},
		{"date", &excelize.Style{CustomNumFmt: ptr(fmtDate)}},
		{"tottext", &excelize.Style{Font: bold, Border: top}},
		{"totcount", &excelize.Style{Font: bold, Border: top, CustomNumFmt: ptr(fmtCountGrouped)}},
		{"totpct", &excelize.Style{Font: bold, Border: top, CustomNumFmt: ptr(fmtPercent)}},
		{"toteuro", &excelize.Style{Font: bold, Border: top, CustomNumFmt: ptr(fmtEuro)}},
	}
	b.st = map[string]int{}
	for _, d := range defs {
		id, err := b.f.NewStyle(d.s)
		b.check(err)
		b.st[d.name] = id
	}
}

// fmtCountGrouped shows a count with a thousands separator (4.508 in a
// Dutch Excel).
const fmtCountGrouped = "#,##0"

// set writes one cell; a nil value leaves it empty.
func (b *overzichtBook) set(sheet string, col, row int, v any, style string) {
	if v == nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	b.check(err)
	b.check(b.f.SetCellValue(sheet, ref, v))
	if style != "" {
		b.check(b.f.SetCellStyle(sheet, ref, ref, b.st[style]))
	}
}

// widths sets the widths of the first columns, from the right, so that
// the sheet lists its columns from A (see builder.emit).
func (b *overzichtBook) widths(sheet string, widths ...float64) {
	for i := len(widths) - 1; i >= 0; i-- {
		col, err := excelize.ColumnNumberToName(i + 1)
		b.check(err)
		b.check(b.f.SetColWidth(sheet, col, col, widths[i]))
	}
}

// dimension stores the used range, from A1 to (cols, rows).
func (b *overzichtBook) dimension(sheet string, cols, rows int) {
	end, err := excelize.CoordinatesToCellName(max(cols, 1), max(rows, 1))
	b.check(err)
	b.check(b.f.SetSheetDimension(sheet, "A1:"+end))
}

// printable lays a sheet out for paper: A4, landscape (portrait for the
// narrow Data sheet), one page wide, or, for a wide sheet (many years), as
// many pages wide as it needs with column A repeated; the header rows
// from titleRows[0] to titleRows[1] repeat on every page (the national
// overview runs over many pages); 0: none. Every page is headed with the overview's title, the peildatum and
// the sheet, and footed "pagina X van Y", as in the gemeente workbook. It
// comes before a sheet is streamed: the StreamWriter writes sheetPr first.
func (b *overzichtBook) printable(sheet string, titleRows [2]int, oneWide, portrait bool) {
	orientation := "landscape"
	if portrait {
		orientation = "portrait"
	}
	layout := &excelize.PageLayoutOptions{Size: ptr(paperA4), Orientation: ptr(orientation)}
	if oneWide {
		b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
		layout.FitToWidth, layout.FitToHeight = ptr(1), ptr(0)
	} else {
		layout.AdjustTo = ptr(uint(70)) // two years of Tabel 1 to a page
	}
	b.check(b.f.SetPageLayout(sheet, layout))
	b.check(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3),
	}))
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + esc(b.o.Titel()) + "&Cpeildatum " + value.FormatDate(b.o.Peildatum) + "&R&A",
		OddFooter: "&Cpagina &P van &N",
	}))
	titles := ""
	if !oneWide {
		titles = fmt.Sprintf("'%s'!$A:$A", sheet)
	}
	if titleRows[0] > 0 {
		if titles != "" {
			titles += ","
		}
		titles += fmt.Sprintf("'%s'!$%d:$%d", sheet, titleRows[0], titleRows[1])
	}
	if titles != "" {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet}))
	}
}

func (b *overzichtBook) freeze(sheet string, col, row int) {
	ref, _ := excelize.CoordinatesToCellName(col+1, row+1)
	pane := "bottomLeft"
	if col > 0 {
		pane = "bottomRight"
	}
	b.check(b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: col, YSplit: row, TopLeftCell: ref, ActivePane: pane}))
}

// unit gives the cell value and style of a column's figure; nil when absent.
func overzichtValue(k report.OverzichtKolom, q *report.Quarter) any {
	if k.Unit == report.Euro {
		if c := k.Cents(q); c.Ok {
			return c.V.Euros()
		}
		return nil
	}
	if v, ok := k.Value(q); ok {
		return v
	}
	return nil
}

func overzichtStyle(u report.Unit, total bool) string {
	s := "count"
	switch u {
	case report.Procent:
		s = "pct"
	case report.Euro:
		s = "euro"
	}
	if total {
		return "tot" + s
	}
	return s
}

// Overzicht: one row per gemeente and the total, on the peildatum.
const overzichtFirstRow = 4

func (b *overzichtBook) tabel() {
	s, o := OverzichtSheetTabel, b.o
	b.set(s, 1, 1, fmt.Sprintf("%s: stand op %s", o.Titel(), value.FormatDate(o.Peildatum)), "title")
	b.set(s, 1, 2, "Aantallen beschut werk nieuw per gemeente, met het totaal; percentages van het totaal uit de opgetelde aantallen.", "text")
	kol := o.Kolommen()
	row := overzichtFirstRow - 1
	b.set(s, 1, row, "Gemeente", "header")
	b.set(s, 2, row, "Peildatum", "header")
	for i, k := range kol {
		b.set(s, 3+i, row, k.Label, "header")
	}
	for _, r := range o.Rows {
		row++
		b.set(s, 1, row, r.Naam, "text")
		b.set(s, 2, row, r.Current.Peildatum, "date")
		for i, k := range kol {
			b.set(s, 3+i, row, overzichtValue(k, r.Current), overzichtStyle(k.Unit, false))
		}
	}
	row++
	b.set(s, 1, row, o.TotaalLabel(), "tottext")
	b.set(s, 2, row, "", "tottext")
	for i, k := range kol {
		v := overzichtValue(k, o.Totaal)
		if v == nil {
			v = "" // the border of the total row stays whole
		}
		b.set(s, 3+i, row, v, overzichtStyle(k.Unit, true))
	}
	if o.Totaal == nil {
		row++
		b.set(s, 1, row, "Geen totaal: niet elke gemeente heeft een export van deze peildatum (zie Toelichting).", "text")
	}
	b.dimension(s, 2+len(kol), row)
	b.widths(s, 36, 12, 13, 11, 14, 13, 16, 16, 13, 20)
	b.check(b.f.SetRowHeight(s, overzichtFirstRow-1, 45))
	b.freeze(s, 1, overzichtFirstRow-1)
	b.printable(s, [2]int{1, overzichtFirstRow - 1}, true, false)
}

// overzichtNameWidth is the width of the gemeente column of Per jaar.
const overzichtNameWidth = 36

// Per jaar: Tabel 1 for every gemeente and the total, one column group per year.
func (b *overzichtBook) jaren() {
	s, o := OverzichtSheetJaren, b.o
	title := fmt.Sprintf("%s per jaar (Tabel 1): stand op 31-12, het lopende jaar op de peildatum", o.Titel())
	if len(o.Jaren) > 3 {
		// Printed over several pages across with column A repeated: the
		// title wraps inside column A, so every page shows it whole
		// (running on to the right, it showed cut to column A).
		b.set(s, 1, 1, title, "titlewrap")
		b.check(b.f.SetRowHeight(s, 1, wrapHeight([]string{title}, []float64{overzichtNameWidth}, 14)))
	} else {
		b.set(s, 1, 1, title, "title")
	}
	labels := []string{"Taakstelling", "In traject", "Betaald dienstverband", "Realisatie"}
	b.set(s, 1, 3, "Gemeente", "header")
	b.set(s, 1, 4, "", "header")
	for j, y := range o.Jaren {
		col := 2 + j*len(labels)
		head := fmt.Sprint(y.Jaar)
		switch {
		case y.NTB:
			head += " (alleen taakstelling)"
		case y.Partial:
			head += " (stand " + value.FormatDate(y.StandOp) + ")"
		}
		// No merged cells (they break sorting, filtering and imports): the
		// year stands in the group's first column and runs on over the
		// group's empty, shaded cells.
		b.set(s, col, 3, head, "hyear")
		from, _ := excelize.CoordinatesToCellName(col+1, 3)
		to, _ := excelize.CoordinatesToCellName(col+len(labels)-1, 3)
		b.check(b.f.SetCellStyle(s, from, to, b.st["hyear"]))
		for i, l := range labels {
			b.set(s, col+i, 4, l, "header")
		}
	}
	cel := func(row, col int, c report.OverzichtCel, total bool) {
		vals := []report.Opt[int]{c.Taakstelling, c.InTraject, c.Betaald}
		for i, v := range vals {
			var x any = ""
			if v.Ok {
				x = v.V
			} else if !total {
				x = nil
			}
			b.set(s, col+i, row, x, overzichtStyle(report.Aantal, total))
		}
		var x any = ""
		if c.Realisatie.Ok {
			x = c.Realisatie.V
		} else if !total {
			x = nil
		}
		b.set(s, col+3, row, x, overzichtStyle(report.Procent, total))
	}
	row := 4
	for i, r := range o.Rows {
		row++
		b.set(s, 1, row, r.Naam, "text")
		for j, y := range o.Jaren {
			cel(row, 2+j*len(labels), y.Cellen[i], false)
		}
	}
	row++
	b.set(s, 1, row, o.TotaalLabel(), "tottext")
	for j, y := range o.Jaren {
		cel(row, 2+j*len(labels), y.Totaal, true)
	}
	cols := 1 + len(o.Jaren)*len(labels)
	b.dimension(s, cols, row)
	if cols > 1 {
		last, _ := excelize.ColumnNumberToName(cols)
		b.check(b.f.SetColWidth(s, "B", last, 13))
	}
	b.widths(s, overzichtNameWidth)
	b.check(b.f.SetRowHeight(s, 4, 30))
	b.freeze(s, 1, 4)
	// The header rows, not the title: on a page further down only column
	// A of a repeated title would show, cut. (On the second page across,
	// row 1 itself still shows only its part in column A.)
	b.printable(s, [2]int{3, 4}, len(o.Jaren) <= 3, false)
	if len(o.Jaren) > 3 {
		// Two years to a printed page, a year never split over two.
		for j := 2; j < len(o.Jaren); j += 2 {
			ref, _ := excelize.CoordinatesToCellName(2+j*len(labels), 1)
			b.check(b.f.InsertPageBreak(s, ref))
		}
	}
}

// overzichtPerGrafiek is the most gemeenten one chart shows; a larger
// overview (the national one) gets one chart per group, each a printed page.
const overzichtPerGrafiek = 20

// Grafiek: per gemeente its betaald dienstverband against its taakstelling
// on the peildatum, one horizontal bar pair per gemeente.
func (b *overzichtBook) grafiek() {
	s, o := OverzichtSheetGrafiek, b.o
	b.set(s, 1, 1, fmt.Sprintf("Betaald dienstverband tegen de taakstelling per gemeente, %s", value.FormatDate(o.Peildatum)), "title")
	n := len(o.Rows)
	// The table's columns 3 and 5: taakstelling and betaald dienstverband.
	ser := func(col, first, last int) excelize.ChartSeries {
		c, _ := excelize.ColumnNumberToName(col)
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", OverzichtSheetTabel, c, overzichtFirstRow-1),
			Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", OverzichtSheetTabel, first, last),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", OverzichtSheetTabel, c, first, c, last),
		}
	}
	const rowsPerChart = 30 // rows of 20 px: one printed page, landscape
	for k, from := 0, 0; from < n; k, from = k+1, from+overzichtPerGrafiek {
		to := min(from+overzichtPerGrafiek, n)
		first, last := overzichtFirstRow+from, overzichtFirstRow+to-1
		title := "Betaald dienstverband en taakstelling per gemeente"
		if n > overzichtPerGrafiek {
			title += fmt.Sprintf(" (%s – %s)", o.Rows[from].Naam, o.Rows[to-1].Naam)
		}
		row := 3 + k*rowsPerChart
		if k > 0 {
			ref, _ := excelize.CoordinatesToCellName(1, row-1)
			b.check(b.f.InsertPageBreak(s, ref))
		}
		anchor, _ := excelize.CoordinatesToCellName(1, row)
		b.check(b.f.AddChart(s, anchor, &excelize.Chart{
			Type:      excelize.Bar,
			Series:    []excelize.ChartSeries{ser(3, first, last), ser(5, first, last)},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Size: 11, Bold: true}}}},
			Legend:    excelize.ChartLegend{Position: "top"},
			XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont},
			Dimension: excelize.ChartDimension{Width: 720, Height: uint(100 + 22*(to-from))},
		}))
	}
	b.dimension(s, 1, 1)
	b.widths(s, 26)
	b.printable(s, [2]int{}, true, false)
}

// Data: the gemeenten's rows and the total's under the overview's name,
// with the columns and codes of the gemeente workbook's Data sheet, as an
// Excel table named Data. Written as a stream: the national overview has
// hundreds of thousands of rows.
func (b *overzichtBook) data() {
	if b.err != nil {
		return
	}
	s, o := OverzichtSheetData, b.o
	type src struct {
		name string
		qs   []*report.Quarter
	}
	var srcs []src
	for _, r := range o.Rows {
		srcs = append(srcs, src{r.Gemeente, r.Quarters})
	}
	srcs = append(srcs, src{o.Naam, o.Quarters})
	rows := 1
	for _, x := range srcs {
		for _, q := range x.qs {
			for _, d := range report.Definitions {
				if _, ok := d.Value(q); ok {
					rows++
				}
			}
		}
	}
	end, _ := excelize.CoordinatesToCellName(len(DataColumns), rows)
	b.check(b.f.SetSheetDimension(s, "A1:"+end))
	// Seven narrow columns: portrait, one page wide, the header row on
	// every page (without it, LibreOffice printed the 8-gemeente Data in
	// column bands: 110 pages).
	b.printable(s, [2]int{1, 1}, true, true)
	sw, err := b.f.NewStreamWriter(s)
	if err != nil {
		b.check(err)
		return
	}
	widths := []float64{22, 12, 7, 9, 32, 14, 9}
	for i := len(widths) - 1; i >= 0; i-- { // listed from A, as builder.emit
		b.check(sw.SetColWidth(i+1, i+1, widths[i]))
	}
	b.check(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	head := make([]any, len(DataColumns))
	for i, c := range DataColumns {
		head[i] = excelize.Cell{StyleID: b.st["header"], Value: c}
	}
	b.check(sw.SetRow("A1", head))
	// Right after its header row: excelize reads the column names back
	// from the stream (see builder.streamRows).
	b.check(sw.AddTable(&excelize.Table{Range: "A1:" + end, Name: overzichtDataTableName, StyleName: "TableStyleLight9", ShowRowStripes: ptr(true)}))
	// Some 530.000 rows for the national overview: one row slice, the
	// values of a gemeente, a quarter and a definition boxed once.
	codes := make([]any, len(report.Definitions))
	units := make([]any, len(report.Definitions))
	for i, d := range report.Definitions {
		codes[i], units[i] = d.Code, string(d.Unit)
	}
	dateStyle := b.st["date"]
	line := make([]any, len(DataColumns))
	date := &excelize.Cell{StyleID: dateStyle}
	line[1] = date
	row := 1
	for _, x := range srcs {
		line[0] = x.name
		for _, q := range x.qs {
			date.Value = streamValue(q.Peildatum)
			line[2], line[3] = q.Jaar, q.Kwartaal
			for i, d := range report.Definitions {
				v, ok := d.Value(q)
				if !ok {
					continue
				}
				row++
				line[4], line[5], line[6] = codes[i], v, units[i]
				b.check(sw.SetRow("A"+strconv.Itoa(row), line))
				if b.err != nil {
					return
				}
			}
		}
	}
	b.check(sw.Flush())
}

// Toelichting: what the sheets hold, how totals are made, the notes.
func (b *overzichtBook) uitleg() {
	s, o := OverzichtSheetUitleg, b.o
	b.set(s, 1, 1, "Toelichting: "+o.Titel(), "title")
	lines := [][2]string{
		{OverzichtSheetTabel, "per gemeente de kerncijfers op de peildatum (zoals de tabel 'Aantallen beschut werk nieuw'), met het totaal"},
		{OverzichtSheetJaren, "per gemeente en in totaal: taakstelling, in traject, betaald dienstverband en realisatie per jaar (Tabel 1)"},
		{OverzichtSheetGrafiek, "per gemeente het betaald dienstverband tegen de taakstelling"},
		{OverzichtSheetData, "importbestand: de regels van elke gemeente en van het totaal onder de naam '" + o.Naam + "', met dezelfde kolommen en codes als het blad Data van het werkboek per gemeente"},
		{"Totalen", "aantallen en bedragen zijn opgeteld; percentages en gemiddelden zijn opnieuw berekend uit de opgetelde aantallen, nooit gemiddeld over gemeenten. Een totaal ontbreekt als een gemeente het cijfer niet heeft."},
	}
	b.set(s, 1, 3, "Blad", "header")
	b.set(s, 2, 3, "Inhoud", "header")
	row := 3
	for _, l := range lines {
		row++
		b.set(s, 1, row, l[0], "text")
		b.set(s, 2, row, l[1], "wrap")
	}
	row += 2
	b.set(s, 1, row, "Opmerkingen", "bold")
	notes := o.Notes
	if len(notes) == 0 {
		notes = []string{"geen"}
	}
	for _, n := range notes {
		row++
		b.set(s, 1, row, n, "text")
	}
	b.dimension(s, 2, row)
	b.widths(s, 18, 100)
	b.printable(s, [2]int{}, true, false)
}
