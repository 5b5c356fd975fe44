package raadsmededeling_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"beschut/internal/external"
	"beschut/internal/fixture"
	"beschut/internal/golden"
	"beschut/report"
	"beschut/report/pdfa"
	"beschut/report/prose"
	"beschut/report/raadsmededeling"
	"beschut/samples/generate/generator"
)

func nationalOverzicht(t testing.TB) *report.Overzicht {
	t.Helper()
	n := generator.National{Gemeenten: 342, LastYear: 2018, LastQuarter: 2, Scale: 1, Seed: 342}
	o, _ := fixture.National(t, n)
	return o
}

func writeOverzicht(t testing.TB, ov *report.Overzicht) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := raadsmededeling.WriteOverzicht(&b, ov); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tableOf returns the rows (head first) of the table whose caption starts
// with prefix.
func tableOf(t *testing.T, d *prose.Document, prefix string) prose.Table {
	t.Helper()
	for _, b := range d.Blocks {
		if tb, ok := b.(prose.Table); ok && strings.HasPrefix(tb.Caption, prefix) {
			return tb
		}
	}
	t.Fatalf("no table %q", prefix)
	return prose.Table{}
}

// count parses a formatted count ("1.234"); ok is false for "–".
func count(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	if err != nil {
		t.Fatalf("count %q: %v", s, err)
	}
	return n
}

