package raadsmededeling

import (
	"reflect"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// Font metrics generated from fpdf's own parse.
//
// To lay text out, fpdf needs of each font its descriptor, its underline,
// a width for each of the 65.536 code points and an identifier; it gets
// them by parsing the TrueType file (AddUTF8FontFromBytes), which a run pays
// once per process: about 20 ms of a 0,1-second Deventer run, most of it
// hashing the parsed widths through JSON for the identifier. The result is
// the same for every process, so fontmetrics_gen.go holds it, written by
// TestFontMetrics from fpdf's own parse of the embedded fonts (go test
// ./report/raadsmededeling -run TestFontMetrics -update), and checked by
// the same test on every run: a new font file or a new fpdf that parses
// differently fails the test instead of laying text out differently.
//
// The metrics are facts about the font (widths, heights), not the font
// program: the font files themselves stay as they are, in fonts/.
//
// A font made from the metrics has no parsed TrueType file (fpdf's
// utf8File), so fpdf cannot embed it itself: it is only used when the
// subsets are made by this package (embedOnce), which puts every embedded
// font in place of fpdf's.

// fontMetrics is what fpdf's parse gives for one font.
type fontMetrics struct {
	key    string            // fpdf's font key: family and style
	id     string            // fpdf's identifier (its unexported field i)
	desc   fpdf.FontDescType // without FontBBox, which has an unexported type
	bbox   [4]int            // FontBBox: Xmin, Ymin, Xmax, Ymax
	up, ut int               // underline position and thickness
	used   []int             // the code points fpdf marks used when it adds the font
	widths []widthRun        // the non-zero widths, by code point
}

// widthRun is a run of consecutive code points with a non-zero width.
type widthRun struct {
	first int
	w     []uint16
}

// cwLen is the length of fpdf's width table: one per code point of the
// Basic Multilingual Plane.
const cwLen = 1 << 16

// metricFonts is the prototype document holding the fonts made from the
// metrics; nil when fpdf's fields are not what the adapter knows.
var metricFonts = sync.OnceValue(func() *fpdf.Fpdf {
	proto := fpdf.New("P", "mm", "A4", "")
	fv := fontsField(proto)
	if !fv.IsValid() {
		return nil
	}
	for _, m := range generatedMetrics {
		def, ok := m.def(fv.Type().Elem())
		if !ok {
			return nil
		}
		fv.SetMapIndex(reflect.ValueOf(m.key), def)
	}
	return proto
})

// def makes fpdf's font definition (of type t, fpdf's fontDefType) from
// the metrics; false when t lacks a field the adapter sets.
func (m *fontMetrics) def(t reflect.Type) (reflect.Value, bool) {
	def := reflect.New(t).Elem()
	field := func(name string) reflect.Value {
		if _, ok := t.FieldByName(name); !ok {
			return reflect.Value{}
		}
		return settable(def.FieldByName(name))
	}
	tp, name, desc, up, ut, cw, id, used := field("Tp"), field("Name"), field("Desc"), field("Up"), field("Ut"), field("Cw"), field("i"), field("usedRunes")
	for _, f := range []reflect.Value{tp, name, desc, up, ut, cw, id, used} {
		if !f.IsValid() {
			return reflect.Value{}, false
		}
	}
	if tp.Kind() != reflect.String || name.Kind() != reflect.String || id.Kind() != reflect.String ||
		desc.Type() != reflect.TypeOf(fpdf.FontDescType{}) || up.Kind() != reflect.Int || ut.Kind() != reflect.Int ||
		cw.Type() != reflect.TypeOf([]int(nil)) || used.Type() != reflect.TypeOf(map[int]int(nil)) {
		return reflect.Value{}, false
	}
	tp.SetString("UTF8")
	name.SetString(m.key)
	id.SetString(m.id)
	d := m.desc
	box := reflect.ValueOf(&d).Elem().FieldByName("FontBBox")
	for i, f := range []string{"Xmin", "Ymin", "Xmax", "Ymax"} {
		bf := box.FieldByName(f)
		if !bf.IsValid() || bf.Kind() != reflect.Int {
			return reflect.Value{}, false
		}
		bf.SetInt(int64(m.bbox[i]))
	}
	desc.Set(reflect.ValueOf(d))
	up.SetInt(int64(m.up))
	ut.SetInt(int64(m.ut))
	widths := make([]int, cwLen)
	for _, r := range m.widths {
		for i, w := range r.w {
			widths[r.first+i] = int(w)
		}
	}
	cw.Set(reflect.ValueOf(widths))
	runes := make(map[int]int, len(m.used))
	for _, r := range m.used {
		runes[r] = 0
	}
	used.Set(reflect.ValueOf(runes))
	return def, true
}
