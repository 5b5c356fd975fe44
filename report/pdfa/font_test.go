package pdfa

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// fontFile is the font program of fontSource: binary, with bytes that look
// like PDF syntax ("9 0 R", ">>", "endobj") to show they are copied, not read.
const fontFile = "\x00\x01\x00\x00 9 0 R >> endobj (\xff"

// fontSource is a file as fpdf writes one with a composite font: the Type0
// font dictionary, its CIDFont, ToUnicode, font descriptor and font program.
func fontSource() doc {
	d := base()
	d.objs[2] = "<<\n/Font <<\n/F1 9 0 R\n>>\n>>"
	d.objs[9] = "<</Type /Font\n/Subtype /Type0\n/BaseFont /utf8proef\n/Encoding /Identity-H\n/DescendantFonts [10 0 R]\n/ToUnicode 11 0 R>>"
	d.objs[10] = "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /utf8proef\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) >>\n/FontDescriptor 12 0 R\n/W [32 [278 278] 48 57 556]\n/CIDToGIDMap /Identity>>"
	d.objs[11] = stream("/CIDInit /ProcSet findresource begin\nendcmap")
	d.objs[12] = "<</Type /FontDescriptor /FontName /utf8proef\n /Ascent 905 /FontBBox [-544 -303 1302 980] /FontFile2 13 0 R>>"
	d.objs[13] = fmt.Sprintf("<</Length %d\n/Length1 %d>>\nstream\n%s\nendstream", len(fontFile), len(fontFile), fontFile)
	d.trailer = strings.Replace(d.trailer, "/Size 9", "/Size 14", 1)
	return d
}

// fontTarget is a file with a placeholder (as fpdf writes a core font) for
// utf8proef.
func fontTarget() doc {
	d := base()
	d.objs[2] = "<<\n/Font <<\n/F1 9 0 R\n>>\n>>"
	d.objs[9] = "<</Type /Font\n/BaseFont /utf8proef\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>"
	d.trailer = strings.Replace(d.trailer, "/Size 9", "/Size 10", 1)
	return d
}

func TestExtractFont(t *testing.T) {
	font, err := ExtractFont(fontSource().build(), "utf8proef")
	if err != nil {
		t.Fatal(err)
	}
	if font.BaseFont != "utf8proef" || len(font.objs) != 5 {
		t.Fatalf("font %s with %d objects, want utf8proef with 5", font.BaseFont, len(font.objs))
	}
	// In reading order: Type0, CIDFont, ToUnicode, descriptor, program.
	wantRefs := [][]int{{1, 2}, {3}, nil, {4}, nil}
	for i, o := range font.objs {
		if !reflect.DeepEqual(o.refs, wantRefs[i]) {
			t.Errorf("object %d refers to %v, want %v", i, o.refs, wantRefs[i])
		}
	}
	if string(font.objs[4].stream) != fontFile {
		t.Errorf("font program %q", font.objs[4].stream)
	}

	out, err := Convert(fontTarget().build(), tree(), info, font)
	if err != nil {
		t.Fatal(err)
	}
	xrefPointsAtObjects(t, out)
	if _, err := Check(out); err != nil {
		t.Fatal(err)
	}
	// The placeholder's number holds the font; its other objects are new.
	f, err := parse(out)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := f.dict(9)
	if d.Get("Subtype") != Name("Type0") {
		t.Errorf("object 9 is %s, want the Type0 font", d.Bytes())
	}
	desc, _ := d.Get("DescendantFonts").(Array)
	if len(desc) != 1 || desc[0].(Ref).Num < 10 {
		t.Errorf("/DescendantFonts %v, want one new object", desc)
	}
	for _, w := range []string{"/W [32 [278 278] 48 57 556]", "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) >>", "stream\n" + fontFile + "\nendstream"} {
		if !bytes.Contains(out, []byte(w)) {
			t.Errorf("output lacks %q", w)
		}
	}
	// Taken out again, it is the same font: the same bytes between the references.
	again, err := ExtractFont(out, "utf8proef")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, font) {
		t.Error("the font taken out of the output differs from the font put in")
	}
	if second, _ := Convert(fontTarget().build(), tree(), info, font); !bytes.Equal(second, out) {
		t.Error("two conversions differ")
	}
}

