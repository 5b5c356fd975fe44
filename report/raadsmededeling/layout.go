package raadsmededeling

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry in mm (A4 portrait).
const (
	pageW    = 210.0
	pageH    = 297.0
	marginL  = 25.0
	marginR  = 20.0
	marginT  = 22.0
	bottomY  = 272.0 // content stops here; the footer lies below
	contentW = pageW - marginL - marginR
	font     = "liberation"
)

// tagger receives the structure of everything drawn: begin/end around
// content with a role, artifact around page furniture. The layout calls it
// for every element, so a tagged PDF needs no change to the layout.
type tagger interface {
	begin(role Role, attrs map[string]string)
	end()
	artifact(draw func())
	beforeBreak() // the page is about to end inside open elements
	pageBreak()   // a new page starts inside open elements
}

// layout draws blocks top to bottom, breaking pages between lines and rows.
type layout struct {
	pdf  *fpdf.Fpdf
	tag  tagger
	y    float64
	size float64 // font size of the table being drawn
}

// contentTop is where the content of a page starts; maxGap is the largest
// gap a block may leave at the foot of a page by moving whole to the next:
// a quarter of the content height, less the spacing between blocks, so
// that no page but the last ends more than a quarter empty.
const (
	contentTop = marginT + 8
	maxGap     = (bottomY-contentTop)/4 - 8
)

func (l *layout) newPage() {
	l.tag.beforeBreak()
	l.pdf.AddPage()
	l.y = contentTop
	l.tag.pageBreak()
}

// room makes sure h mm fit below y, else starts a new page.
func (l *layout) room(h float64) {
	if l.y+h > bottomY {
		l.newPage()
	}
}

// setFont selects the font unless it is already fpdf's current one: fpdf
// writes a font operator for every SetFont, and the table measurements and
// cells asked again for the same font so often that these were 40 % of the
// page content. fpdf's current font is the page content's (AddPage sets it
// again on every page, and a font set inside the watermark's q…Q is
// followed by the header's own SetFont).
func (l *layout) setFont(style string, size float64) {
	if pt, _ := l.pdf.GetFontSize(); pt == size && l.pdf.GetFontStyle() == style && l.pdf.GetFontFamily() == font {
		return
	}
	l.pdf.SetFont(font, style, size)
}

