package raadsmededeling

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"beschut/report/pdfa"
)

// Roles that only group other elements; every other role holds content.
var containers = map[Role]bool{"Document": true, RoleTable: true, RoleTR: true, RoleL: true, RoleLI: true}

// Further roles of list items.
const (
	RoleLbl   Role = "Lbl"
	RoleLBody Role = "LBody"
)

// marks is the tagger that makes a tagged PDF: it writes marked-content
// operators (BDC/EMC, /Artifact BMC) into the page content as the layout
// draws, and builds the structure tree they belong to. A marked-content
// sequence never crosses a page or encloses another element or an
// artifact: it is closed before and reopened after, under a new MCID.
type marks struct {
	pdf   *fpdf.Fpdf
	root  *pdfa.Element
	stack []*pdfa.Element
	open  bool        // a BDC of the innermost element is open
	mcids map[int]int // next MCID per page
}

func newMarks(pdf *fpdf.Fpdf) *marks {
	root := &pdfa.Element{Role: "Document"}
	return &marks{pdf: pdf, root: root, stack: []*pdfa.Element{root}, mcids: map[int]int{}}
}

func (m *marks) top() *pdfa.Element { return m.stack[len(m.stack)-1] }

func (m *marks) openMC() {
	e := m.top()
	if containers[Role(e.Role)] || m.open {
		return
	}
	page := m.pdf.PageNo()
	id := m.mcids[page]
	m.mcids[page]++
	e.Kids = append(e.Kids, pdfa.Kid{Page: page, MCID: id})
	m.pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC\n", e.Role, id))
	m.open = true
}

func (m *marks) closeMC() bool {
	if !m.open {
		return false
	}
	m.pdf.RawWriteStr("EMC\n")
	m.open = false
	return true
}

func (m *marks) begin(role Role, attrs map[string]string) {
	m.closeMC()
	e := &pdfa.Element{Role: string(role), Alt: attrs["Alt"], Scope: attrs["Scope"]}
	parent := m.top()
	parent.Kids = append(parent.Kids, pdfa.Kid{Elem: e})
	m.stack = append(m.stack, e)
	m.openMC()
}

func (m *marks) end() {
	m.closeMC()
	m.stack = m.stack[:len(m.stack)-1]
	m.openMC() // the parent's content goes on, if it holds content
}

func (m *marks) artifact(draw func()) {
	reopen := m.closeMC()
	m.pdf.RawWriteStr("/Artifact BMC\n")
	draw()
	m.pdf.RawWriteStr("EMC\n")
	if reopen {
		m.openMC()
	}
}

func (m *marks) beforeBreak() { m.closeMC() }

func (m *marks) pageBreak() { m.openMC() }
