// Package workbook lays a report out as the Excel workbook for the policy
// team, whose Data sheet finance imports (shared/spec/indicatoren.md). It
// computes nothing: every figure comes from the report value.
package workbook

import (
	"beschut/internal/value"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"beschut/report"
)

// Number formats. Excel shows them with the reader's locale, so a Dutch
// Excel shows € 1.234,56 and 30-06-2023.
const (
	fmtCount   = "0"
	fmtEuro    = `[$€-413] #,##0.00;[$€-413] -#,##0.00`
	fmtEuroInt = `[$€-413] #,##0;[$€-413] -#,##0`
	fmtPercent = `0"%"`
	fmtDec1    = "0.0"
	fmtDate    = "dd-mm-yyyy"
	fmtYear    = "0"
)

// Sheet names, in workbook order.
const (
	SheetOverzicht   = "Overzicht"
	SheetTabel1      = "Tabel 1"
	SheetKwartalen   = "Kwartalen"
	SheetStroom      = "Stroom"
	SheetKosten      = "Kosten"
	SheetKostprijs   = "Kostprijs"
	SheetSignalen    = "Signalen"
	SheetData        = "Data"
	SheetToelichting = "Toelichting"
)

// sheetDescriptions says what each sheet holds (the Toelichting sheet);
// uitvoerder is the SW-bedrijf's name.
func sheetDescriptions(uitvoerder string) [][2]string {
	return [][2]string{
		{SheetOverzicht, "de kerncijfers van het kwartaal naast het vorige kwartaal en hetzelfde kwartaal een jaar eerder, met een grafiek per kwartaal"},
		{SheetTabel1, "Tabel 1: Overzicht kerncijfers beschut werk, zoals in de nota (stand op 31-12, het lopende jaar op de peildatum)"},
		{SheetKwartalen, "alle indicatoren per peildatum, als Excel-tabel (Kwartalen) om te filteren en te draaien; rij 1 de omschrijving, rij 2 de code"},
		{SheetStroom, "in-, door- en uitstroom per kwartaal, uitstroom per reden"},
		{SheetKosten, "begeleidingskosten en loonkostensubsidie per kwartaal, de meerjarenprognose (methode van de nota) en begroting tegen realisatie en prognose per jaar"},
		{SheetKostprijs, "het kostprijsmodel van " + uitvoerder + " per dienstverband (baten en lasten), zoals in de nota"},
		{SheetSignalen, "het aantal personen per signaal om met " + uitvoerder + " te bespreken, en de waarschuwingen bij het inlezen; wie het zijn staat alleen in het vertrouwelijke signalenbestand"},
		{SheetData, "importbestand voor financiën: de Excel-tabel Data, één regel per gemeente, peildatum en indicator (vaste kolommen en codes), met de meerjarenprognose en het kostprijsmodel"},
		{SheetToelichting, "deze toelichting: bladen, de betekenis van elke code, bronbestanden met sha256, gebruikte parameters en ontbrekende cijfers"},
	}
}

// Write renders the workbook of r to w: the workbook for the policy team
// and finance, without person-level data. The same report gives the same
// bytes.
func Write(w io.Writer, r *report.Report) error {
	b := newBuilder(r)
	defer b.f.Close()
	b.sheets(SheetOverzicht, SheetTabel1, SheetKwartalen, SheetStroom, SheetKosten, SheetKostprijs, SheetSignalen, SheetData, SheetToelichting)
	for _, g := range []*grid{b.overzicht(), b.tabel1(), b.kwartalen(), b.stroom(), b.kosten(), b.kostprijs(), b.signalen(), b.data(), b.toelichting()} {
		b.emit(g)
	}
	naam, uit := b.naam(), r.Settings.UitvoerderNaam()
	return b.save(w, &excelize.DocProperties{
		Title:       fmt.Sprintf("Beschut werk %s %d-K%d", naam, r.Current.Jaar, r.Current.Kwartaal),
		Subject:     "Kwartaalrapportage beschut werk, peildatum " + value.FormatDate(r.Peildatum),
		Keywords:    "beschut werk; " + uit + "; Participatiewet",
		Description: "Gemaakt met beschut uit de kwartaalexports van " + uit,
	})
}

func newBuilder(r *report.Report) *builder {
	f := excelize.NewFile()
	f.SetZipWriter(newSortedZip)
	b := &builder{f: f, r: r}
	b.styles()
	return b
}

// sheets names the workbook's sheets in order and selects the first. It
// comes before any sheet is streamed: SetActiveSheet touches every sheet,
// and would re-read a streamed one (slow) and lose its tab selection.
func (b *builder) sheets(names ...string) {
	for i, name := range names {
		if i == 0 {
			b.check(b.f.SetSheetName("Sheet1", name))
			continue
		}
		_, err := b.f.NewSheet(name)
		b.check(err)
	}
	b.f.SetActiveSheet(0)
}

// save sets the document properties (dated with the peildatum, never the
// clock) and writes the workbook to w.
func (b *builder) save(w io.Writer, props *excelize.DocProperties) error {
	stamp := b.r.Peildatum.Format(time.RFC3339)
	props.Creator = creator(b.naam())
	props.LastModifiedBy = props.Creator
	props.Language = "nl-NL"
	props.Created, props.Modified = stamp, stamp
	b.check(b.f.SetDocProps(props))
	if b.err != nil {
		return b.err
	}
	_, err := b.f.WriteTo(w)
	return err
}

