package raadsmededeling

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// Roles that only group other elements; every other role holds content.
var containers = map[Role]bool{"Document": true, RoleTable: true, RoleTR: true, RoleL: true, RoleLI: true}

// Further roles of list items.
const (
	RoleLbl   Role = "Lbl"
	RoleLBody Role = "LBody"
)

// element is a node of the structure tree.
type element struct {
	role  Role
	attrs map[string]string // Alt, Scope
	kids  []kid
}

// kid is a child element or a marked-content sequence on a page.
type kid struct {
	elem *element
	page int // 1-based page number
	mcid int
}

// marks is the tagger that makes a tagged PDF: it writes marked-content
// operators (BDC/EMC, /Artifact BMC) into the page content as the layout
// draws, and builds the structure tree they belong to. A marked-content
// sequence never crosses a page or encloses another element or an
// artifact: it is closed before and reopened after, under a new MCID.
type marks struct {
	pdf   *fpdf.Fpdf
	root  *element
	stack []*element
	open  bool        // a BDC of the innermost element is open
	mcids map[int]int // next MCID per page
	// owners lists per page the element of every MCID, in MCID order.
	owners map[int][]*element
}

func newMarks(pdf *fpdf.Fpdf) *marks {
	root := &element{role: "Document"}
	return &marks{pdf: pdf, root: root, stack: []*element{root}, mcids: map[int]int{}, owners: map[int][]*element{}}
}

func (m *marks) top() *element { return m.stack[len(m.stack)-1] }

func (m *marks) openMC() {
	e := m.top()
	if containers[e.role] || m.open {
		return
	}
	page := m.pdf.PageNo()
	id := m.mcids[page]
	m.mcids[page]++
	m.owners[page] = append(m.owners[page], e)
	e.kids = append(e.kids, kid{page: page, mcid: id})
	m.pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC\n", e.role, id))
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
	e := &element{role: role, attrs: attrs}
	parent := m.top()
	parent.kids = append(parent.kids, kid{elem: e})
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
