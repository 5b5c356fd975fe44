package workbook_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"beschut/internal/external"
	"beschut/internal/fixture"
	"beschut/report"
	"beschut/report/workbook"
)

// openpyxlScript reads every sheet of every workbook twice with openpyxl:
// in read_only mode, which trusts the stored dimensions (as agate, csvkit
// and many import scripts do), and fully. It prints one line per sheet
// ("path<TAB>sheet<TAB>rows<TAB>columns") when both see the same, and a
// DIFF line when not.
const openpyxlScript = `
import sys, openpyxl
def rows(ws):
    out = [list(r) for r in ws.iter_rows(values_only=True)]
    while out and all(v is None for v in out[-1]):
        out.pop()
    return out
ok = True
for path in sys.argv[1:]:
    full = openpyxl.load_workbook(path, read_only=False)
    ro = openpyxl.load_workbook(path, read_only=True)
    for name in full.sheetnames:
        a, b = rows(full[name]), rows(ro[name])
        dims = (full[name].max_row, full[name].max_column, ro[name].max_row, ro[name].max_column)
        if a != b or dims[:2] != dims[2:]:
            ok = False
            print("DIFF\t%s\t%s\tfull %d×%d, read_only %d×%d" % ((path, name) + dims))
        else:
            print("%s\t%s\t%d\t%d" % (path, name, len(a), full[name].max_column))
sys.exit(0 if ok else 1)
`

// TestOpenpyxlReadOnly: openpyxl in read_only mode sees exactly what a full
// read sees, on every sheet, for the Deventer workbook, its confidential
// signal file and the workbooks of a multi-gemeente run.
func TestOpenpyxlReadOnly(t *testing.T) {
	py := external.RequirePython(t, "openpyxl")
	dir := t.TempDir()
	docs := map[string][]byte{
		"deventer.xlsx":          render(t, fixture.Report(t, time.Time{})),
		"deventer_signalen.xlsx": renderSignalen(t, fixture.Report(t, time.Time{})),
	}
	for i, r := range generated(t) {
		docs[fmt.Sprintf("gemeente_%d.xlsx", i)] = render(t, r)
	}
	var paths []string
	want := map[string]int{} // path and sheet → rows excelize sees
	for name, data := range docs {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		f := open(t, data)
		for _, s := range f.GetSheetList() {
			rows, _ := f.GetRows(s)
			want[path+"\t"+s] = len(rows)
		}
	}
	out, err := exec.Command(py, append([]string{"-c", openpyxlScript}, paths...)...).CombinedOutput()
	if err != nil {
		t.Errorf("openpyxl: %v", err)
	}
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if f[0] == "DIFF" || len(f) != 4 {
			t.Errorf("openpyxl: %s", sc.Text())
			continue
		}
		n, _ := strconv.Atoi(f[2])
		if w, ok := want[f[0]+"\t"+f[1]]; !ok || n != w {
			t.Errorf("%s %s: openpyxl sees %d rows, excelize %d", f[0], f[1], n, w)
		}
		seen++
	}
	if seen != len(want) {
		t.Errorf("openpyxl compared %d sheets, want %d:\n%s", seen, len(want), out)
	}
}

