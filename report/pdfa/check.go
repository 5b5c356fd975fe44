package pdfa

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
)

// Node is a structure element as read back from a PDF.
type Node struct {
	Role    string
	Alt     string
	Scope   string
	Parent  *Node
	Kids    []*Node
	Content []MC // the marked-content sequences the element owns, in /K order
}

// MC is a marked-content sequence: page (1-based) and MCID.
type MC struct{ Page, MCID int }

// Doc is what Check read: the structure tree and, per page, the owner of
// every marked-content sequence in the order the content stream draws them.
type Doc struct {
	Root  *Node
	Pages [][]*Node
}

// Check reads a tagged PDF and checks its tagging against its content: the
// cross-reference table (every offset at "n 0 obj"), the structure tree
// (types, /P back-references, /Pg pages), every MCID of the content streams
// owned by exactly one element and listed under it in the parent tree,
// every element's marked content found in the content, no painting
// operator outside marked content or an artifact, no marked content nested
// in another, every Figure with /Alt and every TH with a /Scope.
func Check(data []byte) (*Doc, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	pageObjs, err := f.pages()
	if err != nil {
		return nil, err
	}
	pageIndex := map[int]int{}
	for i, n := range pageObjs {
		pageIndex[n] = i
	}
	cat, _ := f.dict(f.root)
	mi, _, ok := f.resolve(cat.Get("MarkInfo"))
	if m, _ := mi.Get("Marked").(bool); !ok || !m {
		return nil, errAt(-1, "catalogus zonder /MarkInfo << /Marked true >>")
	}
	str, ok := cat.Get("StructTreeRoot").(Ref)
	if !ok {
		return nil, errAt(-1, "catalogus zonder /StructTreeRoot")
	}
	tr, err := f.typed(str.Num, "StructTreeRoot")
	if err != nil {
		return nil, err
	}
	owner := map[MC]*Node{}
	roles := map[*Node]int{} // node → object number
	var walk func(n int, parent int, pn *Node) (*Node, error)
	walk = func(n int, parent int, pn *Node) (*Node, error) {
		d, err := f.typed(n, "StructElem")
		if err != nil {
			return nil, err
		}
		s, ok := d.Get("S").(Name)
		if !ok {
			return nil, errAt(f.objects[n].offset, "structuurelement %d zonder /S", n)
		}
		if p, _ := d.Get("P").(Ref); p.Num != parent {
			return nil, errAt(f.objects[n].offset, "structuurelement %d: /P is niet de ouder %d", n, parent)
		}
		node := &Node{Role: string(s), Parent: pn}
		roles[node] = n
		if a, ok := d.Get("Alt").(String); ok {
			node.Alt = a.Text()
		}
		if a, _, ok := f.resolve(d.Get("A")); ok {
			if sc, ok := a.Get("Scope").(Name); ok {
				node.Scope = string(sc)
			}
		}
		if node.Role == "Figure" && node.Alt == "" {
			return nil, errAt(f.objects[n].offset, "Figure %d zonder /Alt", n)
		}
		if node.Role == "TH" && node.Scope == "" {
			return nil, errAt(f.objects[n].offset, "TH %d zonder /Scope", n)
		}
		elemPg, _ := d.Get("Pg").(Ref)
		kids, ok := d.Get("K").(Array)
		if !ok {
			kids = Array{d.Get("K")}
		}
		for _, k := range kids {
			var mc MC
			switch k := k.(type) {
			case Ref:
				c, err := walk(k.Num, n, node)
				if err != nil {
					return nil, err
				}
				node.Kids = append(node.Kids, c)
				continue
			case int:
				pi, ok := pageIndex[elemPg.Num]
				if !ok {
					return nil, errAt(f.objects[n].offset, "structuurelement %d: MCID zonder geldige /Pg", n)
				}
				mc = MC{pi + 1, k}
			case *Dict:
				pg, _ := k.Get("Pg").(Ref)
				id, okID := k.Get("MCID").(int)
				pi, okPg := pageIndex[pg.Num]
				if t, _ := k.Get("Type").(Name); t != "MCR" || !okID || !okPg {
					return nil, errAt(f.objects[n].offset, "structuurelement %d: ongeldige MCR", n)
				}
				mc = MC{pi + 1, id}
			default:
				return nil, errAt(f.objects[n].offset, "structuurelement %d: ongeldig kind %v", n, k)
			}
			if owner[mc] != nil {
				return nil, errAt(f.objects[n].offset, "pagina %d MCID %d hoort bij twee elementen", mc.Page, mc.MCID)
			}
			owner[mc] = node
			node.Content = append(node.Content, mc)
		}
		return node, nil
	}
	k, ok := tr.Get("K").(Array)
	if !ok || len(k) != 1 {
		return nil, errAt(f.objects[str.Num].offset, "/StructTreeRoot /K moet één element hebben")
	}
	kr, _ := k[0].(Ref)
	doc := &Doc{Pages: make([][]*Node, len(pageObjs))}
	if doc.Root, err = walk(kr.Num, str.Num, nil); err != nil {
		return nil, err
	}
	// Parent tree.
	ptRef, _ := tr.Get("ParentTree").(Ref)
	pt, ok := f.dict(ptRef.Num)
	if !ok {
		return nil, errAt(f.objects[str.Num].offset, "/StructTreeRoot zonder /ParentTree")
	}
	nums, _ := pt.Get("Nums").(Array)
	parents := map[int]Array{}
	for i := 0; i+1 < len(nums); i += 2 {
		key, ok1 := nums[i].(int)
		arr, ok2 := nums[i+1].(Array)
		if !ok1 || !ok2 {
			return nil, errAt(f.objects[ptRef.Num].offset, "/ParentTree /Nums: paar %d ongeldig", i/2)
		}
		parents[key] = arr
	}
	// Content streams.
	for i, pn := range pageObjs {
		pg, _ := f.dict(pn)
		sp, ok := pg.Get("StructParents").(int)
		if !ok {
			return nil, errAt(f.objects[pn].offset, "pagina %d zonder /StructParents", i+1)
		}
		parr := parents[sp]
		content, err := f.pageContent(pg, i+1)
		if err != nil {
			return nil, err
		}
		ids, err := walkContent(content, i+1)
		if err != nil {
			return nil, err
		}
		if len(ids) != len(parr) {
			return nil, errAt(-1, "pagina %d: %d MCID's in de inhoud, %d in de parent tree", i+1, len(ids), len(parr))
		}
		for _, id := range ids {
			mc := MC{i + 1, id.mcid}
			o := owner[mc]
			if o == nil {
				return nil, errAt(-1, "pagina %d: MCID %d hoort bij geen structuurelement", i+1, id.mcid)
			}
			if o.Role != id.tag {
				return nil, errAt(-1, "pagina %d: MCID %d gemarkeerd als /%s, element is %s", i+1, id.mcid, id.tag, o.Role)
			}
			if id.mcid >= len(parr) {
				return nil, errAt(-1, "pagina %d: MCID %d niet in de parent tree", i+1, id.mcid)
			}
			if r, _ := parr[id.mcid].(Ref); r.Num != roles[o] {
				return nil, errAt(-1, "pagina %d: MCID %d: parent tree zegt %v, het element is %d", i+1, id.mcid, parr[id.mcid], roles[o])
			}
			doc.Pages[i] = append(doc.Pages[i], o)
			delete(owner, mc)
		}
	}
	for mc := range owner {
		return nil, errAt(-1, "pagina %d: MCID %d staat in de structuur maar niet in de inhoud", mc.Page, mc.MCID)
	}
	return doc, nil
}

