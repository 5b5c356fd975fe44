package ttf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The fonts the raadsmededeling embeds.
var fontPaths = []string{"../raadsmededeling/fonts/LiberationSans-Regular.ttf", "../raadsmededeling/fonts/LiberationSans-Bold.ttf"}

func readFont(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// regular is the parsed regular font.
func regular(t *testing.T) *Font {
	t.Helper()
	f, err := Parse(readFont(t, fontPaths[0]))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func span(from, to rune) []rune {
	var rs []rune
	for r := from; r <= to; r++ {
		rs = append(rs, r)
	}
	return rs
}

// TestProgramIsFpdfs: the subset font program is the one fpdf's exported
// UTF8CutFont makes for the same characters, for both fonts. (The PDF
// objects around it are compared with fpdf's own in package
// raadsmededeling, TestTTFSubsets.)
func TestProgramIsFpdfs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 16))
	sets := map[string][]rune{
		"ascii":       span(32, 126),
		"latin":       append(span(32, 126), span(0xA0, 0x17F)...),
		"accents":     []rune("éèëïôöüçñÅøąęłčřšžůŐő"),
		"greek":       span(0x370, 0x3FF),
		"punctuation": []rune("–—‘’“”…€−½·•"),
		"missing":     {0x4E00, 0xAC00, 'q'},
		"single":      {'x'},
	}
	for i := range 6 {
		var rs []rune
		for range 1 + rng.IntN(200) {
			rs = append(rs, rune(32+rng.IntN(0x2200)))
		}
		sets["random "+string(rune('a'+i))] = rs
	}
	for _, path := range fontPaths {
		data := readFont(t, path)
		f, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		for name, runes := range sets {
			s, err := f.Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			want := fpdf.UTF8CutFont(data, string(runes))
			if !bytes.Equal(s.Program, want) {
				t.Errorf("%s, %s: program of %d bytes differs from fpdf's (%d bytes)", path, name, len(s.Program), len(want))
			}
		}
	}
}

// TestSubsetRunes: LastRune, the CIDToGIDMap entries and the glyph count
// for a set with a composite letter, a rune the font lacks and rune 0.
func TestSubsetRunes(t *testing.T) {
	f := regular(t)
	gA, okA := f.Glyph('A')
	gAring, _ := f.Glyph('Å')
	if !okA || gA == 0 || gAring == 0 {
		t.Fatalf("the font lacks A or Å: %d %d", gA, gAring)
	}
	s, err := f.Subset([]rune{'Å', 0x4E00, 'A', 0, 'A'})
	if err != nil {
		t.Fatal(err)
	}
	if s.LastRune != 0x4E00 {
		t.Errorf("LastRune %#x, want 0x4E00 (a rune the font lacks counts)", s.LastRune)
	}
	// Glyphs 0, A and Å numbered by their old numbers; Å's components after.
	wantA, wantAring := 1, 2
	if gAring < gA {
		wantA, wantAring = 2, 1
	}
	if want := []RuneGID{{'A', wantA}, {'Å', wantAring}}; !slices.Equal(s.GIDs, want) {
		t.Errorf("GIDs %v, want %v", s.GIDs, want)
	}
	sub, err := Parse(s.Program)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	if sub.numGlyphs <= 3 {
		t.Errorf("the subset has %d glyphs: Å's components are missing", sub.numGlyphs)
	}
	if g, ok := sub.Glyph('A'); !ok || g != wantA {
		t.Errorf("the subset's cmap gives A glyph %d (%v), want %d", g, ok, wantA)
	}
	if _, ok := sub.Glyph(0x4E00); ok {
		t.Error("the subset's cmap has a rune the font lacks")
	}
	same, err := f.Subset([]rune{'A', 'Å', 0x4E00})
	if err != nil || !bytes.Equal(same.Program, s.Program) {
		t.Errorf("rune 0 and duplicates change the subset (%v)", err)
	}
}

func TestSubsetRefuses(t *testing.T) {
	f := regular(t)
	for _, tt := range []struct {
		r    rune
		want string
	}{
		{-1, "teken -1 is geen Unicode-teken"},
		{0x110000, "teken 1114112 is geen Unicode-teken"},
	} {
		s, err := f.Subset([]rune{'a', tt.r})
		if err == nil || err.Error() != tt.want || s != nil {
			t.Errorf("rune %d: %v, %v; want error %q", tt.r, s, err, tt.want)
		}
	}
	if _, err := f.Subset([]rune{0x10FFFF}); err != nil {
		t.Errorf("rune U+10FFFF (the last): %v", err)
	}
}

