package workbook

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// grid is one sheet laid out in memory: its cells row by row, its column
// widths, frozen rows, table, charts and print setup. It is written in one
// pass, through excelize's StreamWriter (large sheets) or its cell API
// (sheets with a chart). Knowing the whole sheet before writing it is what
// makes the stored dimensions right whichever way it is written.
type grid struct {
	name    string
	rows    [][]cell        // rows[i] is row i+1, cells from column 1
	heights map[int]float64 // row → height in points
	widths  []float64
	freeze  int // the first row that scrolls; 0: none
	table   *excelize.Table
	charts  []chart
	print   printSetup
	stream  bool
}

// chart is an excelize chart (and optional combo) anchored at a cell.
type chart struct {
	anchor string
	chart  *excelize.Chart
	combo  []*excelize.Chart
}

// printSetup is how a sheet prints: A4, fitted to one page wide (and, with
// onePage, one page tall), the header rows repeated on every page.
type printSetup struct {
	landscape bool
	onePage   bool
	titleRows [2]int // first and last row repeated on every page; 0: none
	// scale, when not 0, prints at this percentage instead of fitting the
	// sheet to one page wide; the columns then run over pages, which start
	// at the columns of colBreaks, with column A repeated on each.
	scale     int
	colBreaks []int
	// confidential heads every printed page with Vertrouwelijk.
	confidential bool
}

func newGrid(name string) *grid { return &grid{name: name, heights: map[int]float64{}} }

// put writes cells into row, starting at column col (both from 1).
func (g *grid) put(row, col int, cells ...cell) {
	if len(g.rows) < row {
		g.rows = append(g.rows, make([][]cell, row-len(g.rows))...)
	}
	r := g.rows[row-1]
	if n := col - 1 + len(cells); len(r) < n {
		r = append(r, make([]cell, n-len(r))...)
	}
	for i, c := range cells {
		if c.v != nil {
			r[col-1+i] = c
		}
	}
	g.rows[row-1] = r
}

// extent is the used range: the last column and row holding a value.
func (g *grid) extent() (cols, rows int) {
	for i, r := range g.rows {
		for j, c := range r {
			if c.v != nil {
				cols = max(cols, j+1)
				rows = i + 1
			}
		}
	}
	return cols, rows
}

// dimension is the stored used range, "A1:G9000" ("A1" for an empty sheet).
func (g *grid) dimension() string {
	cols, rows := g.extent()
	if cols == 0 {
		return "A1"
	}
	last, _ := excelize.CoordinatesToCellName(cols, rows)
	return "A1:" + last
}

// maxColWidth bounds a column measured from its content (a 300-character
// gemeente name): Excel allows 255, and wider than this is never readable.
const maxColWidth = 100

// emit writes the grid to its sheet. Everything that lives before the
// sheet data in the XML (dimension, sheet properties, views, columns) is
// set before the StreamWriter starts, which writes those parts first.
func (b *builder) emit(g *grid) {
	f, s := b.f, g.name
	b.check(f.SetSheetDimension(s, g.dimension()))
	b.pageSetup(g)
	// A run of columns of one width in one call: excelize copies every
	// column it holds at each call. From the right: excelize puts the
	// columns of a call before those it holds, so the sheet lists them
	// from A, as Excel writes them.
	for last := len(g.widths) - 1; last >= 0; {
		w := min(g.widths[last], maxColWidth)
		first := last
		for first > 0 && min(g.widths[first-1], maxColWidth) == w {
			first--
		}
		from, err := excelize.ColumnNumberToName(first + 1)
		b.check(err)
		to, err := excelize.ColumnNumberToName(last + 1)
		b.check(err)
		b.check(f.SetColWidth(s, from, to, w))
		last = first - 1
	}
	if g.freeze > 1 {
		top, _ := excelize.CoordinatesToCellName(1, g.freeze)
		b.check(f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: g.freeze - 1, TopLeftCell: top, ActivePane: "bottomLeft"}))
	}
	if g.stream {
		b.streamRows(g)
	} else {
		b.cellRows(g)
	}
	for _, c := range g.charts {
		b.check(f.AddChart(s, c.anchor, c.chart, c.combo...))
	}
}

func (b *builder) streamRows(g *grid) {
	if len(g.charts) > 0 {
		b.check(fmt.Errorf("werkboek: blad %s wordt gestreamd en kan geen grafiek krijgen", g.name))
		return
	}
	sw, err := b.f.NewStreamWriter(g.name)
	if err != nil {
		b.check(err)
		return
	}
	// One row of cells, reused: SetRow takes a *Cell without boxing it.
	var cells []excelize.Cell
	var values []any
	header := 0 // the row of the table's header
	if g.table != nil {
		first, _, _ := strings.Cut(g.table.Range, ":")
		_, header, err = excelize.CellNameToCoordinates(first)
		b.check(err)
	}
	for i, r := range g.rows {
		if len(r) == 0 && g.heights[i+1] == 0 {
			continue
		}
		if len(r) > len(cells) {
			cells, values = make([]excelize.Cell, len(r)), make([]any, len(r))
		}
		values = values[:len(r)]
		for j, c := range r {
			if c.v == nil {
				values[j] = nil
				continue
			}
			cells[j] = excelize.Cell{StyleID: b.st[c.style], Value: streamValue(c.v)}
			values[j] = &cells[j]
		}
		var opts []excelize.RowOpts
		if h := g.heights[i+1]; h > 0 {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		b.check(sw.SetRow(cellName(1, i+1), values, opts...))
		// The table takes its column names from its header row, which
		// excelize reads back from the stream: right after that row, it
		// reads a few rows, not the whole sheet.
		if g.table != nil && i+1 == header {
			b.check(sw.AddTable(g.table))
		}
	}
	b.check(sw.Flush())
}

// streamValue is the value the StreamWriter gets for v: a date as its
// Excel serial number, which is what excelize writes for a time.Time (the
// same bytes) without the work of converting it cell by cell.
func streamValue(v any) any {
	if t, ok := v.(time.Time); ok {
		if n, ok := excelDate(t); ok {
			return n
		}
	}
	return v
}

// excelEpoch is day 0 of Excel's 1900 date system, as Excel counts after
// February 1900 (it counts a 29 February 1900 that did not exist).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDate is the Excel serial number of a date at midnight (its wall
// clock, as excelize reads it) from 1901; ok false for any other time,
// which is left to excelize.
func excelDate(t time.Time) (n int, ok bool) {
	y, m, d := t.Date()
	if h, mi, s := t.Clock(); h != 0 || mi != 0 || s != 0 || t.Nanosecond() != 0 || y < 1901 {
		return 0, false
	}
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(excelEpoch) / (24 * time.Hour)), true
}

func (b *builder) cellRows(g *grid) {
	for i, r := range g.rows {
		for j, c := range r {
			if c.v == nil {
				continue
			}
			name := cellName(j+1, i+1)
			b.check(b.f.SetCellValue(g.name, name, c.v))
			if c.style != "" {
				b.check(b.f.SetCellStyle(g.name, name, name, b.st[c.style]))
			}
		}
		if h := g.heights[i+1]; h > 0 {
			b.check(b.f.SetRowHeight(g.name, i+1, h))
		}
	}
	if g.table != nil {
		b.check(b.f.AddTable(g.name, g.table))
	}
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}
