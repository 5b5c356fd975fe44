package raadsmededeling

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"beschut/internal/external"
	"beschut/internal/fixture"
	"beschut/templates"
)

func samplePDF(t *testing.T, peil time.Time) []byte {
	t.Helper()
	rd, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rd.Write(&buf, fixture.Report(t, peil)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// token is one lexical item of a content stream.
type token struct {
	op   bool // an operator; else an operand
	text string
}

// lexContent splits a content stream into operands and operators; strings,
// hex strings, names, arrays and dictionaries become operands.
func lexContent(data []byte) []token {
	var out []token
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '%':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '(':
			depth, j := 0, i
			for ; j < len(data); j++ {
				if data[j] == '\\' {
					j++
					continue
				}
				if data[j] == '(' {
					depth++
				} else if data[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			out = append(out, token{text: string(data[i : j+1])})
			i = j + 1
		case c == '<' && i+1 < len(data) && data[i+1] == '<':
			depth, j := 0, i
			for ; j+1 < len(data); j++ {
				if data[j] == '<' && data[j+1] == '<' {
					depth++
					j++
				} else if data[j] == '>' && data[j+1] == '>' {
					depth--
					j++
					if depth == 0 {
						break
					}
				}
			}
			out = append(out, token{text: string(data[i : j+1])})
			i = j + 1
		case c == '<':
			j := bytes.IndexByte(data[i:], '>') + i
			out = append(out, token{text: string(data[i : j+1])})
			i = j + 1
		case c == '[':
			depth, j := 0, i
			for ; j < len(data); j++ {
				if data[j] == '(' { // skip strings inside arrays
					for j++; j < len(data) && data[j] != ')'; j++ {
						if data[j] == '\\' {
							j++
						}
					}
					continue
				}
				if data[j] == '[' {
					depth++
				} else if data[j] == ']' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			out = append(out, token{text: string(data[i : j+1])})
			i = j + 1
		default:
			j := i
			for j < len(data) && !strings.ContainsRune(" \n\r\t()<>[]/%", rune(data[j])) || j == i && data[j] == '/' {
				j++
			}
			if j == i {
				j++
			}
			word := string(data[i:j])
			isOp := !strings.HasPrefix(word, "/") && (word[0] < '0' || word[0] > '9') && word[0] != '-' && word[0] != '.' && word != "true" && word != "false"
			out = append(out, token{op: isOp, text: word})
			i = j
		}
	}
	return out
}

// painting operators: text showing, path painting, shading, XObjects, images.
var painting = map[string]bool{"Tj": true, "TJ": true, "'": true, "\"": true, "S": true, "s": true, "f": true, "F": true, "f*": true,
	"B": true, "B*": true, "b": true, "b*": true, "sh": true, "Do": true, "BI": true}

var (
	structElemRe = regexp.MustCompile(`(?s)(\d+) 0 obj\n<<\n/Type /StructElem\n/S /(\w+)\n(.*?)\nendobj`)
	mcrRe        = regexp.MustCompile(`/Pg (\d+) 0 R /MCID (\d+)`)
	parentTreeRe = regexp.MustCompile(`(?s)/Nums \[(.*)\]`)
	contentsRe   = regexp.MustCompile(`/Contents (\d+) 0 R`)
)

// TestTaggedContent walks every page's content stream and the structure
// tree: no content outside marked content or artifacts, every MCID in the
// parent tree and owned by the element that references it, every Figure
// with /Alt, every TH with /Scope.
func TestTaggedContent(t *testing.T) {
	for _, peil := range []time.Time{{}, time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)} {
		data := samplePDF(t, peil)
		p, err := parsePDF(data)
		if err != nil {
			t.Fatal(err)
		}
		pages, err := p.pages()
		if err != nil {
			t.Fatal(err)
		}
		// MCIDs used per page, in the content streams.
		used := map[int][]int{}
		for i, pg := range pages {
			m := contentsRe.FindSubmatch(p.objects[pg])
			n, _ := strconv.Atoi(string(m[1]))
			body := p.objects[n]
			start := bytes.Index(body, []byte("stream\n")) + len("stream\n")
			end := bytes.LastIndex(body, []byte("\nendstream"))
			zr, err := zlib.NewReader(bytes.NewReader(body[start:end]))
			if err != nil {
				t.Fatal(err)
			}
			content, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			var stack []string // "mcid", "artifact", "other"
			var operands []token
			for _, tok := range lexContent(content) {
				if !tok.op {
					operands = append(operands, tok)
					continue
				}
				switch tok.text {
				case "BDC":
					if len(operands) == 2 && strings.Contains(operands[1].text, "/MCID") {
						id, _ := strconv.Atoi(strings.Fields(strings.Trim(operands[1].text, "<>"))[1])
						used[i] = append(used[i], id)
						if len(stack) > 0 {
							t.Errorf("page %d: marked content nested in %v", i+1, stack)
						}
						stack = append(stack, "mcid")
					} else {
						stack = append(stack, "other")
					}
				case "BMC":
					if len(operands) == 1 && operands[0].text == "/Artifact" {
						stack = append(stack, "artifact")
					} else {
						stack = append(stack, "other")
					}
				case "EMC":
					if len(stack) == 0 {
						t.Fatalf("page %d: EMC without BDC/BMC", i+1)
					}
					stack = stack[:len(stack)-1]
				default:
					if painting[tok.text] {
						ok := false
						for _, s := range stack {
							ok = ok || s == "mcid" || s == "artifact"
						}
						if !ok {
							t.Errorf("page %d: %q painted outside marked content and artifacts", i+1, tok.text)
						}
					}
				}
				operands = nil
			}
			if len(stack) != 0 {
				t.Errorf("page %d: %d marked-content sequences left open", i+1, len(stack))
			}
		}
		// Structure elements.
		objNum := map[int]int{} // page object → page index
		for i, pg := range pages {
			objNum[pg] = i
		}
		owner := map[[2]int]string{} // page, mcid → element object
		var figures, ths int
		for _, m := range structElemRe.FindAllStringSubmatch(string(data), -1) {
			role, body := m[2], m[3]
			if role == "Figure" {
				figures++
				if !strings.Contains(body, "/Alt ") {
					t.Errorf("Figure %s without /Alt", m[1])
				}
			}
			if role == "TH" {
				ths++
				if !strings.Contains(body, "/Scope /Column") && !strings.Contains(body, "/Scope /Row") {
					t.Errorf("TH %s without /Scope", m[1])
				}
			}
			for _, r := range mcrRe.FindAllStringSubmatch(body, -1) {
				pg, _ := strconv.Atoi(r[1])
				id, _ := strconv.Atoi(r[2])
				owner[[2]int{objNum[pg], id}] = m[1]
			}
		}
		if figures != 2 || ths < 10 {
			t.Errorf("%d figures, %d TH", figures, ths)
		}
		// Parent tree: per page, the element of each MCID, in MCID order.
		pt := parentTreeRe.FindStringSubmatch(string(data))
		if pt == nil {
			t.Fatal("no parent tree")
		}
		arrays := regexp.MustCompile(`(\d+) \[([^\]]*)\]`).FindAllStringSubmatch(pt[1], -1)
		if len(arrays) != len(pages) {
			t.Fatalf("parent tree has %d pages, the document %d", len(arrays), len(pages))
		}
		for _, a := range arrays {
			page, _ := strconv.Atoi(a[1])
			elems := regexp.MustCompile(`(\d+) 0 R`).FindAllStringSubmatch(a[2], -1)
			if len(elems) != len(used[page]) {
				t.Errorf("page %d: %d MCIDs in the content, %d in the parent tree", page+1, len(used[page]), len(elems))
			}
			for _, id := range used[page] {
				if id >= len(elems) {
					t.Errorf("page %d: MCID %d not in the parent tree", page+1, id)
					continue
				}
				if owner[[2]int{page, id}] != elems[id][1] {
					t.Errorf("page %d MCID %d: parent tree says %s, the element referring to it is %s", page+1, id, elems[id][1], owner[[2]int{page, id}])
				}
			}
		}
	}
}

// TestStructText: poppler reads the structure tree with the headings, the
// paragraphs and Tabel 1 as a table whose header cells come in order.
func TestStructText(t *testing.T) {
	bin := external.Require(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, samplePDF(t, time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)), 0o644)
	out, err := exec.Command(bin, "-struct-text", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	want := []string{
		"Document", "H1 (block)\n    \"Raadsmededeling\"",
		"H2 (block)\n    \"Inleiding\"", "H2 (block)\n    \"Kader\"", "H2 (block)\n    \"Kern van de boodschap\"", "H2 (block)\n    \"Nadere toelichting\"",
		"P (block)\n    \"Op dit moment (peildatum 31 december 2022) zijn er 48 personen",
		"Table (block)\n    Caption\n      \"Tabel 1: Overzicht kerncijfers beschut werk\"",
		"Figure",
	}
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("struct text lacks %q", w)
		}
	}
	// Tabel 1's header row: the years, in order, as column header cells.
	i := strings.Index(s, "\"Tabel 1: Overzicht kerncijfers beschut werk\"")
	if i < 0 {
		t.Fatal("no Tabel 1")
	}
	var years []string
	for _, m := range regexp.MustCompile(`TH:\n\s+/Scope /Column\n\s+"(\d{4}\*?)"`).FindAllStringSubmatch(s[i:min(len(s), i+3000)], -1) {
		years = append(years, m[1])
	}
	if strings.Join(years, " ") != "2017 2018 2019 2020 2021 2022 2023" {
		t.Errorf("Tabel 1 header cells %v", years)
	}
	if !regexp.MustCompile(`TH:\n\s+/Scope /Row\n\s+"In betaald dienstverband"`).MatchString(s[i:]) {
		t.Error("Tabel 1 rows lack row header cells")
	}
}

