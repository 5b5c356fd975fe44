package workbook

import (
	"beschut/internal/value"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// paperA4 is the OOXML paper size code of A4.
const paperA4 = 9

// pageSetup applies g.print to its sheet: A4, portrait or landscape, fit
// to one page wide (and one tall for onePage), the title rows repeated on
// every page, and a header and footer naming the gemeente, the peildatum,
// the sheet and "pagina X van Y". It is called before the sheet is
// streamed: the fit-to-page flag lives in sheetPr, which the StreamWriter
// writes first.
func (b *builder) pageSetup(g *grid) {
	f, s, p := b.f, g.name, g.print
	orientation := "portrait"
	if p.landscape {
		orientation = "landscape"
	}
	tall := 0 // as many pages tall as needed
	if p.onePage {
		tall = 1
	}
	layout := &excelize.PageLayoutOptions{Size: ptr(paperA4), Orientation: ptr(orientation)}
	if p.scale > 0 {
		layout.AdjustTo = ptr(uint(p.scale))
		for _, c := range p.colBreaks {
			b.check(f.InsertPageBreak(s, cellName(c, 1)))
		}
	} else {
		b.check(f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
		layout.FitToWidth, layout.FitToHeight = ptr(1), ptr(tall)
	}
	b.check(f.SetPageLayout(s, layout))
	b.check(f.SetPageMargins(s, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3),
	}))
	header := headerText(b.naam(), value.FormatDate(b.r.Peildatum))
	if p.confidential {
		header = "&L&\"-,Bold\"" + Vertrouwelijk + "&C" + strings.ReplaceAll(headerName(b.naam()), "&", "&&") + ", peildatum " + value.FormatDate(b.r.Peildatum) + "&R&A"
	}
	b.check(f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{
		OddHeader: header,
		OddFooter: "&Cpagina &P van &N",
	}))
	if p.titleRows[0] > 0 {
		titles := fmt.Sprintf("'%s'!$%d:$%d", s, p.titleRows[0], p.titleRows[1])
		if p.scale > 0 {
			titles = fmt.Sprintf("'%s'!$A:$A,", s) + titles
		}
		b.check(f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: titles,
			Scope:    s,
		}))
	}
}

// headerText is the page header: "Beschut werk <gemeente>" left, the
// peildatum in the middle, the sheet's name (&A) right. An ampersand in a
// name is doubled, as the header codes require.
func headerText(gemeente, peildatum string) string {
	esc := strings.ReplaceAll
	return "&L" + esc("Beschut werk "+headerName(gemeente), "&", "&&") + "&Cpeildatum " + peildatum + "&R&A"
}

// maxHeaderName bounds the name in a page header: Excel allows 255
// characters for the whole header, codes included.
const maxHeaderName = 80

// headerName is the gemeente's name for a page header, shortened with "…"
// when it is longer than maxHeaderName characters.
func headerName(name string) string {
	if r := []rune(name); len(r) > maxHeaderName {
		return string(r[:maxHeaderName-1]) + "…"
	}
	return name
}

// Printable width of A4 landscape with the margins of pageSetup (0,5 inch
// left and right), in pixels at 96 dpi.
const landscapeWidthPx = (297/25.4 - 1.0) * 96

// columnPx is the printed width in pixels (at 100 %) of a column of width w
// characters. Excel with Calibri 11 takes 7 px a character plus 5 px
// padding. LibreOffice without Calibri (or its metric twin Carlito)
// measures the character in its substitute, DejaVu Sans, whose digit is
// 9,3 px: at 7 px and at 8 px every Kwartalen group spilled a column onto a
// page of its own there. 9,5 px holds for both; Excel then leaves some
// room on the right of a page.
func columnPx(w float64) float64 { return 9.5*w + 5 }

// columnPages splits a wide sheet into printed pages at scale percent:
// columns 1..first-1 go on the first page, then the groups (each a run of
// columns starting at the given column, up to the next group), whole
// groups to a page while they fit; a group wider than a page fills the
// page it starts on and runs on over the next. Column A is repeated on every page. It returns the columns
// that start a new page.
func columnPages(widths []float64, first int, groups []int, scale int) []int {
	budget := landscapeWidthPx * 100 / float64(scale)
	colA := columnPx(widths[0])
	used := 0.0
	for c := 1; c < first; c++ {
		used += columnPx(widths[c-1])
	}
	var breaks []int
	content := false // the page holds a group's column already
	for i, start := range groups {
		end := len(widths)
		if i+1 < len(groups) {
			end = groups[i+1] - 1
		}
		group := 0.0
		for c := start; c <= end; c++ {
			group += columnPx(widths[c-1])
		}
		if used+group <= budget {
			used += group
			content = true
			continue
		}
		// A group that fits a page of its own starts one; a wider group
		// fills the page it starts on.
		if content && colA+group <= budget {
			breaks = append(breaks, start)
			used = colA
		}
		for c := start; c <= end; c++ {
			w := columnPx(widths[c-1])
			if used+w > budget && content {
				breaks = append(breaks, c)
				used = colA
			}
			used += w
			content = true
		}
	}
	return breaks
}