func TestGlyph(t *testing.T) {
	f := regular(t)
	for _, tt := range []struct {
		r    rune
		zero bool // glyph 0
		ok   bool
	}{
		{'a', false, true},
		{0xFFFF, true, true}, // in the cmap's last segment, to glyph 0
		{0x10000, true, false},
		{-1, true, false},
		{0x4E00, true, false},
	} {
		g, ok := f.Glyph(tt.r)
		if ok != tt.ok || (g == 0) != tt.zero {
			t.Errorf("Glyph(%#x) = %d, %v; want glyph 0: %v, ok %v", tt.r, g, ok, tt.zero, tt.ok)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	good := readFont(t, fontPaths[0])
	record := func(d []byte, tag string) int {
		for i := range int(binary.BigEndian.Uint16(d[4:])) {
			if string(d[12+16*i:16+16*i]) == tag {
				return 12 + 16*i
			}
		}
		t.Fatalf("no table %q", tag)
		return 0
	}
	tablePos := func(d []byte, tag string) int { return int(binary.BigEndian.Uint32(d[record(d, tag)+8:])) }
	tests := []struct {
		name   string
		change func([]byte) []byte
		want   string
	}{
		{"short", func(d []byte) []byte { return d[:11] }, "geen TrueType-lettertype: te kort"},
		{"cff", func(d []byte) []byte { copy(d, "OTTO"); return d }, "geen TrueType-lettertype: OpenType-CFF of collectie (4f54544f) wordt niet ondersteund"},
		{"collection", func(d []byte) []byte { copy(d, "ttcf"); return d }, "geen TrueType-lettertype: OpenType-CFF of collectie (74746366) wordt niet ondersteund"},
		{"other", func(d []byte) []byte { copy(d, "%PDF"); return d }, "geen TrueType-lettertype: begint met 25504446"},
		{"directory", func(d []byte) []byte { return d[:100] }, "tabellenlijst van 19 tabellen reikt voorbij het bestand (100 bytes)"},
		{"table beyond", func(d []byte) []byte {
			binary.BigEndian.PutUint32(d[record(d, "glyf")+12:], 1<<24)
			return d
		}, "tabel \"glyf\" (positie 26532, 16777216 bytes) reikt voorbij het bestand (410712 bytes)"},
		{"no cmap", func(d []byte) []byte { copy(d[record(d, "cmap"):], "cmaq"); return d }, "tabel \"cmap\" ontbreekt"},
		{"loca format", func(d []byte) []byte { binary.BigEndian.PutUint16(d[tablePos(d, "head")+50:], 2); return d }, "tabel \"head\": onbekend loca-formaat 2"},
		{"short head", func(d []byte) []byte { binary.BigEndian.PutUint32(d[record(d, "head")+12:], 51); return d }, "tabel \"head\": positie 50 ligt buiten de tabel (51 bytes)"},
		{"no unicode cmap", func(d []byte) []byte {
			c := tablePos(d, "cmap")
			for i := range int(binary.BigEndian.Uint16(d[c+2:])) {
				binary.BigEndian.PutUint16(d[c+4+8*i:], 1) // Macintosh
			}
			return d
		}, "tabel \"cmap\": geen Unicode-subtabel van formaat 4"},
		{"hmtx", func(d []byte) []byte { binary.BigEndian.PutUint16(d[tablePos(d, "hhea")+34:], 0); return d }, "tabel \"hhea\": 0 breedtes voor 2620 glyphs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.change(slices.Clone(good)))
			if err == nil || err.Error() != tt.want || f != nil {
				t.Fatalf("Parse: %v, %v; want error %q", f, err, tt.want)
			}
		})
	}
}

func TestChecksum(t *testing.T) {
	if got := checksum([]byte{0, 1, 0, 0, 0, 2}); got != 0x00030000 {
		t.Errorf("checksum of a padded word: %#x, want 0x30000", got)
	}
	if got := checksum([]byte{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2}); got != 1 {
		t.Errorf("checksum wraps: %#x, want 1", got)
	}
	// Without a borrow from the low half: ordinary subtraction.
	if hi, lo := adjust(0xB1B0, 0xAFBA, 0x1000, 0x0001); hi != 0xA1B0 || lo != 0xAFB9 {
		t.Errorf("adjust without borrow: %#x %#x", hi, lo)
	}
	// With a borrow: fpdf adds one to the high half (ordinary would be 0xA1AF).
	if hi, lo := adjust(0xB1B0, 0xAFBA, 0x1000, 0xAFBB); hi != 0xA1B1 || lo != 0xFFFF {
		t.Errorf("adjust with borrow: %#x %#x, want fpdf's 0xa1b1 0xffff", hi, lo)
	}
}

// TestW: fpdf's rules for the /W array on hand-made widths: a list, an
// interval, a short interval merged with the list after it, and the
// boundary at 255 (every rune up to 255 with a width; above it only the
// runes asked).
func TestW(t *testing.T) {
	f := regular(t)
	widths := func(w map[int]int) []int {
		cw := make([]int, 0x200)
		for r, v := range w {
			cw[r] = v
		}
		return cw
	}
	tests := []struct {
		name  string
		runes []rune
		cw    map[int]int
		want  string
	}{
		{"list and interval", []rune{'K'}, map[int]int{65: 100, 66: 200, 67: 300, 70: 400, 71: 400, 72: 400, 73: 400, 74: 400, 75: 400},
			"[ 65 [ 100 200 300 ]\n 70 75 400 ]"},
		{"short interval merged", []rune{'D'}, map[int]int{65: 100, 66: 100, 67: 200, 68: 300},
			"[ 65 [ 100 100 200 300 ]\n ]"},
		{"zero width", []rune{'B'}, map[int]int{65: 65535, 66: 65535},
			"[ 65 66 0 ]"},
		{"255 unused, 299 unused", []rune{0x12C}, map[int]int{255: 7, 0x12B: 500, 0x12C: 500},
			"[ 255 255 7 300 300 500 ]"},
		{"299 used", []rune{0x12B, 0x12C}, map[int]int{255: 7, 0x12B: 500, 0x12C: 500},
			"[ 255 255 7 299 300 500 ]"},
		{"beyond LastRune", []rune{'A'}, map[int]int{65: 1, 66: 2},
			"[ 65 65 1 ]"},
	}
	for _, tt := range tests {
		s, err := f.Subset(tt.runes)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.W(widths(tt.cw))
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	s, err := f.Subset([]rune{0x200})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.W(make([]int, 0x200)); err == nil || err.Error() != "teken U+0200 valt buiten de 512 breedtes van het lettertype" {
		t.Errorf("LastRune beyond the widths: %v", err)
	}
	if _, err := s.W(make([]int, 0x201)); err != nil {
		t.Errorf("LastRune the last width: %v", err)
	}
}

// TestCorruptFonts: a font with bytes changed in its directory or tables
// gives an error or a subset, never a panic (fpdf panics on many of them).
func TestCorruptFonts(t *testing.T) {
	good := readFont(t, fontPaths[0])
	f := regular(t)
	regions := []struct{ from, to int }{{4, 12 + 16*19}}
	for _, name := range []string{"cmap", "loca", "glyf", "head", "hhea", "maxp"} {
		tb := f.tables[name]
		regions = append(regions, struct{ from, to int }{tb.pos, tb.pos + min(tb.size, 4096)})
	}
	rng := rand.New(rand.NewPCG(1, 16))
	runes := append(span(32, 126), []rune("ÅéŐ€½")...)
	errs := 0
	for i := range 400 {
		d := slices.Clone(good)
		reg := regions[i%len(regions)]
		for range 1 + rng.IntN(8) {
			d[reg.from+rng.IntN(reg.to-reg.from)] = byte(rng.IntN(256))
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("corruption %d: panic %v", i, r)
				}
			}()
			cf, err := Parse(d)
			if err == nil {
				_, err = cf.Subset(runes)
			}
			if err != nil {
				errs++
			}
		}()
	}
	if errs == 0 {
		t.Error("no corruption was refused: the test does not reach the checks")
	}
}

