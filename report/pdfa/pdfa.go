// Package pdfa turns fpdf's output into a tagged PDF/A-1a (with the PDF/UA
// identification). fpdf can write the marked-content operators (the
// raadsmededeling's tagger does that while drawing) but not the objects
// around them, and it always writes an /EmbeddedFiles name tree, which
// PDF/A-1 forbids.
//
// Convert parses fpdf's file (classic cross-reference table, every offset
// checked), edits the catalog, the outline root and the page dictionaries
// as parsed dictionaries, appends the structure tree, the parent tree, the
// XMP metadata and the sRGB output intent, writes a new cross-reference
// table with an /ID derived from the content, and parses its own result
// again. It can also put in embedded fonts made once (ExtractFont) in place
// of placeholder font dictionaries, so that fpdf need not subset and
// compress the same font for every document (see font.go). Every
// assumption about the input and every edit is checked: a
// file it does not understand is an *Error, never a silently different
// file. The output is deterministic: the same input gives the same bytes.
package pdfa

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

//go:embed icc/sRGB2014.icc
var srgbProfile []byte

// Info are the document properties. /Info must hold Title, Author,
// Subject, Keywords, Creator and Producer exactly so (fpdf writes them);
// the XMP metadata repeats them.
type Info struct {
	Title, Author, Subject, Keywords, Creator, Producer string
	Date                                                time.Time
	Lang                                                string
}

// Element is a node of the structure tree: a role (H1, P, Table, TH, …)
// and its kids in reading order.
type Element struct {
	Role  string
	Alt   string // Figure: the alternative text
	Scope string // TH: "Column" or "Row"
	Kids  []Kid
}

// Kid is a child element, or a marked-content sequence (Page 1-based, MCID)
// that the element owns.
type Kid struct {
	Elem *Element
	Page int
	MCID int
}

