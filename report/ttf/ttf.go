// Package ttf subsets a TrueType font for embedding in a PDF: the subset
// font program (FontFile2), the rune → glyph map (CIDToGIDMap), the /W
// array and the LastRune value, byte for byte what fpdf v0.12.0 writes for
// the same characters.
//
// It is a port of fpdf's subsetter (utf8fontfile.go, GenerateCutFont, and
// generateCIDFontMap in fpdf.go), not a new design: the same tables in the
// same order with the same checksums, the same glyph numbering, the same
// composite-glyph closure and the same /W range rules, so that a PDF made
// with it has the same bytes as one made by fpdf. What differs is the
// work: fpdf re-parses the whole font for every subset (its cmap into maps
// for all 65.536 code points, hmtx and loca for every glyph); Parse reads
// the table directory and the format-4 cmap's segment arrays once, and
// Subset looks up only the runes asked and the glyphs used.
//
// One difference is deliberate: in a font with fewer horizontal metrics
// than glyphs (hhea.numberOfHMetrics), fpdf's getMetrics overwrites the
// left side bearing of the last metric's glyph in the font's own bytes
// whenever it reads a glyph past the last metric, so that glyph's bearing
// in fpdf's subset depends on what was read before it, in this subset and
// in earlier ones of the same bytes. ttf keeps the font's bytes and writes
// each glyph's own bearing (TestProgramFewerHMetrics). The fonts the
// raadsmededeling embeds have a metric for every glyph.
//
// fpdf is copyright © The go-pdf Authors, MIT licence
// (https://codeberg.org/go-pdf/fpdf); its UTF-8 subsetter is copyright ©
// 2019 Arteom Korotkiy under an ISC-style licence: permission to use, copy,
// modify and distribute is granted provided the copyright notice and the
// permission notice appear in all copies. The notices are in fpdf's
// LICENSE and utf8fontfile.go, and apply to the ported parts of this
// package: the cmap lookup (Glyph), the subsetter (subset.go) and the /W
// array (widths.go).
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Font is a parsed TrueType font: its bytes, table directory and the
// positions Subset needs. It is read-only and may be shared by concurrent
// Subset calls.
type Font struct {
	data       []byte
	tables     map[string]table
	locaFormat int // head.indexToLocFormat: 0 short, 1 long
	numHMetric int // hhea.numberOfHMetrics
	numGlyphs  int // maxp.numGlyphs
	cmap       []segment
	cmapEnd    int // end of the format-4 subtable (fpdf's "rim")
}

// table is one record of the table directory.
type table struct{ pos, size int }

// segment is one segment of the format-4 cmap; rangeAt is the file
// position of its idRangeOffset field.
type segment struct {
	start, end, delta, rangeOffset, rangeAt int
}

