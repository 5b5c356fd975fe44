package raadsmededeling

import (
	"bytes"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"beschut/report/pdfa"
)

// page is what a document shows around its content on every page: the
// running header, the footer (given the page number) and, for a concept,
// the watermark. All three are artifacts.
type page struct {
	running   []string // the parts of the running header, most important first
	footer    func(pageNo int) []string
	watermark bool
}

// lineSep separates the parts of the running header and the footer.
const lineSep = "   ·   "

// fitLine is parts joined by lineSep, shortened from the end when it is
// wider than max (width measures a string in the font it is drawn in): the
// last part loses words and ends in "…"; a part without a word left goes
// whole and the part before it is kept whole or shortened, ending in "…";
// the first part always stays, cut within its last word if it must. A
// long gemeente name or file name then shortens the subject or the file
// name, never runs off the page.
func fitLine(parts []string, max float64, width func(string) float64) string {
	line := strings.Join(parts, lineSep)
	if width(line) <= max {
		return line
	}
	for n := len(parts); n >= 1; n-- {
		head := strings.Join(parts[:n-1], lineSep)
		if n > 1 {
			head += lineSep
		}
		words := strings.Fields(parts[n-1])
		// k == len(words): the part whole, the parts after it dropped.
		for k := len(words); k >= 1; k-- {
			if s := head + strings.Join(words[:k], " ") + "…"; width(s) <= max {
				return s
			}
		}
		if n == 1 {
			runes := []rune(parts[0])
			for k := len(runes) - 1; k >= 1; k-- {
				if s := string(runes[:k]) + "…"; width(s) <= max {
					return s
				}
			}
			return "…"
		}
	}
	return line // not reached: the loop returns at n == 1
}

// pdfDoc is one PDF being laid out: fpdf set up the same way for every
// document beschut makes (A4, the embedded fonts, metadata, no clock, no
// compression until pdfa.Convert), its layout and its structure tags.
type pdfDoc struct {
	pdf   *fpdf.Fpdf
	l     *layout
	tags  *marks
	info  pdfa.Info
	fonts []*pdfa.Font // the embedded fonts that replace fpdf's (see placeholderFonts)
}

// newPDF starts a document with info as its metadata and p around every
// page, and opens the first page.
func newPDF(info pdfa.Info, p page) *pdfDoc {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(info.Date)
	pdf.SetModificationDate(info.Date)
	pdf.SetProducer(Producer, true)
	pdf.SetCreator("beschut", true)
	pdf.SetCompression(false) // pdfa.Convert compresses the page contents, with pooled compressors
	pdf.SetTitle(info.Title, true)
	pdf.SetSubject(info.Subject, true)
	pdf.SetAuthor(info.Author, true)
	pdf.SetKeywords(info.Keywords, true)
	pdf.SetLang(info.Lang)
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0) // padding is the layout's own (cellPad), so SplitText and the drawing agree
	addFonts(pdf)
	pdf.AliasNbPages("{nb}")
	tags := newMarks(pdf)
	l := &layout{pdf: pdf, tag: tags}
	pdf.SetHeaderFunc(func() {
		l.tag.artifact(func() {
			if p.watermark {
				watermark(pdf)
			}
			pdf.SetFont(font, "", 8)
			pdf.SetTextColor(0x60, 0x60, 0x60)
			pdf.SetXY(marginL, 10)
			pdf.CellFormat(contentW, 4, fitLine(p.running, contentW, pdf.GetStringWidth), "", 0, "L", false, 0, "")
			pdf.SetDrawColor(0x1F, 0x3A, 0x5F)
			pdf.SetLineWidth(0.4)
			pdf.Line(marginL, 15.5, pageW-marginR, 15.5)
			pdf.SetTextColor(0, 0, 0)
		})
	})
	d := &pdfDoc{pdf: pdf, l: l, tags: tags, info: info}
	pdf.SetFooterFuncLpi(func(last bool) {
		l.tag.artifact(func() {
			pdf.SetFont(font, "", 7.5)
			pdf.SetTextColor(0x60, 0x60, 0x60)
			pdf.SetXY(marginL, 282)
			pdf.CellFormat(contentW, 4, fitLine(p.footer(pdf.PageNo()), contentW, pdf.GetStringWidth), "", 0, "L", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
		})
		if last {
			// Nothing is drawn after the last footer: fpdf writes the fonts next.
			fonts, err := placeholderFonts(pdf)
			if err != nil {
				pdf.SetError(err)
			}
			d.fonts = fonts
		}
	})
	l.newPage()
	return d
}

// finish writes the document to w as a tagged PDF/A.
func (d *pdfDoc) finish(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return err
	}
	raw := rawBuffer()
	defer keepRawBuffer(raw)
	if err := d.pdf.Output(raw); err != nil {
		return err
	}
	out, err := pdfa.Convert(raw.Bytes(), d.tags.root, d.info, d.fonts...)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// rawBuffers keeps the buffers of fpdf's output for the next document:
// pdfa.Convert reads fpdf's file and returns a new one, so the buffer is
// free again after it. A buffered channel, which the GC does not empty.
var rawBuffers = make(chan *bytes.Buffer, 4)

func rawBuffer() *bytes.Buffer {
	select {
	case b := <-rawBuffers:
		return b
	default:
		return new(bytes.Buffer)
	}
}

func keepRawBuffer(b *bytes.Buffer) {
	if b.Cap() > 16<<20 {
		return // an exceptionally large document: not kept
	}
	b.Reset()
	select {
	case rawBuffers <- b:
	default:
	}
}
