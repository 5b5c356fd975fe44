package workbook_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"beschut/internal/fixture"
	"beschut/internal/golden"
	"beschut/report"
	"beschut/report/workbook"
	"beschut/samples/generate/generator"
)

func renderOverzicht(t testing.TB, o *report.Overzicht) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.WriteOverzicht(&buf, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var dimensionRef = regexp.MustCompile(`<dimension ref="([^"]+)"`)

// overzichtDump is a text dump of every sheet of the overview: cell
// values, types and number formats, merged ranges, tables, panes, the
// stored dimension, and the ranges of the charts.
func overzichtDump(t *testing.T, data []byte) (all, dataSheet []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b, d strings.Builder
	props, _ := f.GetDocProps()
	fmt.Fprintf(&b, "docprops title=%q subject=%q creator=%q created=%s\n", props.Title, props.Subject, props.Creator, props.Created)
	dims := storedDimensions(t, data)
	for i, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if sheet == workbook.OverzichtSheetData {
			for _, row := range rows {
				d.WriteString(strings.Join(row, "\t") + "\n")
			}
		}
		fmt.Fprintf(&b, "\n== sheet %s dimension %s\n", sheet, dims[i])
		for ri, row := range rows {
			if sheet == workbook.OverzichtSheetData && ri > 1 {
				continue // the Data golden holds every row
			}
			for ci, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				style, _ := f.GetCellStyle(sheet, ref)
				format := ""
				if st, err := f.GetStyle(style); err == nil && st.CustomNumFmt != nil {
					format = *st.CustomNumFmt
				}
				typ, _ := f.GetCellType(sheet, ref)
				kind := "n"
				if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
					kind = "s"
				}
				fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", ref, kind, v, format)
			}
		}
		merged, _ := f.GetMergeCells(sheet)
		for _, m := range merged {
			fmt.Fprintf(&b, "merged %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		tables, _ := f.GetTables(sheet)
		for _, tb := range tables {
			fmt.Fprintf(&b, "table %s %s\n", tb.Name, tb.Range)
		}
		panes, _ := f.GetPanes(sheet)
		fmt.Fprintf(&b, "freeze %v %s\n", panes.Freeze, panes.TopLeftCell)
		l, _ := f.GetPageLayout(sheet)
		p, _ := f.GetSheetProps(sheet)
		fmt.Fprintf(&b, "print paper %v %v fitToPage %v wide %v tall %v scale %v\n", deref(l.Size), deref(l.Orientation), deref(p.FitToPage), deref(l.FitToWidth), deref(l.FitToHeight), deref(l.AdjustTo))
		if hf, _ := f.GetHeaderFooter(sheet); hf != nil {
			fmt.Fprintf(&b, "header %q footer %q\n", hf.OddHeader, hf.OddFooter)
		}
	}
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "defined %s %s %s\n", dn.Scope, dn.Name, dn.RefersTo)
	}
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var charts []string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			body, _ := io.ReadAll(rc)
			rc.Close()
			var refs []string
			for _, m := range regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`).FindAllStringSubmatch(string(body), -1) {
				refs = append(refs, strings.NewReplacer("&apos;", "'", "&#39;", "'").Replace(m[1]))
			}
			charts = append(charts, fmt.Sprintf("chart %s %s", zf.Name, strings.Join(refs, " ")))
		}
	}
	sort.Strings(charts)
	b.WriteString(strings.Join(charts, "\n") + "\n")
	return []byte(b.String()), []byte(d.String())
}

// storedDimensions reads the <dimension ref> of each worksheet part, in
// sheet order.
func storedDimensions(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := 1; ; i++ {
		var found bool
		for _, zf := range zr.File {
			if zf.Name == fmt.Sprintf("xl/worksheets/sheet%d.xml", i) {
				rc, _ := zf.Open()
				head := make([]byte, 16384)
				n, _ := io.ReadFull(rc, head)
				rc.Close()
				m := dimensionRef.FindSubmatch(head[:n])
				if m == nil {
					t.Fatalf("%s: no stored dimension", zf.Name)
				}
				out = append(out, string(m[1]))
				found = true
			}
		}
		if !found {
			return out
		}
	}
}

// TestOverzichtGolden: the overview of the example region, every sheet
// (regio_zaanstreek-waterland.dump) and every Data row (…_data.tsv).
func TestOverzichtGolden(t *testing.T) {
	all, data := overzichtDump(t, renderOverzicht(t, fixture.Regio(t, "../..")))
	golden.Check(t, "regio_zaanstreek-waterland.dump", all)
	golden.Check(t, "regio_zaanstreek-waterland_data.tsv", data)
}

func TestOverzichtDeterministic(t *testing.T) {
	o := fixture.Regio(t, "../..")
	if !bytes.Equal(renderOverzicht(t, o), renderOverzicht(t, o)) {
		t.Error("two renders of the same overview differ")
	}
}

// TestOverzichtWorkbook reads the overview as its users do: the total row
// holds 004's taakstelling (102), the Data sheet is a table named Data
// over exactly its rows, with the total's rows under the regio's name
// equal to the model, and every sheet stores its true used range.
func TestOverzichtWorkbook(t *testing.T) {
	o := fixture.Regio(t, "../..")
	data := renderOverzicht(t, o)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	rows, _ := f.GetRows(workbook.OverzichtSheetTabel, excelize.Options{RawCellValue: true})
	total := rows[len(rows)-1]
	if total[0] != "Totaal regio Zaanstreek-Waterland" || total[2] != "102" {
		t.Errorf("total row %v", total)
	}
	if len(rows) != 3+8+1 {
		t.Errorf("%d rows on %s", len(rows), workbook.OverzichtSheetTabel)
	}
	jaren, _ := f.GetRows(workbook.OverzichtSheetJaren, excelize.Options{RawCellValue: true})
	tot := jaren[len(jaren)-1]
	if tot[1] != "58" || tot[5] != "102" {
		t.Errorf("per jaar total %v: want taakstelling 58 (2017) and 102 (2018)", tot)
	}

	drows, err := f.GetRows(workbook.OverzichtSheetData, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(drows[0], ",") != strings.Join(workbook.DataColumns, ",") {
		t.Fatalf("header %v", drows[0])
	}
	tables, _ := f.GetTables(workbook.OverzichtSheetData)
	want := fmt.Sprintf("A1:G%d", len(drows))
	if len(tables) != 1 || tables[0].Name != "Data" || tables[0].Range != want {
		t.Errorf("tables %+v, want Data %s", tables, want)
	}
	dims := storedDimensions(t, data)
	if dims[3] != want {
		t.Errorf("Data dimension %s, want %s", dims[3], want)
	}
	for i, sheet := range f.GetSheetList() {
		if sheet == workbook.OverzichtSheetGrafiek {
			continue
		}
		cols, _ := f.GetCols(sheet)
		rs, _ := f.GetRows(sheet)
		end, _ := excelize.CoordinatesToCellName(len(cols), len(rs))
		if dims[i] != "A1:"+end {
			t.Errorf("%s: stored dimension %s, cells up to %s", sheet, dims[i], end)
		}
	}
	// The total's rows are the model's regional quarters, value for value.
	model := map[string]float64{}
	for _, q := range o.Quarters {
		for _, d := range report.Definitions {
			if v, ok := d.Value(q); ok {
				model[fmt.Sprintf("%d-K%d %s", q.Jaar, q.Kwartaal, d.Code)] = v
			}
		}
	}
	got := map[string]float64{}
	gemeenten := map[string]bool{}
	for _, r := range drows[1:] {
		gemeenten[r[0]] = true
		if r[0] != o.Naam {
			continue
		}
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			t.Fatalf("row %v: %v", r, err)
		}
		got[fmt.Sprintf("%s-K%s %s", r[2], r[3], r[4])] = v
	}
	if len(got) != len(model) || len(model) == 0 {
		t.Errorf("%d total rows, model %d", len(got), len(model))
	}
	for k, v := range model {
		if g, ok := got[k]; !ok || math.Abs(g-v) > 1e-9*math.Max(1, math.Abs(v)) { // Excel keeps 15 digits
			t.Errorf("%s: sheet %v, model %v", k, g, v)
		}
	}
	if len(gemeenten) != 9 {
		t.Errorf("Data names %d gemeenten and totals, want 8 + 1", len(gemeenten))
	}
}

// TestOverzichtMany: an overview of more than 20 gemeenten (a national set
// of 45) gets one chart per 20 gemeenten, covering each row once, and the
// neutral name.
func TestOverzichtMany(t *testing.T) {
	n := generator.National{Gemeenten: 45, LastYear: 2018, LastQuarter: 1, Scale: 0.2, Seed: 7}
	o, _ := fixture.National(t, n)
	data := renderOverzicht(t, o)
	all, _ := overzichtDump(t, data)
	var charts []string
	for _, l := range strings.Split(string(all), "\n") {
		if strings.HasPrefix(l, "chart ") {
			charts = append(charts, strings.Fields(l)[3]) // the first series' categories
		}
	}
	want := []string{"'Overzicht'!$A$4:$A$23", "'Overzicht'!$A$24:$A$43", "'Overzicht'!$A$44:$A$48"}
	sort.Strings(charts)
	sort.Strings(want)
	if strings.Join(charts, " ") != strings.Join(want, " ") {
		t.Errorf("charts over %v, want %v", charts, want)
	}
	if !strings.Contains(string(all), "A1\ts\tOverzicht beschut werk alle gemeenten: stand op 31-03-2018") {
		t.Error("no neutral title")
	}
}

// TestOverzichtPrintSetup: the overview prints as the gemeente workbook
// does (issue 13): every sheet on A4 with a header naming the overview, the
// peildatum and the sheet and a footer "pagina X van Y"; the Data sheet one
// page wide with its header row on every page (not in column bands over a
// hundred pages); no merged cells.
func TestOverzichtPrintSetup(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(renderOverzicht(t, fixture.Regio(t, "../.."))))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	titles := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	for _, s := range f.GetSheetList() {
		l, err := f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := f.GetSheetProps(s)
		if deref(l.Size) != 9 || deref(l.FitToWidth) != 1 || deref(p.FitToPage) != true {
			t.Errorf("%s: paper %v, fit to width %v, fitToPage %v; want A4 (9), 1, true", s, deref(l.Size), deref(l.FitToWidth), deref(p.FitToPage))
		}
		hf, _ := f.GetHeaderFooter(s)
		if hf == nil || !strings.Contains(hf.OddHeader, "Zaanstreek-Waterland") || !strings.Contains(hf.OddHeader, "31-12-2018") || !strings.Contains(hf.OddHeader, "&A") || hf.OddFooter != "&Cpagina &P van &N" {
			t.Errorf("%s: header/footer %+v", s, hf)
		}
		merged, _ := f.GetMergeCells(s)
		if len(merged) > 0 {
			t.Errorf("%s: %d merged ranges, want none", s, len(merged))
		}
	}
	if want := "'Per jaar'!$3:$4"; titles[workbook.OverzichtSheetJaren] != want {
		t.Errorf("Per jaar print titles %q, want %q (the header rows, not the title)", titles[workbook.OverzichtSheetJaren], want)
	}
	if want := "'Data'!$1:$1"; titles[workbook.OverzichtSheetData] != want {
		t.Errorf("Data print titles %q, want %q", titles[workbook.OverzichtSheetData], want)
	}
	if l, _ := f.GetPageLayout(workbook.OverzichtSheetData); deref(l.Orientation) != "portrait" {
		t.Errorf("Data: %v, want portrait (seven narrow columns)", deref(l.Orientation))
	}
}

// TestOverzichtChartsLegible: the gemeente names and the scale of the
// overview's charts print dark, as on the gemeente workbook's charts
// (excelize's default axis text came out light grey on paper).
func TestOverzichtChartsLegible(t *testing.T) {
	n := 0
	axis := regexp.MustCompile(`<(catAx|valAx)>.*?</(?:catAx|valAx)>`)
	for name, body := range parts(t, renderOverzicht(t, fixture.Regio(t, "../.."))) {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		for _, m := range axis.FindAllStringSubmatch(string(body), -1) {
			n++
			if !strings.Contains(m[0], `srgbClr val="404040"`) {
				t.Errorf("%s: %s text not dark (404040)", name, m[1])
			}
		}
	}
	if n != 2 {
		t.Errorf("%d chart axes, want 2", n)
	}
}

// TestOverzichtManyYearsTitle: with more than three years Per jaar prints
// over pages across with column A repeated; its title wraps inside column
// A, in a row high enough for it, so each page shows it whole. (Running on
// to the right, it showed cut to column A on the second page.)
func TestOverzichtManyYearsTitle(t *testing.T) {
	n := generator.National{Gemeenten: 2, LastYear: 2020, LastQuarter: 1, Scale: 0.2, Seed: 7}
	o, _ := fixture.National(t, n)
	if len(o.Jaren) <= 3 {
		t.Fatalf("%d years, want more than 3", len(o.Jaren))
	}
	f, err := excelize.OpenReader(bytes.NewReader(renderOverzicht(t, o)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := workbook.OverzichtSheetJaren
	title, _ := f.GetCellValue(s, "A1")
	width, _ := f.GetColWidth(s, "A")
	height, _ := f.GetRowHeight(s, 1)
	style, _ := f.GetCellStyle(s, "A1")
	st, _ := f.GetStyle(style)
	if st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("Per jaar A1 %q does not wrap", title)
	}
	// 14 pt bold: at least 18 pt a line, about width×11/14 characters a line.
	lines := math.Ceil(float64(len([]rune(title))) / (width * 11 / 14))
	if height < lines*18 {
		t.Errorf("Per jaar row 1 is %v pt for %q in %v wide, want at least %v lines", height, title, width, lines)
	}
}
