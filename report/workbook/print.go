package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"beschut/ingest"
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
	b.check(f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	b.check(f.SetPageLayout(s, &excelize.PageLayoutOptions{
		Size:        ptr(paperA4),
		Orientation: ptr(orientation),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(tall),
	}))
	b.check(f.SetPageMargins(s, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3),
	}))
	header := headerText(b.naam(), ingest.FormatDate(b.r.Peildatum))
	if p.confidential {
		header = "&L&\"-,Bold\"" + Vertrouwelijk + "&C" + strings.ReplaceAll(headerName(b.naam()), "&", "&&") + ", peildatum " + ingest.FormatDate(b.r.Peildatum) + "&R&A"
	}
	b.check(f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{
		OddHeader: header,
		OddFooter: "&Cpagina &P van &N",
	}))
	if p.titleRows[0] > 0 {
		b.check(f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", s, p.titleRows[0], p.titleRows[1]),
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