// Convert rewrites fpdf's output data as a tagged PDF/A-1a whose structure
// tree is root. Each of fonts replaces its placeholder in data (see
// ExtractFont and placeholders); without fonts, data embeds its own.
func Convert(data []byte, root *Element, info Info, fonts ...*Font) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	pageObjs, err := f.pages()
	if err != nil {
		return nil, err
	}
	if err := f.checkInfo(info); err != nil {
		return nil, err
	}
	// Parent tree: per page, the element of every MCID, MCIDs 0..n-1.
	owners, err := parentTree(root, len(pageObjs))
	if err != nil {
		return nil, err
	}
	next := f.size
	alloc := func() int { next++; return next - 1 }
	added := map[int]string{}

	// Fonts: the placeholder's number for the font dictionary, new numbers
	// for the objects it refers to.
	at, err := f.placeholders(pageObjs, fonts)
	if err != nil {
		return nil, err
	}
	fontAt := map[int]fontPlace{}
	for i, ft := range fonts {
		nums := make([]int, len(ft.objs))
		nums[0] = at[i]
		for k := 1; k < len(nums); k++ {
			nums[k] = alloc()
		}
		for k, n := range nums {
			fontAt[n] = fontPlace{ft, k, nums}
		}
	}

	refs := map[*Element]int{}
	var number func(e *Element)
	number = func(e *Element) {
		refs[e] = alloc()
		for _, k := range e.Kids {
			if k.Elem != nil {
				number(k.Elem)
			}
		}
	}
	treeRoot := alloc()
	number(root)
	ptree := alloc()
	// All elements go into one builder (each in its own builder made most
	// of the rewrite's allocations); added gets their slices of it.
	var b strings.Builder
	b.Grow(160 * len(refs))
	spans := make(map[int][2]int, len(refs))
	var write func(e *Element, parent int) error
	write = func(e *Element, parent int) error {
		if e.Role == "" || strings.ContainsAny(e.Role, " /()<>[]{}%") {
			return errAt(-1, "structuurelement met ongeldige rol %q", e.Role)
		}
		start := b.Len()
		b.WriteString("<<\n/Type /StructElem\n/S /")
		b.WriteString(e.Role)
		b.WriteString("\n/P ")
		writeRef(&b, parent)
		b.WriteString("\n")
		for _, k := range e.Kids {
			if k.Elem == nil {
				b.WriteString("/Pg ")
				writeRef(&b, pageObjs[k.Page-1])
				b.WriteString("\n")
				break
			}
		}
		if e.Alt != "" {
			fmt.Fprintf(&b, "/Alt %s\n", textString(e.Alt))
		}
		switch e.Scope {
		case "":
		case "Row", "Column", "Both":
			fmt.Fprintf(&b, "/A << /O /Table /Scope /%s >>\n", e.Scope)
		default:
			return errAt(-1, "%s met ongeldige /Scope %q", e.Role, e.Scope)
		}
		b.WriteString("/K [")
		for _, k := range e.Kids {
			if k.Elem != nil {
				b.WriteString(" ")
				writeRef(&b, refs[k.Elem])
			} else {
				b.WriteString(" << /Type /MCR /Pg ")
				writeRef(&b, pageObjs[k.Page-1])
				b.WriteString(" /MCID ")
				b.WriteString(strconv.Itoa(k.MCID))
				b.WriteString(" >>")
			}
		}
		b.WriteString(" ]\n>>")
		spans[refs[e]] = [2]int{start, b.Len()}
		for _, k := range e.Kids {
			if k.Elem != nil {
				if err := write(k.Elem, refs[e]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := write(root, treeRoot); err != nil {
		return nil, err
	}
	elems := b.String()
	for n, sp := range spans {
		added[n] = elems[sp[0]:sp[1]]
	}
	added[treeRoot] = fmt.Sprintf("<<\n/Type /StructTreeRoot\n/K [%d 0 R]\n/ParentTree %d 0 R\n/ParentTreeNextKey %d\n>>", refs[root], ptree, len(pageObjs))
	var nums strings.Builder
	for i := range pageObjs {
		nums.WriteString(" ")
		nums.WriteString(strconv.Itoa(i))
		nums.WriteString(" [")
		for _, owner := range owners[i] {
			nums.WriteString(" ")
			writeRef(&nums, refs[owner])
		}
		nums.WriteString(" ]")
	}
	added[ptree] = "<<\n/Nums [" + nums.String() + " ]\n>>"

	icc := alloc()
	added[icc] = fmt.Sprintf("<<\n/N 3\n/Length %d\n>>\nstream\n%s\nendstream", len(srgbProfile), srgbProfile)
	intent := alloc()
	added[intent] = fmt.Sprintf("<<\n/Type /OutputIntent\n/S /GTS_PDFA1\n/OutputConditionIdentifier (sRGB IEC61966-2.1)\n/RegistryName (http://www.color.org)\n/Info (sRGB IEC61966-2.1)\n/DestOutputProfile %d 0 R\n>>", icc)
	xmp := xmpPacket(info)
	meta := alloc()
	added[meta] = fmt.Sprintf("<<\n/Type /Metadata\n/Subtype /XML\n/Length %d\n>>\nstream\n%s\nendstream", len(xmp), xmp)

	// The catalog: no EmbeddedFiles name tree; marked, tagged, titled, archival.
	cat, err := f.typed(f.root, "Catalog")
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"StructTreeRoot", "MarkInfo", "Metadata", "OutputIntents"} {
		if cat.Has(k) {
			return nil, errAt(f.objects[f.root].offset, "catalogus heeft al /%s", k)
		}
	}
	if names := cat.Get("Names"); names != nil {
		nd, _, ok := f.resolve(names)
		if !ok || len(nd.entries) != 1 || !nd.Has("EmbeddedFiles") {
			return nil, errAt(f.objects[f.root].offset, "catalogus: /Names bevat meer dan een lege /EmbeddedFiles")
		}
		ef, _, ok := f.resolve(nd.Get("EmbeddedFiles"))
		if arr, isArr := ef.Get("Names").(Array); !ok || !isArr || len(arr) != 0 || len(ef.entries) != 1 {
			return nil, errAt(f.objects[f.root].offset, "catalogus: /EmbeddedFiles is niet leeg; PDF/A-1 staat geen bijlagen toe")
		}
		cat.Delete("Names")
	}
	sets := [][2]string{
		{"MarkInfo", "<< /Marked true >>"},
		{"StructTreeRoot", fmt.Sprintf("%d 0 R", treeRoot)},
		{"ViewerPreferences", "<< /DisplayDocTitle true >>"},
		{"Metadata", fmt.Sprintf("%d 0 R", meta)},
		{"OutputIntents", fmt.Sprintf("[%d 0 R]", intent)},
	}
	if lang, ok := cat.Get("Lang").(String); !ok {
		sets = append(sets, [2]string{"Lang", textString(info.Lang)})
	} else if lang.Text() != info.Lang {
		return nil, errAt(f.objects[f.root].offset, "catalogus: /Lang %q, verwacht %q", lang.Text(), info.Lang)
	}
	for _, s := range sets {
		if err := cat.Set(s[0], s[1]); err != nil {
			return nil, err
		}
	}
	f.objects[f.root].edited = true

	// The outline root needs /Count (PDFBox preflight 1.4.9): fpdf writes
	// it only on the items. All items are open at top level.
	if v := cat.Get("Outlines"); v != nil {
		ref, ok := v.(Ref)
		if !ok {
			return nil, errAt(f.objects[f.root].offset, "catalogus: /Outlines is geen verwijzing")
		}
		if err := f.countOutlines(ref.Num); err != nil {
			return nil, err
		}
	}
	// Pages: their parent-tree key, and no transparency group.
	for i, n := range pageObjs {
		pg, _ := f.dict(n)
		if pg.Has("StructParents") {
			return nil, errAt(f.objects[n].offset, "pagina %d heeft al /StructParents", i+1)
		}
		if g := pg.Get("Group"); g != nil {
			gd, _, ok := f.resolve(g)
			if s, _ := gd.Get("S").(Name); !ok || s != "Transparency" {
				return nil, errAt(f.objects[n].offset, "pagina %d: onbekende /Group", i+1)
			}
			pg.Delete("Group")
		}
		if err := pg.Set("StructParents", fmt.Sprint(i)); err != nil {
			return nil, err
		}
		f.objects[n].edited = true
	}

	// Page contents that fpdf left uncompressed are compressed here, with
	// a pooled zlib writer: fpdf makes a new one (≈1 MB) for every stream.
	for i, n := range pageObjs {
		pg, _ := f.dict(n)
		ref, ok := pg.Get("Contents").(Ref)
		o := f.objects[ref.Num]
		if !ok || o == nil || o.stream == nil {
			return nil, errAt(f.objects[n].offset, "pagina %d: /Contents is geen verwijzing naar een stream", i+1)
		}
		d := o.value.(*Dict)
		if d.Has("Filter") {
			continue
		}
		o.stream = deflate(o.stream)
		if err := d.Set("Length", fmt.Sprint(len(o.stream))); err != nil {
			return nil, err
		}
		if err := d.Set("Filter", "/FlateDecode"); err != nil {
			return nil, err
		}
		o.edited = true
	}

	out := f.write(next, added, fontAt)
	// Verify the result: it parses, every offset is right, and the edits are there.
	if err := verifyEdits(out, len(pageObjs), fonts, at); err != nil {
		return nil, fmt.Errorf("PDF/A-omzetting: eigen uitvoer onjuist: %w", err)
	}
	return out, nil
}

// deflaters keeps zlib writers for reuse: a writer is ≈1 MB of tables
// that a new one must allocate and clear. A buffered channel rather than a
// sync.Pool, which the GC empties every other cycle, so often that the
// writers were made anew for most documents.
var deflaters = make(chan *zlib.Writer, 8)

// deflate compresses data as fpdf does (zlib, best speed) with a reused
// writer: klauspost/compress's zlib, a drop-in for compress/zlib that is
// about twice as fast at this level.
func deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	var w *zlib.Writer
	select {
	case w = <-deflaters:
		w.Reset(&b)
	default:
		w, _ = zlib.NewWriterLevel(&b, zlib.BestSpeed)
	}
	w.Write(data) // writes to a bytes.Buffer do not fail
	w.Close()
	select {
	case deflaters <- w:
	default:
	}
	return b.Bytes()
}

// checkInfo: /Info holds the properties the XMP metadata will repeat.
func (f *file) checkInfo(info Info) error {
	d, _ := f.dict(f.info)
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject},
		{"Keywords", info.Keywords}, {"Creator", info.Creator}, {"Producer", info.Producer}} {
		s, ok := d.Get(kv[0]).(String)
		if kv[1] == "" && !ok {
			continue
		}
		if !ok || s.Text() != kv[1] {
			return errAt(f.objects[f.info].offset, "/Info /%s is %q, de XMP-metadata zou %q zeggen", kv[0], textOf(d.Get(kv[0])), kv[1])
		}
	}
	want := "D:" + info.Date.Format("20060102150405")
	for _, k := range []string{"CreationDate", "ModDate"} {
		if s, ok := d.Get(k).(String); !ok || !strings.HasPrefix(string(s), want) {
			return errAt(f.objects[f.info].offset, "/Info /%s is %q, verwacht %s", k, textOf(d.Get(k)), want)
		}
	}
	return nil
}

