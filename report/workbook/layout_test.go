package workbook_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"beschut/internal/fixture"
	"beschut/report"
	"beschut/report/workbook"
)

// textCells calls fn for every text cell of every sheet with its column
// width (in characters), its row height (points) and whether it wraps.
func textCells(t *testing.T, f *excelize.File, fn func(sheet, ref, text string, width, height float64, wrap bool, right string)) {
	t.Helper()
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for ri, row := range rows {
			height, _ := f.GetRowHeight(s, ri+1)
			for ci, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				if typ, _ := f.GetCellType(s, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					continue
				}
				col, _ := excelize.ColumnNumberToName(ci + 1)
				width, _ := f.GetColWidth(s, col)
				wrap := false
				if id, err := f.GetCellStyle(s, ref); err == nil {
					if st, err := f.GetStyle(id); err == nil && st.Alignment != nil {
						wrap = st.Alignment.WrapText
					}
				}
				right := ""
				if ci+1 < len(row) {
					right = row[ci+1]
				}
				fn(s, ref, v, width, height, wrap, right)
			}
		}
	}
}

// TestTextWhole: on paper nothing is cut. A wrapped text longer than its
// column gets a row high enough for a second line (the Kosten sheet's
// "Realisatie (2023 t/m K2)" header showed one line and ran into the row
// under it); a text that does not wrap and has a neighbour on its right
// fits its column (the Toelichting's "Geldt voor" ran into "Bron").
func TestTextWhole(t *testing.T) {
	reports := append(generated(t), fixture.Report(t, time.Time{}), fixture.Report(t, nota))
	for _, r := range reports {
		t.Run(fmt.Sprintf("%s_%s", r.Gemeente, r.Peildatum.Format("2006-01-02")), func(t *testing.T) {
			f := open(t, render(t, r))
			textCells(t, f, func(sheet, ref, text string, width, height float64, wrap bool, right string) {
				n := float64(utf8.RuneCountInString(text))
				switch {
				case wrap && n > width && height <= 15 && !strings.Contains(text, "\n"):
					t.Errorf("%s!%s %q (%.0f characters) in a column %.0f wide wraps, but its row is %.0f pt: one line", sheet, ref, text, n, width, height)
				case !wrap && right != "" && n > width:
					t.Errorf("%s!%s %q (%.0f characters) does not fit its column (%.0f) and runs into %q", sheet, ref, text, n, width, right)
				}
			})
		})
	}
	_ = workbook.SheetKosten
}

// TestCreatorNamesGemeenteOnce: the document properties name the gemeente
// as "Gemeente Deventer", and a gemeente whose name already says so (the
// generated "Gemeente 001") not as "Gemeente Gemeente 001" (issue 14).
func TestCreatorNamesGemeenteOnce(t *testing.T) {
	for _, c := range []struct {
		r    *report.Report
		want string
	}{
		{fixture.Report(t, time.Time{}), "Gemeente Deventer"},
		{generated(t)[0], "Gemeente 001"},
	} {
		f := open(t, render(t, c.r))
		p, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if p.Creator != c.want {
			t.Errorf("%s: creator %q, want %q", c.r.Gemeente, p.Creator, c.want)
		}
	}
}
