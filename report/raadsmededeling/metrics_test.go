package raadsmededeling

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"beschut/internal/golden"
)

const metricsFile = "fontmetrics_gen.go"

// TestFontMetrics: fontmetrics_gen.go is what fpdf's own parse of the
// embedded fonts gives, and the fonts made from it are fpdf's font
// definitions, field by field (all but the parsed file, which the metrics
// leave out). With -update it rewrites the file.
func TestFontMetrics(t *testing.T) {
	proto := fpdf.New("P", "mm", "A4", "")
	parseFonts(proto)
	fv := fontsField(proto)
	if proto.Err() || !fv.IsValid() {
		t.Fatalf("fpdf does not parse the fonts (%v) or the adapter does not know its fields", proto.Error())
	}
	var keys []string
	for _, k := range fv.MapKeys() {
		keys = append(keys, k.String())
	}
	slices.Sort(keys)
	var ms []fontMetrics
	for _, k := range keys {
		ms = append(ms, metricsOf(t, k, fv.MapIndex(reflect.ValueOf(k))))
	}
	src := metricsSource(t, ms)
	if golden.Updating() {
		if err := os.WriteFile(metricsFile, src, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if old, err := os.ReadFile(metricsFile); err != nil || !bytes.Equal(old, src) {
		t.Fatalf("%s is not what fpdf's parse gives (%v): a new font or fpdf version? Rewrite it with go test ./report/raadsmededeling -run TestFontMetrics -update and review the diff", metricsFile, err)
	}

	if len(generatedMetrics) != len(keys) {
		t.Fatalf("%d fonts generated, fpdf has %d", len(generatedMetrics), len(keys))
	}
	for i := range generatedMetrics {
		m := &generatedMetrics[i]
		want := reflect.New(fv.Type().Elem()).Elem()
		want.Set(fv.MapIndex(reflect.ValueOf(m.key)))
		settable(want.FieldByName("utf8File")).SetZero()
		got, ok := m.def(fv.Type().Elem())
		if !ok {
			t.Fatalf("%s: the adapter does not know fpdf's font fields", m.key)
		}
		if !reflect.DeepEqual(settable(got).Interface(), settable(want).Interface()) {
			t.Errorf("%s: the font made from the metrics differs from fpdf's parse", m.key)
		}
	}
	if metricFonts() == nil {
		t.Fatal("no prototype made from the metrics")
	}
}

// TestFontMetricsDiffer: the comparison of TestFontMetrics can fail: one
// width, the identifier or a used rune changed is another font.
func TestFontMetricsDiffer(t *testing.T) {
	proto := fpdf.New("P", "mm", "A4", "")
	parseFonts(proto)
	fv := fontsField(proto)
	m := generatedMetrics[0]
	want := reflect.New(fv.Type().Elem()).Elem()
	want.Set(fv.MapIndex(reflect.ValueOf(m.key)))
	settable(want.FieldByName("utf8File")).SetZero()
	changes := map[string]func(m *fontMetrics){
		"width": func(m *fontMetrics) {
			m.widths = slices.Clone(m.widths)
			m.widths[3].w = slices.Clone(m.widths[3].w)
			m.widths[3].w[0]++
		},
		"id":     func(m *fontMetrics) { m.id += "x" },
		"used":   func(m *fontMetrics) { m.used = m.used[1:] },
		"bbox":   func(m *fontMetrics) { m.bbox[2]++ },
		"ascent": func(m *fontMetrics) { m.desc.Ascent++ },
	}
	for name, change := range changes {
		c := m
		change(&c)
		got, ok := c.def(fv.Type().Elem())
		if !ok {
			t.Fatal("the adapter does not know fpdf's font fields")
		}
		if reflect.DeepEqual(settable(got).Interface(), settable(want).Interface()) {
			t.Errorf("%s changed: still equal to fpdf's parse", name)
		}
	}
}

// metricsOf reads the metrics out of fpdf's definition of font key.
func metricsOf(t *testing.T, key string, v reflect.Value) fontMetrics {
	def := reflect.New(v.Type()).Elem()
	def.Set(v)
	m := fontMetrics{key: key, id: settable(def.FieldByName("i")).String()}
	m.desc = def.FieldByName("Desc").Interface().(fpdf.FontDescType)
	box := reflect.ValueOf(&m.desc).Elem().FieldByName("FontBBox")
	for i, f := range []string{"Xmin", "Ymin", "Xmax", "Ymax"} {
		m.bbox[i] = int(box.FieldByName(f).Int())
		box.FieldByName(f).SetInt(0)
	}
	m.up, m.ut = int(def.FieldByName("Up").Int()), int(def.FieldByName("Ut").Int())
	for r, v := range settable(def.FieldByName("usedRunes")).Interface().(map[int]int) {
		if v != 0 {
			t.Fatalf("%s: used rune %d has value %d; the metrics keep only the runes", key, r, v)
		}
		m.used = append(m.used, r)
	}
	slices.Sort(m.used)
	cw := def.FieldByName("Cw").Interface().([]int)
	if len(cw) != cwLen {
		t.Fatalf("%s: %d widths, want %d", key, len(cw), cwLen)
	}
	for r := 0; r < len(cw); r++ {
		if cw[r] < 0 || cw[r] > 0xffff {
			t.Fatalf("%s: width %d of U+%04X does not fit the metrics", key, cw[r], r)
		}
		if cw[r] == 0 {
			continue
		}
		if n := len(m.widths); n > 0 && m.widths[n-1].first+len(m.widths[n-1].w) == r {
			m.widths[n-1].w = append(m.widths[n-1].w, uint16(cw[r]))
		} else {
			m.widths = append(m.widths, widthRun{first: r, w: []uint16{uint16(cw[r])}})
		}
	}
	return m
}

// ints is the numbers of xs, comma-separated.
func ints[T int | uint16](xs []T) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(int(x)))
	}
	return b.String()
}

// metricsSource is fontmetrics_gen.go for ms.
func metricsSource(t *testing.T, ms []fontMetrics) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by go test ./report/raadsmededeling -run TestFontMetrics -update; DO NOT EDIT.\n\n")
	b.WriteString("package raadsmededeling\n\nimport \"codeberg.org/go-pdf/fpdf\"\n\n")
	b.WriteString("// generatedMetrics: fpdf's parse of fonts/LiberationSans-Regular.ttf and -Bold.ttf (see metrics.go).\n")
	b.WriteString("var generatedMetrics = []fontMetrics{\n")
	for _, m := range ms {
		d := m.desc
		fmt.Fprintf(&b, "{\nkey: %q,\nid: %q,\n", m.key, m.id)
		fmt.Fprintf(&b, "desc: fpdf.FontDescType{Ascent: %d, Descent: %d, CapHeight: %d, Flags: %d, ItalicAngle: %d, StemV: %d, MissingWidth: %d},\n",
			d.Ascent, d.Descent, d.CapHeight, d.Flags, d.ItalicAngle, d.StemV, d.MissingWidth)
		fmt.Fprintf(&b, "bbox: [4]int{%s},\nup: %d, ut: %d,\nused: []int{%s},\nwidths: []widthRun{\n", ints(m.bbox[:]), m.up, m.ut, ints(m.used))
		for _, r := range m.widths {
			fmt.Fprintf(&b, "{%d, []uint16{%s}},\n", r.first, ints(r.w))
		}
		b.WriteString("},\n},\n")
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.Bytes())
	}
	return src
}
