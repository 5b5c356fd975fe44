package raadsmededeling

import "beschut/report/prose"

// Role is the structural role of what the renderer draws. Every block has
// one, so a tagged PDF can be made from the same layout: headings H1–H3,
// paragraphs P, lists L with items LI, tables Table with header cells TH and
// data cells TD, figures Figure with an alternative text, and page artifacts
// (running header, footer, rules) that are not content.
type Role string

// Roles.
const (
	RoleH1      Role = "H1"
	RoleH2      Role = "H2"
	RoleH3      Role = "H3"
	RoleP       Role = "P"
	RoleL       Role = "L"
	RoleLI      Role = "LI"
	RoleTable   Role = "Table"
	RoleTR      Role = "TR"
	RoleTH      Role = "TH"
	RoleTD      Role = "TD"
	RoleCaption Role = "Caption"
	RoleFigure  Role = "Figure"
)

// block is one piece of the document, in reading order.
type block interface{ role() Role }

type heading struct {
	level int
	text  string
}

type paragraph struct{ text string }

type list struct{ items []string }

// table is a data table: head is the header row; with rowHeads the first
// cell of each row is a header cell too.
type table struct {
	name     string // the name templates place it by ("kosten")
	title    string // the caption without its number
	caption  string // "Tabel 5: " + title, set when the document is numbered
	note     string
	head     []string
	rows     [][]string
	rowHeads bool
	firstW   float64 // width of the first column in mm; 0: equal columns
	totalRow bool    // the last row is a total: set in bold
}

// style is the font style of row i: bold for a total row, else regular.
func (t table) style(i int) string {
	if t.totalRow && i == len(t.rows)-1 {
		return "B"
	}
	return ""
}

// figure is a chart drawn as vector graphics.
type figure struct {
	name    string
	title   string
	caption string // "Figuur 2: " + title, set when the document is numbered
	alt     string
	chart   chart
}

func (paragraph) role() Role { return RoleP }
func (list) role() Role      { return RoleL }
func (table) role() Role     { return RoleTable }
func (figure) role() Role    { return RoleFigure }

func (h heading) role() Role {
	switch h.level {
	case 1:
		return RoleH1
	case 2:
		return RoleH2
	}
	return RoleH3
}

// fromProse converts the renderer-neutral document into the blocks the
// layout draws.
func fromProse(bs []prose.Block) []block {
	out := make([]block, 0, len(bs))
	for _, b := range bs {
		switch b := b.(type) {
		case prose.Heading:
			out = append(out, heading{b.Level, b.Text})
		case prose.Paragraph:
			out = append(out, paragraph{b.Text})
		case prose.List:
			out = append(out, list{b.Items})
		case prose.Table:
			out = append(out, table{name: b.Name, title: b.Title, caption: b.Caption, note: b.Note, head: b.Head, rows: b.Rows, rowHeads: b.RowHeads, firstW: b.FirstW, totalRow: b.TotalRow})
		case prose.Figure:
			out = append(out, figure{name: b.Name, title: b.Title, caption: b.Caption, alt: b.Alt, chart: fromChart(b.Chart)})
		}
	}
	return out
}

func fromChart(c prose.Chart) chart {
	s := func(x prose.Series) series { return series{name: x.Name, values: x.Values, ok: x.Ok} }
	out := chart{categories: c.Categories, money: c.Money}
	for _, b := range c.Bars {
		out.bars = append(out.bars, s(b))
	}
	if c.Line != nil {
		l := s(*c.Line)
		out.line = &l
	}
	return out
}
