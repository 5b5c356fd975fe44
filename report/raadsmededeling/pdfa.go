package raadsmededeling

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// This file turns fpdf's output into a tagged PDF/A-1a (with the PDF/UA
// identification). fpdf can write the marked-content operators (the
// tagger does that while drawing) but not the objects around them, and it
// always writes an /EmbeddedFiles name tree, which PDF/A-1 forbids. The
// rewrite reads fpdf's classic cross-reference table, edits the catalog
// and the page dictionaries, appends the structure tree, the parent tree,
// the XMP metadata and the sRGB output intent, and writes a new
// cross-reference table with an /ID derived from the content. It is
// deterministic: the same input gives the same bytes.

//go:embed icc/sRGB2014.icc
var srgbProfile []byte

// docInfo are the document properties, as fpdf wrote them in /Info; the
// XMP metadata repeats them exactly.
type docInfo struct {
	Title, Author, Subject, Keywords, Creator, Producer string
	Date                                                time.Time
	Lang                                                string
}

// rawPDF is fpdf's output split into objects.
type rawPDF struct {
	header  []byte
	objects map[int][]byte // object number → "n 0 obj ... endobj\n"
	size    int            // /Size of the trailer: highest object number + 1
	root    int
	info    int
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	refRe       = regexp.MustCompile(`/(Root|Info) (\d+) 0 R`)
	kidsRe      = regexp.MustCompile(`/Kids \[([0-9 R]*)\]`)
	outlinesRe  = regexp.MustCompile(`/Outlines (\d+) 0 R`)
)