// TestPDFA: Apache PDFBox preflight says PDF/A-1b, for the PDF of the
// latest and of an earlier peildatum.
func TestPDFA(t *testing.T) {
	java := external.Require(t, "java")
	var jars []string
	for _, j := range []string{"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "jaxb-api", "javax.activation"} {
		path := "/usr/share/java/" + j + ".jar"
		if _, err := os.Stat(path); err != nil {
			external.Require(t, "pdfbox-"+j) // fails with the install hint
		}
		jars = append(jars, path)
	}
	dir := t.TempDir()
	for name, peil := range map[string]time.Time{"latest.pdf": {}, "2022.pdf": time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, samplePDF(t, peil), 0o644)
		out, err := exec.Command(java, "-cp", strings.Join(jars, ":"), "org.apache.pdfbox.preflight.Validator_A1b", path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "is a valid PDF/A-1b file") {
			t.Errorf("%s: %v\n%s", name, err, out)
		}
	}
}

// TestPDFMetadata: the catalog and trailer entries of a tagged, archival PDF.
func TestPDFMetadata(t *testing.T) {
	data := samplePDF(t, time.Time{})
	for _, w := range []string{"%PDF-1.4\n", "/MarkInfo << /Marked true >>", "/StructTreeRoot ", "/ViewerPreferences << /DisplayDocTitle true >>",
		"/Lang (nl-NL)", "/OutputIntents [", "/S /GTS_PDFA1", "<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>",
		"<pdfuaid:part>1</pdfuaid:part>", "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Raadsmededeling: Kwartaalrapportage beschut werk 2e kwartaal 2023</rdf:li>",
		"/ID [<", "/StructParents 0"} {
		if !bytes.Contains(data, []byte(w)) {
			t.Errorf("missing %q", w)
		}
	}
	for _, bad := range []string{"/EmbeddedFiles", "/Transparency", "/Group"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("%q present", bad)
		}
	}
}