func textOf(v Object) string {
	if s, ok := v.(String); ok {
		return s.Text()
	}
	return fmt.Sprint(v)
}

// countOutlines sets /Count on the outline root: the number of items in
// its /First…/Next chain, each of which must name it as /Parent.
func (f *file) countOutlines(root int) error {
	od, err := f.typed(root, "Outlines")
	if err != nil {
		return err
	}
	items := 0
	seen := map[int]bool{}
	for v := od.Get("First"); v != nil; {
		ref, ok := v.(Ref)
		item, isDict := f.dict(ref.Num)
		if !ok || !isDict || seen[ref.Num] {
			return errAt(f.objects[root].offset, "inhoudsopgave: /First of /Next wijst niet naar een nieuw item")
		}
		seen[ref.Num] = true
		if p, _ := item.Get("Parent").(Ref); p.Num != root {
			return errAt(f.objects[ref.Num].offset, "inhoudsopgave-item %d: /Parent is niet %d", ref.Num, root)
		}
		items++
		v = item.Get("Next")
	}
	if last, _ := od.Get("Last").(Ref); items > 0 && !seen[last.Num] {
		return errAt(f.objects[root].offset, "inhoudsopgave: /Last ligt niet in de keten")
	}
	if err := od.Set("Count", fmt.Sprint(items)); err != nil {
		return err
	}
	f.objects[root].edited = true
	return nil
}