// composites are the composite glyphs of f, and a rune mapped to each
// (the smallest), 0 when none is.
func composites(t *testing.T, f *Font) (gids []int, runeOf map[int]rune) {
	t.Helper()
	runeOf = map[int]rune{}
	for r := rune(1); r < 0xFFFF; r++ {
		if g, ok := f.Glyph(r); ok && runeOf[g] == 0 {
			runeOf[g] = r
		}
	}
	for g := range f.numGlyphs {
		d, err := f.glyph(g)
		if err != nil {
			t.Fatal(err)
		}
		if len(d) > 2 && int16(binary.BigEndian.Uint16(d)) < 0 {
			gids = append(gids, g)
		}
	}
	return gids, runeOf
}

// TestProgramNestedComposites: composite glyphs whose components are
// composites themselves (Liberation has none, so the test makes them by
// pointing a composite's first component at another composite of a lower
// number) are closed over and renumbered as fpdf does: the program equals
// UTF8CutFont's.
func TestProgramNestedComposites(t *testing.T) {
	good := readFont(t, fontPaths[0])
	f := regular(t)
	comps, runeOf := composites(t, f)
	rng := rand.New(rand.NewPCG(3, 16))
	glyf := f.tables["glyf"].pos
	for trial := range 12 {
		d := slices.Clone(good)
		for range 30 {
			i := 1 + rng.IntN(len(comps)-1)
			a, b := comps[i], comps[rng.IntN(i)]
			start, _, err := f.glyphRange(a)
			if err != nil {
				t.Fatal(err)
			}
			binary.BigEndian.PutUint16(d[glyf+start+12:], uint16(b))
		}
		runes := span(32, 126)
		for _, g := range comps {
			if r := runeOf[g]; r != 0 && rng.IntN(3) == 0 {
				runes = append(runes, r)
			}
		}
		nf, err := Parse(d)
		if err != nil {
			t.Fatal(err)
		}
		s, err := nf.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		nested := 0
		for _, m := range s.GIDs {
			g, _ := nf.Glyph(m.Rune)
			for _, c := range componentsOf(t, nf, g) {
				if len(componentsOf(t, nf, c)) > 0 {
					nested++
				}
			}
		}
		if nested == 0 {
			t.Fatalf("trial %d: no nested composite in the subset", trial)
		}
		if want := fpdf.UTF8CutFont(slices.Clone(d), string(runes)); !bytes.Equal(s.Program, want) {
			t.Errorf("trial %d (%d nested): program of %d bytes differs from fpdf's (%d bytes)", trial, nested, len(s.Program), len(want))
		}
	}
}

