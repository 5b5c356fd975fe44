package workbook_test

import (
	"archive/zip"
	"beschut/internal/value"
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"beschut/ingest"
	"beschut/internal/fixture"
	"beschut/internal/golden"
	"beschut/report"
	"beschut/report/workbook"
	"beschut/samples"
	"beschut/samples/generate/generator"
)

func render(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func renderSignalen(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.WriteSignalen(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

var nota = time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)

// generated are the reports of a generated history of three gemeenten that
// have no settings in the parameters file (not Deventer, no SW-bedrijf
// named): the multi-gemeente run.
func generated(t testing.TB) []*report.Report {
	t.Helper()
	n := generator.National{Gemeenten: 3, LastYear: 2019, LastQuarter: 2, Scale: 1, Seed: 7}
	files, err := generator.GenerateNational(t.TempDir(), n)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ingest.ReadPaths(files)
	if err != nil {
		t.Fatal(err)
	}
	p, err := report.ParseParams("nationaal", generator.NationalParams(n))
	if err != nil {
		t.Fatal(err)
	}
	var out []*report.Report
	for _, g := range h.Gemeenten() {
		r, err := report.Build(h.Of(g), g, time.Time{}, p, h.Warnings)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if len(out) != 3 {
		t.Fatalf("%d gemeenten generated, want 3", len(out))
	}
	return out
}

// TestGoldenDump: a text dump of every sheet — cell values, types, number
// formats, row heights, merged ranges, tables, stored dimensions, freeze
// panes, print setup, and the charts' ranges, axis and language — re-read
// with excelize.
func TestGoldenDump(t *testing.T) {
	for name, peil := range map[string]time.Time{"deventer_2023-K2": {}, "deventer_2022-K4": nota} {
		t.Run(name, func(t *testing.T) {
			golden.Check(t, name+".dump", dump(t, render(t, fixture.Report(t, peil))))
		})
	}
	t.Run("signalen", func(t *testing.T) {
		golden.Check(t, "deventer_2023-K2_signalen.dump", dump(t, renderSignalen(t, fixture.Report(t, time.Time{}))))
	})
}

func dump(t *testing.T, data []byte) []byte {
	t.Helper()
	f := open(t, data)
	var b strings.Builder
	props, _ := f.GetDocProps()
	fmt.Fprintf(&b, "docprops title=%q subject=%q creator=%q keywords=%q description=%q category=%q language=%q created=%s\n",
		props.Title, props.Subject, props.Creator, props.Keywords, props.Description, props.Category, props.Language, props.Created)
	fmt.Fprintf(&b, "active sheet %d\n", f.GetActiveSheetIndex())
	names := f.GetDefinedName()
	sort.Slice(names, func(i, j int) bool { return names[i].Scope+names[i].Name < names[j].Scope+names[j].Name })
	for _, n := range names {
		fmt.Fprintf(&b, "defined name %s scope=%q %s\n", n.Name, n.Scope, n.RefersTo)
	}
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "\n== sheet %s\n", sheet)
		dim, _ := f.GetSheetDimension(sheet)
		fmt.Fprintf(&b, "dimension %s\n", dim)
		// Column widths: a column too narrow cuts a text on paper.
		if _, last, ok := strings.Cut(dim, ":"); ok {
			cols, _, _ := excelize.CellNameToCoordinates(last)
			var ws []string
			for c := 1; c <= cols; c++ {
				name, _ := excelize.ColumnNumberToName(c)
				w, _ := f.GetColWidth(sheet, name)
				ws = append(ws, strconv.FormatFloat(w, 'f', -1, 64))
			}
			fmt.Fprintf(&b, "column widths %s\n", strings.Join(ws, " "))
		}
		if brk := colBreaks(t, data, sheet); len(brk) > 0 {
			fmt.Fprintf(&b, "column breaks before %s\n", strings.Join(brk, " "))
		}
		layout, _ := f.GetPageLayout(sheet)
		props, _ := f.GetSheetProps(sheet)
		fmt.Fprintf(&b, "print paper=%v orientation=%v fitToPage=%v fitToWidth=%v fitToHeight=%v scale=%v\n",
			deref(layout.Size), deref(layout.Orientation), deref(props.FitToPage), deref(layout.FitToWidth), deref(layout.FitToHeight), deref(layout.AdjustTo))
		if hf, _ := f.GetHeaderFooter(sheet); hf != nil {
			fmt.Fprintf(&b, "header %q\nfooter %q\n", hf.OddHeader, hf.OddFooter)
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for ri, row := range rows {
			if h, _ := f.GetRowHeight(sheet, ri+1); h != 15 {
				fmt.Fprintf(&b, "row %d height %v\n", ri+1, h)
			}
			for ci, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				typ, _ := f.GetCellType(sheet, ref)
				fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", ref, cellType(typ), v, numFmt(f, sheet, ref))
			}
		}
		merged, _ := f.GetMergeCells(sheet)
		for _, m := range merged {
			fmt.Fprintf(&b, "merged %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
		}
		tables, _ := f.GetTables(sheet)
		for _, tb := range tables {
			fmt.Fprintf(&b, "table %s %s %s\n", tb.Name, tb.Range, tb.StyleName)
		}
		panes, _ := f.GetPanes(sheet)
		fmt.Fprintf(&b, "freeze %v %s\n", panes.Freeze, panes.TopLeftCell)
	}
	for _, c := range charts(t, data) {
		b.WriteString(c + "\n")
	}
	return []byte(b.String())
}

func deref[T any](p *T) any {
	if p == nil {
		return "-"
	}
	return *p
}

func numFmt(f *excelize.File, sheet, ref string) string {
	style, _ := f.GetCellStyle(sheet, ref)
	if st, err := f.GetStyle(style); err == nil && st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return ""
}

func cellType(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		return "n"
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return "s"
	case excelize.CellTypeDate:
		return "d"
	}
	return fmt.Sprint(t)
}

var (
	formulaRef = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	chartLang  = regexp.MustCompile(`<(?:c:)?lang val="([^"]*)"`)
	labelSkip  = regexp.MustCompile(`<(?:c:)?tickLblSkip val="([^"]*)"`)
)

// parts returns every part of a workbook, decompressed, by name.
func parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = body
	}
	return out
}

