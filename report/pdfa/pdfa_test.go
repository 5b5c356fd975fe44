package pdfa

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// doc is a hand-made PDF in fpdf's style: numbered objects, a trailer, and
// a classic xref table written by build with correct offsets.
type doc struct {
	objs    map[int]string
	trailer string
}

var date = time.Date(2023, 8, 15, 0, 0, 0, 0, time.UTC)

var info = Info{Title: "Raadsmededeling: proef", Author: "Gemeente Deventer", Subject: "Beschut werk", Keywords: "beschut werk",
	Creator: "beschut", Producer: "beschut", Date: date, Lang: "nl-NL"}

const content = "/P <</MCID 0>> BDC\nBT /F1 10 Tf 10 10 Td (Hallo) Tj ET\nEMC\n/Artifact BMC\n0 0 m 10 10 l S\nEMC\n/H1 <</MCID 1>> BDC\nBT (Kop) Tj ET\nEMC\n"

func stream(s string) string { return fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(s), s) }

func base() doc {
	return doc{objs: map[int]string{
		1: "<</Type /Pages\n/Kids [3 0 R ]\n/Count 1\n/MediaBox [0 0 595.28 841.89]\n>>",
		2: "<<\n/Font <<\n>>\n>>",
		3: "<</Type /Page\n/Parent 1 0 R\n/Resources 2 0 R\n/Group << /Type /Group /S /Transparency /CS /DeviceRGB >>\n/Contents 4 0 R>>",
		4: stream(content),
		5: "<</Title (\xfe\xff\x00a)\n/Parent 6 0 R\n/Dest [3 0 R /XYZ 0 800 null]\n/Count 0>>",
		6: "<</Type /Outlines /First 5 0 R\n/Last 5 0 R>>",
		7: "<<\n/Producer (beschut)\n/Title (Raadsmededeling: proef)\n/Author (Gemeente Deventer)\n/Subject (Beschut werk)\n/Keywords (beschut werk)\n/Creator (beschut)\n/CreationDate (D:20230815000000)\n/ModDate (D:20230815000000)\n>>",
		8: "<<\n/Type /Catalog\n/Pages 1 0 R\n/Lang (nl-NL)\n/Outlines 6 0 R\n/PageMode /UseOutlines\n/Names <<\n/EmbeddedFiles << /Names [\n  \n] >>\n>>\n>>",
	}, trailer: "/Size 9\n/Root 8 0 R\n/Info 7 0 R"}
}