// TestOverzichtText: the overview of the example region as text (golden),
// with 004's totals: taakstelling 58 in 2017 and 102 in 2018.
func TestOverzichtText(t *testing.T) {
	d, err := prose.Overzicht(fixture.Regio(t, "../.."))
	if err != nil {
		t.Fatal(err)
	}
	text := d.ContentText()
	golden.Check(t, "overzicht_zaanstreek-waterland.txt", []byte(text))
	for _, w := range []string{
		"# Overzicht beschut werk regio Zaanstreek-Waterland\n",
		"Peildatum 31 december 2018",
		"| Totaal regio Zaanstreek-Waterland | 102 |",
		"| Totaal regio Zaanstreek-Waterland | 58 | 24 | 102 | 70 |",
		"De cijfers staan ook in Tabel 1.",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	if strings.Contains(text, "[[nr:") {
		t.Error("an unnumbered reference is left")
	}
}

// TestOverzichtTotalRow: in both tables every count of the total row is the
// sum of the gemeenten's, and the realisatie is recomputed from the summed
// counts (betaald / taakstelling), not averaged.
func TestOverzichtTotalRow(t *testing.T) {
	d, err := prose.Overzicht(fixture.Regio(t, "../.."))
	if err != nil {
		t.Fatal(err)
	}
	tb := tableOf(t, d, "Tabel 1:")
	if len(tb.Rows) != 9 {
		t.Fatalf("%d rows", len(tb.Rows))
	}
	counts := map[string]bool{"Taakstelling": true, "In traject": true, "Betaald dienstverband": true, "Dienstverband bij andere werkgever": true}
	col := map[string]int{}
	for i, h := range tb.Head {
		col[h] = i
		if strings.HasPrefix(h, "Dienstverband bij ") && h != "Dienstverband bij andere werkgever" {
			counts[h] = true
		}
	}
	total := tb.Rows[len(tb.Rows)-1]
	for h := range counts {
		i, ok := col[h]
		if !ok {
			t.Fatalf("no column %q in %q", h, tb.Head)
		}
		sum := 0
		for _, r := range tb.Rows[:len(tb.Rows)-1] {
			sum += count(t, r[i])
		}
		if got := count(t, total[i]); got != sum {
			t.Errorf("%s: total %d, sum %d", h, got, sum)
		}
	}
	taak, betaald := count(t, total[col["Taakstelling"]]), count(t, total[col["Betaald dienstverband"]])
	if want := fmt.Sprintf("%d%%", (betaald*100+taak/2)/taak); total[col["Realisatie taakstelling"]] != want {
		t.Errorf("realisatie %s, recomputed %s", total[col["Realisatie taakstelling"]], want)
	}
	// The mean of the gemeenten's percentages is another figure: the test
	// tells the two apart.
	mean := 0
	for _, r := range tb.Rows[:len(tb.Rows)-1] {
		mean += count(t, strings.TrimSuffix(r[col["Realisatie taakstelling"]], "%"))
	}
	if fmt.Sprintf("%d%%", mean/8) == total[col["Realisatie taakstelling"]] {
		t.Errorf("realisatie %s is the mean of the gemeenten's", total[col["Realisatie taakstelling"]])
	}
	jaren := tableOf(t, d, "Tabel 2:")
	jt := jaren.Rows[len(jaren.Rows)-1]
	for i := 1; i < len(jaren.Head); i++ {
		sum := 0
		for _, r := range jaren.Rows[:len(jaren.Rows)-1] {
			sum += count(t, r[i])
		}
		if got := count(t, jt[i]); got != sum {
			t.Errorf("Tabel 2 %s: total %d, sum %d", jaren.Head[i], got, sum)
		}
	}
	if jaren.Head[1] != "Taakstelling 2017" || jt[1] != "58" || jaren.Head[3] != "Taakstelling 2018" || jt[3] != "102" {
		t.Errorf("Tabel 2 head %q, total %q", jaren.Head, jt)
	}
}

// checkTagged: the PDF passes pdfa.Check, qpdf --check, and every table
// row starts with a TH. It returns the struct tree's figures and rows.
func checkTagged(t *testing.T, pdf []byte) (figures, rows int) {
	t.Helper()
	doc, err := pdfa.Check(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *pdfa.Node)
	walk = func(n *pdfa.Node) {
		switch n.Role {
		case "Figure":
			figures++
			if !strings.Contains(n.Alt, "De cijfers staan ook in Tabel 1.") {
				t.Errorf("figure alt %q names no table", n.Alt)
			}
		case "TR":
			rows++
			if len(n.Kids) == 0 || n.Kids[0].Role != "TH" {
				t.Errorf("a table row starts with %v, not TH", n.Kids)
			}
		}
		for _, k := range n.Kids {
			walk(k)
		}
	}
	walk(doc.Root)
	bin := external.Require(t, "qpdf")
	path := filepath.Join(t.TempDir(), "o.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--check", path).CombinedOutput(); err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	return figures, rows
}

// TestOverzichtPDF: the region's overview PDF is tagged (each of the 8
// gemeenten and the total a row in both tables, with their header rows),
// clean for qpdf, deterministic, and its text holds the totals.
func TestOverzichtPDF(t *testing.T) {
	ov := fixture.Regio(t, "../..")
	pdf := writeOverzicht(t, ov)
	figures, rows := checkTagged(t, pdf)
	if figures != 1 || rows != 2*(1+8+1) {
		t.Errorf("%d figures, %d rows", figures, rows)
	}
	if !bytes.Equal(pdf, writeOverzicht(t, ov)) {
		t.Error("the same overview gives other bytes")
	}
	for _, w := range []string{"/Lang (nl-NL)", "<pdfaid:part>1</pdfaid:part>", "Overzicht beschut werk regio Zaanstreek-Waterland</rdf:li>"} {
		if !bytes.Contains(pdf, []byte(w)) {
			t.Errorf("missing %q", w)
		}
	}
	text := pdftotext(t, pdf)
	for _, w := range []string{"Overzicht beschut werk regio Zaanstreek-Waterland", "Totaal regio", "102"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}

// TestOverzichtHeaderHyphens: the long words of the overview's headers
// break at a Dutch hyphenation point with a hyphen ("Dienst-" "verband"),
// not where the column ends ("Dienstverban" "d").
func TestOverzichtHeaderHyphens(t *testing.T) {
	words := map[string]bool{}
	for _, page := range pageWords(t, writeOverzicht(t, fixture.Regio(t, "../.."))) {
		for _, w := range page {
			_, text, _ := strings.Cut(w, " ") // "y text"
			words[text] = true
		}
	}
	for _, w := range []string{"Dienst-", "verband", "dienst-", "Begelei-", "dingskosten"} {
		if !words[w] {
			t.Errorf("no word %q in the overview", w)
		}
	}
	for _, w := range []string{"Dienstverban", "dienstverban", "Begeleidings"} {
		if words[w] {
			t.Errorf("a header word cut mid-word: %q", w)
		}
	}
}

// TestOverzichtNationalPDF: the national overview (342 gemeenten) renders;
// its table splits over pages, each continuation with the caption
// "(vervolg)" and the header row again; the charts hold at most
// OverzichtPerFiguur gemeenten each.
func TestOverzichtNationalPDF(t *testing.T) {
	ov := nationalOverzicht(t)
	start := time.Now()
	pdf := writeOverzicht(t, ov)
	t.Logf("national overview PDF: %v, %d bytes", time.Since(start), len(pdf))
	figures, rows := checkTagged(t, pdf)
	wantFig := (342 + prose.OverzichtPerFiguur - 1) / prose.OverzichtPerFiguur
	if figures != wantFig || rows != 2*(1+342+1) {
		t.Errorf("%d figures (want %d), %d rows", figures, wantFig, rows)
	}
	bin := external.Require(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "n.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var continued int
	for page := 2; ; page++ {
		out, err := exec.Command(bin, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-layout", path, "-").Output()
		if err != nil {
			break // past the last page
		}
		s := string(out)
		if strings.Contains(s, "Tabel 1: Aantallen beschut werk per gemeente op 30-06-2018 (vervolg)") {
			continued++
			if !strings.Contains(s, "Gemeente") || !strings.Contains(s, "Taakstelling") {
				t.Errorf("page %d continues Tabel 1 without its header row:\n%s", page, s[:min(len(s), 600)])
			}
		}
	}
	if continued < 5 {
		t.Errorf("Tabel 1 continues on %d pages", continued)
	}
}

// TestOverzichtPDFA: Apache PDFBox preflight, the external witness, says
// PDF/A-1b for the region's overview.
func TestOverzichtPDFA(t *testing.T) {
	java, classpath := external.PDFBox(t)
	path := filepath.Join(t.TempDir(), "overzicht.pdf")
	if err := os.WriteFile(path, writeOverzicht(t, fixture.Regio(t, "../..")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(java, "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "is a valid PDF/A-1b file") {
		t.Errorf("%v\n%s", err, out)
	}
}