// componentsOf are the components of glyph gid, none when it is simple.
func componentsOf(t *testing.T, f *Font, gid int) []int {
	t.Helper()
	d, err := f.glyph(gid)
	if err != nil {
		t.Fatal(err)
	}
	if len(d) <= 2 || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return nil
	}
	var cs []int
	for pos, flags := 10, moreGlyphs; flags&moreGlyphs != 0; pos += 4 + componentArgs(flags) {
		flags = int(binary.BigEndian.Uint16(d[pos:]))
		cs = append(cs, int(binary.BigEndian.Uint16(d[pos+2:])))
	}
	return cs
}

// TestProgramFewerHMetrics: in a font with fewer horizontal metrics than
// glyphs, a glyph past the last metric has the last advance width and its
// own left side bearing, as in fpdf's getMetrics, and the program equals
// UTF8CutFont's. Except in one case, where fpdf is wrong and ttf is not:
// fpdf's getMetrics appends the bearing to a slice of the font's own bytes,
// overwriting the bearing of glyph numberOfHMetrics−1 in the font; a
// subset that reads that glyph after a glyph past the last metric (as a
// component, numbered after the direct glyphs), or any later subset of the
// same bytes, gets the overwritten bearing from fpdf and the font's from
// ttf. The fonts the raadsmededeling embeds have a metric for every glyph.
func TestProgramFewerHMetrics(t *testing.T) {
	good := readFont(t, fontPaths[0])
	f := regular(t)
	hmtx, hhea := f.tables["hmtx"].pos, f.tables["hhea"].pos
	// The last metric is the ring of Å, a component; two runes have
	// glyphs past it.
	gAring, _ := f.Glyph('Å')
	last := componentsOf(t, f, gAring)[1]
	n := last + 1
	var past []rune
	for r := rune('A'); len(past) < 2; r++ {
		if g, ok := f.Glyph(r); ok && g >= n && len(componentsOf(t, f, g)) == 0 {
			past = append(past, r)
		}
	}
	d := slices.Clone(good)
	binary.BigEndian.PutUint16(d[hhea+34:], uint16(n))
	for g := n; g < f.numGlyphs; g++ { // the bearings of the glyphs past the metrics
		binary.BigEndian.PutUint16(d[hmtx+4*n+2*(g-n):], uint16(1000+g))
	}
	nf, err := Parse(d)
	if err != nil {
		t.Fatal(err)
	}
	// metrics is the hmtx entry of glyph gid of the subset s.
	metrics := func(s *Subset, gid int) []byte {
		sub, err := Parse(s.Program)
		if err != nil {
			t.Fatal(err)
		}
		return sub.appendMetrics(nil, gid)
	}

	s, err := nf.Subset(past)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.Program, fpdf.UTF8CutFont(slices.Clone(d), string(past))) {
		t.Errorf("%q past the last metric: the program differs from fpdf's", past)
	}
	for i, r := range past {
		g, _ := f.Glyph(r)
		want := append(slices.Clone(d[hmtx+4*last:hmtx+4*last+2]), byte((1000+g)>>8), byte(1000+g))
		if got := metrics(s, 1+i); !bytes.Equal(got, want) {
			t.Errorf("%q, glyph %d: metrics %v, want %v (the last advance, its own bearing)", r, g, got, want)
		}
	}

	// Å and a rune past the metrics: the ring is read after that rune.
	runes := []rune{'Å', past[0]}
	s, err = nf.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(s.Program, fpdf.UTF8CutFont(slices.Clone(d), string(runes))) {
		t.Error("the program equals fpdf's, whose ring has the bearing of the glyph read before it: has fpdf changed?")
	}
	ring := slices.Index(componentsOf(t, f, gAring), last)
	if got, want := metrics(s, 3+ring), d[hmtx+4*last:hmtx+4*last+4]; !bytes.Equal(got, want) {
		t.Errorf("the ring: metrics %v, want the font's %v", got, want)
	}
}

