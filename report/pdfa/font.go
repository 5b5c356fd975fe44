package pdfa

import (
	"bytes"
	"strconv"
)

// Embedded fonts made once, put into many files.
//
// fpdf subsets and compresses its TrueType fonts anew for every document
// (re-parsing the font's tables and making four new zlib writers), although
// the objects it writes depend only on the font and the set of characters
// used. A Font is that group of objects, taken once from a file fpdf wrote
// (ExtractFont); Convert puts it into another file in place of a
// placeholder font dictionary, with new object numbers and otherwise the
// same bytes.

// Font is an embedded font: the font dictionary and every object it
// refers to, directly or not, as templates whose references are renumbered
// when the font is put into a file. It is read-only and may be shared by
// concurrent Converts.
type Font struct {
	BaseFont string
	objs     []fontObject // objs[0] is the font dictionary
}

// fontObject is one object of a Font: its value split at the indirect
// references (parts[0] ref[0] parts[1] … parts[len(refs)]; refs are indexes
// into Font.objs), and the stream data, if any.
type fontObject struct {
	parts  [][]byte
	refs   []int
	stream []byte
}

// ExtractFont takes the composite (Type0) font named baseFont out of a PDF
// that fpdf wrote: the font dictionary and all the objects it reaches. The
// font must be there exactly once, and must reach no page, catalog or other
// font dictionary.
func ExtractFont(data []byte, baseFont string) (*Font, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	root := -1
	for n := 1; n < f.size; n++ {
		d, ok := f.dict(n)
		if !ok {
			continue
		}
		if t, _ := d.Get("Type").(Name); t != "Font" {
			continue
		}
		if s, _ := d.Get("Subtype").(Name); s != "Type0" {
			continue
		}
		if b, _ := d.Get("BaseFont").(Name); string(b) != baseFont {
			continue
		}
		if root >= 0 {
			return nil, errAt(f.objects[n].offset, "lettertype /%s staat twee keer in het bestand (objecten %d en %d)", baseFont, root, n)
		}
		root = n
	}
	if root < 0 {
		return nil, errAt(-1, "geen Type0-lettertype /%s in het bestand", baseFont)
	}
	font := &Font{BaseFont: baseFont}
	index := map[int]int{root: 0}
	queue := []int{root}
	for i := 0; i < len(queue); i++ {
		n := queue[i]
		o := f.objects[n]
		v, err := o.parse(f.data)
		if err != nil {
			return nil, err
		}
		if d, ok := v.(*Dict); ok && i > 0 {
			if t, _ := d.Get("Type").(Name); t == "Page" || t == "Pages" || t == "Catalog" || t == "Font" && d.Get("Subtype") == Name("Type0") {
				return nil, errAt(o.offset, "lettertype /%s verwijst naar object %d met /Type /%s", baseFont, n, t)
			}
		}
		parts, refs, err := splitRefs(f.data, o.valStart, o.valEnd)
		if err != nil {
			return nil, err
		}
		fo := fontObject{parts: parts, stream: o.stream}
		for _, r := range refs {
			if _, ok := f.objects[r]; !ok {
				return nil, errAt(o.offset, "object %d verwijst naar object %d, dat niet bestaat", n, r)
			}
			k, seen := index[r]
			if !seen {
				k = len(queue)
				index[r] = k
				queue = append(queue, r)
			}
			fo.refs = append(fo.refs, k)
		}
		font.objs = append(font.objs, fo)
	}
	return font, nil
}

// RawObject is one object of a font made outside a file (NewFont): its
// value as written after "n 0 obj" (its leading white space included), in
// which "k 0 R" refers to the k-th object of the font (1-based), and its
// stream data, nil for an object without a stream.
type RawObject struct {
	Value  []byte
	Stream []byte
}

// NewFont makes the embedded font baseFont from its objects; objs[0] is the
// font dictionary. Every reference must name one of objs. The Font is the
// one ExtractFont would take from a file holding these objects in this
// order (the order in which ExtractFont meets them).
func NewFont(baseFont string, objs []RawObject) (*Font, error) {
	if len(objs) == 0 {
		return nil, errAt(-1, "lettertype /%s zonder objecten", baseFont)
	}
	font := &Font{BaseFont: baseFont, objs: make([]fontObject, len(objs))}
	for i, o := range objs {
		parts, refs, err := splitRefs(o.Value, 0, len(o.Value))
		if pe, ok := err.(*Error); ok {
			return nil, errAt(pe.Offset, "lettertype /%s, object %d: %s", baseFont, i+1, pe.Msg)
		} else if err != nil {
			return nil, err
		}
		fo := fontObject{parts: parts, stream: o.Stream}
		for _, r := range refs {
			if r > len(objs) {
				return nil, errAt(-1, "lettertype /%s, object %d: verwijzing %d 0 R naar een object dat er niet is (%d objecten)", baseFont, i+1, r, len(objs))
			}
			fo.refs = append(fo.refs, r-1)
		}
		font.objs[i] = fo
	}
	return font, nil
}

// Objects are the font's objects in the form NewFont takes: each value
// with its references as "k 0 R", k the 1-based index of the object in the
// font. NewFont(f.BaseFont, f.Objects()) gives f back.
func (f *Font) Objects() []RawObject {
	objs := make([]RawObject, len(f.objs))
	for i := range f.objs {
		fo := &f.objs[i]
		var v []byte
		for j, p := range fo.parts {
			v = append(v, p...)
			if j < len(fo.refs) {
				v = strconv.AppendInt(v, int64(fo.refs[j]+1), 10)
				v = append(v, " 0 R"...)
			}
		}
		objs[i] = RawObject{Value: v, Stream: fo.stream}
	}
	return objs
}