// text writes one line at (x, y) with the current font.
func (l *layout) text(x, y, w, h float64, s, align string) {
	l.pdf.SetXY(x, y)
	l.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// draw lays out the blocks in order: each heading keeps with the start of
// the block after it.
func (l *layout) draw(content []block) {
	for i, b := range content {
		switch b := b.(type) {
		case heading:
			keep := 0.0
			if i+1 < len(content) {
				keep = l.keepHeight(content[i+1:])
			}
			l.heading(b, keep)
		case paragraph:
			l.paragraph(b)
		case list:
			l.list(b)
		case table:
			l.table(b)
		case figure:
			l.figure(b)
		}
	}
}

// headingMetrics are a heading's font size and the space before and after it.
func headingMetrics(level int) (size, before, after float64) {
	switch level {
	case 1:
		return 20, 0, 4
	case 2:
		return 13, 5, 2
	}
	return 11, 3, 1.5
}

// keepHeight is how much of the blocks must fit below a heading so that
// the heading does not end a page: two lines of a paragraph or list, the
// caption, header and first two rows of a table, a whole figure (a figure
// keeps with its caption), and for a heading its own height plus what it
// keeps.
func (l *layout) keepHeight(next []block) float64 {
	switch b := next[0].(type) {
	case paragraph:
		l.setFont("", bodySize)
		return min(float64(len(l.pdf.SplitText(b.text, contentW))), 2) * bodyLine
	case list:
		l.setFont("", bodySize)
		lines := 0
		for _, item := range b.items {
			lines += len(l.pdf.SplitText(item, contentW-6))
			if lines >= 2 {
				break
			}
		}
		return float64(min(lines, 2))*bodyLine + 0.8
	case table:
		m := l.measure(b)
		return m.minStart()
	case figure:
		return figureH
	case heading:
		size, before, after := headingMetrics(b.level)
		keep := 0.0
		if len(next) > 1 {
			keep = l.keepHeight(next[1:])
		}
		return before + size*0.5 + after + keep
	}
	return 0
}

func (l *layout) heading(h heading, keep float64) {
	size, before, after := headingMetrics(h.level)
	lh := size * 0.5
	l.room(before + lh + after + keep)
	if l.y > contentTop {
		l.y += before
	}
	l.tag.begin(h.role(), nil)
	l.setFont("B", size)
	l.pdf.SetTextColor(0x1F, 0x3A, 0x5F)
	l.text(marginL, l.y, contentW, lh, h.text, "L")
	l.pdf.SetTextColor(0, 0, 0)
	l.tag.end()
	if h.level == 2 {
		l.pdf.Bookmark(h.text, 0, l.y)
	}
	l.y += lh + after
}

const (
	bodySize = 10.0
	bodyLine = 5.0
)

func (l *layout) paragraph(p paragraph) {
	l.setFont("", bodySize)
	lines := l.pdf.SplitText(p.text, contentW)
	l.room(min(float64(len(lines)), 2) * bodyLine)
	// Widow control: never leave a single last line alone on the next page.
	breakAt := -1
	if fit := int((bottomY - l.y) / bodyLine); fit < len(lines) && len(lines)-fit == 1 && fit >= 2 {
		breakAt = fit - 1
	}
	l.tag.begin(RoleP, nil)
	for i := range lines {
		if i == breakAt {
			l.newPage()
		}
		l.room(bodyLine)
		l.text(marginL, l.y, contentW, bodyLine, joinable(lines, i), "L")
		l.y += bodyLine
	}
	l.tag.end()
	l.y += 2.5
}

func (l *layout) list(ls list) {
	l.setFont("", bodySize)
	l.tag.begin(RoleL, nil)
	for _, item := range ls.items {
		lines := l.pdf.SplitText(item, contentW-6)
		l.room(bodyLine)
		l.tag.begin(RoleLI, nil)
		l.tag.begin(RoleLbl, nil)
		l.text(marginL+1, l.y, 5, bodyLine, "•", "L")
		l.tag.end()
		l.tag.begin(RoleLBody, nil)
		for i := range lines {
			if i > 0 {
				l.room(bodyLine)
			}
			l.text(marginL+6, l.y, contentW-6, bodyLine, joinable(lines, i), "L")
			l.y += bodyLine
		}
		l.tag.end()
		l.tag.end()
		l.y += 0.8
	}
	l.tag.end()
	l.y += 2
}

// Table geometry.
const (
	tableSize = 8.5
	tableLine = 4.0
	cellPad   = 1.3
)

func (l *layout) columnWidths(t table) []float64 {
	n := len(t.head)
	if n == 0 && len(t.rows) > 0 {
		n = len(t.rows[0])
	}
	w := make([]float64, n)
	first := t.firstW
	if first == 0 || n == 1 {
		first = contentW / float64(n)
	}
	w[0] = first
	for i := 1; i < n; i++ {
		w[i] = (contentW - first) / float64(n-1)
	}
	return w
}

// rowHeight is the height of a row whose cells wrap in their columns.
func (l *layout) rowHeight(cells []string, widths []float64) float64 {
	lines := 1
	for i, c := range cells {
		if n := len(l.wrapCell(c, widths[i]-2*cellPad)); n > lines {
			lines = n
		}
	}
	return float64(lines)*tableLine + 2*cellPad
}

// fitSize is the largest font size (8,5 down to 6,5) at which no header
// or value outside the first column needs to wrap.
func (l *layout) fitSize(t table, widths []float64) float64 {
	size := tableSize
	for ; size > 6.5; size -= 0.5 {
		fits := true
		for _, row := range append([][]string{t.head}, t.rows...) {
			for i := 1; i < len(row) && fits; i++ {
				l.setFont("B", size)
				for _, word := range strings.Fields(row[i]) {
					if l.pdf.GetStringWidth(word) > widths[i]-2*cellPad {
						fits = false
					}
				}
			}
		}
		if fits {
			break
		}
	}
	return size
}

// tableMetrics are a table's column widths, font size and row heights.
type tableMetrics struct {
	widths  []float64
	size    float64
	headH   float64
	heights []float64
	noteH   float64 // the note under the table, with the space above it
}

const captionH = 6.5

func (l *layout) measure(t table) tableMetrics {
	m := tableMetrics{widths: l.columnWidths(t)}
	if t.note != "" {
		m.noteH = 1.5 + 4.5
	}
	m.size = l.fitSize(t, m.widths)
	l.setFont("B", m.size)
	if len(t.head) > 0 {
		m.headH = l.rowHeight(t.head, m.widths)
	}
	for i, r := range t.rows {
		l.setFont(t.style(i), m.size)
		m.heights = append(m.heights, l.rowHeight(r, m.widths))
	}
	l.setFont("", m.size)
	return m
}

// minStart is the least of a table that may stand at the foot of a page:
// its caption, header and first two rows; a table of three rows or fewer
// is not split at all.
func (m tableMetrics) minStart() float64 {
	n := len(m.heights)
	if n > 3 {
		n = 2
	}
	h := captionH + m.headH
	if n == len(m.heights) {
		h += m.noteH
	}
	for _, x := range m.heights[:n] {
		h += x
	}
	return h
}

// table draws a data table. One that does not fit below y splits between
// rows, at least two rows on either side, and repeats its header row on
// the next page as an artifact (PDF/UA: the header cells are in the
// structure tree once, on the first page; a screen reader does not read
// them again halfway through the table).
func (l *layout) table(t table) {
	m := l.measure(t)
	l.size = m.size
	defer func() { l.size = tableSize }()
	widths, headH, heights := m.widths, m.headH, m.heights
	// A table that fits on a page moves whole when the gap it leaves is
	// small; otherwise it starts here and splits.
	total := m.minStart()
	if len(heights) > 3 {
		total = captionH + headH + m.noteH
		for _, h := range heights {
			total += h
		}
	}
	if l.y+total > bottomY && total <= bottomY-contentTop && bottomY-l.y <= maxGap {
		l.newPage()
	}
	l.room(m.minStart())
	l.tag.begin(RoleTable, nil)
	l.tag.begin(RoleCaption, nil)
	l.setFont("B", 9.5)
	l.text(marginL, l.y, contentW, 5, t.caption, "L")
	l.tag.end()
	l.y += captionH
	l.headerRow(t, widths, headH)
	n := len(t.rows)
	for i, r := range t.rows {
		need := heights[i]
		if i == n-1 {
			need += m.noteH // the note stays with the last row
		}
		fits := l.y+need <= bottomY
		// Never leave the last row alone on a page: break before the
		// last two together (with the note), when two rows stay behind.
		if fits && i == n-2 && i >= 2 && l.y+heights[i]+heights[i+1]+m.noteH > bottomY {
			fits = false
		}
		if !fits {
			l.newPage()
			l.continuation(t, widths, headH)
		}
		l.row(r, widths, heights[i], false, t.style(i))
	}
	l.tag.end()
	l.y += 1.5
	if t.note != "" {
		l.tag.begin(RoleP, nil)
		l.setFont("", 8)
		l.text(marginL, l.y, contentW, 4, t.note, "L")
		l.tag.end()
		l.y += 4.5
	}
	l.y += 3
}

// continuation draws, at the top of a page, the caption with "(vervolg)"
// and the header row of a table split across pages, both as artifacts:
// they repeat what the structure tree already holds.
func (l *layout) continuation(t table, widths []float64, headH float64) {
	l.tag.artifact(func() {
		tag := l.tag
		l.tag = noTags{}
		defer func() { l.tag = tag }()
		l.setFont("B", 9.5)
		l.pdf.SetTextColor(0x60, 0x60, 0x60)
		l.text(marginL, l.y, contentW, 5, t.caption+" (vervolg)", "L")
		l.pdf.SetTextColor(0, 0, 0)
		l.y += captionH
		l.headerRow(t, widths, headH)
	})
}

// noTags draws without marking anything: for page furniture that is
// already inside an artifact.
type noTags struct{}

func (noTags) begin(Role, map[string]string) {}
func (noTags) end()                          {}
func (noTags) artifact(draw func())          { draw() }
func (noTags) beforeBreak()                  {}
func (noTags) pageBreak()                    {}

func (l *layout) headerRow(t table, widths []float64, h float64) {
	if len(t.head) == 0 {
		return
	}
	l.row(t.head, widths, h, true, "B")
}

// row draws one table row: header cells bold on a tinted background, a data
// row in style ("B" for a total row). The first cell of every data row is a
// row header (TH, scope Row), so a screen reader announces it with each
// value.
func (l *layout) row(cells []string, widths []float64, h float64, head bool, style string) {
	if head {
		l.tag.artifact(func() {
			l.pdf.SetFillColor(0xDD, 0xE5, 0xEE)
			l.pdf.Rect(marginL, l.y, contentW, h, "F")
		})
	}
	l.cells(cells, widths, h, func(i int) cellKind {
		switch {
		case head:
			return cellKind{RoleTH, "Column", "B", l.size, alignOf(i)}
		case i == 0:
			return cellKind{RoleTH, "Row", style, l.size, "L"}
		}
		return cellKind{RoleTD, "", style, l.size, alignOf(i)}
	})
}

// alignOf: labels left, numbers right.
func alignOf(i int) string {
	if i == 0 {
		return "L"
	}
	return "R"
}

// cellKind is how one cell is tagged and set.
type cellKind struct {
	role  Role
	scope string // for TH: Column or Row
	style string // font style
	size  float64
	align string
}

// cells draws a row of wrapped cells with a rule under it, as a TR.
func (l *layout) cells(cells []string, widths []float64, h float64, kind func(i int) cellKind) {
	l.tag.begin(RoleTR, nil)
	x := marginL
	for i, c := range cells {
		k := kind(i)
		var attrs map[string]string
		if k.scope != "" {
			attrs = map[string]string{"Scope": k.scope}
		}
		l.setFont(k.style, k.size)
		l.tag.begin(k.role, attrs)
		lines := l.wrapCell(c, widths[i]-2*cellPad)
		for j, line := range lines {
			if line != "" {
				l.text(x+cellPad, l.y+cellPad+float64(j)*tableLine, widths[i]-2*cellPad, tableLine, joinable(lines, j), k.align)
			}
		}
		l.tag.end()
		x += widths[i]
	}
	y := l.y + h
	l.tag.artifact(func() {
		l.pdf.SetDrawColor(0xB0, 0xB0, 0xB0)
		l.pdf.SetLineWidth(0.2)
		l.pdf.Line(marginL, y, marginL+contentW, y)
	})
	l.tag.end()
	l.y += h
}

// keyValue draws the header block of the raadsmededeling: label and value
// pairs, two pairs a row, labels as row header cells.
func (l *layout) keyValue(rows [][4]string) {
	widths := []float64{30, 52, 36, 47}
	l.tag.begin(RoleTable, nil)
	for _, r := range rows {
		l.setFont("B", 9.5)
		l.cells(r[:], widths, l.rowHeight(r[:], widths), func(i int) cellKind {
			if i%2 == 0 {
				return cellKind{RoleTH, "Row", "B", 9.5, "L"}
			}
			return cellKind{RoleTD, "", "", 9.5, "L"}
		})
	}
	l.tag.end()
	l.y += 6
}

// Chart geometry.
const (
	chartH    = 62.0
	axisW     = 16.0
	legendH   = 8.0
	chartSize = 7.5
)

var shades = [][3]int{{0x1F, 0x3A, 0x5F}, {0x6F, 0xA8, 0xDC}, {0xC9, 0xC9, 0xC9}}

// figureH is the height of a figure with its caption: the two stay together.
const figureH = 7 + chartH + legendH + 6

func (l *layout) figure(f figure) {
	l.room(figureH)
	l.tag.begin(RoleFigure, map[string]string{"Alt": f.alt})
	l.tag.begin(RoleCaption, nil)
	l.setFont("B", 9.5)
	l.text(marginL, l.y, contentW, 5, f.caption, "L")
	l.tag.end()
	l.y += 7
	l.drawChart(f.chart)
	l.tag.end()
	l.y += chartH + legendH + 6
}

func (l *layout) drawChart(c chart) {
	pdf := l.pdf
	x0, y0 := marginL+axisW, l.y+2+chartH-8 // origin of the plot
	plotW, plotH := contentW-axisW-2, chartH-12
	maxV := 0.0
	all := c.bars
	if c.line != nil {
		all = append(append([]series(nil), c.bars...), *c.line)
	}
	for _, s := range all {
		for i, v := range s.values {
			if s.ok[i] && v > maxV {
				maxV = v
			}
		}
	}
	ceil, step := niceMax(maxV * 1.08)
	scale := plotH / ceil
	// Gridlines and axis labels.
	l.tag.artifact(func() {
		pdf.SetDrawColor(0xD8, 0xD8, 0xD8)
		pdf.SetLineWidth(0.15)
		for v := 0.0; v <= ceil+step/2; v += step {
			y := y0 - v*scale
			pdf.Line(x0, y, x0+plotW, y)
		}
		pdf.SetDrawColor(0x60, 0x60, 0x60)
		pdf.SetLineWidth(0.3)
		pdf.Line(x0, y0, x0+plotW, y0)
	})
	l.setFont("", chartSize)
	for v := 0.0; v <= ceil+step/2; v += step {
		l.text(marginL, y0-v*scale-2, axisW-2, 4, axisLabel(v, c.money), "R")
	}
	n := len(c.categories)
	if n == 0 {
		return
	}
	group := plotW / float64(n)
	barW := min(group*0.72/float64(len(c.bars)), 12)
	inset := (group - barW*float64(len(c.bars))) / 2
	labels := !c.money && barW >= 3.2
	for i, cat := range c.categories {
		gx := x0 + float64(i)*group + inset
		for b, s := range c.bars {
			if !s.ok[i] {
				continue
			}
			h := s.values[i] * scale
			sh := shades[b%len(shades)]
			pdf.SetFillColor(sh[0], sh[1], sh[2])
			pdf.SetDrawColor(0x40, 0x40, 0x40)
			pdf.SetLineWidth(0.1)
			pdf.Rect(gx+float64(b)*barW, y0-h, barW, h, "FD")
			if labels {
				l.setFont("", 6)
				l.text(gx+float64(b)*barW-1, y0-h-3.2, barW+2, 3, getal(int64(s.values[i])), "C")
			}
		}
		l.setFont("", chartSize)
		l.text(x0+float64(i)*group, y0+1, group, 4, cat, "C")
	}
	if c.line != nil {
		s := c.line
		pdf.SetDrawColor(0xC0, 0x39, 0x2B)
		pdf.SetLineWidth(0.6)
		var px, py float64
		for i := range c.categories {
			if !s.ok[i] {
				continue
			}
			x, y := x0+(float64(i)+0.5)*group, y0-s.values[i]*scale
			if px != 0 {
				pdf.Line(px, py, x, y)
			}
			pdf.SetFillColor(0xC0, 0x39, 0x2B)
			pdf.Rect(x-1, y-1, 2, 2, "F")
			px, py = x, y
		}
	}
	// Legend: a swatch and the series name; the line has a square marker.
	lx, ly := x0, y0+6
	l.setFont("", chartSize)
	for b, s := range c.bars {
		sh := shades[b%len(shades)]
		pdf.SetFillColor(sh[0], sh[1], sh[2])
		pdf.SetDrawColor(0x40, 0x40, 0x40)
		pdf.Rect(lx, ly+0.8, 4, 2.6, "FD")
		l.text(lx+5, ly, 50, 4, s.name, "L")
		lx += 7 + pdf.GetStringWidth(s.name) + 4
	}
	if c.line != nil {
		pdf.SetDrawColor(0xC0, 0x39, 0x2B)
		pdf.SetLineWidth(0.6)
		pdf.Line(lx, ly+2.1, lx+5, ly+2.1)
		pdf.SetFillColor(0xC0, 0x39, 0x2B)
		pdf.Rect(lx+1.5, ly+1.1, 2, 2, "F")
		l.text(lx+6, ly, 50, 4, c.line.name+" (lijn)", "L")
	}
	pdf.SetLineWidth(0.2)
}

// watermark draws a large, light "CONCEPT" diagonally across the page.
// It is drawn first, under the content, in an opaque light grey (PDF/A-1
// allows no transparency), and the caller wraps it in an artifact.
func watermark(pdf *fpdf.Fpdf) {
	pdf.TransformBegin()
	pdf.TransformRotate(50, pageW/2, pageH/2)
	pdf.SetFont(font, "B", 96)
	pdf.SetTextColor(0xEC, 0xEC, 0xEC)
	pdf.SetXY(0, pageH/2-20)
	pdf.CellFormat(pageW, 40, "CONCEPT", "", 0, "C", false, 0, "")
	pdf.TransformEnd()
	pdf.SetTextColor(0, 0, 0)
}

// footerText is the parts of the line at the bottom of every page (see fitLine).
func footerText(page int, peildatum, source, sha string) []string {
	short := sha
	if len(short) > 12 {
		short = short[:12]
	}
	name := source
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	parts := []string{fmt.Sprintf("pagina %d van {nb}", page), "peildatum " + peildatum}
	if name != "" {
		parts = append(parts, fmt.Sprintf("bron: %s (sha256 %s)", name, short))
	}
	return parts
}

// breakPoints are where the long words of table headers may be
// hyphenated (Dutch compounds and syllables, lower case): the parts before
// each allowed hyphen, longest first. A word wider than its column is
// broken at the longest part that fits with its hyphen; a word without a
// point that fits is cut where it must, as before.
var breakPoints = map[string][]string{
	"begeleidingskosten": {"begeleidings", "begelei"},
	"dienstverband":      {"dienst"},
	"loonkostensubsidie": {"loonkosten", "loon"},
	"loonwaarde":         {"loon"},
	"taakstelling":       {"taak"},
}

// wrapCell splits a cell's text into the lines of a column w wide: at
// spaces, and a word wider than the column at a known break point.
func (l *layout) wrapCell(text string, w float64) []string {
	words := strings.Split(text, " ")
	changed := false
	for i, word := range words {
		if l.pdf.GetStringWidth(word) <= w {
			continue
		}
		for _, head := range breakPoints[strings.ToLower(word)] {
			if l.pdf.GetStringWidth(word[:len(head)]+"-") <= w {
				words[i] = word[:len(head)] + "- " + word[len(head):]
				changed = true
				break
			}
		}
	}
	if changed {
		text = strings.Join(words, " ")
	}
	return l.pdf.SplitText(text, w)
}

// joinable returns line i of a wrapped text with the space the wrap took
// away, so text extraction and screen readers keep the words apart. The
// space is invisible: it lies after the last glyph.
func joinable(lines []string, i int) string {
	if i < len(lines)-1 {
		return lines[i] + " "
	}
	return lines[i]
}