// Parse reads the table directory of a TrueType font and the tables a
// subset needs (head, hhea, maxp, cmap, loca, hmtx, glyf, post). The font
// must have a Unicode cmap of format 4, as fpdf requires.
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("geen TrueType-lettertype: te kort")
	}
	switch v := binary.BigEndian.Uint32(data); v {
	case 0x00010000, 0x74727565:
	case 0x4F54544F, 0x74746366:
		return nil, fmt.Errorf("geen TrueType-lettertype: OpenType-CFF of collectie (%08x) wordt niet ondersteund", v)
	default:
		return nil, fmt.Errorf("geen TrueType-lettertype: begint met %08x", v)
	}
	f := &Font{data: data, tables: map[string]table{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, fmt.Errorf("tabellenlijst van %d tabellen reikt voorbij het bestand (%d bytes)", n, len(data))
	}
	for i := range n {
		r := data[12+16*i:]
		t := table{int(binary.BigEndian.Uint32(r[8:])), int(binary.BigEndian.Uint32(r[12:]))}
		name := string(r[:4])
		if t.pos+t.size > len(data) {
			return nil, fmt.Errorf("tabel %q (positie %d, %d bytes) reikt voorbij het bestand (%d bytes)", name, t.pos, t.size, len(data))
		}
		f.tables[name] = t // a later record of the same name wins, as in fpdf
	}
	for _, name := range []string{"head", "hhea", "maxp", "cmap", "loca", "hmtx", "glyf", "post"} {
		if _, ok := f.tables[name]; !ok {
			return nil, fmt.Errorf("tabel %q ontbreekt", name)
		}
	}
	var err error
	u16 := func(table string, off int) int {
		t := f.tables[table]
		if err == nil && (off < 0 || off+2 > t.size) {
			err = fmt.Errorf("tabel %q: positie %d ligt buiten de tabel (%d bytes)", table, off, t.size)
		}
		if err != nil {
			return 0
		}
		return int(binary.BigEndian.Uint16(data[t.pos+off:]))
	}
	f.locaFormat = u16("head", 50)
	f.numHMetric = u16("hhea", 34)
	f.numGlyphs = u16("maxp", 4)
	if post := f.tables["post"]; err == nil && post.size < 16 {
		err = fmt.Errorf("tabel \"post\" van %d bytes, minstens 16 verwacht", post.size)
	}
	if err != nil {
		return nil, err
	}
	if f.locaFormat != 0 && f.locaFormat != 1 {
		return nil, fmt.Errorf("tabel \"head\": onbekend loca-formaat %d", f.locaFormat)
	}
	if f.numHMetric == 0 || f.numHMetric > f.numGlyphs {
		return nil, fmt.Errorf("tabel \"hhea\": %d breedtes voor %d glyphs", f.numHMetric, f.numGlyphs)
	}
	if need := 4*f.numHMetric + 2*(f.numGlyphs-f.numHMetric); f.tables["hmtx"].size < need {
		return nil, fmt.Errorf("tabel \"hmtx\" van %d bytes, %d verwacht", f.tables["hmtx"].size, need)
	}
	if need := (f.numGlyphs + 1) * (2 + 2*f.locaFormat); f.tables["loca"].size < need {
		return nil, fmt.Errorf("tabel \"loca\" van %d bytes, %d verwacht", f.tables["loca"].size, need)
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	return f, nil
}

// parseCmap finds the cmap subtable fpdf uses (generateCMAP): the first
// encoding record for Unicode (platform 0, or platform 3 encoding 1) whose
// subtable has format 4, and reads its segments.
func (f *Font) parseCmap() error {
	t := f.tables["cmap"]
	d := f.data
	if t.size < 4 {
		return errors.New("tabel \"cmap\" te kort")
	}
	count := int(binary.BigEndian.Uint16(d[t.pos+2:]))
	sub := 0
	for i := range count {
		rec := t.pos + 4 + 8*i
		if rec+8 > t.pos+t.size {
			return fmt.Errorf("tabel \"cmap\": coderingslijst van %d reikt voorbij de tabel", count)
		}
		platform, encoding := binary.BigEndian.Uint16(d[rec:]), binary.BigEndian.Uint16(d[rec+2:])
		if platform == 3 && encoding == 1 || platform == 0 {
			at := t.pos + int(binary.BigEndian.Uint32(d[rec+4:]))
			if at+2 > len(d) {
				return fmt.Errorf("tabel \"cmap\": subtabel op %d ligt buiten het bestand", at)
			}
			if binary.BigEndian.Uint16(d[at:]) == 4 {
				sub = at
				break
			}
		}
	}
	if sub == 0 {
		return errors.New("tabel \"cmap\": geen Unicode-subtabel van formaat 4")
	}
	if sub+14 > len(d) {
		return fmt.Errorf("cmap-subtabel op %d reikt voorbij het bestand", sub)
	}
	f.cmapEnd = sub + int(binary.BigEndian.Uint16(d[sub+2:]))
	segs := int(binary.BigEndian.Uint16(d[sub+6:])) / 2
	ends := sub + 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	ranges := deltas + 2*segs
	if ranges+2*segs > len(d) || f.cmapEnd > len(d) {
		return fmt.Errorf("cmap-subtabel op %d met %d segmenten reikt voorbij het bestand", sub, segs)
	}
	f.cmap = make([]segment, segs)
	for i := range f.cmap {
		f.cmap[i] = segment{
			start:       int(binary.BigEndian.Uint16(d[starts+2*i:])),
			end:         int(binary.BigEndian.Uint16(d[ends+2*i:])),
			delta:       int(int16(binary.BigEndian.Uint16(d[deltas+2*i:]))),
			rangeOffset: int(binary.BigEndian.Uint16(d[ranges+2*i:])),
			rangeAt:     ranges + 2*i,
		}
	}
	return nil
}

// Glyph is the glyph the font's cmap gives r, as fpdf reads the cmap
// (generateSCCSDictionaries): the last segment holding r decides; a rune in
// a segment may map to glyph 0; ok is false when no segment holds r.
func (f *Font) Glyph(r rune) (gid int, ok bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	c := int(r)
	for _, s := range f.cmap {
		if c < s.start || c > s.end {
			continue
		}
		ok = true
		if s.rangeOffset == 0 {
			gid = (c + s.delta) & 0xFFFF
			continue
		}
		at := s.rangeAt + s.rangeOffset + 2*(c-s.start)
		if at >= f.cmapEnd || at+2 > len(f.data) {
			gid = 0
			continue
		}
		gid = int(binary.BigEndian.Uint16(f.data[at:]))
		if gid != 0 {
			gid = (gid + s.delta) & 0xFFFF
		}
	}
	return gid, ok
}

// glyphRange is where glyph gid's data lies in the glyf table (loca).
func (f *Font) glyphRange(gid int) (start, end int, err error) {
	if gid < 0 || gid >= f.numGlyphs {
		return 0, 0, fmt.Errorf("glyph %d bestaat niet (het lettertype heeft er %d)", gid, f.numGlyphs)
	}
	loca := f.data[f.tables["loca"].pos:]
	if f.locaFormat == 0 {
		start = 2 * int(binary.BigEndian.Uint16(loca[2*gid:]))
		end = 2 * int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	} else {
		start = int(binary.BigEndian.Uint32(loca[4*gid:]))
		end = int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	}
	if end < start || end > f.tables["glyf"].size {
		return 0, 0, fmt.Errorf("glyph %d: loca %d–%d ligt buiten de tabel \"glyf\" (%d bytes)", gid, start, end, f.tables["glyf"].size)
	}
	return start, end, nil
}

// glyph is glyph gid's data.
func (f *Font) glyph(gid int) ([]byte, error) {
	start, end, err := f.glyphRange(gid)
	if err != nil {
		return nil, err
	}
	glyf := f.tables["glyf"].pos
	return f.data[glyf+start : glyf+end], nil
}

// appendMetrics appends glyph gid's hmtx entry (advance width and left
// side bearing), as fpdf's getMetrics reads it, without its overwriting of
// the last metric's bearing (see the package doc).
func (f *Font) appendMetrics(dst []byte, gid int) []byte {
	hmtx := f.data[f.tables["hmtx"].pos:]
	if gid < f.numHMetric {
		return append(dst, hmtx[4*gid:4*gid+4]...)
	}
	last := 4 * (f.numHMetric - 1)
	lsb := 2*f.numHMetric + 2*gid
	return append(dst, hmtx[last], hmtx[last+1], hmtx[lsb], hmtx[lsb+1])
}

// tableData is the named table, nil when the font has none or it is empty
// (fpdf's getTableData).
func (f *Font) tableData(name string) []byte {
	t, ok := f.tables[name]
	if !ok || t.size == 0 {
		return nil
	}
	return f.data[t.pos : t.pos+t.size]
}