// splitRefs splits the value data[start:end] at its indirect references
// "n 0 R" and returns the bytes between them and the object numbers.
func splitRefs(data []byte, start, end int) ([][]byte, []int, error) {
	l := &lexer{data: data[:end], pos: start}
	var parts [][]byte
	var refs []int
	last := start
	type num struct{ at, v int }
	var nums []num // the integers just before the current token
	for {
		l.skip()
		if l.pos >= end {
			break
		}
		c := l.data[l.pos]
		switch {
		case c == '(':
			if _, err := l.literal(); err != nil {
				return nil, nil, err
			}
			nums = nums[:0]
		case l.peek("<<") || l.peek(">>"):
			l.pos += 2
			nums = nums[:0]
		case c == '<':
			e := bytes.IndexByte(l.data[l.pos:], '>')
			if e < 0 {
				return nil, nil, errAt(l.pos, "hexstring zonder einde")
			}
			l.pos += e + 1
			nums = nums[:0]
		case c == '/':
			l.pos++
			l.wordEnd()
			nums = nums[:0]
		case isDelim(c):
			l.pos++
			nums = nums[:0]
		default:
			at := l.pos
			l.wordEnd()
			w := string(l.data[at:l.pos])
			if w == "R" {
				if len(nums) != 2 || nums[1].v != 0 || nums[0].v <= 0 {
					return nil, nil, errAt(at, "R zonder objectnummer en generatie 0 ervoor")
				}
				parts = append(parts, data[last:nums[0].at])
				refs = append(refs, nums[0].v)
				last = l.pos
				nums = nums[:0]
				continue
			}
			v, err := strconv.Atoi(w)
			if err != nil {
				nums = nums[:0]
				continue
			}
			if nums = append(nums, num{at, v}); len(nums) > 2 {
				nums = nums[1:]
			}
		}
	}
	for end > last && isSpace(data[end-1]) {
		end-- // the white space before "stream" or "endobj", which write puts back
	}
	return append(parts, data[last:end]), refs, nil
}

// write appends object k of the font as object nums[k], its references
// renumbered by nums.
func (fo *fontObject) write(out *bytes.Buffer, num int, nums []int) {
	out.WriteString(strconv.Itoa(num))
	out.WriteString(" 0 obj")
	for i, p := range fo.parts {
		out.Write(p)
		if i < len(fo.refs) {
			out.WriteString(strconv.Itoa(nums[fo.refs[i]]))
			out.WriteString(" 0 R")
		}
	}
	if fo.stream != nil {
		out.WriteString("\nstream\n")
		out.Write(fo.stream)
		out.WriteString("\nendstream")
	}
	out.WriteString("\nendobj\n")
}

// placeholders finds, through the pages' resources, the font dictionaries
// that fonts replace: each a simple /Type /Font /Subtype /Type1 dictionary
// (with at most /Encoding besides) whose /BaseFont names one of fonts.
// Every font must have exactly one placeholder. The result maps the
// placeholder's object number to its font, in the order of fonts.
func (f *file) placeholders(pageObjs []int, fonts []*Font) ([]int, error) {
	if len(fonts) == 0 {
		return nil, nil
	}
	byName := map[string]int{}
	for i, ft := range fonts {
		if _, dup := byName[ft.BaseFont]; dup {
			return nil, errAt(-1, "lettertype /%s twee keer meegegeven", ft.BaseFont)
		}
		byName[ft.BaseFont] = i
	}
	at := make([]int, len(fonts))
	for i, n := range pageObjs {
		pg, _ := f.dict(n)
		res, _, ok := f.resolve(pg.Get("Resources"))
		if !ok {
			return nil, errAt(f.objects[n].offset, "pagina %d zonder /Resources-dictionary", i+1)
		}
		fd, _, ok := f.resolve(res.Get("Font"))
		if !ok {
			continue
		}
		for _, e := range fd.entries {
			ref, isRef := e.val.(Ref)
			d, ok := f.dict(ref.Num)
			if !isRef || !ok {
				return nil, errAt(f.objects[n].offset, "pagina %d: lettertype /%s is geen verwijzing naar een dictionary", i+1, e.key)
			}
			b, _ := d.Get("BaseFont").(Name)
			k, wanted := byName[string(b)]
			if !wanted {
				continue
			}
			if at[k] == ref.Num {
				continue
			}
			if at[k] != 0 {
				return nil, errAt(f.objects[ref.Num].offset, "lettertype /%s: twee plaatsvervangers (objecten %d en %d)", b, at[k], ref.Num)
			}
			for _, pe := range d.entries {
				switch {
				case pe.key == "Type" && pe.val == Name("Font"), pe.key == "Subtype" && pe.val == Name("Type1"),
					pe.key == "BaseFont", pe.key == "Encoding" && pe.val == Name("WinAnsiEncoding"):
				default:
					return nil, errAt(f.objects[ref.Num].offset, "lettertype /%s is geen plaatsvervanger (/Type /Font /Subtype /Type1): /%s %s", b, pe.key, pe.raw)
				}
			}
			if d.Get("Type") != Name("Font") || d.Get("Subtype") != Name("Type1") {
				return nil, errAt(f.objects[ref.Num].offset, "lettertype /%s is geen plaatsvervanger (/Type /Font /Subtype /Type1)", b)
			}
			at[k] = ref.Num
		}
	}
	for k, n := range at {
		if n == 0 {
			return nil, errAt(-1, "lettertype /%s: geen plaatsvervanger in de resources van de pagina's", fonts[k].BaseFont)
		}
	}
	return at, nil
}