// parentTree lists per page (0-based) the element of each MCID; the MCIDs
// of a page must be 0, 1, … without gaps or repeats.
func parentTree(root *Element, pages int) ([][]*Element, error) {
	owners := make([][]*Element, pages)
	var walk func(e *Element) error
	walk = func(e *Element) error {
		for _, k := range e.Kids {
			if k.Elem != nil {
				if err := walk(k.Elem); err != nil {
					return err
				}
				continue
			}
			if k.Page < 1 || k.Page > pages {
				return errAt(-1, "%s verwijst naar pagina %d, het document heeft er %d", e.Role, k.Page, pages)
			}
			o := owners[k.Page-1]
			for len(o) <= k.MCID {
				o = append(o, nil)
			}
			if k.MCID < 0 || o[k.MCID] != nil {
				return errAt(-1, "pagina %d: MCID %d dubbel of negatief", k.Page, k.MCID)
			}
			o[k.MCID] = e
			owners[k.Page-1] = o
		}
		return nil
	}
	if err := walk(root); err != nil {
		return nil, err
	}
	for p, o := range owners {
		for id, e := range o {
			if e == nil {
				return nil, errAt(-1, "pagina %d: MCID %d hoort bij geen element", p+1, id)
			}
		}
	}
	return owners, nil
}

