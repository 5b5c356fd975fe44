// Package prose builds the raadsmededeling as a renderer-neutral value: a
// Document of headings, paragraphs, lists, tables and figures (with their
// numbers, captions and alternative texts), made from a report and the
// templates. The PDF renderer (report/raadsmededeling) lays it out; another
// renderer (HTML, Word) can take the same value. It computes no figure of
// its own: totals, shares and conclusions come from the report.
package prose

import (
	"fmt"
	"regexp"
	"strings"
)

// Document is one raadsmededeling: its header block and its content in
// reading order.
type Document struct {
	Header Settings // resolved: Concept() tells a draft
	Blocks []Block
}

// Block is one piece of the document: Heading, Paragraph, List, Table or
// Figure.
type Block interface{ isBlock() }

// Heading is a section (Level 2) or subsection (Level 3) heading; Level 1
// is the document's title.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is running text.
type Paragraph struct{ Text string }

// List is a bullet list.
type List struct{ Items []string }

// Table is a data table: Head is the header row; with RowHeads the first
// cell of each row is a header cell too.
type Table struct {
	Name     string // the name templates place it by ("kosten")
	Title    string // the caption without its number
	Caption  string // "Tabel 5: " + Title
	Note     string
	Head     []string
	Rows     [][]string
	RowHeads bool
	FirstW   float64 // width of the first column in mm on A4; 0: equal columns
	TotalRow bool    // the last row is the total of the rows above it: set in bold
}

// Figure is a chart with its caption and alternative text; the text names
// the table that holds its numbers.
type Figure struct {
	Name    string
	Title   string
	Caption string // "Figuur 2: " + Title
	Alt     string
	Chart   Chart
}

// Chart is a grouped bar chart with an optional line, per category (year).
type Chart struct {
	Categories []string
	Bars       []Series
	Line       *Series
	Money      bool
}

// Series is one row of a chart's numbers; Ok says which values exist.
type Series struct {
	Name   string
	Values []float64
	Ok     []bool
}

func (Heading) isBlock()   {}
func (Paragraph) isBlock() {}
func (List) isBlock()      {}
func (Table) isBlock()     {}
func (Figure) isBlock()    {}

// Parse turns a filled template into blocks: paragraphs separated by blank
// lines, "- " lines as list items, "## " lines as subheadings and
// [[tabel:x]] / [[figuur:x]] lines as the named table or figure.
func Parse(text string, named func(kind, name string) ([]Block, error)) ([]Block, error) {
	var out []Block
	var para []string
	var items []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, Paragraph{strings.Join(para, " ")})
			para = nil
		}
		if len(items) > 0 {
			out = append(out, List{items})
			items = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "## "):
			flush()
			out = append(out, Heading{3, strings.TrimSpace(line[3:])})
		case strings.HasPrefix(line, "- "):
			if len(para) > 0 {
				out = append(out, Paragraph{strings.Join(para, " ")})
				para = nil
			}
			items = append(items, strings.TrimSpace(line[2:]))
		case strings.HasPrefix(line, "[[") && strings.HasSuffix(line, "]]") && !strings.HasPrefix(line, "[[nr:"):
			flush()
			kind, name, _ := strings.Cut(line[2:len(line)-2], ":")
			bs, err := named(kind, name)
			if err != nil {
				return nil, err
			}
			out = append(out, bs...)
		default:
			if len(items) > 0 { // a continuation of the last item
				items[len(items)-1] += " " + line
				continue
			}
			para = append(para, line)
		}
	}
	flush()
	return out, nil
}

// numberRef stands for the number of a placed table or figure until the
// document is numbered.
func numberRef(kind, name string) string { return "[[nr:" + kind + ":" + name + "]]" }

var numberRefs = regexp.MustCompile(`\[\[nr:(tabel|figuur):([^\]]*)\]\]`)

// number gives every table and figure its number in placement order, and
// puts those numbers in the text that refers to them.
func number(bs []Block) error {
	nums := map[string]string{}
	nt, nf := 0, 0
	for i, b := range bs {
		switch b := b.(type) {
		case Table:
			nt++
			b.Caption = fmt.Sprintf("Tabel %d: %s", nt, b.Title)
			nums["tabel:"+b.Name] = fmt.Sprintf("Tabel %d", nt)
			bs[i] = b
		case Figure:
			nf++
			b.Caption = fmt.Sprintf("Figuur %d: %s", nf, b.Title)
			nums["figuur:"+b.Name] = fmt.Sprintf("Figuur %d", nf)
			bs[i] = b
		}
	}
	var missing []string
	fill := func(s string) string {
		return numberRefs.ReplaceAllStringFunc(s, func(m string) string {
			sub := numberRefs.FindStringSubmatch(m)
			if n, ok := nums[sub[1]+":"+sub[2]]; ok {
				return n
			}
			missing = append(missing, fmt.Sprintf("%s %q", sub[1], sub[2]))
			return m
		})
	}
	for i, b := range bs {
		switch b := b.(type) {
		case Paragraph:
			bs[i] = Paragraph{fill(b.Text)}
		case List:
			items := make([]string, len(b.Items))
			for j, it := range b.Items {
				items[j] = fill(it)
			}
			bs[i] = List{items}
		case Table:
			b.Note = fill(b.Note)
			bs[i] = b
		case Figure:
			b.Alt = fill(b.Alt)
			bs[i] = b
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("verwijst naar %s, die niet in de mededeling staat (plaats hem met {{tabel \"naam\"}} of {{figuur \"naam\"}})", strings.Join(missing, ", "))
	}
	return nil
}

// Text is the document as plain text, in reading order: the header block,
// headings ("#"), paragraphs, list items ("- "), tables (caption, one line
// per row with cells between "|", then the note) and figures (caption and
// alternative text in brackets). Tests of the prose use it where no PDF
// tools are installed.
func (d *Document) Text() string {
	s := d.Header
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s · %s\n", s.Afzender, s.KopTekst(), s.Onderwerp)
	fmt.Fprintf(&b, "Onderwerp: %s\nNummer: %s\nDatum: %s\nPortefeuillehouder: %s\nTeam: %s\nGemeente: %s\n",
		s.Onderwerp, s.NummerTekst(), TabelDatum(s.Datum), ValueOrDash(s.Portefeuillehouder), ValueOrDash(s.Team), s.Gemeente)
	for _, x := range d.Blocks {
		switch x := x.(type) {
		case Heading:
			b.WriteString("\n" + strings.Repeat("#", x.Level) + " " + x.Text + "\n")
		case Paragraph:
			b.WriteString("\n" + x.Text + "\n")
		case List:
			b.WriteString("\n")
			for _, it := range x.Items {
				b.WriteString("- " + it + "\n")
			}
		case Table:
			b.WriteString("\n" + x.Caption + "\n")
			for _, row := range append([][]string{x.Head}, x.Rows...) {
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = strings.TrimSpace(c)
				}
				b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			}
			if x.Note != "" {
				b.WriteString(x.Note + "\n")
			}
		case Figure:
			b.WriteString("\n" + x.Caption + "\n[" + x.Alt + "]\n")
		}
	}
	return b.String()
}