// parsePDF reads a PDF with one classic cross-reference section, as fpdf writes.
func parsePDF(data []byte) (*rawPDF, error) {
	m := startxrefRe.FindSubmatch(data)
	if m == nil {
		return nil, errors.New("pdf: geen startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(data) || !bytes.HasPrefix(data[xref:], []byte("xref\n0 ")) {
		return nil, errors.New("pdf: geen klassieke xref-tabel")
	}
	rest := data[xref+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	n, err := strconv.Atoi(strings.TrimSpace(string(rest[:nl])))
	if err != nil {
		return nil, fmt.Errorf("pdf: xref: %w", err)
	}
	entries := rest[nl+1:]
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		e := entries[i*20 : i*20+20]
		if e[17] != 'n' {
			continue
		}
		offsets[i], _ = strconv.Atoi(string(e[:10]))
	}
	p := &rawPDF{objects: map[int][]byte{}, size: n}
	first := len(data)
	for i := 1; i < n; i++ {
		if offsets[i] == 0 {
			continue
		}
		first = min(first, offsets[i])
		end := xref
		for k := 1; k < n; k++ {
			if offsets[k] > offsets[i] && offsets[k] < end {
				end = offsets[k]
			}
		}
		p.objects[i] = data[offsets[i]:end]
	}
	p.header = data[:first]
	trailer := entries[n*20:]
	for _, r := range refRe.FindAllSubmatch(trailer, -1) {
		v, _ := strconv.Atoi(string(r[2]))
		if string(r[1]) == "Root" {
			p.root = v
		} else {
			p.info = v
		}
	}
	if p.root == 0 || p.objects[p.root] == nil {
		return nil, errors.New("pdf: geen /Root")
	}
	return p, nil
}

// pages returns the page object numbers in page order.
func (p *rawPDF) pages() ([]int, error) {
	m := kidsRe.FindSubmatch(p.objects[1])
	if m == nil {
		return nil, errors.New("pdf: geen /Kids in object 1")
	}
	var out []int
	fields := strings.Fields(string(m[1]))
	for i := 0; i+2 < len(fields); i += 3 {
		n, err := strconv.Atoi(fields[i])
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// removeDictEntry removes "/Key << ... >>" with balanced brackets.
func removeDictEntry(obj []byte, key string) []byte {
	i := bytes.Index(obj, []byte(key+" <<"))
	if i < 0 {
		return obj
	}
	depth := 0
	for j := i + len(key); j < len(obj)-1; j++ {
		switch {
		case obj[j] == '<' && obj[j+1] == '<':
			depth++
			j++
		case obj[j] == '>' && obj[j+1] == '>':
			depth--
			j++
			if depth == 0 {
				end := j + 1
				if end < len(obj) && obj[end] == '\n' {
					end++
				}
				return append(append([]byte{}, obj[:i]...), obj[end:]...)
			}
		}
	}
	return obj
}

// pdfText encodes a text string: literal when plain ASCII, else UTF-16BE.
func pdfText(s string) string {
	ascii := true
	for _, r := range s {
		if r < 32 || r > 126 {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// archive rewrites fpdf's output as a tagged PDF/A-1a.
func archive(data []byte, tags *marks, info docInfo) ([]byte, error) {
	p, err := parsePDF(data)
	if err != nil {
		return nil, err
	}
	pageObjs, err := p.pages()
	if err != nil {
		return nil, err
	}
	next := p.size
	alloc := func() int { next++; return next - 1 }
	objs := map[int]string{}

	// Structure elements get object numbers in reading order.
	refs := map[*element]int{}
	var number func(e *element)
	number = func(e *element) {
		refs[e] = alloc()
		for _, k := range e.kids {
			if k.elem != nil {
				number(k.elem)
			}
		}
	}
	treeRoot := alloc()
	number(tags.root)
	parentTree := alloc()
	var write func(e *element, parent int)
	write = func(e *element, parent int) {
		var b strings.Builder
		fmt.Fprintf(&b, "<<\n/Type /StructElem\n/S /%s\n/P %d 0 R\n", e.role, parent)
		for _, k := range e.kids {
			if k.elem == nil {
				fmt.Fprintf(&b, "/Pg %d 0 R\n", pageObjs[k.page-1])
				break
			}
		}
		if alt, ok := e.attrs["Alt"]; ok {
			fmt.Fprintf(&b, "/Alt %s\n", pdfText(alt))
		}
		if scope, ok := e.attrs["Scope"]; ok {
			fmt.Fprintf(&b, "/A << /O /Table /Scope /%s >>\n", scope)
		}
		b.WriteString("/K [")
		for _, k := range e.kids {
			if k.elem != nil {
				fmt.Fprintf(&b, " %d 0 R", refs[k.elem])
			} else {
				fmt.Fprintf(&b, " << /Type /MCR /Pg %d 0 R /MCID %d >>", pageObjs[k.page-1], k.mcid)
			}
		}
		b.WriteString(" ]\n>>")
		objs[refs[e]] = b.String()
		for _, k := range e.kids {
			if k.elem != nil {
				write(k.elem, refs[e])
			}
		}
	}
	write(tags.root, treeRoot)
	objs[treeRoot] = fmt.Sprintf("<<\n/Type /StructTreeRoot\n/K [%d 0 R]\n/ParentTree %d 0 R\n/ParentTreeNextKey %d\n>>", refs[tags.root], parentTree, len(pageObjs))
	var nums strings.Builder
	for i := range pageObjs {
		fmt.Fprintf(&nums, " %d [", i)
		for _, owner := range tags.owners[i+1] {
			fmt.Fprintf(&nums, " %d 0 R", refs[owner])
		}
		nums.WriteString(" ]")
	}
	objs[parentTree] = "<<\n/Nums [" + nums.String() + " ]\n>>"

	icc := alloc()
	objs[icc] = fmt.Sprintf("<<\n/N 3\n/Length %d\n>>\nstream\n%s\nendstream", len(srgbProfile), srgbProfile)
	intent := alloc()
	objs[intent] = fmt.Sprintf("<<\n/Type /OutputIntent\n/S /GTS_PDFA1\n/OutputConditionIdentifier (sRGB IEC61966-2.1)\n/RegistryName (http://www.color.org)\n/Info (sRGB IEC61966-2.1)\n/DestOutputProfile %d 0 R\n>>", icc)
	xmp := xmpPacket(info)
	meta := alloc()
	objs[meta] = fmt.Sprintf("<<\n/Type /Metadata\n/Subtype /XML\n/Length %d\n>>\nstream\n%s\nendstream", len(xmp), xmp)

	// The catalog: no EmbeddedFiles name tree; marked, tagged, titled, archival.
	cat := removeDictEntry(p.objects[p.root], "/Names")
	extra := fmt.Sprintf("/Type /Catalog\n/MarkInfo << /Marked true >>\n/StructTreeRoot %d 0 R\n/ViewerPreferences << /DisplayDocTitle true >>\n/Metadata %d 0 R\n/OutputIntents [%d 0 R]\n", treeRoot, meta, intent)
	if !bytes.Contains(cat, []byte("/Lang")) {
		extra += "/Lang " + pdfText(info.Lang) + "\n"
	}
	p.objects[p.root] = bytes.Replace(cat, []byte("/Type /Catalog\n"), []byte(extra), 1)
	// The outline root needs /Count (PDFBox preflight 1.4.9):
	// fpdf writes it only on the items. All items are open at top level.
	if m := outlinesRe.FindSubmatch(p.objects[p.root]); m != nil {
		root, _ := strconv.Atoi(string(m[1]))
		items := 0
		parent := []byte(fmt.Sprintf("/Parent %d 0 R", root))
		for _, body := range p.objects {
			if bytes.Contains(body, parent) && bytes.Contains(body, []byte("/Title")) {
				items++
			}
		}
		p.objects[root] = bytes.Replace(p.objects[root], []byte("/Type /Outlines"), []byte(fmt.Sprintf("/Type /Outlines /Count %d", items)), 1)
	}
	// Pages: their parent-tree key, and no transparency group.
	for i, n := range pageObjs {
		obj := removeDictEntry(p.objects[n], "/Group")
		p.objects[n] = bytes.Replace(obj, []byte("<</Type /Page\n"), []byte(fmt.Sprintf("<</Type /Page\n/StructParents %d\n", i)), 1)
	}

	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, next)
	for n := 1; n < next; n++ {
		if body, ok := p.objects[n]; ok {
			offsets[n] = out.Len()
			out.Write(body)
			if !bytes.HasSuffix(body, []byte("\n")) {
				out.WriteByte('\n')
			}
			continue
		}
		if body, ok := objs[n]; ok {
			offsets[n] = out.Len()
			fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, body)
		}
	}
	id := sha256.Sum256(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		if offsets[n] == 0 {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%X> <%X>]\n>>\nstartxref\n%d\n%%%%EOF\n", next, p.root, p.info, id[:16], id[:16], xref)
	return out.Bytes(), nil
}

// xmpPacket is the XMP metadata: the document info again, the PDF/A-1a
// and PDF/UA-1 identification, and the extension schema PDF/A-1 asks for
// the pdfuaid namespace. Dates carry no time zone, like fpdf's /Info.
func xmpPacket(info docInfo) string {
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := info.Date.Format("2006-01-02T15:04:05")
	return `<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(info.Title) + `</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>` + esc(info.Author) + `</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(info.Subject) + `</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>` + esc(info.Lang) + `</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>` + esc(info.Producer) + `</pdf:Producer>
<pdf:Keywords>` + esc(info.Keywords) + `</pdf:Keywords>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>` + esc(info.Creator) + `</xmp:CreatorTool>
<xmp:CreateDate>` + date + `</xmp:CreateDate>
<xmp:ModifyDate>` + date + `</xmp:ModifyDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>1</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 (PDF/UA) the document conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
}