// charts lists per chart part the ranges it refers to, its language and
// its category axis label skip.
func charts(t *testing.T, data []byte) []string {
	var out []string
	for name, body := range parts(t, data) {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		var refs []string
		for _, m := range formulaRef.FindAllStringSubmatch(string(body), -1) {
			refs = append(refs, strings.NewReplacer("&apos;", "'", "&#39;", "'").Replace(m[1]))
		}
		lang, skip := "-", "-"
		if m := chartLang.FindStringSubmatch(string(body)); m != nil {
			lang = m[1]
		}
		if m := labelSkip.FindStringSubmatch(string(body)); m != nil {
			skip = m[1]
		}
		out = append(out, fmt.Sprintf("chart %s lang=%s tickLblSkip=%s %s", name, lang, skip, strings.Join(refs, " ")))
	}
	sort.Strings(out)
	return out
}

// TestChartsDutch: charts declare nl-NL, nothing says en-US, and every
// series is named by a Dutch label from the indicator registry, not a code.
func TestChartsDutch(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	data := render(t, r)
	f := open(t, data)
	labels := map[string]bool{}
	for _, d := range report.Definitions {
		labels[d.LabelFor(r.Settings)] = true
	}
	labels["Begroting"], labels["Realisatie (2023 t/m K2)"], labels["Prognose (nota)"] = true, true, true
	n := 0
	for name, body := range parts(t, data) {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		n++
		if m := chartLang.FindStringSubmatch(string(body)); m == nil || m[1] != "nl-NL" {
			t.Errorf("%s: language %v, want nl-NL", name, m)
		}
		if bytes.Contains(body, []byte("en-US")) {
			t.Errorf("%s still says en-US", name)
		}
		// Series names: <tx><strRef><f>sheet!$X$1</f>.
		for _, m := range regexp.MustCompile(`<tx><strRef><f>([^<]*)</f>`).FindAllStringSubmatch(string(body), -1) {
			ref := strings.NewReplacer("&apos;", "'", "&#39;", "'", "$", "").Replace(m[1])
			sheet, cell, _ := strings.Cut(ref, "!")
			v, err := f.GetCellValue(strings.Trim(sheet, "'"), cell)
			if err != nil || !labels[v] {
				t.Errorf("%s: series named by %s = %q, not a Dutch label", name, ref, v)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d charts, want 2", n)
	}
}

// TestQuarterLabels: the quarter axis reads "2023 K2", and the Overzicht
// chart thins it to one label a year.
func TestQuarterLabels(t *testing.T) {
	f := open(t, render(t, fixture.Report(t, time.Time{})))
	for _, ref := range []string{"A3", "A28"} {
		v, _ := f.GetCellValue(workbook.SheetKwartalen, ref)
		if !regexp.MustCompile(`^20\d\d K[1-4]$`).MatchString(v) {
			t.Errorf("Kwartalen %s = %q, want like 2023 K2", ref, v)
		}
	}
	if v, _ := f.GetCellValue(workbook.SheetKwartalen, "A28"); v != "2023 K2" {
		t.Errorf("last quarter label %q", v)
	}
}

// TestDimensions: every sheet's stored dimension is exactly the range of
// the cells in its XML, for the sheets written through the cell API and
// the streamed ones, and excelize's streaming row iterator sees what its
// full reader sees.
func TestDimensions(t *testing.T) {
	docs := map[string][]byte{
		"deventer":          render(t, fixture.Report(t, time.Time{})),
		"deventer_signalen": renderSignalen(t, fixture.Report(t, time.Time{})),
	}
	for i, r := range generated(t) {
		docs[fmt.Sprintf("generated_%d", i)] = render(t, r)
	}
	for name, data := range docs {
		f := open(t, data)
		p := parts(t, data)
		for i, sheet := range f.GetSheetList() {
			stored, raw := rawDimension(t, p[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)])
			if stored != raw {
				t.Errorf("%s %s: stored dimension %s, cells span %s", name, sheet, stored, raw)
			}
			full, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			it, err := f.Rows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			var streamed [][]string
			for it.Next() {
				row, err := it.Columns()
				if err != nil {
					t.Fatal(err)
				}
				streamed = append(streamed, row)
			}
			it.Close()
			for len(streamed) > 0 && len(streamed[len(streamed)-1]) == 0 {
				streamed = streamed[:len(streamed)-1]
			}
			if fmt.Sprint(full) != fmt.Sprint(streamed) {
				t.Errorf("%s %s: the row iterator sees %d rows, the full reader %d", name, sheet, len(streamed), len(full))
			}
		}
	}
}

// rawDimension reads a worksheet's XML: the stored dimension, and the range
// its cells really span.
func rawDimension(t *testing.T, body []byte) (stored, span string) {
	t.Helper()
	if body == nil {
		t.Fatal("worksheet part missing")
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	cols, rows := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			switch {
			case se.Name.Local == "dimension" && a.Name.Local == "ref":
				stored = a.Value
			case se.Name.Local == "c" && a.Name.Local == "r":
				c, r, err := excelize.CellNameToCoordinates(a.Value)
				if err != nil {
					t.Fatal(err)
				}
				cols, rows = max(cols, c), max(rows, r)
			}
		}
	}
	span = "A1"
	if cols > 0 {
		last, _ := excelize.CoordinatesToCellName(cols, rows)
		span = "A1:" + last
	}
	return stored, span
}

