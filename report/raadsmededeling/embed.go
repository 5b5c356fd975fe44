package raadsmededeling

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"reflect"
	"strconv"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"beschut/report/pdfa"
	"beschut/report/ttf"
)

// Font subsets made by package ttf.
//
// The subsets used to come from a one-page document written by fpdf, the
// embedded font taken out of it (fpdfSubset, now the tests' reference): fpdf's GenerateCutFont re-parses the whole font
// for every subset, and every stream gets a new zlib writer. ttfSubset
// makes the same objects, byte for byte, from a ttf.Font parsed once per
// process and a reused zlib writer; the descriptor and the widths are the
// ones of the prototype fonts made from fpdf's parse (metricFonts). TestTTFSubsets
// compares it with fpdf's own output for many character sets.

// embedFont is what a subset of one font needs: the font's tables, and
// fpdf's descriptor and widths (by rune) for it.
type embedFont struct {
	font *ttf.Font
	desc fpdf.FontDescType
	cw   []int
}

// fontFiles are the font files by fpdf's font key (family in lower case,
// then the style), as parseFonts adds them.
var fontFiles = map[string][]byte{font: fontRegular, font + "B": fontBold}

// embedFonts parses the fonts for ttfSubset once per process.
var embedFonts = sync.OnceValues(loadEmbedFonts)

// loadEmbedFonts parses the fonts for ttfSubset, with the descriptor and
// widths of the fonts made from the metrics.
func loadEmbedFonts() (map[string]*embedFont, error) {
	proto := metricFonts()
	if proto == nil {
		return nil, fmt.Errorf("lettertypen: de adapter kent de velden van fpdf niet")
	}
	fv := fontsField(proto)
	fonts := map[string]*embedFont{}
	for key, data := range fontFiles {
		def := fv.MapIndex(reflect.ValueOf(key))
		if !def.IsValid() {
			return nil, fmt.Errorf("lettertype %s: niet gevonden in fpdf", key)
		}
		desc, ok1 := def.FieldByName("Desc").Interface().(fpdf.FontDescType)
		cw, ok2 := def.FieldByName("Cw").Interface().([]int)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("lettertype %s: fpdf heeft geen Desc en Cw", key)
		}
		f, err := ttf.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("lettertype %s: %w", key, err)
		}
		fonts[key] = &embedFont{font: f, desc: desc, cw: cw}
	}
	return fonts, nil
}

// zlibWriters keeps compressors at fpdf's level (BestSpeed) for reuse: a
// new writer allocates about 1,1 MB (half of it touched at this level), a
// reset one nothing, and both give the same bytes. A buffered channel, not
// a sync.Pool, as in pdfa: the GC empties a pool, and the subsets of a run
// are made at moments far apart.
var zlibWriters = make(chan *zlib.Writer, 2)

// deflate compresses the data that write writes with a reused writer,
// into a buffer of size bytes to start with.
func deflate(size int, write func(w *zlib.Writer) error) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, size))
	var zw *zlib.Writer
	select {
	case zw = <-zlibWriters:
		zw.Reset(buf)
	default:
		zw, _ = zlib.NewWriterLevel(buf, zlib.BestSpeed)
	}
	defer func() {
		select {
		case zlibWriters <- zw:
		default:
		}
	}()
	if err := write(zw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zeros is what the CIDToGIDMap holds between its entries.
var zeros [4096]byte

// cidToGIDMap compresses the 65.536 two-byte entries of the map (a glyph
// for each rune of the BMP, 0 where none) without making the 128 KiB.
func cidToGIDMap(gids []ttf.RuneGID) ([]byte, error) {
	return deflate(4096, func(w *zlib.Writer) error {
		pad := func(n int) error {
			for n > 0 {
				k := min(n, len(zeros))
				if _, err := w.Write(zeros[:k]); err != nil {
					return err
				}
				n -= k
			}
			return nil
		}
		at := 0
		for _, m := range gids {
			if err := pad(2*int(m.Rune) - at); err != nil {
				return err
			}
			if _, err := w.Write([]byte{byte(m.GID >> 8), byte(m.GID)}); err != nil {
				return err
			}
			at = 2*int(m.Rune) + 2
		}
		return pad(2*65536 - at)
	})
}

// ttfSubset makes the embedded font key (named name in fpdf) with exactly
// runes: the objects fpdf's putfonts writes for a UTF-8 font, in the order
// pdfa.ExtractFont meets them.
func ttfSubset(key, name string, runes []rune) (*pdfa.Font, error) {
	fonts, err := embedFonts()
	if err != nil {
		return nil, err
	}
	ef := fonts[key]
	if ef == nil {
		return nil, fmt.Errorf("lettertype %s: niet gevonden", name)
	}
	sub, err := ef.font.Subset(runes)
	if err != nil {
		return nil, fmt.Errorf("lettertype %s: %w", name, err)
	}
	w, err := sub.W(ef.cw)
	if err != nil {
		return nil, fmt.Errorf("lettertype %s: %w", name, err)
	}
	gidMap, err := cidToGIDMap(sub.GIDs)
	if err != nil {
		return nil, err
	}
	program, err := deflate(len(sub.Program), func(w *zlib.Writer) error {
		_, err := w.Write(sub.Program)
		return err
	})
	if err != nil {
		return nil, err
	}

	fontName := "utf8" + name
	d := ef.desc
	var cid bytes.Buffer
	cid.WriteString("\n<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + fontName + "\n/CIDSystemInfo 4 0 R\n/FontDescriptor 5 0 R\n")
	if d.MissingWidth != 0 {
		cid.WriteString("/DW " + strconv.Itoa(d.MissingWidth) + "\n")
	}
	cid.WriteString("/W " + w + "\n/CIDToGIDMap 6 0 R>>")
	flags := (d.Flags | 4) &^ 32
	descriptor := fmt.Sprintf("\n<</Type /FontDescriptor /FontName /%s\n /Ascent %d /Descent %d /CapHeight %d /Flags %d/FontBBox [%d %d %d %d]  /ItalicAngle %d /StemV %d /MissingWidth %d/FontFile2 7 0 R>>",
		fontName, d.Ascent, d.Descent, d.CapHeight, flags,
		d.FontBBox.Xmin, d.FontBBox.Ymin, d.FontBBox.Xmax, d.FontBBox.Ymax,
		d.ItalicAngle, d.StemV, d.MissingWidth)
	return pdfa.NewFont(fontName, []pdfa.RawObject{
		{Value: []byte("\n<</Type /Font\n/Subtype /Type0\n/BaseFont /" + fontName + "\n/Encoding /Identity-H\n/DescendantFonts [2 0 R]\n/ToUnicode 3 0 R>>")},
		{Value: cid.Bytes()},
		{Value: []byte("\n<</Length " + strconv.Itoa(len(toUnicode)) + ">>"), Stream: []byte(toUnicode)},
		{Value: []byte("\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>")},
		{Value: []byte(descriptor)},
		{Value: []byte("\n<</Length " + strconv.Itoa(len(gidMap)) + "/Filter /FlateDecode>>"), Stream: gidMap},
		{Value: []byte("\n<</Length " + strconv.Itoa(len(program)) + "\n/Filter /FlateDecode\n/Length1 " + strconv.Itoa(len(sub.Program)) + "\n>>"), Stream: program},
	})
}

// toUnicode is the ToUnicode CMap fpdf writes for every UTF-8 font (its
// constant toUnicode).
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
