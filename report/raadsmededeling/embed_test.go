package raadsmededeling

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"beschut/report/pdfa"
	"beschut/report/ttf"
)

// runeSets are the character sets of the differential test, by name.
func runeSets(t *testing.T) map[string][]rune {
	t.Helper()
	span := func(from, to rune) []rune {
		var rs []rune
		for r := from; r <= to; r++ {
			rs = append(rs, r)
		}
		return rs
	}
	ascii := span(32, 126)
	sets := map[string][]rune{
		"ascii":          ascii,
		"deventer":       append(slices.Clone(ascii), []rune("·–•€−½")...),
		"latin":          append(append(slices.Clone(ascii), span(0xA0, 0xFF)...), span(0x100, 0x17F)...),
		"accents only":   []rune("éèëêïîôöüûçñÉÈËÊÏÎÔÖÜÛÇÑåÅøØąęłńśźżĄĘŁŃŚŹŻčďěňřšťžůČĎĚŇŘŠŤŽŮ"),
		"greek":          span(0x370, 0x3FF),
		"cyrillic":       span(0x400, 0x4FF),
		"punctuation":    []rune("–—‘’“”…€−½·•‰†‡«»‹›"),
		"not in font":    []rune{0x4E00, 0x4E01, 0x9FA5, 0xE000, 0xFFFD - 1, 0xFFFF, 'a'},
		"only missing":   []rune{0x4E00, 0xAC00},
		"single":         {'x'},
		"single high":    {'€'},
		"low, no letter": span(1, 31),
		"digits":         span('0', '9'),
	}
	// Every rune the regular font maps (for the bold font, also the few it
	// may lack).
	f, err := ttf.Parse(fontRegular)
	if err != nil {
		t.Fatal(err)
	}
	var all []rune
	for r := rune(1); r <= 0xFFFF; r++ {
		if _, ok := f.Glyph(r); ok {
			all = append(all, r)
		}
	}
	if len(all) < 2000 {
		t.Fatalf("the regular font maps %d runes, expected over 2.000", len(all))
	}
	sets["every mapped rune"] = all
	rng := rand.New(rand.NewPCG(16, 2026))
	for i := range 12 {
		n := 1 + rng.IntN(300)
		var rs []rune
		for range n {
			if rng.IntN(4) == 0 {
				rs = append(rs, rune(1+rng.IntN(0xFFFF)))
			} else {
				rs = append(rs, all[rng.IntN(len(all))])
			}
		}
		sets[fmt.Sprintf("random %d", i)] = rs
	}
	// Random halves (and other fractions) of every mapped rune: long runs
	// broken at random, for the /W merging rules and the cmap's segments.
	for i, p := range []int{50, 50, 10, 90} {
		var rs []rune
		for _, r := range all {
			if rng.IntN(100) < p {
				rs = append(rs, r)
			}
		}
		sets[fmt.Sprintf("%d %% of every mapped rune (%d)", p, i)] = rs
	}
	// Around the 255/256 boundary of the /W rules (every rune up to 255
	// listed, above it only the used ones).
	for i := range 8 {
		var rs []rune
		from := rune(230 + rng.IntN(40))
		for r := from; r < from+rune(10+rng.IntN(60)); r++ {
			if rng.IntN(3) > 0 {
				rs = append(rs, r)
			}
		}
		sets[fmt.Sprintf("around 256 (%d)", i)] = rs
	}
	sets["255 and 256"] = []rune{255, 256}
	sets["256 alone"] = []rune{256}
	return sets
}