// TestPrintSetup: every sheet prints on A4, one page wide (Kwartalen in
// column groups at a readable scale, at least 75 %), with its header rows
// repeated, and a header and footer naming the gemeente, the peildatum,
// the sheet and "pagina X van Y"; Overzicht and Tabel 1 print on one page.
func TestPrintSetup(t *testing.T) {
	f := open(t, render(t, fixture.Report(t, time.Time{})))
	titles := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	onePage := map[string]bool{workbook.SheetOverzicht: true, workbook.SheetTabel1: true, workbook.SheetKostprijs: true, workbook.SheetKosten: true}
	landscape := map[string]bool{workbook.SheetKwartalen: true, workbook.SheetStroom: true, workbook.SheetKosten: true, workbook.SheetTabel1: true, workbook.SheetToelichting: true}
	for _, s := range f.GetSheetList() {
		l, err := f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		hf, _ := f.GetHeaderFooter(s)
		if hf == nil || !strings.Contains(hf.OddHeader, "Deventer") || !strings.Contains(hf.OddHeader, "30-06-2023") || !strings.Contains(hf.OddHeader, "&A") || hf.OddFooter != "&Cpagina &P van &N" {
			t.Errorf("%s: header/footer %+v", s, hf)
		}
		p, _ := f.GetSheetProps(s)
		if s == workbook.SheetKwartalen {
			// Printed in column groups at 75 % or more, column A and the header
			// rows on every page (TestKwartalenPrint).
			if deref(l.Size) != 9 || l.AdjustTo == nil || *l.AdjustTo < 75 || deref(p.FitToPage) == true || deref(l.Orientation) != "landscape" {
				t.Errorf("%s: paper %v, scale %v, fitToPage %v, %v; want A4 (9), at least 75, not fitted, landscape", s, deref(l.Size), deref(l.AdjustTo), deref(p.FitToPage), deref(l.Orientation))
			}
			if want := "'Kwartalen'!$A:$A,'Kwartalen'!$1:$2"; titles[s] != want {
				t.Errorf("%s: print titles %q, want %q", s, titles[s], want)
			}
			continue
		}
		if deref(l.Size) != 9 || deref(l.FitToWidth) != 1 || deref(p.FitToPage) != true {
			t.Errorf("%s: paper %v, fit to width %v, fitToPage %v; want A4 (9), 1, true", s, deref(l.Size), deref(l.FitToWidth), deref(p.FitToPage))
		}
		wantTall := 0
		if onePage[s] {
			wantTall = 1
		}
		if deref(l.FitToHeight) != wantTall {
			t.Errorf("%s: fit to height %v, want %d", s, deref(l.FitToHeight), wantTall)
		}
		wantOrient := "portrait"
		if landscape[s] {
			wantOrient = "landscape"
		}
		if deref(l.Orientation) != wantOrient {
			t.Errorf("%s: %v, want %s", s, deref(l.Orientation), wantOrient)
		}
		if !regexp.MustCompile(`^'` + regexp.QuoteMeta(s) + `'!\$\d+:\$\d+$`).MatchString(titles[s]) {
			t.Errorf("%s: print titles %q", s, titles[s])
		}
	}
}

