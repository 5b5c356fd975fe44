package pdfa

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// This file reads a PDF as fpdf writes it: one classic cross-reference
// section, no object streams, no incremental updates. Everything it
// assumes is checked; a file that breaks an assumption is an error with
// the byte offset, never a guess.

// Error is a PDF that breaks an assumption of the rewrite, or an edit that
// could not be applied. Offset is the byte offset in the input, -1 when the
// error concerns no single place.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string {
	if e.Offset < 0 {
		return "PDF/A-omzetting: " + e.Msg
	}
	return fmt.Sprintf("PDF/A-omzetting: byte %d: %s", e.Offset, e.Msg)
}

func errAt(off int, format string, a ...any) error {
	return &Error{Offset: off, Msg: fmt.Sprintf(format, a...)}
}

// Object is a parsed PDF value: Name, Ref, *Dict, Array, String, int,
// float64, bool or nil (null).
type Object any

// Name is a PDF name without the slash.
type Name string

// Ref is an indirect reference "Num Gen R".
type Ref struct{ Num, Gen int }

// String is a PDF string, decoded from its literal or hex form.
type String []byte

// Text decodes a text string: UTF-16BE with a byte order mark, else
// PDFDocEncoding's ASCII part as is.
func (s String) Text() string {
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(s)
}

// Array is a PDF array.
type Array []Object

// entry is one key of a dictionary with the bytes of its value as read (or
// as set), so an edited dictionary writes untouched values unchanged.
type entry struct {
	key string
	raw []byte
	val Object
}

// Dict is a PDF dictionary that keeps its keys in order.
type Dict struct{ entries []entry }

// Get returns the value of key, or nil.
func (d *Dict) Get(key string) Object {
	for _, e := range d.entries {
		if e.key == key {
			return e.val
		}
	}
	return nil
}

// Has reports whether key is present.
func (d *Dict) Has(key string) bool {
	for _, e := range d.entries {
		if e.key == key {
			return true
		}
	}
	return false
}

// Set sets key to the value written as raw (PDF syntax), which must parse
// as one value.
func (d *Dict) Set(key, raw string) error {
	p := &lexer{data: []byte(raw)}
	v, err := p.value()
	if err != nil {
		return err
	}
	if p.skip(); p.pos != len(p.data) {
		return errAt(-1, "waarde voor /%s is geen enkele waarde: %q", key, raw)
	}
	for i, e := range d.entries {
		if e.key == key {
			d.entries[i] = entry{key, []byte(raw), v}
			return nil
		}
	}
	d.entries = append(d.entries, entry{key, []byte(raw), v})
	return nil
}

// Delete removes key and reports whether it was there.
func (d *Dict) Delete(key string) bool {
	for i, e := range d.entries {
		if e.key == key {
			d.entries = append(d.entries[:i], d.entries[i+1:]...)
			return true
		}
	}
	return false
}

// Bytes writes the dictionary, one key a line.
func (d *Dict) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("<<\n")
	for _, e := range d.entries {
		b.WriteString("/" + e.key + " ")
		b.Write(e.raw)
		b.WriteByte('\n')
	}
	b.WriteString(">>")
	return b.Bytes()
}

// lexer reads PDF values from data.
type lexer struct {
	data []byte
	pos  int
}

// class marks PDF's white-space and delimiter characters.
var class = func() (c [256]byte) {
	for _, b := range []byte(" \n\r\t\f\x00") {
		c[b] = space
	}
	for _, b := range []byte("()<>[]{}/%") {
		c[b] = delim
	}
	return c
}()

const (
	space = 1
	delim = 2
)

func isSpace(c byte) bool { return class[c] == space }

func isDelim(c byte) bool { return class[c] == delim }

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters.
func (l *lexer) word() string {
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		l.pos++
	}
	return string(l.data[start:l.pos])
}

func (l *lexer) peek(s string) bool { return bytes.HasPrefix(l.data[l.pos:], []byte(s)) }

