package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"github.com/klauspost/compress/flate"
	"io"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// referenceZip is what sortedZip replaced: every part held as written, then
// written sorted through zip.Writer.Create (deflating at zipLevel) at the end, with the same
// rewrites of the content types and the charts.
func referenceZip(t *testing.T, parts map[string][]byte) []byte {
	t.Helper()
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, zipLevel) })
	for _, n := range names {
		data := parts[n]
		switch {
		case n == contentTypes:
			var err error
			if data, err = sortContentTypes(data); err != nil {
				t.Fatal(err)
			}
		case strings.HasPrefix(n, "xl/charts/chart"):
			data = chartLanguage(data)
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestSortedZipBytes: parts deflated as they are written and stored raw
// give the bytes zip.Writer.Create gives for the same parts in the same
// order, whatever the order of creation, the size of the writes (a part
// of several deflate blocks written in small pieces), an empty part, and
// a part added through AddFS; the content types come sorted and the
// charts in Dutch.
func TestSortedZipBytes(t *testing.T) {
	var big strings.Builder
	for i := 0; i < 60000; i++ {
		fmt.Fprintf(&big, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Gemeente %d</t></is></c></row>`, i+2, i+2, i%342)
	}
	parts := map[string][]byte{
		"xl/worksheets/sheet4.xml": []byte(big.String()),
		contentTypes:               []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="x"/><Override PartName="/docProps/app.xml" ContentType="y"/></Types>`),
		"xl/charts/chart1.xml":     []byte(`<c:chartSpace><c:lang val="en-US"/><a:rPr lang="en-US"/></c:chartSpace>`),
		"xl/empty.xml":             nil,
		"docProps/app.xml":         []byte("<Properties/>"),
	}
	fsPart := "xl/media/image1.png"
	parts[fsPart] = bytes.Repeat([]byte{0, 1, 2, 3, 250}, 5000)

	write := func() bytes.Buffer {
		var got bytes.Buffer
		z := newSortedZip(&got)
		for _, n := range []string{"xl/worksheets/sheet4.xml", "docProps/app.xml", contentTypes, "xl/empty.xml", "xl/charts/chart1.xml"} {
			w, err := z.Create(n)
			if err != nil {
				t.Fatal(err)
			}
			data := parts[n]
			for len(data) > 0 { // in pieces, as excelize's io.Copy writes
				k := min(len(data), 1000+len(data)%7)
				if _, err := w.Write(data[:k]); err != nil {
					t.Fatal(err)
				}
				data = data[k:]
			}
		}
		if err := z.AddFS(fstest.MapFS{fsPart: {Data: parts[fsPart]}}); err != nil {
			t.Fatal(err)
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := write()
	// A second zip takes the first one's compressor from the pool, reset:
	// the same bytes.
	if again := write(); !bytes.Equal(again.Bytes(), got.Bytes()) {
		t.Fatalf("a second zip of the same parts wrote other bytes (%d, %d)", again.Len(), got.Len())
	}
	want := referenceZip(t, parts)
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("sortedZip wrote %d bytes, zip.Writer.Create %d: not the same bytes", got.Len(), len(want))
	}

	// And it reads back: the parts as written, the rewrites applied.
	r, err := zip.NewReader(bytes.NewReader(got.Bytes()), int64(got.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		switch f.Name {
		case "xl/charts/chart1.xml":
			if strings.Contains(string(data), "en-US") || !strings.Contains(string(data), `"nl-NL"`) {
				t.Errorf("chart: %s", data)
			}
		case contentTypes:
			if i, j := strings.Index(string(data), `Extension="rels"`), strings.Index(string(data), `Extension="xml"`); i < 0 || j < 0 || i > j {
				t.Errorf("content types not sorted: %s", data)
			}
		default:
			if !bytes.Equal(data, parts[f.Name]) {
				t.Errorf("%s: %d bytes read back, %d written", f.Name, len(data), len(parts[f.Name]))
			}
		}
	}
	if !sort.StringsAreSorted(names) || len(names) != len(parts) {
		t.Errorf("parts %v: want all %d, sorted", names, len(parts))
	}
}