// TestHeaderHeights: wrapped header rows are high enough for their longest
// label, and single-line rows keep the default height.
func TestHeaderHeights(t *testing.T) {
	f := open(t, render(t, fixture.Report(t, time.Time{})))
	for _, c := range []struct {
		sheet string
		row   int
		lines int
	}{
		{workbook.SheetStroom, 1, 2},    // "Uitstroom dagbesteding" in 15 wide: two lines
		{workbook.SheetKosten, 1, 2},    // "Loonkostensubsidie kwartaal"
		{workbook.SheetKwartalen, 1, 4}, // "Dienstverband bij andere werkgever" in 10 wide
		{workbook.SheetData, 1, 1},
	} {
		h, _ := f.GetRowHeight(c.sheet, c.row)
		if h < float64(c.lines)*15 || (c.lines == 1 && h != 15) {
			t.Errorf("%s row %d: height %v, want room for %d lines", c.sheet, c.row, h, c.lines)
		}
	}
}

// dataRow is one row of the Data table as finance reads it.
type dataRow struct {
	peildatum time.Time
	jaar      int
	kwartaal  int // 0: empty
	code      string
	waarde    float64
	eenheid   string
}

// readData reads the Data table as finance's import does: it finds the
// table by its name (not the sheet), checks the header, and reads typed
// values: dates as date cells, numbers as number cells.
func readData(t *testing.T, f *excelize.File, gemeente string) []dataRow {
	t.Helper()
	var tb *excelize.Table
	for _, s := range f.GetSheetList() {
		tables, _ := f.GetTables(s)
		for i := range tables {
			if tables[i].Name == workbook.DataTable {
				if s != workbook.SheetData || tb != nil {
					t.Fatalf("table Data on sheet %s (or twice)", s)
				}
				tb = &tables[i]
			}
		}
	}
	if tb == nil {
		t.Fatal("no table named Data")
	}
	from, to, _ := strings.Cut(tb.Range, ":")
	c1, r1, _ := excelize.CellNameToCoordinates(from)
	c2, r2, _ := excelize.CellNameToCoordinates(to)
	if c1 != 1 || r1 != 1 || c2 != len(workbook.DataColumns) {
		t.Fatalf("table Data spans %s", tb.Range)
	}
	rows, err := f.GetRows(workbook.SheetData, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != r2 {
		t.Fatalf("table Data ends at row %d, the sheet at row %d", r2, len(rows))
	}
	if strings.Join(rows[0], ",") != strings.Join(workbook.DataColumns, ",") {
		t.Fatalf("header %v", rows[0])
	}
	var out []dataRow
	for i, row := range rows[1:] {
		line := i + 2
		for len(row) < 7 {
			row = append(row, "")
		}
		get := func(col int, date bool) (float64, bool) {
			ref, _ := excelize.CoordinatesToCellName(col+1, line)
			if row[col] == "" {
				return 0, false
			}
			if typ, _ := f.GetCellType(workbook.SheetData, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Fatalf("%s: %s is not a number cell (type %v)", ref, workbook.DataColumns[col], typ)
			}
			if date && numFmt(f, workbook.SheetData, ref) != "dd-mm-yyyy" {
				t.Fatalf("%s: peildatum not shown dd-mm-jjjj", ref)
			}
			v, err := strconv.ParseFloat(row[col], 64)
			if err != nil {
				t.Fatalf("%s: %q", ref, row[col])
			}
			return v, true
		}
		serial, ok := get(1, true)
		if !ok {
			t.Fatalf("row %d: no peildatum", line)
		}
		peil, _ := excelize.ExcelDateToTime(serial, false)
		jaar, ok1 := get(2, false)
		kwartaal, _ := get(3, false)
		waarde, ok2 := get(5, false)
		if !ok1 || !ok2 || row[0] != gemeente || row[4] == "" || row[6] == "" {
			t.Fatalf("row %d incomplete: %v", line, row)
		}
		out = append(out, dataRow{peil, int(jaar), int(kwartaal), row[4], waarde, row[6]})
	}
	return out
}

// TestDataImport reads Data as finance does and finds exactly the model's
// figures: every indicator of every peildatum, and the report-level rows
// (meerjarenprognose, kostprijsmodel, taakstelling per jaar, signal counts).
func TestDataImport(t *testing.T) {
	for _, peil := range []time.Time{nota, {}} {
		r := fixture.Report(t, peil)
		got := map[string]dataRow{}
		for _, d := range readData(t, open(t, render(t, r)), "Deventer") {
			key := fmt.Sprintf("%s %d %d %s", value.FormatDate(d.peildatum), d.jaar, d.kwartaal, d.code)
			if _, dup := got[key]; dup {
				t.Fatalf("%s twice", key)
			}
			def, ok := report.DefinitionOf(d.code)
			if !ok || string(def.Unit) != d.eenheid {
				t.Fatalf("%s: unknown code or unit %s", key, d.eenheid)
			}
			got[key] = d
		}
		want := map[string]float64{}
		for _, q := range r.Quarters {
			for _, d := range report.Definitions {
				if v, ok := d.Value(q); ok {
					want[fmt.Sprintf("%s %d %d %s", value.FormatDate(q.Peildatum), q.Jaar, q.Kwartaal, d.Code)] = v
				}
			}
		}
		for _, fig := range r.Figures() {
			want[fmt.Sprintf("%s %d %d %s", value.FormatDate(r.Peildatum), fig.Jaar, fig.Kwartaal, fig.Code)] = fig.Value
		}
		for k, v := range want {
			if g, ok := got[k]; !ok {
				t.Errorf("%s missing", k)
			} else if math.Abs(g.waarde-v) > 1e-9 {
				t.Errorf("%s = %v, model %v", k, g.waarde, v)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s in Data, not in the model", k)
			}
		}
	}
	// The nota's figures, as finance finds them.
	r := fixture.Report(t, nota)
	rows := readData(t, open(t, render(t, r)), "Deventer")
	find := func(code string, jaar, kwartaal int) (float64, bool) {
		for _, d := range rows {
			if d.code == code && d.jaar == jaar && d.kwartaal == kwartaal {
				return d.waarde, true
			}
		}
		return 0, false
	}
	for _, c := range []struct {
		code           string
		jaar, kwartaal int
		v              float64
	}{
		{"in_traject", 2022, 4, 48}, {"betaald_dienstverband", 2022, 4, 37}, {"dienstverband_konnected", 2022, 4, 29}, {"taakstelling", 2022, 4, 110},
		{"meerjarenprognose_aantal_eind_jaar", 2022, 0, 48}, {"meerjarenprognose_begeleiding", 2023, 0, 338634}, {"meerjarenprognose_begeleiding", 2024, 0, 413886},
		{"meerjarenprognose_begeleiding", 2025, 0, 489138}, {"meerjarenprognose_begeleiding", 2026, 0, 564390}, {"meerjarenprognose_nieuwe_instroom", 2026, 0, 12},
		{"meerjarenprognose_aantal_eind_jaar", 2026, 0, 96}, {"taakstelling_jaar", 2023, 0, 119},
	} {
		if v, ok := find(c.code, c.jaar, c.kwartaal); !ok || v != c.v {
			t.Errorf("%s %d K%d = %v (present %v), nota %v", c.code, c.jaar, c.kwartaal, v, ok, c.v)
		}
	}
}

// TestDataHoldsEveryFigure: every number another sheet shows is a waarde
// in Data (or, for a year, quarter or date, one of its key columns), so
// finance never retypes a figure.
func TestDataHoldsEveryFigure(t *testing.T) {
	for _, peil := range []time.Time{nota, {}} {
		r := fixture.Report(t, peil)
		f := open(t, render(t, r))
		rows := readData(t, f, "Deventer")
		waarden, keys := map[string]bool{}, map[string]bool{}
		for _, d := range rows {
			waarden[strconv.FormatFloat(d.waarde, 'f', 6, 64)] = true
			keys[strconv.Itoa(d.jaar)], keys[strconv.Itoa(d.kwartaal)] = true, true
		}
		peildatums := map[string]bool{}
		for _, q := range r.Quarters {
			peildatums[value.FormatDate(q.Peildatum)] = true
		}
		checked := 0
		for _, s := range f.GetSheetList() {
			if s == workbook.SheetData || s == workbook.SheetToelichting {
				continue // Toelichting: file sizes and row counts of the sources, not figures
			}
			all, _ := f.GetRows(s, excelize.Options{RawCellValue: true})
			for ri, row := range all {
				for ci, v := range row {
					ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
					typ, _ := f.GetCellType(s, ref)
					if v == "" || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
						continue
					}
					x, err := strconv.ParseFloat(v, 64)
					if err != nil {
						continue
					}
					checked++
					format := numFmt(f, s, ref)
					switch {
					case format == "dd-mm-yyyy":
						day, _ := excelize.ExcelDateToTime(x, false)
						if !peildatums[value.FormatDate(day)] {
							t.Errorf("%s!%s: date %s is no peildatum of Data", s, ref, value.FormatDate(day))
						}
					case waarden[strconv.FormatFloat(x, 'f', 6, 64)]:
					case x == math.Trunc(x) && keys[v] && (x <= 4 || x >= 2000):
					default:
						t.Errorf("%s!%s: %v is not in Data", s, ref, x)
					}
				}
			}
		}
		if checked < 500 {
			t.Errorf("only %d numbers checked", checked)
		}
	}
}