// value reads one value after optional white space.
func (l *lexer) value() (Object, error) {
	l.skip()
	if l.pos >= len(l.data) {
		return nil, errAt(l.pos, "onverwacht einde, waarde verwacht")
	}
	start := l.pos
	switch c := l.data[l.pos]; {
	case l.peek("<<"):
		return l.dict()
	case c == '<':
		end := bytes.IndexByte(l.data[l.pos:], '>')
		if end < 0 {
			return nil, errAt(start, "hexstring zonder einde")
		}
		hex := bytes.Map(func(r rune) rune {
			if isSpace(byte(r)) {
				return -1
			}
			return r
		}, l.data[l.pos+1:l.pos+end])
		if len(hex)%2 == 1 {
			hex = append(hex, '0')
		}
		out := make(String, len(hex)/2)
		for i := range out {
			v, err := strconv.ParseUint(string(hex[2*i:2*i+2]), 16, 8)
			if err != nil {
				return nil, errAt(start, "ongeldige hexstring")
			}
			out[i] = byte(v)
		}
		l.pos += end + 1
		return out, nil
	case c == '(':
		return l.literal()
	case c == '[':
		l.pos++
		var a Array
		for {
			l.skip()
			if l.pos >= len(l.data) {
				return nil, errAt(start, "array zonder einde")
			}
			if l.data[l.pos] == ']' {
				l.pos++
				return a, nil
			}
			v, err := l.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '/':
		l.pos++
		return Name(l.word()), nil
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		w := l.word()
		if n, err := strconv.Atoi(w); err == nil {
			// "n g R" is a reference.
			save := l.pos
			l.skip()
			if g, err := strconv.Atoi(l.word()); err == nil && n > 0 && g >= 0 {
				l.skip()
				if l.word() == "R" {
					return Ref{n, g}, nil
				}
			}
			l.pos = save
			return n, nil
		}
		f, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return nil, errAt(start, "ongeldig getal %q", w)
		}
		return f, nil
	}
	switch w := l.word(); w {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	default:
		return nil, errAt(start, "onverwacht %q, waarde verwacht", w)
	}
}

func (l *lexer) dict() (*Dict, error) {
	start := l.pos
	l.pos += 2
	d := &Dict{}
	for {
		l.skip()
		if l.pos >= len(l.data) {
			return nil, errAt(start, "dictionary zonder einde")
		}
		if l.peek(">>") {
			l.pos += 2
			return d, nil
		}
		if l.data[l.pos] != '/' {
			return nil, errAt(l.pos, "sleutel (naam) verwacht in dictionary")
		}
		l.pos++
		key := l.word()
		if d.Has(key) {
			return nil, errAt(l.pos, "sleutel /%s dubbel in dictionary", key)
		}
		l.skip()
		vs := l.pos
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		d.entries = append(d.entries, entry{key, l.data[vs:l.pos], v})
	}
}

