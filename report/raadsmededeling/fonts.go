package raadsmededeling

import (
	"reflect"
	"sync"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"
)

// Fonts parsed once per process.
//
// fpdf parses a TrueType font in AddUTF8FontFromBytes (its tables, a
// width for each of 65.536 code points) and hashes the result through JSON
// to name it: about a quarter of a document's render time, the same work
// for every document. fpdf has no API to hand a parsed font to another
// document, so this small adapter copies fpdf's own parsed font
// definitions from a prototype document into each new one. Per document it
// gives each font its own subset set (usedRunes) and its own reader over
// the shared, read-only font bytes: fpdf's subsetter resets every other
// field of the parsed file before it writes, so the copies share nothing
// they write to, and documents may be rendered concurrently.
//
// The adapter reaches into fpdf's unexported fields. When they are not
// what it expects (a new fpdf version), it says so and the caller parses
// the fonts itself; TestSharedFonts checks that both paths give the same
// bytes, so a change in fpdf shows as a failing test, not a different PDF.

// parsedFonts is the prototype document holding the parsed fonts.
var parsedFonts = sync.OnceValue(func() *fpdf.Fpdf {
	proto := fpdf.New("P", "mm", "A4", "")
	parseFonts(proto)
	if proto.Err() || !fontsField(proto).IsValid() {
		return nil
	}
	return proto
})

// parseFonts adds the two fonts the way fpdf does it on its own.
func parseFonts(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(font, "", fontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", fontBold)
}

// shareFonts controls the adapter; the test turns it off to compare.
var shareFonts = true

// addFonts gives pdf the two fonts: copied from the prototype when the
// adapter can, else parsed.
func addFonts(pdf *fpdf.Fpdf) {
	if proto := parsedFonts(); shareFonts && proto != nil && copyFonts(pdf, proto) {
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
	used, ok1 := def.FieldByName("usedRunes")
	file, ok2 := def.FieldByName("utf8File")
	if !ok1 || !ok2 || used.Type != reflect.TypeOf(map[int]int{}) || file.Type.Kind() != reflect.Pointer || file.Type.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	reader, ok := file.Type.Elem().FieldByName("fileReader")
	if !ok || reader.Type.Kind() != reflect.Pointer || reader.Type.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return settable(v)
}

func settable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// copyFonts copies the parsed fonts of proto into pdf, each with its own
// usedRunes and reader; false when pdf already has fonts or fpdf's fields
// are not what the adapter knows.
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
		if !def.FieldByName("utf8File").Elem().IsValid() {
			return false
		}
		used := settable(def.FieldByName("usedRunes"))
		runes := make(map[int]int, used.Len())
		for k, v := range used.Interface().(map[int]int) {
			runes[k] = v
		}
		used.Set(reflect.ValueOf(runes))
		file := settable(def.FieldByName("utf8File"))
		fileCopy := reflect.New(file.Type().Elem())
		fileCopy.Elem().Set(file.Elem())
		reader := settable(fileCopy.Elem().FieldByName("fileReader"))
		readerCopy := reflect.New(reader.Type().Elem())
		readerCopy.Elem().Set(reader.Elem())
		reader.Set(readerCopy)
		file.Set(fileCopy)
		dst.SetMapIndex(iter.Key(), def)
	}
	return true
}