// libreoffice converts a workbook with LibreOffice and returns the output
// folder.
func libreoffice(t *testing.T, data []byte, filter string) (string, string) {
	t.Helper()
	lo := external.Require(t, "libreoffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "werkboek.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(lo, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", filter, "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	return dir, in
}

// TestLibreOfficePages: LibreOffice prints the Deventer workbook in fewer
// than 40 pages, Overzicht (with its chart) and Tabel 1 on one page each,
// Kwartalen one page per column group with the quarter labels on each,
// every sheet in order, every page with its header and "pagina X van Y".
func TestLibreOfficePages(t *testing.T) {
	pdftotext := external.Require(t, "pdftotext")
	data := render(t, fixture.Report(t, time.Time{}))
	dir, _ := libreoffice(t, data, "pdf")
	pdf := filepath.Join(dir, "werkboek.pdf")
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	if len(pages) >= 40 {
		t.Errorf("%d pages, want fewer than 40", len(pages))
	}
	perSheet := map[string]int{}
	var order []string
	for i, p := range pages {
		lines := strings.Split(strings.TrimSpace(p), "\n")
		head, foot := strings.TrimSpace(lines[0]), strings.TrimSpace(lines[len(lines)-1])
		if !strings.HasPrefix(head, "Beschut werk Deventer") || !strings.Contains(head, "peildatum 30-06-2023") {
			t.Errorf("page %d: header %q", i+1, head)
		}
		if foot != fmt.Sprintf("pagina %d van %d", i+1, len(pages)) {
			t.Errorf("page %d: footer %q", i+1, foot)
		}
		sheet := ""
		for _, s := range []string{workbook.SheetOverzicht, workbook.SheetTabel1, workbook.SheetKwartalen, workbook.SheetStroom, workbook.SheetKosten, workbook.SheetKostprijs, workbook.SheetSignalen, workbook.SheetData, workbook.SheetToelichting} {
			if strings.HasSuffix(head, " "+s) {
				sheet = s
			}
		}
		if sheet == "" {
			t.Errorf("page %d: no sheet name in the header %q", i+1, head)
			continue
		}
		if perSheet[sheet] == 0 {
			order = append(order, sheet)
		}
		// Every page of Kwartalen's column groups names its quarters.
		if sheet == workbook.SheetKwartalen && (!strings.Contains(p, "2017 K1") || !strings.Contains(p, "2023 K2")) {
			t.Errorf("page %d (Kwartalen): quarter labels 2017 K1 … 2023 K2 not repeated:\n%s", i+1, p)
		}
		perSheet[sheet]++
	}
	t.Logf("%d pages: %v", len(pages), perSheet)
	if perSheet[workbook.SheetOverzicht] != 1 || perSheet[workbook.SheetTabel1] != 1 {
		t.Errorf("Overzicht %d pages, Tabel 1 %d pages; want 1 each", perSheet[workbook.SheetOverzicht], perSheet[workbook.SheetTabel1])
	}
	// Kwartalen: one page per column group, nothing spilling onto a page
	// of its own (26 quarters fit one page tall).
	if want := len(colBreaks(t, data, workbook.SheetKwartalen)) + 1; want < 3 || perSheet[workbook.SheetKwartalen] != want {
		t.Errorf("Kwartalen %d pages, want %d (one per column group, at least 3)", perSheet[workbook.SheetKwartalen], want)
	}
	if strings.Join(order, ",") != "Overzicht,Tabel 1,Kwartalen,Stroom,Kosten,Kostprijs,Signalen,Data,Toelichting" {
		t.Errorf("sheets printed in order %v", order)
	}
	// The Overzicht page holds the whole table and the chart's title.
	if !strings.Contains(pages[0], "Realisatie taakstelling") || !strings.Contains(pages[0], "In traject en betaald dienstverband per kwartaal") {
		t.Errorf("Overzicht page misses its table or chart:\n%s", pages[0])
	}
}

// TestLibreOffice: a real spreadsheet program opens the workbook and the
// Data values survive its conversion to CSV.
func TestLibreOffice(t *testing.T) {
	r := fixture.Report(t, nota)
	// Sheet -1: every sheet to its own file (LibreOffice 7.2+); raw values, not as shown.
	dir, _ := libreoffice(t, render(t, r), "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1")
	data, err := os.ReadFile(filepath.Join(dir, "werkboek-Data.csv"))
	if err != nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no Data sheet CSV (%v); files: %v", err, entries)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := len(r.Figures())
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
	found, prognose := false, false
	for _, rec := range records[1:] {
		if (rec[1] == "12/31/2022" || rec[1] == "31-12-2022") && rec[4] == "in_traject" {
			found = rec[5] == "48"
		}
		if rec[2] == "2024" && rec[3] == "" && rec[4] == "meerjarenprognose_begeleiding" {
			prognose = rec[5] == "413886"
		}
	}
	if !found || !prognose {
		t.Errorf("in_traject 48 on 31-12-2022 (%v) or the 2024 prognose 413886 (%v) not in LibreOffice's Data CSV; first rows: %v", found, prognose, records[:3])
	}
}