// TestTabel1Sheet: as of 31-12-2022 the Tabel 1 sheet equals the nota's
// table; the years are numbers.
func TestTabel1Sheet(t *testing.T) {
	f := open(t, render(t, fixture.Report(t, nota)))
	rows, _ := f.GetRows(workbook.SheetTabel1)
	want := [][]string{
		{"Jaar", "2017", "2018", "2019", "2020", "2021", "2022", "2023"},
		{"Taakstelling Rijk", "28", "53", "69", "86", "99", "110", "119"},
		{"In traject (dienstverband, proefplaatsing of stage)", "12", "17", "22", "22", "36", "48", "ntb"},
		{"In betaald dienstverband", "4", "11", "13", "14", "29", "37", "ntb"},
	}
	got := [][]string{rows[2], rows[4], rows[5], rows[6]}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, nota %q", i, got[i], want[i])
		}
	}
	if typ, _ := f.GetCellType(workbook.SheetTabel1, "B3"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("the year 2017 is text")
	}
}

// TestYearsAreNumbers: the Kosten sheet's years are number cells, the
// running year shown as "2023 (t/m K2)" by its format, and the chart shows
// its realisatie up to the peildatum.
func TestYearsAreNumbers(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	f := open(t, render(t, r))
	rows, _ := f.GetRows(workbook.SheetKosten)
	partial := 0
	for ri, row := range rows {
		if len(row) == 0 || !regexp.MustCompile(`^20\d\d( \(t/m K[1-3]\))?$`).MatchString(row[0]) {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(1, ri+1)
		if typ, _ := f.GetCellType(workbook.SheetKosten, ref); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("Kosten!%s: year %q is text", ref, row[0])
		}
		if row[0] == "2023 (t/m K2)" {
			partial++
			want := r.Current.BegeleidingJaarTotNu.V.Euros()
			raw, _ := f.GetCellValue(workbook.SheetKosten, "C"+strconv.Itoa(ri+1), excelize.Options{RawCellValue: true})
			if v, _ := strconv.ParseFloat(raw, 64); v != want {
				t.Errorf("realisatie 2023 t/m K2 = %v, want %v", v, want)
			}
		}
	}
	if partial != 1 {
		t.Errorf("%d rows show 2023 (t/m K2), want 1", partial)
	}
}