// build writes the objects in fpdf's order (pages first), the xref table and the trailer.
func (d doc) build() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.3\n%\xc2\xb5\xc2\xb6\n\n")
	var nums []int
	max := 0
	for n := range d.objs {
		nums = append(nums, n)
		max = maxInt(max, n)
	}
	sort.Ints(nums)
	offsets := map[int]int{}
	for _, n := range nums {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, d.objs[n])
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", max+1)
	for n := 1; n <= max; n++ {
		if off, ok := offsets[n]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<<\n%s\n>>\nstartxref\n%d\n%%%%EOF\n", d.trailer, xref)
	return b.Bytes()
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func tree() *Element {
	return &Element{Role: "Document", Kids: []Kid{
		{Elem: &Element{Role: "P", Kids: []Kid{{Page: 1, MCID: 0}}}},
		{Elem: &Element{Role: "H1", Kids: []Kid{{Page: 1, MCID: 1}}}},
	}}
}

// xrefPointsAtObjects checks, without the package's parser, that every
// in-use xref entry points at "n 0 obj" of its own number.
func xrefPointsAtObjects(t *testing.T, out []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(out)
	if m == nil {
		t.Fatal("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	lines := strings.Split(string(out[xref:]), "\n")
	if lines[0] != "xref" {
		t.Fatalf("startxref points at %q", lines[0])
	}
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for i := 1; i < n; i++ {
		e := lines[2+i]
		if !strings.HasSuffix(e, " n ") {
			continue
		}
		off, _ := strconv.Atoi(e[:10])
		if want := fmt.Sprintf("%d 0 obj\n", i); !bytes.HasPrefix(out[off:], []byte(want)) {
			t.Errorf("xref entry %d points at %q", i, out[off:off+10])
		}
	}
}

func TestConvert(t *testing.T) {
	out, err := Convert(base().build(), tree(), info)
	if err != nil {
		t.Fatal(err)
	}
	xrefPointsAtObjects(t, out)
	d, err := Check(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("/Filter /FlateDecode")) {
		t.Error("the page content is not compressed")
	}
	if len(d.Pages) != 1 || len(d.Pages[0]) != 2 || d.Pages[0][0].Role != "P" || d.Pages[0][1].Role != "H1" {
		t.Errorf("pages %v", d.Pages)
	}
	for _, w := range []string{"%PDF-1.4\n", "/MarkInfo << /Marked true >>", "/StructParents 0\n", "/Type /Outlines\n/First 5 0 R\n/Last 5 0 R\n/Count 1\n>>",
		"<pdfaid:conformance>A</pdfaid:conformance>", "/S /GTS_PDFA1", "/Lang (nl-NL)"} {
		if !bytes.Contains(out, []byte(w)) {
			t.Errorf("missing %q", w)
		}
	}
	for _, bad := range []string{"/EmbeddedFiles", "/Transparency", "/Group"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("%q still present", bad)
		}
	}
	again, _ := Convert(base().build(), tree(), info)
	if !bytes.Equal(out, again) {
		t.Error("two conversions differ")
	}
}

// TestConvertPagesNotFirst: the page tree is found through the catalog,
// whatever its object number.
func TestConvertPagesNotFirst(t *testing.T) {
	d := base()
	d.objs[9] = d.objs[1]
	delete(d.objs, 1)
	d.objs[3] = strings.Replace(d.objs[3], "/Parent 1 0 R", "/Parent 9 0 R", 1)
	d.objs[8] = strings.Replace(d.objs[8], "/Pages 1 0 R", "/Pages 9 0 R", 1)
	d.trailer = strings.Replace(d.trailer, "/Size 9", "/Size 10", 1)
	out, err := Convert(d.build(), tree(), info)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Check(out); err != nil {
		t.Fatal(err)
	}
}

// TestConvertRefuses: every broken assumption is an error that says which.
func TestConvertRefuses(t *testing.T) {
	edit := func(n int, old, new string) func(*doc) {
		return func(d *doc) {
			if !strings.Contains(d.objs[n], old) {
				panic(fmt.Sprintf("test: object %d lacks %q", n, old))
			}
			d.objs[n] = strings.Replace(d.objs[n], old, new, 1)
		}
	}
	tests := []struct {
		name  string
		doc   func(*doc)
		bytes func([]byte) []byte
		info  func(*Info)
		tree  func(*Element)
		want  string
	}{
		{name: "no header", bytes: func(b []byte) []byte { return b[1:] }, want: "byte 0: geen PDF-kop"},
		{name: "no startxref", bytes: func(b []byte) []byte { return bytes.Replace(b, []byte("startxref"), []byte("startxraf"), 1) }, want: "geen startxref"},
		{name: "incremental update", bytes: func(b []byte) []byte {
			return append(append([]byte{}, b[:20]...), append([]byte("%%EOF\n"), b[20:]...)...)
		}, want: "meer dan één %%EOF"},
		{name: "xref offset off by one", bytes: func(b []byte) []byte {
			return regexp.MustCompile(`\n(\d{10}) 00000 n \n`).ReplaceAllFunc(b, func(m []byte) []byte {
				n, _ := strconv.Atoi(string(m[1:11]))
				return []byte(fmt.Sprintf("\n%010d 00000 n \n", n+1))
			})
		}, want: "wijst niet naar \"1 0 obj\""},
		{name: "odd xref entry", bytes: func(b []byte) []byte {
			return regexp.MustCompile(`\n(\d{10}) 00000 n \n`).ReplaceAll(b, []byte("\n$1 00000 n\n"))
		}, want: "geen 20-byte regel"},
		{name: "xref generation", bytes: func(b []byte) []byte {
			return regexp.MustCompile(`\n(\d{10}) 00000 n \n`).ReplaceAll(b, []byte("\n$1 00001 n \n"))
		}, want: "generatie 1"},
		{name: "second subsection", bytes: func(b []byte) []byte {
			return bytes.Replace(b, []byte("trailer\n"), []byte("9 1\n0000000000 65535 f \ntrailer\n"), 1)
		}, want: "geen trailer na 9 regels"},
		{name: "size", doc: func(d *doc) { d.trailer = strings.Replace(d.trailer, "/Size 9", "/Size 8", 1) }, want: "trailer /Size 8, xref-tabel heeft 9 regels"},
		{name: "no root", doc: func(d *doc) { d.trailer = strings.Replace(d.trailer, "/Root 8 0 R", "", 1) }, want: "trailer zonder /Root"},
		{name: "no info", doc: func(d *doc) { d.trailer = strings.Replace(d.trailer, "/Info 7 0 R", "", 1) }, want: "trailer zonder /Info"},
		{name: "root not a dict", doc: func(d *doc) { d.trailer = strings.Replace(d.trailer, "/Root 8 0 R", "/Root 9 0 R", 1) }, want: "object 9, dat geen dictionary"},
		{name: "stream length", doc: edit(4, fmt.Sprintf("/Length %d", len(content)), fmt.Sprintf("/Length %d", len(content)-3)), want: "geen endstream"},
		{name: "no endobj", bytes: func(b []byte) []byte {
			return bytes.Replace(b, []byte(">>\nendobj\n3 0 obj"), []byte(">>\nendobx\n3 0 obj"), 1)
		}, want: "object 2: endobj verwacht"},
		{name: "catalog type", doc: edit(8, "/Type /Catalog", "/Type /Katalog"), want: "object 8 heeft /Type Katalog, verwacht /Catalog"},
		{name: "no pages", doc: edit(8, "/Pages 1 0 R", ""), want: "catalogus zonder /Pages"},
		{name: "pages type", doc: edit(1, "/Type /Pages", "/Type /Page"), want: "verwacht /Pages"},
		{name: "no kids", doc: edit(1, "/Kids [3 0 R ]", ""), want: "zonder /Kids"},
		{name: "count", doc: edit(1, "/Count 1", "/Count 2"), want: "/Count 2, /Kids heeft 1"},
		{name: "kid not a page", doc: edit(1, "/Kids [3 0 R ]", "/Kids [2 0 R ]"), want: "object 2 heeft /Type <nil>, verwacht /Page"},
		{name: "kid parent", doc: edit(3, "/Parent 1 0 R", "/Parent 2 0 R"), want: "/Parent is niet de paginaboom"},
		{name: "attachments", doc: edit(8, "/Names [\n  \n]", "/Names [(a) 2 0 R]"), want: "/EmbeddedFiles is niet leeg"},
		{name: "other names", doc: edit(8, "/EmbeddedFiles", "/Dests << >>\n/EmbeddedFiles"), want: "/Names bevat meer"},
		{name: "already tagged", doc: edit(8, "/Type /Catalog", "/Type /Catalog\n/StructTreeRoot 2 0 R"), want: "catalogus heeft al /StructTreeRoot"},
		{name: "struct parents", doc: edit(3, "/Type /Page", "/Type /Page\n/StructParents 0"), want: "pagina 1 heeft al /StructParents"},
		{name: "unknown group", doc: edit(3, "/S /Transparency", "/S /Iets"), want: "onbekende /Group"},
		{name: "lang", doc: edit(8, "/Lang (nl-NL)", "/Lang (en-GB)"), want: "/Lang \"en-GB\", verwacht \"nl-NL\""},
		{name: "outline chain", doc: edit(6, "/First 5 0 R", "/First 2 0 R"), want: "/Parent is niet 6"},
		{name: "outline last", doc: edit(6, "/Last 5 0 R", "/Last 3 0 R"), want: "/Last ligt niet in de keten"},
		{name: "outline type", doc: edit(6, "/Type /Outlines", "/Type /Outline"), want: "verwacht /Outlines"},
		{name: "info title", info: func(i *Info) { i.Title = "Iets anders" }, want: "/Info /Title is \"Raadsmededeling: proef\", de XMP-metadata zou \"Iets anders\" zeggen"},
		{name: "info date", info: func(i *Info) { i.Date = i.Date.AddDate(0, 0, 1) }, want: "/Info /CreationDate"},
		{name: "unbalanced", doc: edit(2, "/Font <<", "/Font ]]"), want: "object 2: sluitend haakje zonder begin"},
		{name: "no value", doc: edit(2, "<<\n/Font <<\n>>\n>>", ""), want: "object 2: object zonder waarde"},
		{name: "dict key twice", doc: edit(3, "/Type /Page", "/Type /Page\n/Type /Page"), want: "sleutel /Type dubbel"},
		{name: "page beyond", tree: func(e *Element) { e.Kids[0].Elem.Kids[0].Page = 2 }, want: "P verwijst naar pagina 2, het document heeft er 1"},
		{name: "mcid twice", tree: func(e *Element) { e.Kids[1].Elem.Kids[0].MCID = 0 }, want: "MCID 0 dubbel"},
		{name: "mcid gap", tree: func(e *Element) { e.Kids[1].Elem.Kids[0].MCID = 2 }, want: "MCID 1 hoort bij geen element"},
		{name: "bad role", tree: func(e *Element) { e.Kids[0].Elem.Role = "P Q" }, want: "ongeldige rol"},
		{name: "bad scope", tree: func(e *Element) { e.Kids[0].Elem.Scope = "Kolom" }, want: "ongeldige /Scope \"Kolom\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			if tt.doc != nil {
				tt.doc(&d)
			}
			data := d.build()
			if tt.bytes != nil {
				data = tt.bytes(data)
			}
			in, el := info, tree()
			if tt.info != nil {
				tt.info(&in)
			}
			if tt.tree != nil {
				tt.tree(el)
			}
			out, err := Convert(data, el, in)
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

// TestCheckRefuses: the tagging check finds content that does not match
// its structure tree.
func TestCheckRefuses(t *testing.T) {
	tests := []struct {
		name    string
		content string
		tree    func(*Element)
		want    string
	}{
		{"painted outside", content + "0 0 m 5 5 l S\n", nil, "\"S\" tekent buiten gemarkeerde inhoud"},
		{"text outside", "BT (x) Tj ET\n" + content, nil, "\"Tj\" tekent buiten"},
		{"nested", "/P <</MCID 0>> BDC\n/H1 <</MCID 1>> BDC\nEMC\nEMC\n", nil, "MCID 1 genest"},
		{"artifact in content", "/P <</MCID 0>> BDC\n/Artifact BMC\nEMC\nEMC\n/H1 <</MCID 1>> BDC\nEMC\n", nil, "artefact binnen gemarkeerde inhoud"},
		{"unclosed", content + "/Artifact BMC\n", nil, "1 gemarkeerde reeksen niet gesloten"},
		{"EMC alone", content + "EMC\n", nil, "EMC zonder BDC"},
		{"mcid missing from content", "/P <</MCID 0>> BDC\nEMC\n", nil, "1 MCID's in de inhoud, 2 in de parent tree"},
		{"wrong tag", "/H1 <</MCID 0>> BDC\nEMC\n/P <</MCID 1>> BDC\nEMC\n", nil, "MCID 0 gemarkeerd als /H1, element is P"},
		{"figure without alt", content, func(e *Element) { e.Kids[0].Elem.Role = "Figure" }, "zonder /Alt"},
		{"th without scope", content, func(e *Element) { e.Kids[0].Elem.Role = "TH" }, "TH 11 zonder /Scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			d.objs[4] = stream(tt.content)
			el := tree()
			if tt.tree != nil {
				tt.tree(el)
			}
			out, err := Convert(d.build(), el, info)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Check(out)
			var pe *Error
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestCheckCompressed: a FlateDecode content stream is read too.
func TestCheckCompressed(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(content))
	zw.Close()
	d := base()
	d.objs[4] = fmt.Sprintf("<</Length %d\n/Filter /FlateDecode>>\nstream\n%s\nendstream", z.Len(), z.Bytes())
	out, err := Convert(d.build(), tree(), info)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Check(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages[0]) != 2 {
		t.Errorf("%d marked-content sequences, want 2", len(doc.Pages[0]))
	}
}

func TestStringText(t *testing.T) {
	for _, tt := range []struct{ raw, want string }{
		{`(a\(b\)\\c)`, `a(b)\c`}, {`(\101\102)`, "AB"}, {"<FEFF00E9>", "é"}, {"(\xfe\xff\x00\xe9)", "é"}, {"(a\\\nb)", "ab"},
	} {
		v, err := (&lexer{data: []byte(tt.raw)}).value()
		if err != nil {
			t.Fatal(err)
		}
		if got := v.(String).Text(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.raw, got, tt.want)
		}
		if got := textString(tt.want); got == "" {
			t.Error("empty encoding")
		}
	}
}
