// Package workbook lays a report out as the Excel workbook for the policy
// team, whose Data sheet finance imports (shared/spec/indicatoren.md). It
// computes nothing: every figure comes from the report value.
package workbook

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"beschut/ingest"
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

// SheetDescriptions says what each sheet holds (the Toelichting sheet).
var SheetDescriptions = [][2]string{
	{SheetOverzicht, "de kerncijfers van het kwartaal naast het vorige kwartaal en hetzelfde kwartaal een jaar eerder, met een grafiek per kwartaal"},
	{SheetTabel1, "Tabel 1: Overzicht kerncijfers beschut werk, zoals in de nota (stand op 31-12, het lopende jaar op de peildatum)"},
	{SheetKwartalen, "alle indicatoren per peildatum, als Excel-tabel om te filteren en te draaien"},
	{SheetStroom, "in-, door- en uitstroom per kwartaal, uitstroom per reden"},
	{SheetKosten, "begeleidingskosten en loonkostensubsidie per kwartaal, de meerjarenprognose (methode van de nota) en begroting tegen realisatie per jaar"},
	{SheetKostprijs, "het kostprijsmodel van KonnecteD per dienstverband (baten en lasten), zoals in de nota"},
	{SheetSignalen, "waarschuwingen over de gegevens en personen om met KonnecteD te bespreken, alleen op gepseudonimiseerd clientnummer"},
	{SheetData, "importbestand voor financiën: één regel per gemeente, peildatum en indicator (vaste kolommen en codes)"},
	{SheetToelichting, "deze toelichting: definities, bronbestanden met sha256, gebruikte parameters en ontbrekende cijfers"},
}

// Write renders the workbook of r to w. The same report gives the same bytes.
func Write(w io.Writer, r *report.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip)
	b := &builder{f: f, r: r}
	b.styles()
	order := []string{SheetOverzicht, SheetTabel1, SheetKwartalen, SheetStroom, SheetKosten, SheetKostprijs, SheetSignalen, SheetData, SheetToelichting}
	for i, name := range order {
		if i == 0 {
			b.check(f.SetSheetName("Sheet1", name))
			continue
		}
		_, err := f.NewSheet(name)
		b.check(err)
	}
	// Before any sheet is streamed: SetActiveSheet touches every sheet, and
	// would re-read (and lose the tab selection of) a streamed one.
	f.SetActiveSheet(0)
	for _, g := range []*grid{b.overzicht(), b.tabel1(), b.kwartalen(), b.stroom(), b.kosten(), b.kostprijs(), b.signalen(), b.data(), b.toelichting()} {
		b.emit(g)
	}
	stamp := r.Peildatum.Format(time.RFC3339)
	b.check(f.SetDocProps(&excelize.DocProperties{
		Title:          fmt.Sprintf("Beschut werk %s %d-K%d", r.Gemeente, r.Current.Jaar, r.Current.Kwartaal),
		Subject:        "Kwartaalrapportage beschut werk, peildatum " + ingest.FormatDate(r.Peildatum),
		Creator:        "Gemeente " + r.Gemeente,
		LastModifiedBy: "Gemeente " + r.Gemeente,
		Keywords:       "beschut werk; KonnecteD; Participatiewet",
		Description:    "Gemaakt met beschut uit de kwartaalexports van KonnecteD",
		Language:       "nl-NL",
		Created:        stamp,
		Modified:       stamp,
	}))
	if b.err != nil {
		return b.err
	}
	_, err := f.WriteTo(w)
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
	}
	for _, name := range []string{"title", "bold", "header", "text", "wrap", "count", "euro", "euro0", "pct", "dec1", "date", "year", "hdate", "boldeu"} {
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

func txt(s string) cell        { return cell{s, "text"} }
func num(n int) cell           { return cell{n, "count"} }
func day(t time.Time) cell     { return cell{t, "date"} }
func hdr(s string) cell        { return cell{s, "header"} }
func euro(c ingest.Cents) cell { return cell{c.Euros(), "euro"} }
func euroOpt(c report.Opt[ingest.Cents]) cell {
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

func quarterLabel(q *report.Quarter) string {
	return fmt.Sprintf("%d-K%d", q.Jaar, q.Kwartaal)
}

// rng is an absolute range reference on a sheet, for charts.
func rng(sheet string, col, row1, row2 int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, c, row1, c, row2)
}