// TestNoClientnummer: the workbook holds no clientnummer of the samples, in
// any cell, shared string or other part; the confidential file does (so the
// search would find one).
func TestNoClientnummer(t *testing.T) {
	h, err := ingest.ReadFS(samples.Exports, "samples/")
	if err != nil {
		t.Fatal(err)
	}
	clients := map[string]bool{}
	for _, s := range h.Snapshots {
		for _, rec := range s.Records {
			clients[rec.Clientnummer] = true
		}
	}
	if len(clients) < 50 {
		t.Fatalf("only %d clientnummers in the samples", len(clients))
	}
	search := func(data []byte) map[string]bool {
		found := map[string]bool{}
		for name, body := range parts(t, data) {
			for c := range clients {
				if bytes.Contains(body, []byte(c)) {
					found[c+" in "+name] = true
				}
			}
		}
		return found
	}
	for _, peil := range []time.Time{nota, {}} {
		r := fixture.Report(t, peil)
		if found := search(render(t, r)); len(found) > 0 {
			t.Errorf("workbook %s holds clientnummers: %v", value.FormatDate(r.Peildatum), found)
		}
		persons := len(r.Signalen.LoonwaardeOnder30) + len(r.Signalen.Verdwenen) + len(r.Signalen.Terugval)
		if persons == 0 {
			t.Fatalf("%s: no person signals, the test shows nothing", value.FormatDate(r.Peildatum))
		}
		if found := search(renderSignalen(t, r)); len(found) < persons {
			t.Errorf("the confidential file holds %d clientnummers, want at least %d", len(found), persons)
		}
	}
}