// pageContent returns the decoded content of a page.
func (f *file) pageContent(pg *Dict, page int) ([]byte, error) {
	var refs []Object
	switch c := pg.Get("Contents").(type) {
	case Ref:
		refs = []Object{c}
	case Array:
		refs = c
	default:
		return nil, errAt(-1, "pagina %d zonder /Contents", page)
	}
	var out []byte
	for _, r := range refs {
		ref, _ := r.(Ref)
		o, ok := f.objects[ref.Num]
		if !ok || o.stream == nil {
			return nil, errAt(-1, "pagina %d: /Contents is geen stream", page)
		}
		d := o.value.(*Dict)
		switch d.Get("Filter") {
		case nil:
			out = append(out, o.stream...)
		case Name("FlateDecode"):
			zr, err := zlib.NewReader(bytes.NewReader(o.stream))
			if err != nil {
				return nil, errAt(o.offset, "pagina %d: inhoud niet te decomprimeren: %v", page, err)
			}
			b, err := io.ReadAll(zr)
			if err != nil {
				return nil, errAt(o.offset, "pagina %d: inhoud niet te decomprimeren: %v", page, err)
			}
			out = append(out, b...)
		default:
			return nil, errAt(o.offset, "pagina %d: filter %v niet ondersteund", page, d.Get("Filter"))
		}
		out = append(out, '\n')
	}
	return out, nil
}