func (l *lexer) literal() (String, error) {
	start := l.pos
	l.pos++
	var out String
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
		case '\\':
			if l.pos >= len(l.data) {
				return nil, errAt(start, "string zonder einde")
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\n':
				continue
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; k++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, errAt(start, "string zonder einde")
}

// object is one indirect object of the file.
type object struct {
	offset           int    // of "n 0 obj"
	raw              []byte // "n 0 obj ... endobj", as read
	valStart, valEnd int    // the value's bytes
	parsed           bool   // value and err are set
	value            Object
	err              error
	stream           []byte // the stream data when value is a stream dictionary
	edited           bool   // value (a *Dict) was changed: write it anew
}

// file is a parsed PDF.
type file struct {
	data    []byte
	objects map[int]*object
	size    int
	trailer *Dict
	root    int
	info    int
}

var (
	startxrefRe = regexp.MustCompile(`startxref(?:\r\n|\r|\n)(\d+)(?:\r\n|\r|\n)%%EOF(?:\r\n|\r|\n)?$`)
)

// parse reads a PDF with one classic cross-reference section and checks
// that every in-use entry points at "n 0 obj" of its own number, that
// every object parses and ends with endobj, and that stream lengths match.
func parse(data []byte) (*file, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		return nil, errAt(0, "geen PDF-kop %%PDF-1.x")
	}
	m := startxrefRe.FindSubmatchIndex(data)
	if m == nil {
		return nil, errAt(len(data), "geen startxref met %%%%EOF aan het einde")
	}
	if bytes.Count(data, []byte("%%EOF")) != 1 {
		return nil, errAt(-1, "meer dan één %%%%EOF: incrementele updates worden niet ondersteund")
	}
	xref, _ := strconv.Atoi(string(data[m[2]:m[3]]))
	if xref <= 0 || xref >= m[0] || !bytes.HasPrefix(data[xref:], []byte("xref")) {
		return nil, errAt(xref, "startxref wijst niet naar een klassieke xref-tabel")
	}
	l := &lexer{data: data, pos: xref + len("xref")}
	l.skip()
	first, err1 := strconv.Atoi(l.word())
	l.skip()
	count, err2 := strconv.Atoi(l.word())
	if err1 != nil || err2 != nil || first != 0 || count < 1 {
		return nil, errAt(xref, "xref: één subsectie vanaf object 0 verwacht")
	}
	// The line end after the subsection header.
	if l.peek("\r\n") {
		l.pos += 2
	} else if l.peek("\n") || l.peek("\r") {
		l.pos++
	} else {
		return nil, errAt(l.pos, "xref: regeleinde na de subsectiekop verwacht")
	}
	f := &file{data: data, objects: map[int]*object{}, size: count}
	offsets := make([]int, count)
	for i := 0; i < count; i++ {
		at := l.pos + 20*i
		if at+20 > len(data) {
			return nil, errAt(at, "xref: tabel korter dan %d regels", count)
		}
		off, gen, kind, ok := xrefEntry(data[at : at+20])
		if !ok {
			return nil, errAt(at, "xref: regel %d is geen 20-byte regel %q", i, data[at:at+20])
		}
		switch {
		case i == 0 && (kind != 'f' || gen != 65535):
			return nil, errAt(at, "xref: object 0 moet vrij zijn met generatie 65535")
		case i > 0 && kind == 'n' && gen != 0:
			return nil, errAt(at, "xref: object %d heeft generatie %d, verwacht 0", i, gen)
		case i > 0 && kind == 'n':
			offsets[i] = off
		}
	}
	l.pos += 20 * count
	l.skip()
	if l.word() != "trailer" {
		return nil, errAt(l.pos, "xref: geen trailer na %d regels (of een tweede subsectie)", count)
	}
	tv, err := l.value()
	if err != nil {
		return nil, err
	}
	trailer, ok := tv.(*Dict)
	if !ok {
		return nil, errAt(l.pos, "trailer is geen dictionary")
	}
	l.skip()
	if l.pos != m[0] {
		return nil, errAt(l.pos, "onverwachte inhoud tussen trailer en startxref")
	}
	f.trailer = trailer
	if size, _ := trailer.Get("Size").(int); size != count {
		return nil, errAt(xref, "trailer /Size %v, xref-tabel heeft %d regels", trailer.Get("Size"), count)
	}
	for _, k := range []string{"Prev", "Encrypt", "XRefStm"} {
		if trailer.Has(k) {
			return nil, errAt(xref, "trailer heeft /%s: niet ondersteund", k)
		}
	}
	root, ok := trailer.Get("Root").(Ref)
	if !ok {
		return nil, errAt(xref, "trailer zonder /Root-verwijzing")
	}
	info, ok := trailer.Get("Info").(Ref)
	if !ok {
		return nil, errAt(xref, "trailer zonder /Info-verwijzing")
	}
	f.root, f.info = root.Num, info.Num
	for n := 1; n < count; n++ {
		if offsets[n] == 0 {
			continue
		}
		o, err := readObject(data, n, offsets[n], xref)
		if err != nil {
			return nil, err
		}
		f.objects[n] = o
	}
	for _, n := range []int{f.root, f.info} {
		if _, ok := f.dict(n); !ok {
			return nil, errAt(xref, "trailer verwijst naar object %d, dat geen dictionary in de xref-tabel is", n)
		}
	}
	return f, nil
}