// TestSignalenFile: the confidential file says so in its first row and its
// properties, and lists exactly the model's persons.
func TestSignalenFile(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	f := open(t, renderSignalen(t, r))
	if s := f.GetSheetList(); len(s) != 1 {
		t.Fatalf("sheets %v", s)
	}
	if v, _ := f.GetCellValue(workbook.SheetSignalen, "A1"); v != "VERTROUWELIJK — alleen voor de uitvoering" {
		t.Errorf("A1 = %q", v)
	}
	props, _ := f.GetDocProps()
	if !strings.HasPrefix(props.Title, "VERTROUWELIJK") || props.Category != "Vertrouwelijk" || !strings.Contains(props.Description, "VERTROUWELIJK") {
		t.Errorf("properties %+v", props)
	}
	hf, _ := f.GetHeaderFooter(workbook.SheetSignalen)
	if hf == nil || !strings.Contains(hf.OddHeader, "VERTROUWELIJK") {
		t.Errorf("print header %+v", hf)
	}
	rows, _ := f.GetRows(workbook.SheetSignalen)
	var listed []string
	for _, row := range rows {
		if len(row) > 0 && regexp.MustCompile(`^[A-Z]+-?\d+$`).MatchString(row[0]) {
			listed = append(listed, row[0])
		}
	}
	var want []string
	for _, l := range [][]report.PersonSignal{r.Signalen.LoonwaardeOnder30, r.Signalen.Verdwenen, r.Signalen.Terugval} {
		for _, p := range l {
			want = append(want, p.Clientnummer)
		}
	}
	if strings.Join(listed, ",") != strings.Join(want, ",") {
		t.Errorf("listed %v, model %v", listed, want)
	}
}

// TestSignalenCounts: the workbook's Signalen sheet shows the counts.
func TestSignalenCounts(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	f := open(t, render(t, r))
	rows, _ := f.GetRows(workbook.SheetSignalen)
	got := map[string]string{}
	for _, row := range rows {
		if len(row) == 2 {
			got[row[0]] = row[1]
		}
	}
	if got["Loonwaarde onder 30%: herindicatie of dagbesteding bespreken"] != strconv.Itoa(len(r.Signalen.LoonwaardeOnder30)) ||
		got["Stap terug in fase"] != strconv.Itoa(len(r.Signalen.Terugval)) {
		t.Errorf("counts %v", got)
	}
}