// TestSubsetSharedComponents: a font whose composites share components
// many levels deep (each of 40 composites uses the one before it twice, 2⁴⁰
// paths from the top) is subset in linear time, with fpdf's program for a
// shallow chain; fpdf itself walks every path.
func TestSubsetSharedComponents(t *testing.T) {
	good := readFont(t, fontPaths[0])
	f := regular(t)
	comps, runeOf := composites(t, f)
	var chain []int // composites with two components or more, a mapped rune each
	for _, g := range comps {
		if len(componentsOf(t, f, g)) >= 2 && runeOf[g] != 0 {
			chain = append(chain, g)
		}
	}
	if len(chain) < 41 {
		t.Fatalf("%d composites of two components, want 41", len(chain))
	}
	glyf := f.tables["glyf"].pos
	build := func(depth int) ([]byte, rune) {
		d := slices.Clone(good)
		for i := 1; i <= depth; i++ {
			start, _, err := f.glyphRange(chain[i])
			if err != nil {
				t.Fatal(err)
			}
			pos := 10
			for k := range 2 {
				flags := int(binary.BigEndian.Uint16(d[glyf+start+pos:]))
				binary.BigEndian.PutUint16(d[glyf+start+pos+2:], uint16(chain[i-1]))
				if k == 0 {
					pos += 4 + componentArgs(flags)
				}
			}
		}
		return d, runeOf[chain[depth]]
	}

	d, top := build(8)
	nf, err := Parse(d)
	if err != nil {
		t.Fatal(err)
	}
	s, err := nf.Subset([]rune{'a', top})
	if err != nil {
		t.Fatal(err)
	}
	if want := fpdf.UTF8CutFont(slices.Clone(d), string([]rune{'a', top})); !bytes.Equal(s.Program, want) {
		t.Errorf("a chain of 8: program of %d bytes differs from fpdf's (%d bytes)", len(s.Program), len(want))
	}

	d, top = build(40)
	if nf, err = Parse(d); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := nf.Subset([]rune{'a', top})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a chain of 40 shared composites: no subset after 20 s")
	}

	// A composite that is its own component: an error, not a stack
	// overflow (fpdf's).
	d = slices.Clone(good)
	start, _, err := f.glyphRange(chain[0])
	if err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint16(d[glyf+start+12:], uint16(chain[0]))
	if nf, err = Parse(d); err != nil {
		t.Fatal(err)
	}
	_, err = nf.Subset([]rune{runeOf[chain[0]]})
	if want := fmt.Sprintf("glyph %d: samengestelde glyphs dieper dan 64 niveaus", chain[0]); err == nil || err.Error() != want {
		t.Errorf("a composite in itself: %v, want %q", err, want)
	}
}