func TestExtractFontRefuses(t *testing.T) {
	tests := []struct {
		name string
		doc  func(*doc)
		font string
		want string
	}{
		{name: "absent", font: "utf8ander", want: "geen Type0-lettertype /utf8ander"},
		{name: "twice", doc: func(d *doc) {
			d.objs[14] = d.objs[9]
			d.trailer = strings.Replace(d.trailer, "/Size 14", "/Size 15", 1)
		}, want: "staat twee keer in het bestand (objecten 9 en 14)"},
		{name: "reaches a page", doc: func(d *doc) { d.objs[12] = strings.Replace(d.objs[12], "/FontFile2", "/Pagina 3 0 R /FontFile2", 1) },
			want: "verwijst naar object 3 met /Type /Page"},
		{name: "missing object", doc: func(d *doc) { d.objs[12] = strings.Replace(d.objs[12], "/FontFile2 13 0 R", "/FontFile2 15 0 R", 1) },
			want: "object 12 verwijst naar object 15, dat niet bestaat"},
		{name: "generation", doc: func(d *doc) { d.objs[9] = strings.Replace(d.objs[9], "[10 0 R]", "[10 1 R]", 1) },
			want: "R zonder objectnummer en generatie 0 ervoor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fontSource()
			if tt.doc != nil {
				tt.doc(&d)
			}
			name := tt.font
			if name == "" {
				name = "utf8proef"
			}
			font, err := ExtractFont(d.build(), name)
			var pe *Error
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want *Error with %q", err, tt.want)
			}
			if font != nil {
				t.Error("font next to an error")
			}
		})
	}
}

// TestConvertFontRefuses: a font goes only in place of exactly one
// placeholder, which is nothing but a plain Type1 font dictionary.
func TestConvertFontRefuses(t *testing.T) {
	font, err := ExtractFont(fontSource().build(), "utf8proef")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		doc   func() doc
		fonts []*Font
		want  string
	}{
		{name: "no placeholder", doc: func() doc { d := fontTarget(); d.objs[2] = "<<\n/Font <<\n>>\n>>"; return d },
			want: "lettertype /utf8proef: geen plaatsvervanger in de resources van de pagina's"},
		{name: "not a placeholder", doc: func() doc {
			d := fontTarget()
			d.objs[9] = strings.Replace(d.objs[9], "/Subtype /Type1", "/Subtype /Type1\n/FirstChar 32", 1)
			return d
		}, want: "lettertype /utf8proef is geen plaatsvervanger (/Type /Font /Subtype /Type1): /FirstChar 32"},
		{name: "truetype", doc: func() doc {
			d := fontTarget()
			d.objs[9] = strings.Replace(d.objs[9], "/Subtype /Type1", "/Subtype /TrueType", 1)
			return d
		}, want: "is geen plaatsvervanger (/Type /Font /Subtype /Type1): /Subtype /TrueType"},
		{name: "embedded already", doc: fontSource, want: "is geen plaatsvervanger (/Type /Font /Subtype /Type1): /Subtype /Type0"},
		{name: "two placeholders", doc: func() doc {
			d := fontTarget()
			d.objs[2] = "<<\n/Font <<\n/F1 9 0 R\n/F2 10 0 R\n>>\n>>"
			d.objs[10] = d.objs[9]
			d.trailer = strings.Replace(d.trailer, "/Size 10", "/Size 11", 1)
			return d
		}, want: "twee plaatsvervangers (objecten 9 en 10)"},
		{name: "font not a reference", doc: func() doc { d := fontTarget(); d.objs[2] = "<<\n/Font <<\n/F1 9\n>>\n>>"; return d },
			want: "pagina 1: lettertype /F1 is geen verwijzing naar een dictionary"},
		{name: "font twice", doc: fontTarget, fonts: []*Font{font, font}, want: "lettertype /utf8proef twee keer meegegeven"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fonts := tt.fonts
			if fonts == nil {
				fonts = []*Font{font}
			}
			out, err := Convert(tt.doc().build(), tree(), info, fonts...)
			var pe *Error
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want *Error with %q", err, tt.want)
			}
			if out != nil {
				t.Error("output next to an error")
			}
		})
	}
}