// TestOtherGemeente: a gemeente without settings gets neutral words: no
// KonnecteD, no Deventer verordening or raadsvoorstel number, anywhere.
func TestOtherGemeente(t *testing.T) {
	for _, r := range generated(t) {
		for _, doc := range [][]byte{render(t, r), renderSignalen(t, r)} {
			all := parts(t, doc)
			for name, body := range all {
				// Case matters: the code dienstverband_konnected is fixed
				// (codes are never renamed); the name KonnecteD is not.
				for _, w := range []string{"KonnecteD", "2023-502", "Deventer"} {
					if bytes.Contains(body, []byte(w)) {
						t.Errorf("%s %s: %q", r.Gemeente, name, w)
					}
				}
				if bytes.Contains(bytes.ToLower(body), []byte("verordening")) {
					t.Errorf("%s %s: verordening", r.Gemeente, name)
				}
			}
			var text []byte
			for _, body := range all {
				text = append(text, body...)
			}
			if !bytes.Contains(text, []byte("het SW-bedrijf")) || !bytes.Contains(text, []byte(r.Gemeente)) {
				t.Errorf("%s: neither the neutral word nor the gemeente's name", r.Gemeente)
			}
		}
	}
}

// TestDeterministic: the same report gives byte-identical workbooks, though
// excelize writes its streamed parts in map order.
func TestDeterministic(t *testing.T) {
	for i := 0; i < 3; i++ {
		a, b := sha256.Sum256(render(t, fixture.Report(t, time.Time{}))), sha256.Sum256(render(t, fixture.Report(t, time.Time{})))
		if a != b {
			t.Fatal("two renders of the same report differ")
		}
		a, b = sha256.Sum256(renderSignalen(t, fixture.Report(t, time.Time{}))), sha256.Sum256(renderSignalen(t, fixture.Report(t, time.Time{})))
		if a != b {
			t.Fatal("two renders of the same signal file differ")
		}
	}
}

// TestToelichtingListsEveryCode: the Toelichting explains every code Data
// can hold, per-quarter and report-level.
func TestToelichtingListsEveryCode(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	f := open(t, render(t, r))
	rows, _ := f.GetRows(workbook.SheetToelichting)
	listed := map[string]string{}
	for _, row := range rows {
		if len(row) < 3 {
			continue
		}
		if _, seen := listed[row[0]]; !seen { // the parameters block below reuses some keys
			listed[row[0]] = row[1]
		}
	}
	for _, d := range append(append([]report.Definition{}, report.Definitions...), report.FigureDefinitions...) {
		if text := listed[d.Code]; !strings.HasPrefix(text, d.LabelFor(r.Settings)+": ") || len(text) < len(d.LabelFor(r.Settings))+10 {
			t.Errorf("Toelichting: %s explained as %q", d.Code, text)
		}
	}
	for _, d := range readData(t, f, "Deventer") {
		if _, ok := listed[d.code]; !ok {
			t.Errorf("Data code %s not in the Toelichting", d.code)
		}
	}
}

// TestKwartalenHeaders: Kwartalen shows Dutch labels in row 1 and the codes
// in row 2, which is the header of the table Kwartalen.
func TestKwartalenHeaders(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	f := open(t, render(t, r))
	rows, _ := f.GetRows(workbook.SheetKwartalen)
	tables, _ := f.GetTables(workbook.SheetKwartalen)
	if len(tables) != 1 || tables[0].Name != "Kwartalen" || !strings.HasPrefix(tables[0].Range, "A2:") {
		t.Fatalf("tables %+v", tables)
	}
	for i, d := range report.Definitions {
		if rows[0][4+i] != d.LabelFor(r.Settings) || rows[1][4+i] != d.Code {
			t.Errorf("column %d: %q / %q, want %q / %q", 5+i, rows[0][4+i], rows[1][4+i], d.LabelFor(r.Settings), d.Code)
		}
	}
	if len(rows) != 2+len(r.Quarters) {
		t.Errorf("%d rows, want 2 header rows and %d quarters", len(rows), len(r.Quarters))
	}
}

// colBreaks are the columns (as letters) before which a printed page
// starts on the sheet, read from its worksheet XML.
func colBreaks(t *testing.T, data []byte, sheet string) []string {
	t.Helper()
	f := open(t, data)
	idx, _ := f.GetSheetIndex(sheet)
	body := parts(t, data)[fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1)]
	cb := regexp.MustCompile(`<colBreaks[^>]*>(.*?)</colBreaks>`).FindSubmatch(body)
	if cb == nil {
		return nil
	}
	var out []string
	for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllSubmatch(cb[1], -1) {
		n, _ := strconv.Atoi(string(m[1]))
		name, _ := excelize.ColumnNumberToName(n + 1)
		out = append(out, name)
	}
	return out
}