// xrefEntry reads a 20-byte cross-reference entry: ten digits of offset, a
// space, five digits of generation, a space, n or f, and a two-byte line end
// (" \r", " \n" or "\r\n").
func xrefEntry(e []byte) (off, gen int, kind byte, ok bool) {
	digits := func(b []byte) (int, bool) {
		v := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	off, ok1 := digits(e[:10])
	gen, ok2 := digits(e[11:16])
	kind = e[17]
	end := string(e[18:20])
	ok = ok1 && ok2 && e[10] == ' ' && e[16] == ' ' && (kind == 'n' || kind == 'f') && (end == " \r" || end == " \n" || end == "\r\n")
	return off, gen, kind, ok
}

// readObject reads object n at off: "n 0 obj", a value, an optional stream
// of exactly /Length bytes, "endobj".
func readObject(data []byte, n, off, limit int) (*object, error) {
	if off >= limit {
		return nil, errAt(off, "xref: object %d ligt na de xref-tabel", n)
	}
	head := strconv.AppendInt(make([]byte, 0, 16), int64(n), 10)
	head = append(head, " 0 obj"...)
	if !bytes.HasPrefix(data[off:], head) || off+len(head) >= len(data) || !isSpace(data[off+len(head)]) && !isDelim(data[off+len(head)]) {
		return nil, errAt(off, "xref: object %d wijst niet naar %q", n, head)
	}
	l := &lexer{data: data[:limit], pos: off + len(head)}
	o := &object{offset: off, valStart: l.pos}
	if err := l.skipValue(n); err != nil {
		return nil, err
	}
	o.valEnd = l.pos
	l.skip()
	if l.peek("stream") {
		v, err := o.parse(data)
		if err != nil {
			return nil, err
		}
		d, ok := v.(*Dict)
		if !ok {
			return nil, errAt(l.pos, "object %d: stream zonder dictionary", n)
		}
		length, ok := d.Get("Length").(int)
		if !ok || length < 0 {
			return nil, errAt(l.pos, "object %d: stream zonder directe /Length", n)
		}
		l.pos += len("stream")
		if l.peek("\r\n") {
			l.pos += 2
		} else if l.peek("\n") {
			l.pos++
		} else {
			return nil, errAt(l.pos, "object %d: regeleinde na stream verwacht", n)
		}
		if l.pos+length > len(l.data) {
			return nil, errAt(l.pos, "object %d: /Length %d reikt voorbij het bestand", n, length)
		}
		o.stream = l.data[l.pos : l.pos+length]
		l.pos += length
		l.skip()
		if !l.peek("endstream") {
			return nil, errAt(l.pos, "object %d: geen endstream na /Length %d bytes", n, length)
		}
		l.pos += len("endstream")
		l.skip()
	}
	if !l.peek("endobj") {
		return nil, errAt(l.pos, "object %d: endobj verwacht", n)
	}
	l.pos += len("endobj")
	o.raw = data[off:l.pos]
	return o, nil
}

// dict returns object n when it is a dictionary (with or without stream).
func (f *file) dict(n int) (*Dict, bool) {
	o, ok := f.objects[n]
	if !ok {
		return nil, false
	}
	v, err := o.parse(f.data)
	if err != nil {
		return nil, false
	}
	d, ok := v.(*Dict)
	return d, ok
}

// parse returns the object's value, parsing it on first use: most objects
// are only copied, and parsing every one cost a third of the allocations
// of a rewrite.
func (o *object) parse(data []byte) (Object, error) {
	if !o.parsed {
		l := &lexer{data: data[:o.valEnd], pos: o.valStart}
		o.value, o.err = l.value()
		if l.skip(); o.err == nil && l.pos != o.valEnd {
			o.err = errAt(l.pos, "meer dan één waarde in het object")
		}
		o.parsed = true
	}
	return o.value, o.err
}

// skipValue passes the value of an indirect object without building it:
// tokens up to "stream" or "endobj" outside brackets, which must balance.
func (l *lexer) skipValue(n int) error {
	l.skip()
	start := l.pos
	depth := 0
	for {
		l.skip()
		if l.pos >= len(l.data) {
			return errAt(start, "object %d: onverwacht einde, endobj verwacht", n)
		}
		switch c := l.data[l.pos]; {
		case l.peek("<<") || c == '[':
			depth++
			l.pos += 1 + btoi(c == '<')
		case l.peek(">>") || c == ']':
			depth--
			l.pos += 1 + btoi(c == '>')
			if depth < 0 {
				return errAt(l.pos, "object %d: sluitend haakje zonder begin", n)
			}
		case c == '(':
			if _, err := l.literal(); err != nil {
				return err
			}
		case c == '<':
			end := bytes.IndexByte(l.data[l.pos:], '>')
			if end < 0 {
				return errAt(l.pos, "hexstring zonder einde")
			}
			l.pos += end + 1
		case c == '/':
			l.pos++
			l.wordEnd()
		default:
			at := l.pos
			l.wordEnd()
			if l.pos == at {
				return errAt(at, "object %d: onverwacht teken %q", n, c)
			}
			if w := string(l.data[at:l.pos]); depth == 0 && (w == "obj" || w == "endstream" || w == "xref" || w == "trailer") {
				return errAt(at, "object %d: endobj verwacht", n)
			}
			if w := l.data[at:l.pos]; depth == 0 && (bytes.Equal(w, []byte("stream")) || bytes.Equal(w, []byte("endobj"))) {
				l.pos = at
				if at == start {
					return errAt(at, "object %d: object zonder waarde", n)
				}
				return nil
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wordEnd moves past a run of regular characters.
func (l *lexer) wordEnd() {
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		l.pos++
	}
}

// resolve follows a reference to a dictionary.
func (f *file) resolve(v Object) (*Dict, int, bool) {
	switch v := v.(type) {
	case *Dict:
		return v, 0, true
	case Ref:
		d, ok := f.dict(v.Num)
		return d, v.Num, ok && v.Gen == 0
	}
	return nil, 0, false
}

// typed returns object n when it is a dictionary of /Type typ.
func (f *file) typed(n int, typ string) (*Dict, error) {
	if o, ok := f.objects[n]; ok {
		if _, err := o.parse(f.data); err != nil {
			return nil, err
		}
	}
	d, ok := f.dict(n)
	if !ok {
		return nil, errAt(-1, "object %d ontbreekt of is geen dictionary (verwacht /Type /%s)", n, typ)
	}
	if t, _ := d.Get("Type").(Name); string(t) != typ {
		return nil, errAt(f.objects[n].offset, "object %d heeft /Type %v, verwacht /%s", n, d.Get("Type"), typ)
	}
	return d, nil
}

// pages returns the page objects in order: a flat page tree, as fpdf
// writes it, checked.
func (f *file) pages() ([]int, error) {
	cat, _ := f.dict(f.root)
	ref, ok := cat.Get("Pages").(Ref)
	if !ok {
		return nil, errAt(f.objects[f.root].offset, "catalogus zonder /Pages-verwijzing")
	}
	pages, err := f.typed(ref.Num, "Pages")
	if err != nil {
		return nil, err
	}
	kids, ok := pages.Get("Kids").(Array)
	if !ok {
		return nil, errAt(f.objects[ref.Num].offset, "paginaboom zonder /Kids-array")
	}
	if c, _ := pages.Get("Count").(int); c != len(kids) {
		return nil, errAt(f.objects[ref.Num].offset, "paginaboom: /Count %v, /Kids heeft %d pagina's", pages.Get("Count"), len(kids))
	}
	var out []int
	for i, k := range kids {
		kr, ok := k.(Ref)
		if !ok {
			return nil, errAt(f.objects[ref.Num].offset, "/Kids[%d] is geen verwijzing", i)
		}
		pg, err := f.typed(kr.Num, "Page")
		if err != nil {
			return nil, err
		}
		if p, _ := pg.Get("Parent").(Ref); p.Num != ref.Num {
			return nil, errAt(f.objects[kr.Num].offset, "pagina %d: /Parent is niet de paginaboom %d", i+1, ref.Num)
		}
		out = append(out, kr.Num)
	}
	if len(out) == 0 {
		return nil, errAt(f.objects[ref.Num].offset, "document zonder pagina's")
	}
	return out, nil
}
