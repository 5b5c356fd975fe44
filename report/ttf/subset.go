package ttf

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
)

// Composite glyph flags (fpdf's symbolWords … symbol2x2).
const (
	argWords     = 1 << 0
	haveScale    = 1 << 3
	moreGlyphs   = 1 << 5
	haveXYScale  = 1 << 6
	haveTwoByTwo = 1 << 7
)

// maxDepth bounds the nesting of composite glyphs; fpdf recurses without a
// bound (a font whose composites refer to themselves overflows its stack).
const maxDepth = 64

// Subset is a font cut down to a set of runes, as fpdf's GenerateCutFont
// makes it.
type Subset struct {
	// Program is the subset font program: the bytes of the FontFile2
	// stream before compression (its /Length1).
	Program []byte
	// LastRune is the largest rune asked (fpdf's utf8File.LastRune), which
	// bounds the /W array.
	LastRune int
	// GIDs maps each rune asked that the cmap holds to its glyph in
	// Program, in rune order: the CIDToGIDMap.
	GIDs []RuneGID

	runes []rune // the runes asked, sorted, without duplicates or 0
}

// RuneGID is one entry of the CIDToGIDMap.
type RuneGID struct {
	Rune rune
	GID  int
}

// Subset cuts the font down to runes (in any order; duplicates and rune 0
// are ignored, as fpdf drops rune 0 before it subsets). Runes the font has
// no glyph for are left out of the program but count for LastRune and the
// /W array, as in fpdf.
func (f *Font) Subset(runes []rune) (*Subset, error) {
	s := &Subset{runes: make([]rune, 0, len(runes))}
	for _, r := range runes {
		if r < 0 || r > 0x10FFFF {
			return nil, fmt.Errorf("teken %d is geen Unicode-teken", r)
		}
		if r != 0 {
			s.runes = append(s.runes, r)
		}
	}
	slices.Sort(s.runes)
	s.runes = slices.Compact(s.runes)

	// parseSymbols: glyph 0 and the glyphs of the runes, numbered in the
	// order of their old numbers.
	oldOf := map[rune]int{} // rune → old glyph, for the runes the cmap holds
	newOf := map[int]int{0: 0}
	for _, r := range s.runes {
		if g, ok := f.Glyph(r); ok {
			oldOf[r] = g
			newOf[g] = 0
		}
		s.LastRune = max(s.LastRune, int(r))
	}
	order := make([]int, 0, len(newOf))
	for g := range newOf {
		order = append(order, g)
	}
	sort.Ints(order)
	for i, g := range order {
		newOf[g] = i
	}
	for _, r := range s.runes {
		if g, ok := oldOf[r]; ok {
			s.GIDs = append(s.GIDs, RuneGID{r, newOf[g]})
		}
	}
	// The composite glyphs' components, numbered in the order met, depth
	// first (getSymbols).
	direct := len(order)
	expanded := map[int]bool{}
	for _, g := range order[:direct] {
		var err error
		if order, err = f.components(g, newOf, order, expanded, 0); err != nil {
			return nil, err
		}
	}

	prog, err := f.program(s, order, newOf)
	if err != nil {
		return nil, err
	}
	s.Program = prog
	return s, nil
}

// components adds the components of glyph gid that are new to newOf and
// order, and theirs, as fpdf's getSymbols does. fpdf walks every path
// through the composites, exponential in their depth when they share
// components; a glyph in expanded has had all its components added, so a
// second walk would add nothing and is skipped.
func (f *Font) components(gid int, newOf map[int]int, order []int, expanded map[int]bool, depth int) ([]int, error) {
	if expanded[gid] {
		return order, nil
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("glyph %d: samengestelde glyphs dieper dan %d niveaus", gid, maxDepth)
	}
	data, err := f.glyph(gid)
	if err != nil {
		return nil, err
	}
	if len(data) < 2 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return order, nil
	}
	pos := 10
	for flags := moreGlyphs; flags&moreGlyphs != 0; {
		if pos+4 > len(data) {
			return nil, fmt.Errorf("glyph %d: samengestelde glyph breekt af op byte %d", gid, pos)
		}
		flags = int(binary.BigEndian.Uint16(data[pos:]))
		comp := int(binary.BigEndian.Uint16(data[pos+2:]))
		if _, seen := newOf[comp]; !seen {
			newOf[comp] = len(newOf)
			order = append(order, comp)
		}
		if order, err = f.components(comp, newOf, order, expanded, depth+1); err != nil {
			return nil, err
		}
		pos += 4 + componentArgs(flags)
	}
	expanded[gid] = true
	return order, nil
}