// builder keeps the first error, so the sheet code reads as a layout.
type builder struct {
	f   *excelize.File
	r   *report.Report
	err error
	st  map[string]int
}

func (b *builder) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *builder) styles() {
	b.st = map[string]int{}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	defs := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 14}},
		"bold":   {Font: &excelize.Font{Bold: true}},
		"header": {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5EE"}}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"text":   {Alignment: &excelize.Alignment{Vertical: "top"}},
		"wrap":   {Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"count":  {CustomNumFmt: ptr(fmtCount)},
		"euro":   {CustomNumFmt: ptr(fmtEuro)},
		"euro0":  {CustomNumFmt: ptr(fmtEuroInt)},
		"pct":    {CustomNumFmt: ptr(fmtPercent)},
		"dec1":   {CustomNumFmt: ptr(fmtDec1)},
		"date":   {CustomNumFmt: ptr(fmtDate)},
		"year":   {CustomNumFmt: ptr(fmtYear), Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5EE"}}, Border: border},
		"hdate":  {CustomNumFmt: ptr(fmtDate), Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5EE"}}, Border: border},
		"boldeu": {CustomNumFmt: ptr(fmtEuro), Font: &excelize.Font{Bold: true}},
		"code":   {Font: &excelize.Font{Size: 8, Color: "404040"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"year0":  {CustomNumFmt: ptr(fmtYear), Alignment: &excelize.Alignment{Horizontal: "left"}},
		// The running year's row of a per-year table: still a number, shown
		// as "2023 (t/m K2)".
		"yearPartial": {CustomNumFmt: ptr(fmt.Sprintf(`0" (t/m K%d)"`, b.r.Current.Kwartaal)), Alignment: &excelize.Alignment{Horizontal: "left"}},
	}
	for _, name := range []string{"title", "bold", "header", "text", "wrap", "count", "euro", "euro0", "pct", "dec1", "date", "year", "hdate", "boldeu", "code", "year0", "yearPartial"} {
		id, err := b.f.NewStyle(defs[name])
		b.check(err)
		b.st[name] = id
	}
}

func ptr[T any](v T) *T { return &v }

// unitStyle is the cell style of an indicator's unit.
func unitStyle(u report.Unit) string {
	switch u {
	case report.Euro:
		return "euro"
	case report.Procent:
		return "pct"
	case report.Uren, report.Trede:
		return "dec1"
	}
	return "count"
}

// cell is a value with its style; a nil value leaves the cell empty.
type cell struct {
	v     any
	style string
}

func txt(s string) cell       { return cell{s, "text"} }
func num(n int) cell          { return cell{n, "count"} }
func day(t time.Time) cell    { return cell{t, "date"} }
func hdr(s string) cell       { return cell{s, "header"} }
func euro(c value.Cents) cell { return cell{c.Euros(), "euro"} }
func euroOpt(c report.Opt[value.Cents]) cell {
	if !c.Ok {
		return cell{}
	}
	return euro(c.V)
}
func indicator(d report.Definition, q *report.Quarter) cell {
	if q == nil {
		return cell{}
	}
	v, ok := d.Value(q)
	if !ok {
		return cell{}
	}
	return cell{v, unitStyle(d.Unit)}
}

func (g *grid) title(s string) {
	g.put(1, 1, cell{s, "title"})
}

// quarterLabel is how people name a quarter: "2023 K2".
func quarterLabel(q *report.Quarter) string {
	return fmt.Sprintf("%d K%d", q.Jaar, q.Kwartaal)
}

// naam is the gemeente's name as its documents write it.
func (b *builder) naam() string { return b.r.Settings.DisplayName(b.r.Gemeente) }

// rowHeight is the default row height in points (Calibri 11).
const rowHeight = 15.0

// wrapHeight is the height in points that shows every text of a row whole,
// each wrapped at its column's width (in characters); size is the font
// size. It estimates as Excel lays out: words to a line while they fit, a
// word longer than a line broken.
func wrapHeight(texts []string, widths []float64, size float64) float64 {
	lines := 1
	for i, t := range texts {
		if i >= len(widths) || t == "" {
			continue
		}
		// A column of width w holds about w digits of Calibri 11 and a
		// little more text (letters average narrower than digits); smaller
		// type holds proportionally more. Take w − 1 characters at size 11:
		// a line too many shows blank space, a line too few cuts text.
		per := int((widths[i] - 1) * 11 / size)
		lines = max(lines, wrapLines(t, max(per, 1)))
	}
	return float64(lines) * (size*1.25 + 1.25)
}

func wrapLines(s string, per int) int {
	lines, cur := 1, 0
	for _, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		switch {
		case cur == 0:
			cur = n
		case cur+1+n <= per:
			cur += 1 + n
			continue
		default:
			lines++
			cur = n
		}
		for cur > per {
			lines++
			cur -= per
		}
	}
	return lines
}

// rng is an absolute range reference on a sheet, for charts.
func rng(sheet string, col, row1, row2 int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, c, row1, c, row2)
}

// creator names the gemeente as the author: "Gemeente Deventer", but a name
// that already starts with "Gemeente" (the generated "Gemeente 001") once.
func creator(naam string) string {
	if len(naam) >= len("gemeente ") && strings.EqualFold(naam[:len("gemeente ")], "gemeente ") {
		return naam
	}
	return "Gemeente " + naam
}
