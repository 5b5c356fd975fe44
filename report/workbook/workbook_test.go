package workbook_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"beschut/ingest"
	"beschut/internal/external"
	"beschut/internal/fixture"
	"beschut/internal/golden"
	"beschut/report"
	"beschut/report/workbook"
)

func render(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var nota = time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)

// TestGoldenDump: a text dump of every sheet — cell values, types, number
// formats, merged ranges, tables and chart ranges — re-read with excelize.
func TestGoldenDump(t *testing.T) {
	for name, peil := range map[string]time.Time{"deventer_2023-K2": {}, "deventer_2022-K4": nota} {
		t.Run(name, func(t *testing.T) {
			golden.Check(t, name+".dump", dump(t, render(t, fixture.Report(t, peil))))
		})
	}
}

func dump(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	props, _ := f.GetDocProps()
	fmt.Fprintf(&b, "docprops title=%q subject=%q creator=%q created=%s\n", props.Title, props.Subject, props.Creator, props.Created)
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "\n== sheet %s\n", sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for ri, row := range rows {
			for ci, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				typ, _ := f.GetCellType(sheet, ref)
				style, _ := f.GetCellStyle(sheet, ref)
				format := ""
				if st, err := f.GetStyle(style); err == nil && st.CustomNumFmt != nil {
					format = *st.CustomNumFmt
				}
				fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", ref, cellType(typ), v, format)
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
	}
	for _, c := range chartRanges(t, data) {
		b.WriteString(c + "\n")
	}
	return []byte(b.String())
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

var formulaRef = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)

// chartRanges lists the ranges every chart part refers to.
func chartRanges(t *testing.T, data []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		var refs []string
		for _, m := range formulaRef.FindAllStringSubmatch(string(body), -1) {
			refs = append(refs, strings.NewReplacer("&apos;", "'", "&#39;", "'").Replace(m[1]))
		}
		out = append(out, fmt.Sprintf("chart %s %s", f.Name, strings.Join(refs, " ")))
	}
	sort.Strings(out)
	return out
}

// TestDataSheetImport reads the Data sheet as finance's import does —
// by header name, one typed value per row — and checks it against the
// report model for every indicator and peildatum.
func TestDataSheetImport(t *testing.T) {
	r := fixture.Report(t, nota)
	f, err := excelize.OpenReader(bytes.NewReader(render(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(workbook.SheetData, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "gemeente,peildatum,jaar,kwartaal,indicator,waarde,eenheid" {
		t.Fatalf("header %v", rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	got := map[string]float64{}
	for i, row := range rows[1:] {
		line := i + 2
		if len(row) != 7 {
			t.Fatalf("row %d has %d cells (blank cells are not allowed): %v", line, len(row), row)
		}
		for _, c := range []string{"peildatum", "jaar", "kwartaal", "waarde"} {
			ref, _ := excelize.CoordinatesToCellName(col[c]+1, line)
			if typ, _ := f.GetCellType(workbook.SheetData, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Fatalf("%s: %s is not a number cell (type %v)", ref, c, typ)
			}
		}
		ref, _ := excelize.CoordinatesToCellName(col["peildatum"]+1, line)
		style, _ := f.GetCellStyle(workbook.SheetData, ref)
		if st, _ := f.GetStyle(style); st.CustomNumFmt == nil || *st.CustomNumFmt != "dd-mm-yyyy" {
			t.Fatalf("%s: peildatum not shown dd-mm-jjjj", ref)
		}
		serial, _ := strconv.ParseFloat(row[col["peildatum"]], 64)
		peil, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(row[col["waarde"]], 64)
		if err != nil {
			t.Fatalf("row %d: waarde %q", line, row[col["waarde"]])
		}
		if row[col["gemeente"]] != "Deventer" {
			t.Fatalf("row %d: gemeente %q", line, row[col["gemeente"]])
		}
		key := ingest.FormatDate(peil) + " " + row[col["indicator"]]
		if _, dup := got[key]; dup {
			t.Fatalf("row %d: %s twice", line, key)
		}
		d, ok := report.DefinitionOf(row[col["indicator"]])
		if !ok || string(d.Unit) != row[col["eenheid"]] {
			t.Fatalf("row %d: unknown indicator or unit %v", line, row)
		}
		got[key] = v
	}
	want := 0
	for _, q := range r.Quarters {
		for _, d := range report.Definitions {
			v, ok := d.Value(q)
			key := ingest.FormatDate(q.Peildatum) + " " + d.Code
			g, present := got[key]
			switch {
			case ok && !present:
				t.Errorf("%s missing", key)
			case !ok && present:
				t.Errorf("%s present, model has no value", key)
			case ok && math.Abs(g-v) > 1e-9:
				t.Errorf("%s = %v, model %v", key, g, v)
			}
			if ok {
				want++
			}
		}
	}
	if len(got) != want {
		t.Errorf("%d rows, want %d", len(got), want)
	}
	// The nota's figures on 31-12-2022.
	for code, v := range map[string]float64{"in_traject": 48, "betaald_dienstverband": 37, "dienstverband_konnected": 29, "proefplaatsing": 11, "taakstelling": 110} {
		if got["31-12-2022 "+code] != v {
			t.Errorf("31-12-2022 %s = %v, nota %v", code, got["31-12-2022 "+code], v)
		}
	}
}

// TestTabel1Sheet: as of 31-12-2022 the Tabel 1 sheet equals the nota's table.
func TestTabel1Sheet(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(render(t, fixture.Report(t, nota))))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(workbook.SheetTabel1)
	want := [][]string{
		{"", "2017", "2018", "2019", "2020", "2021", "2022", "2023"},
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
}

// TestDeterministic: the same report gives byte-identical workbooks.
func TestDeterministic(t *testing.T) {
	r := fixture.Report(t, time.Time{})
	a, b := sha256.Sum256(render(t, r)), sha256.Sum256(render(t, fixture.Report(t, time.Time{})))
	if a != b {
		t.Fatal("two renders of the same report differ")
	}
}

// TestLibreOffice: a real spreadsheet program opens the workbook and the
// Data values survive its conversion to CSV.
func TestLibreOffice(t *testing.T) {
	lo := external.Require(t, "libreoffice")
	r := fixture.Report(t, nota)
	dir := t.TempDir()
	in := filepath.Join(dir, "werkboek.xlsx")
	if err := os.WriteFile(in, render(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	// Sheet -1: every sheet to its own file (LibreOffice 7.2+); raw values, not as shown.
	cmd := exec.Command(lo, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "werkboek-Data.csv"))
	if err != nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no Data sheet CSV (%v); files: %v", err, entries)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, q := range r.Quarters {
		for _, d := range report.Definitions {
			if _, ok := d.Value(q); ok {
				n++
			}
		}
	}
	if len(records) != n+1 {
		t.Fatalf("LibreOffice sees %d Data rows, want %d", len(records)-1, n)
	}
	found := false
	for _, rec := range records[1:] {
		if rec[1] == "12/31/2022" || rec[1] == "31-12-2022" {
			if rec[4] == "in_traject" {
				found = rec[5] == "48"
			}
		}
	}
	if !found {
		t.Errorf("in_traject 48 on 31-12-2022 not found in LibreOffice's Data CSV; first rows: %v", records[:3])
	}
}