// componentArgs is the size of a component's arguments and transformation
// after its flags and glyph index.
func componentArgs(flags int) int {
	n := 2
	if flags&argWords != 0 {
		n = 4
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&haveTwoByTwo != 0:
		n += 8
	}
	return n
}

// program assembles the subset font program from the glyphs in order (new
// glyph i is order[i]), as GenerateCutFont does.
func (f *Font) program(s *Subset, order []int, newOf map[int]int) ([]byte, error) {
	numGlyphs := len(order)
	out := map[string][]byte{}
	set := func(name string, data []byte) {
		if data != nil {
			out[name] = data
		}
	}
	for _, name := range []string{"name", "cvt ", "fpgm", "prep", "gasp", "OS/2"} {
		set(name, f.tableData(name))
	}
	post := f.tableData("post")
	set("post", append(append([]byte{0, 3, 0, 0}, post[4:16]...), make([]byte, 16)...))
	set("cmap", cmapTable(s.GIDs, numGlyphs))

	size := 0
	for _, g := range order {
		start, end, err := f.glyphRange(g)
		if err != nil {
			return nil, err
		}
		size += (end - start + 3) &^ 3
	}
	glyf, hmtx := make([]byte, 0, size), make([]byte, 0, 4*numGlyphs)
	offsets := make([]int, 0, numGlyphs+1)
	for _, g := range order {
		data, err := f.glyph(g)
		if err != nil {
			return nil, err
		}
		hmtx = f.appendMetrics(hmtx, g)
		offsets = append(offsets, len(glyf))
		at := len(glyf)
		glyf = append(glyf, data...)
		if len(data) > 2 && data[0]&0x80 != 0 {
			// A composite: its components get their new numbers.
			for pos, flags := 10, moreGlyphs; flags&moreGlyphs != 0; pos += 4 + componentArgs(flags) {
				flags = int(binary.BigEndian.Uint16(data[pos:]))
				comp := int(binary.BigEndian.Uint16(data[pos+2:]))
				binary.BigEndian.PutUint16(glyf[at+pos+2:], uint16(newOf[comp]))
			}
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets = append(offsets, len(glyf))
	set("glyf", glyf)
	set("hmtx", hmtx)

	locaFormat := 0
	var loca []byte
	if (len(glyf)+1)>>1 > 0xFFFF {
		locaFormat = 1
		for _, o := range offsets {
			loca = binary.BigEndian.AppendUint32(loca, uint32(o))
		}
	} else {
		for _, o := range offsets {
			loca = binary.BigEndian.AppendUint16(loca, uint16(o/2))
		}
	}
	set("loca", loca)

	head := slices.Clone(f.tableData("head"))
	binary.BigEndian.PutUint16(head[50:], uint16(locaFormat))
	copy(head[8:12], []byte{0, 0, 0, 0}) // checkSumAdjustment, set by assemble
	set("head", head)
	hhea := slices.Clone(f.tableData("hhea"))
	binary.BigEndian.PutUint16(hhea[34:], uint16(numGlyphs))
	set("hhea", hhea)
	maxp := slices.Clone(f.tableData("maxp"))
	binary.BigEndian.PutUint16(maxp[4:], uint16(numGlyphs))
	set("maxp", maxp)
	return assemble(out), nil
}

// cmapTable is the subset's cmap (fpdf's generateCMAPTable): one format-4
// subtable (platform 3, encoding 1) with a segment per run of consecutive
// runes with consecutive glyphs, and fpdf's length and glyph array.
func cmapTable(gids []RuneGID, numGlyphs int) []byte {
	type run struct {
		start rune
		gids  []int
	}
	var runs []run
	for i, m := range gids {
		if i > 0 && m.Rune == gids[i-1].Rune+1 && m.GID == gids[i-1].GID+1 {
			runs[len(runs)-1].gids = append(runs[len(runs)-1].gids, m.GID)
			continue
		}
		runs = append(runs, run{m.Rune, []int{m.GID}})
	}
	segCount := len(runs) + 1
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= segCount {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 2
	length := 16 + 8*segCount + numGlyphs + 1
	words := []int{0, 1, 3, 1, 0, 12, 4, length, 0, segCount * 2, searchRange, entrySelector, segCount*2 - searchRange}
	for _, r := range runs {
		words = append(words, int(r.start)+len(r.gids)-1)
	}
	words = append(words, 0xFFFF, 0)
	for _, r := range runs {
		words = append(words, int(r.start))
	}
	words = append(words, 0xFFFF)
	for _, r := range runs {
		words = append(words, -(int(r.start) - r.gids[0]))
	}
	words = append(words, 1)
	for range runs {
		words = append(words, 0)
	}
	words = append(words, 0)
	for _, r := range runs {
		words = append(words, r.gids...)
	}
	words = append(words, 0)
	b := make([]byte, 0, 2*len(words))
	for _, w := range words {
		b = binary.BigEndian.AppendUint16(b, uint16(w))
	}
	return b
}

// assemble writes the tables in name order behind the table directory, and
// sets head's checkSumAdjustment, as fpdf's assembleTables does (with its
// own arithmetic for the adjustment).
func assemble(tables map[string][]byte) []byte {
	names := make([]string, 0, len(tables))
	size := 0
	for name, data := range tables {
		names = append(names, name)
		size += (len(data) + 3) &^ 3
	}
	sort.Strings(names)
	n := len(names)
	search, selector := 1, 0
	for search*2 <= n {
		search *= 2
		selector++
	}
	search *= 16
	out := make([]byte, 0, 12+16*n+size)
	out = binary.BigEndian.AppendUint32(out, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(search))
	out = binary.BigEndian.AppendUint16(out, uint16(selector))
	out = binary.BigEndian.AppendUint16(out, uint16(n*16-search))
	offset := 12 + 16*n
	head := 0
	for _, name := range names {
		data := tables[name]
		if name == "head" {
			head = offset
		}
		out = append(out, name...)
		out = binary.BigEndian.AppendUint32(out, checksum(data))
		out = binary.BigEndian.AppendUint32(out, uint32(offset))
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		offset += (len(data) + 3) &^ 3
	}
	for _, name := range names {
		out = append(out, tables[name]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	sum := checksum(out)
	hi, lo := adjust(0xB1B0, 0xAFBA, int(sum>>16), int(sum&0xFFFF))
	binary.BigEndian.PutUint16(out[head+8:], uint16(hi))
	binary.BigEndian.PutUint16(out[head+10:], uint16(lo))
	return out
}

// checksum is the TrueType table checksum: the sum of the big-endian
// 32-bit words of data padded with zeros, modulo 2³².
func checksum(data []byte) uint32 {
	var sum uint32
	for i := 0; i < len(data); i += 4 {
		var w [4]byte
		copy(w[:], data[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// adjust is fpdf's calcInt32: x − y in two 16-bit halves, where a borrow
// from the low half adds one to the high half (where it should subtract
// one). Kept so that the bytes stay fpdf's.
func adjust(xHi, xLo, yHi, yLo int) (hi, lo int) {
	if yLo > xLo {
		xLo += 1 << 16
		xHi++
	}
	lo = xLo - yLo
	if yHi > xHi {
		xHi += 1 << 16
	}
	hi = (xHi - yHi) & 0xFFFF
	return hi, lo
}