// TestTTFSubsets is the differential test of package ttf and ttfSubset:
// for both fonts and many character sets the embedded font equals, object
// for object and byte for byte (streams included), the one taken from the
// file fpdf writes itself for the same characters (fpdfSubset).
func TestTTFSubsets(t *testing.T) {
	if metricFonts() == nil {
		t.Fatal("the font adapter does not recognise fpdf's fields")
	}
	composite := false
	for name, runes := range runeSets(t) {
		for _, key := range []string{font, font + "B"} {
			want, err := fpdfSubset(key, styleName(key), runes)
			if err != nil {
				t.Fatalf("%s %s: fpdf: %v", key, name, err)
			}
			got, err := ttfSubset(key, styleName(key), runes)
			if err != nil {
				t.Fatalf("%s %s: %v", key, name, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: the subset differs from fpdf's: %s", key, name, firstDifference(got, want))
			}
		}
		if name == "accents only" {
			composite = hasComposite(t, runes)
		}
	}
	if !composite {
		t.Error("no accented letter in the test is a composite glyph: the closure is not tested")
	}
}

// styleName is fpdf's font name for the key (the Name of its font
// definition in the prototype).
func styleName(key string) string {
	def := fontsField(metricFonts()).MapIndex(reflect.ValueOf(key))
	return def.FieldByName("Name").String()
}

// hasComposite: one of runes has a composite glyph in the regular font.
func hasComposite(t *testing.T, runes []rune) bool {
	f, err := ttf.Parse(fontRegular)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runes {
		s, err := f.Subset([]rune{r})
		if err != nil {
			t.Fatal(err)
		}
		// glyph 0, the rune's glyph, and its components when composite
		if numGlyphs(s.Program) > 2 {
			return true
		}
	}
	return false
}

// numGlyphs reads maxp.numGlyphs of a font program.
func numGlyphs(program []byte) int {
	n := int(program[4])<<8 | int(program[5])
	for i := range n {
		r := program[12+16*i:]
		if string(r[:4]) == "maxp" {
			at := int(r[8])<<24 | int(r[9])<<16 | int(r[10])<<8 | int(r[11])
			return int(program[at+4])<<8 | int(program[at+5])
		}
	}
	return -1
}

// firstDifference shows where two fonts first differ, for the error.
func firstDifference(got, want *pdfa.Font) string {
	a, b := fmt.Sprintf("%q", got.Objects()), fmt.Sprintf("%q", want.Objects())
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	from := max(0, n-150)
	return fmt.Sprintf("at %d:\n%s\nfpdf:\n%s", n, a[from:min(len(a), n+150)], b[from:min(len(b), n+150)])
}

// BenchmarkSubset makes the two subsets of the Deventer character set
// (printable ASCII and ·–•€−½) with fpdf (a one-page document) and with
// package ttf; the fonts are parsed once before, as in a run.
func BenchmarkSubset(b *testing.B) {
	var runes []rune
	for r := rune(32); r < 127; r++ {
		runes = append(runes, r)
	}
	runes = append(runes, []rune("·–•€−½")...)
	slices.Sort(runes)
	if _, err := embedFonts(); err != nil {
		b.Fatal(err)
	}
	for _, path := range []struct {
		name string
		make func(key, name string, runes []rune) (*pdfa.Font, error)
	}{{"fpdf", fpdfSubset}, {"ttf", ttfSubset}} {
		b.Run(path.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, key := range []string{font, font + "B"} {
					if _, err := path.make(key, styleName(key), runes); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// fpdfSubset writes a document of one page with only font key, its used
// characters set to runes, and takes the embedded font out of it: the
// objects fpdf itself writes for those characters. It is how the subsets
// were made before package ttf, kept as the reference TestTTFSubsets compares
// ttfSubset with.
func fpdfSubset(key, name string, runes []rune) (*pdfa.Font, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	parseFonts(pdf)
	fv := fontsField(pdf)
	if !fv.IsValid() || !fv.MapIndex(reflect.ValueOf(key)).IsValid() {
		return nil, fmt.Errorf("lettertype %s: niet gevonden in fpdf", name)
	}
	def := reflect.New(fv.Type().Elem()).Elem()
	def.Set(fv.MapIndex(reflect.ValueOf(key)))
	used := map[int]int{0: 0}
	for _, r := range runes {
		used[int(r)] = int(r)
	}
	settable(def.FieldByName("usedRunes")).Set(reflect.ValueOf(used))
	fv.Clear()
	fv.SetMapIndex(reflect.ValueOf(key), def)
	pdf.AddPage()
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		return nil, err
	}
	ft, err := pdfa.ExtractFont(raw.Bytes(), "utf8"+name)
	if err != nil {
		return nil, fmt.Errorf("lettertype %s: %w", name, err)
	}
	return ft, nil
}