// painting operators: text showing, path painting, shading, XObjects, images.
var painting = map[string]bool{"Tj": true, "TJ": true, "'": true, "\"": true, "S": true, "s": true, "f": true, "F": true, "f*": true,
	"B": true, "B*": true, "b": true, "b*": true, "sh": true, "Do": true, "BI": true}

type mcUse struct {
	tag  string
	mcid int
}

// walkContent returns the MCIDs of a content stream in drawing order and
// checks that nothing is painted outside marked content or artifacts and
// that marked content does not nest.
func walkContent(data []byte, page int) ([]mcUse, error) {
	l := &lexer{data: data}
	var operands []Object
	var stack []string // "mcid", "artifact", "other"
	var out []mcUse
	for {
		l.skip()
		if l.pos >= len(data) {
			break
		}
		c := data[l.pos]
		regular := !isDelim(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.'
		if regular {
			start := l.pos
			w := l.word()
			if w == "" { // a lone delimiter such as '{'
				return nil, errAt(start, "pagina %d: onverwacht teken %q in de inhoud", page, c)
			}
			if w == "true" || w == "false" || w == "null" {
				operands = append(operands, w)
				continue
			}
			switch w {
			case "BI":
				return nil, errAt(start, "pagina %d: inline afbeeldingen niet ondersteund", page)
			case "BDC":
				tag, _ := operandAt(operands, 0).(Name)
				props, _ := operandAt(operands, 1).(*Dict)
				id, hasID := props.getInt("MCID")
				switch {
				case tag == "Artifact":
					stack = append(stack, "artifact")
				case hasID:
					for _, s := range stack {
						if s == "mcid" || s == "artifact" {
							return nil, errAt(start, "pagina %d: MCID %d genest in gemarkeerde inhoud", page, id)
						}
					}
					stack = append(stack, "mcid")
					out = append(out, mcUse{string(tag), id})
				default:
					stack = append(stack, "other")
				}
			case "BMC":
				if tag, _ := operandAt(operands, 0).(Name); tag == "Artifact" {
					for _, s := range stack {
						if s == "mcid" {
							return nil, errAt(start, "pagina %d: artefact binnen gemarkeerde inhoud", page)
						}
					}
					stack = append(stack, "artifact")
				} else {
					stack = append(stack, "other")
				}
			case "EMC":
				if len(stack) == 0 {
					return nil, errAt(start, "pagina %d: EMC zonder BDC/BMC", page)
				}
				stack = stack[:len(stack)-1]
			default:
				if painting[w] {
					ok := false
					for _, s := range stack {
						ok = ok || s == "mcid" || s == "artifact"
					}
					if !ok {
						return nil, errAt(start, "pagina %d: %q tekent buiten gemarkeerde inhoud en artefacten", page, w)
					}
				}
			}
			operands = operands[:0]
			continue
		}
		v, err := l.value()
		if err != nil {
			return nil, fmt.Errorf("pagina %d: %w", page, err)
		}
		operands = append(operands, v)
	}
	if len(stack) != 0 {
		return nil, errAt(-1, "pagina %d: %d gemarkeerde reeksen niet gesloten", page, len(stack))
	}
	return out, nil
}

func operandAt(ops []Object, i int) Object {
	if i < len(ops) {
		return ops[i]
	}
	return nil
}

func (d *Dict) getInt(key string) (int, bool) {
	if d == nil {
		return 0, false
	}
	v, ok := d.Get(key).(int)
	return v, ok
}
