package raadsmededeling

import (
	"reflect"
	"slices"
	"sort"
	"sync"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"beschut/report/pdfa"
)

// Fonts shared by every document of a process.
//
// fpdf parses a TrueType font in AddUTF8FontFromBytes (its tables, a
// width for each of 65.536 code points) and hashes the result through JSON
// to name it, and it has no API to hand a parsed font to another document.
// This small adapter puts the font definitions made from the generated
// metrics (metrics.go) into each new document: per document each font gets
// its own set of used characters (usedRunes), so documents may be rendered
// concurrently. The fonts are embedded by placeholderFonts below, never by
// fpdf itself (the metrics have no parsed file for fpdf's subsetter).
//
// The adapter reaches into fpdf's unexported fields. When they are not
// what it expects (a new fpdf version), or when the subsets are fpdf's own
// (embedOnce off, in a test), the document parses the fonts itself the way
// fpdf does it; TestSharedFonts checks that both give the same bytes, so a
// change in fpdf shows as a failing test, not a different PDF.

// parseFonts adds the two fonts the way fpdf does it on its own.
func parseFonts(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(font, "", fontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", fontBold)
}

// shareFonts controls the adapter; the test turns it off to compare.
var shareFonts = true

// addFonts gives pdf the two fonts: copied from the metrics' prototype
// when the adapter can, else parsed.
func addFonts(pdf *fpdf.Fpdf) {
	if proto := metricFonts(); shareFonts && embedOnce && proto != nil && copyFonts(pdf, proto) {
		return
	}
	parseFonts(pdf)
}

// fontsField returns the fonts map of pdf (map[string]fontDefType) as a
// settable value, or the zero Value when fpdf has no such field.
func fontsField(pdf *fpdf.Fpdf) reflect.Value {
	v := reflect.ValueOf(pdf).Elem().FieldByName("fonts")
	if !v.IsValid() || v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	def := v.Type().Elem()
	used, ok := def.FieldByName("usedRunes")
	if !ok || used.Type != reflect.TypeOf(map[int]int{}) {
		return reflect.Value{}
	}
	return settable(v)
}

func settable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// copyFonts copies the fonts of proto into pdf, each with its own
// usedRunes; false when pdf already has fonts or fpdf's fields are not what
// the adapter knows.
func copyFonts(pdf, proto *fpdf.Fpdf) bool {
	dst, src := fontsField(pdf), fontsField(proto)
	if !dst.IsValid() || !src.IsValid() || dst.Len() != 0 || src.Len() != 2 {
		return false
	}
	if dst.IsNil() {
		return false
	}
	iter := src.MapRange()
	for iter.Next() {
		def := reflect.New(src.Type().Elem()).Elem()
		def.Set(iter.Value())
		used := settable(def.FieldByName("usedRunes"))
		runes := make(map[int]int, used.Len())
		for k, v := range used.Interface().(map[int]int) {
			runes[k] = v
		}
		used.Set(reflect.ValueOf(runes))
		dst.SetMapIndex(iter.Key(), def)
	}
	return true
}

// Font subsets made once per character set.
//
// Sharing the fonts saves parsing them, but fpdf would still subset each
// font for every document when it writes it (GenerateCutFont re-parses the
// font's cmap, hmtx and loca tables) and compress the subset and its
// CIDToGIDMap with four new zlib writers: together half of a document's
// CPU and two thirds of its allocations. The objects it writes depend only
// on the font and the characters used, so placeholderFonts, called when the
// last page is done and before fpdf writes the fonts, looks up (or makes
// once, with fpdf's bytes, by ttfSubset) the embedded font for the
// document's characters and turns fpdf's font into a placeholder: a plain
// Type1 font dictionary that fpdf writes without any work, and that
// pdfa.Convert replaces with the embedded font's objects.
//
// Every subset holds at least baseRunes, so that documents that differ in a
// few ordinary characters (a name with a q, another without) share one
// subset: in practice one per font for a whole run.

// baseRunes: printable ASCII. It makes a subset 4–5 KB larger than the
// characters a document uses would (a raadsmededeling of 114 KB becomes
// 123 KB), and keeps the subsets of real gemeente names (with or without a
// q, x or y) the same.
var baseRunes = func() []rune {
	var rs []rune
	for r := rune(32); r < 127; r++ {
		rs = append(rs, r)
	}
	return rs
}()

// embedOnce controls the subsets made once; the test turns it off to
// compare with fpdf's own.
var embedOnce = true

// maxSubsets bounds the cache: beyond it, a subset is made for the
// document and not kept.
const maxSubsets = 64

// subsets caches the embedded fonts by font and character set; each entry
// is made once, also when documents ask for it at the same time.
var subsets = struct {
	sync.Mutex
	m map[string]*subsetEntry
}{m: map[string]*subsetEntry{}}

type subsetEntry struct {
	once sync.Once
	font *pdfa.Font
	err  error
}

// placeholderFonts gives the embedded fonts for pdf's UTF-8 fonts and
// characters and turns those fonts into their placeholders. It leaves to
// fpdf the fonts that are not UTF-8 (core fonts), the UTF-8 fonts fpdf
// parsed itself when the subsets are not made once (embedOnce off), and
// all fonts when the adapter does not know fpdf's fields or cannot make
// fonts from the metrics (ttfSubset takes the widths from those; addFonts
// then parsed the fonts). A font made from the metrics has no parsed file
// that fpdf could subset, so it is always replaced.
func placeholderFonts(pdf *fpdf.Fpdf) ([]*pdfa.Font, error) {
	fv := fontsField(pdf)
	if !fv.IsValid() || metricFonts() == nil {
		return nil, nil
	}
	keys := make([]string, 0, fv.Len())
	for _, k := range fv.MapKeys() {
		keys = append(keys, k.String())
	}
	sort.Strings(keys)
	var fonts []*pdfa.Font
	var defs []reflect.Value
	var replaced []string // the keys of defs
	for _, key := range keys {
		def := reflect.New(fv.Type().Elem()).Elem()
		def.Set(fv.MapIndex(reflect.ValueOf(key)))
		tp, name := def.FieldByName("Tp"), def.FieldByName("Name")
		if tp.Kind() != reflect.String || name.Kind() != reflect.String {
			return nil, nil
		}
		if tp.String() != "UTF8" || !embedOnce && parsed(def) {
			continue
		}
		set := map[rune]bool{}
		for _, r := range baseRunes {
			set[r] = true
		}
		for _, r := range settable(def.FieldByName("usedRunes")).Interface().(map[int]int) {
			if r != 0 {
				set[rune(r)] = true
			}
		}
		runes := make([]rune, 0, len(set))
		for r := range set {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		ft, err := subset(key, name.String(), runes)
		if err != nil {
			return nil, err
		}
		fonts = append(fonts, ft)
		defs = append(defs, def)
		replaced = append(replaced, key)
	}
	for i, def := range defs {
		def.FieldByName("Tp").SetString("Core")
		def.FieldByName("Name").SetString(fonts[i].BaseFont)
		fv.SetMapIndex(reflect.ValueOf(replaced[i]), def)
	}
	return fonts, nil
}

// parsed: the font definition def holds a file parsed by fpdf, which
// fpdf's own putfonts can subset.
func parsed(def reflect.Value) bool {
	f := def.FieldByName("utf8File")
	return f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil()
}

// subset returns the embedded font key (named name) with exactly runes,
// from the cache or made by ttfSubset.
func subset(key, name string, runes []rune) (*pdfa.Font, error) {
	id := key + "\x00" + string(runes)
	subsets.Lock()
	e := subsets.m[id]
	if e == nil {
		e = &subsetEntry{}
		if len(subsets.m) < maxSubsets {
			subsets.m[id] = e
		}
	}
	subsets.Unlock()
	e.once.Do(func() { e.font, e.err = ttfSubset(key, name, runes) })
	return e.font, e.err
}