// fontPlace is object k of a font put into the file; nums are the numbers
// of all its objects there.
type fontPlace struct {
	font *Font
	k    int
	nums []int
}

// write serialises the file: the old objects (edited ones anew), then the
// added ones, a new xref table and the trailer with an /ID from the content.
func (f *file) write(next int, added map[int]string, fontAt map[int]fontPlace) []byte {
	var out bytes.Buffer
	size := len(f.data) + 1024
	for _, a := range added {
		size += len(a) + 32
	}
	for _, p := range fontAt {
		size += len(p.font.objs[p.k].stream) + 256
	}
	out.Grow(size + 20*next)
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, next)
	nums := make([]int, 0, next)
	for n := range f.objects {
		nums = append(nums, n)
	}
	for n := range added {
		nums = append(nums, n)
	}
	for n := range fontAt {
		if _, ok := f.objects[n]; !ok {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	for _, n := range nums {
		offsets[n] = out.Len()
		if p, ok := fontAt[n]; ok {
			p.font.objs[p.k].write(&out, n, p.nums)
			continue
		}
		if o, ok := f.objects[n]; ok {
			if o.edited {
				out.WriteString(strconv.Itoa(n))
				out.WriteString(" 0 obj\n")
				out.Write(o.value.(*Dict).Bytes())
				if o.stream != nil {
					out.WriteString("\nstream\n")
					out.Write(o.stream)
					out.WriteString("\nendstream")
				}
				out.WriteString("\nendobj\n")
			} else {
				out.Write(o.raw)
				out.WriteByte('\n')
			}
			continue
		}
		out.WriteString(strconv.Itoa(n))
		out.WriteString(" 0 obj\n")
		out.WriteString(added[n])
		out.WriteString("\nendobj\n")
	}
	id := sha256.Sum256(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		if offsets[n] == 0 {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		var e [20]byte
		copy(e[:], "0000000000 00000 n \n")
		for i, v := 9, offsets[n]; v > 0; i, v = i-1, v/10 {
			e[i] = byte('0' + v%10)
		}
		out.Write(e[:])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%X> <%X>]\n>>\nstartxref\n%d\n%%%%EOF\n", next, f.root, f.info, id[:16], id[:16], xref)
	return out.Bytes()
}

// verifyEdits parses out again and checks what Convert promised.
func verifyEdits(out []byte, pages int, fonts []*Font, at []int) error {
	f, err := parse(out)
	if err != nil {
		return err
	}
	pageObjs, err := f.pages()
	if err != nil {
		return err
	}
	if len(pageObjs) != pages {
		return errAt(-1, "%d pagina's, verwacht %d", len(pageObjs), pages)
	}
	cat, _ := f.dict(f.root)
	for _, k := range []string{"MarkInfo", "StructTreeRoot", "ViewerPreferences", "Metadata", "OutputIntents", "Lang"} {
		if !cat.Has(k) {
			return errAt(-1, "catalogus mist /%s", k)
		}
	}
	if cat.Has("Names") {
		return errAt(-1, "catalogus heeft nog /Names")
	}
	for i, n := range pageObjs {
		pg, _ := f.dict(n)
		if sp, _ := pg.Get("StructParents").(int); sp != i || pg.Has("Group") {
			return errAt(-1, "pagina %d: /StructParents %v of /Group", i+1, pg.Get("StructParents"))
		}
	}
	for i, ft := range fonts {
		d, ok := f.dict(at[i])
		if b, _ := d.Get("BaseFont").(Name); !ok || d.Get("Subtype") != Name("Type0") || string(b) != ft.BaseFont {
			return errAt(-1, "object %d is niet het lettertype /%s", at[i], ft.BaseFont)
		}
	}
	return nil
}

// writeRef writes the reference "n 0 R".
func writeRef(b *strings.Builder, n int) {
	b.WriteString(strconv.Itoa(n))
	b.WriteString(" 0 R")
}

// textString encodes a text string: literal when plain ASCII, else UTF-16BE.
func textString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 32 || r > 126 {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
