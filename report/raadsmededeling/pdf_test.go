package raadsmededeling_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"beschut/internal/external"
	"beschut/internal/fixture"
	"beschut/report/pdfa"
	"beschut/report/raadsmededeling"
	"beschut/templates"
)

// samplePDF renders the Deventer sample at peil (zero: the latest) with the
// default settings: no nummer, so a concept.
func samplePDF(t *testing.T, peil time.Time) []byte {
	t.Helper()
	rd, err := raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	return render(t, rd, fixture.Report(t, peil))
}

// TestTaggedContent reads the PDF back with the pdfa package's checker:
// the xref offsets, every MCID in the parent tree and owned by the element
// that references it, nothing painted outside marked content or artifacts,
// every Figure with /Alt, every TH with /Scope; and every table row of a
// data table starts with a row or column header cell.
func TestTaggedContent(t *testing.T) {
	for _, peil := range []time.Time{{}, date(2022, 12, 31)} {
		for _, final := range []bool{false, true} {
			var pdf []byte
			if final {
				pdf = render(t, renderer(t, nil), fixture.Report(t, peil))
			} else {
				pdf = samplePDF(t, peil)
			}
			doc, err := pdfa.Check(pdf)
			if err != nil {
				t.Fatal(err)
			}
			var figures, ths, rows int
			var walk func(n *pdfa.Node)
			walk = func(n *pdfa.Node) {
				switch n.Role {
				case "Figure":
					figures++
				case "TH":
					ths++
				case "TR":
					rows++
					if len(n.Kids) == 0 || n.Kids[0].Role != "TH" {
						t.Errorf("%v: a table row starts with %v, not TH", peil, n.Kids)
					}
					if n.Parent.Role != "Table" {
						t.Errorf("TR in %s", n.Parent.Role)
					}
				}
				for _, k := range n.Kids {
					walk(k)
				}
			}
			walk(doc.Root)
			if figures != 2 || ths < 10 || rows < 20 {
				t.Errorf("%d figures, %d TH, %d rows", figures, ths, rows)
			}
		}
	}
}

// TestStructText: poppler reads the structure tree with the headings, the
// paragraphs and Tabel 1 as a table whose header cells come in order.
func TestStructText(t *testing.T) {
	bin := external.Require(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, samplePDF(t, date(2022, 12, 31)), 0o644)
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

// TestPDFA: Apache PDFBox preflight, the external witness, says PDF/A-1b
// for a concept of the latest peildatum and a final one of an earlier.
func TestPDFA(t *testing.T) {
	java, classpath := external.PDFBox(t)
	dir := t.TempDir()
	// A concept (watermark, CONCEPT in the metadata) and a final document.
	for name, pdf := range map[string][]byte{"concept-2023-K2.pdf": samplePDF(t, time.Time{}), "2022-K4.pdf": render(t, renderer(t, nil), fixture.Report(t, date(2022, 12, 31)))} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(java, "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b", path).CombinedOutput()
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
		"<pdfuaid:part>1</pdfuaid:part>", "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">CONCEPT Raadsmededeling: Kwartaalrapportage beschut werk 2e kwartaal 2023</rdf:li>",
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