// TestNewFont: a font made from its objects is the font ExtractFont takes
// from a file holding them, and Objects gives them back.
func TestNewFont(t *testing.T) {
	want, err := ExtractFont(fontSource().build(), "utf8proef")
	if err != nil {
		t.Fatal(err)
	}
	objs := []RawObject{
		{Value: []byte("\n<</Type /Font\n/Subtype /Type0\n/BaseFont /utf8proef\n/Encoding /Identity-H\n/DescendantFonts [2 0 R]\n/ToUnicode 3 0 R>>")},
		{Value: []byte("\n<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /utf8proef\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) >>\n/FontDescriptor 4 0 R\n/W [32 [278 278] 48 57 556]\n/CIDToGIDMap /Identity>>")},
		{Value: []byte("\n<</Length 44>>"), Stream: []byte("/CIDInit /ProcSet findresource begin\nendcmap")},
		{Value: []byte("\n<</Type /FontDescriptor /FontName /utf8proef\n /Ascent 905 /FontBBox [-544 -303 1302 980] /FontFile2 5 0 R>>")},
		{Value: []byte(fmt.Sprintf("\n<</Length %d\n/Length1 %d>>", len(fontFile), len(fontFile))), Stream: []byte(fontFile)},
	}
	got, err := NewFont("utf8proef", objs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NewFont gives\n%q\nExtractFont\n%q", got.Objects(), want.Objects())
	}
	if back := want.Objects(); !reflect.DeepEqual(back, objs) {
		t.Errorf("Objects gives\n%q\nwant\n%q", back, objs)
	}
	// Put into a file, it reads as the extracted font does.
	out, err := Convert(fontTarget().build(), tree(), info, got)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := ExtractFont(out, "utf8proef"); err != nil || !reflect.DeepEqual(again, want) {
		t.Errorf("the font taken out of the output differs (%v)", err)
	}
}

func TestNewFontRefuses(t *testing.T) {
	tests := []struct {
		name string
		objs []RawObject
		want string
	}{
		{name: "no objects", want: "PDF/A-omzetting: lettertype /proef zonder objecten"},
		{name: "beyond the last", objs: []RawObject{{Value: []byte("<</A 1 0 R /B 3 0 R>>")}, {Value: []byte("<<>>")}},
			want: "PDF/A-omzetting: lettertype /proef, object 1: verwijzing 3 0 R naar een object dat er niet is (2 objecten)"},
		{name: "last is fine, second refers beyond", objs: []RawObject{{Value: []byte("<</A 2 0 R>>")}, {Value: []byte("[1 0 R 2 0 R 3 0 R]")}},
			want: "PDF/A-omzetting: lettertype /proef, object 2: verwijzing 3 0 R naar een object dat er niet is (2 objecten)"},
		{name: "object 0", objs: []RawObject{{Value: []byte("<</A 0 0 R>>")}},
			want: "PDF/A-omzetting: byte 9: lettertype /proef, object 1: R zonder objectnummer en generatie 0 ervoor"},
		{name: "generation", objs: []RawObject{{Value: []byte("<</A 1 1 R>>")}},
			want: "PDF/A-omzetting: byte 9: lettertype /proef, object 1: R zonder objectnummer en generatie 0 ervoor"},
		{name: "hexstring without end", objs: []RawObject{{Value: []byte("<</A <00ff")}},
			want: "PDF/A-omzetting: byte 5: lettertype /proef, object 1: hexstring zonder einde"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			font, err := NewFont("proef", tt.objs)
			var pe *Error
			if !errors.As(err, &pe) || err.Error() != tt.want {
				t.Fatalf("err = %v, want *Error %q", err, tt.want)
			}
			if font != nil {
				t.Error("font next to an error")
			}
		})
	}
}
