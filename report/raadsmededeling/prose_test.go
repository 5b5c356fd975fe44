package raadsmededeling_test

import (
	"beschut/internal/value"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"beschut/ingest"
	"beschut/internal/fixture"
	"beschut/internal/golden"
	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/report/workbook"
	"beschut/templates"

	"github.com/xuri/excelize/v2"
)

// small is a generated small gemeente whose name starts with "Gemeente",
// with every werkplek and a few persons leaving, so that small uitstroom
// counts occur.
func small(t testing.TB) *report.Report {
	t.Helper()
	var snaps []*ingest.Snapshot
	werkplekken := []ingest.Werkplek{ingest.WerkplekIntern, ingest.WerkplekGroepsdetachering, ingest.WerkplekDetachering, ingest.WerkplekExtern, ingest.WerkplekIntern}
	redenen := []ingest.Reden{ingest.RedenPensioen, ingest.RedenDagbesteding, ingest.RedenDagbesteding, ingest.RedenDagbesteding, ingest.RedenVerhuizing}
	n := 0
	for peil := date(2022, 3, 31); !peil.After(date(2023, 6, 30)); peil = time.Date(peil.Year(), peil.Month()+4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1) {
		n++
		s := &ingest.Snapshot{Gemeente: "Gemeente 001", Peildatum: peil}
		for i := 0; i < 4+2*n; i++ {
			start := date(2021, 1, 1).AddDate(0, 0, 10*i)
			rec := ingest.Record{Clientnummer: fmt.Sprintf("G1-%d", i), Fase: ingest.FaseTijdelijk, Werkplek: werkplekken[i%len(werkplekken)],
				DatumStart: value.Day(start), DatumFase: value.Day(start), Uren: 240000, Loonwaarde: value.FixedFromInt(25 + 5*(i%6)),
				LoonwaardeBron: ingest.BronMeting, Werkladder: uint8(1 + i%6), Begeleiding: 120000, LKS: 250000,
				Has: ingest.HasUren | ingest.HasLoonwaarde | ingest.HasBegeleiding | ingest.HasLKS}
			if i%3 == 0 {
				rec.Fase, rec.Werkplek = ingest.FaseProefplaatsing, 0
				rec.Has &^= ingest.HasUren
			}
			s.Records = append(s.Records, rec)
		}
		// One person leaves in quarter n, with a rotating reason; three
		// leave to dagbesteding in the last quarter.
		leave := func(id string, reden ingest.Reden) {
			q0 := time.Date(peil.Year(), peil.Month()-2, 1, 0, 0, 0, 0, time.UTC)
			s.Records = append(s.Records, ingest.Record{Clientnummer: id, Fase: ingest.FaseUitgestroomd, DatumStart: value.Day(date(2020, 1, 1)),
				DatumFase: value.Day(q0.AddDate(0, 0, 5)), DatumUitstroom: value.Day(q0.AddDate(0, 0, 5)), RedenUitstroom: reden})
		}
		leave(fmt.Sprintf("G1-U%d", n), redenen[n%len(redenen)])
		if peil.Equal(date(2023, 6, 30)) {
			for i := 0; i < 3; i++ {
				leave(fmt.Sprintf("G1-D%d", i), ingest.RedenDagbesteding)
			}
		}
		snaps = append(snaps, s)
	}
	r, err := report.Build(snaps, "Gemeente 001", time.Time{}, fixture.Params(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func text(t testing.TB, rd *raadsmededeling.Renderer, r *report.Report) string {
	t.Helper()
	s, err := rd.Text(r)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGoldenProse: the renderer's own text of the documents, so that the
// prose is checked where no PDF tools are installed.
func TestGoldenProse(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    func(testing.TB) *report.Report
	}{
		{"prose_deventer_2022-K4", func(t testing.TB) *report.Report { return deventer(t, date(2022, 12, 31)) }},
		{"prose_deventer_2023-K2", func(t testing.TB) *report.Report { return deventer(t, date(2023, 6, 30)) }},
		{"prose_gemeente-001_2023-K2", small},
	} {
		t.Run(tt.name, func(t *testing.T) {
			golden.Check(t, tt.name+".txt", []byte(text(t, renderer(t, nil), tt.r(t))))
			if dir := os.Getenv("BESCHUT_LAYOUT_DIR"); dir != "" { // for looking at the pages by hand
				os.WriteFile(filepath.Join(dir, tt.name+".pdf"), render(t, renderer(t, nil), tt.r(t)), 0o644)
			}
		})
	}
}

var numberRe = regexp.MustCompile(`\d{1,3}(?:\.\d{3})*`)

// ints parses the whole numbers of s in order ("4.508" is one number).
func ints(t testing.TB, s string) []int {
	t.Helper()
	var out []int
	for _, m := range numberRe.FindAllString(s, -1) {
		n, err := strconv.Atoi(strings.ReplaceAll(m, ".", ""))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// countOf reads "niemand", "1 persoon", "46 personen" at the start of s.
func countOf(t testing.TB, s string) int {
	t.Helper()
	if strings.HasPrefix(s, "niemand") {
		return 0
	}
	n := ints(t, strings.Fields(s)[0])
	if len(n) != 1 {
		t.Fatalf("no count at the start of %q", s)
	}
	return n[0]
}

// TestSumsAddUp: the placement's parts add up to the whole, in the prose
// and in Tabel 2, and what the prose calls "bij een andere werkgever" and
// "in dienst van" is visibly the sum of the parts it names.
func TestSumsAddUp(t *testing.T) {
	for name, r := range map[string]*report.Report{"K2": deventer(t, date(2023, 6, 30)), "K4": deventer(t, date(2022, 12, 31)), "klein": small(t)} {
		t.Run(name, func(t *testing.T) {
			doc := text(t, renderer(t, nil), r)
			m := regexp.MustCompile(`(heeft|hebben) (.*?) een betaald dienstverband:\n\n- (.*);\n- (.*);\n- (.*)\.\n\nBij een andere werkgever werk(?:t|en) daarmee (.*?)\. In dienst van .*? (?:is|zijn) (.*)\.\n`).FindStringSubmatch(doc)
			if m == nil {
				t.Fatalf("placement prose not found:\n%s", doc)
			}
			total, bij, via, andere := countOf(t, m[2]), countOf(t, m[3]), countOf(t, m[4]), countOf(t, m[5])
			if bij+via+andere != total || total != r.Current.Betaald {
				t.Errorf("%d + %d + %d != %d (betaald %d)", bij, via, andere, total, r.Current.Betaald)
			}
			// A sum names its parts when it has two that are not zero.
			sum := func(what, s string, total, a, b int) {
				t.Helper()
				got := ints(t, s)
				if a != 0 && b != 0 {
					if len(got) != 3 || got[0] != total || got[1] != a || got[2] != b || a+b != total {
						t.Errorf("%s: %q, want %d = %d + %d", what, s, total, a, b)
					}
					return
				}
				if total != 0 && (len(got) != 1 || got[0] != total) || total == 0 && !strings.HasPrefix(s, "niemand") {
					t.Errorf("%s: %q, want %d", what, s, total)
				}
			}
			sum("bij", m[3], bij, r.Publiek.Plaatsing.Intern, r.Publiek.Plaatsing.Groepsdetachering)
			sum("bij een andere werkgever", strings.Split(m[6], ":")[0], via+andere, via, andere)
			sum("in dienst", m[7], bij+via, bij, via)
			if bij+via != r.Current.DienstverbandKonnected {
				t.Errorf("in dienst %d + %d != %d", bij, via, r.Current.DienstverbandKonnected)
			}
			// The kern's "waarvan N personen in dienst van" is that same sum.
			if k := regexp.MustCompile(`waarvan (\d+) personen in dienst van`).FindStringSubmatch(doc); k == nil || k[1] != strconv.Itoa(bij+via) {
				t.Errorf("kern in dienst = %v, want %d", k, bij+via)
			}
			// Tabel 2: the subtotals are the sums of their rows, the total the sum of the subtotals.
			rows := map[string]int{}
			for _, line := range strings.Split(doc, "\n") {
				cells := strings.Split(strings.Trim(line, "| "), " | ")
				if len(cells) == 3 && (strings.Contains(cells[0], "werkgever") || strings.Contains(cells[0], "KonnecteD") || strings.Contains(cells[0], "SW-bedrijf") || strings.HasPrefix(cells[0], "Totaal")) {
					if n, err := strconv.Atoi(strings.ReplaceAll(cells[1], ".", "")); err == nil {
						rows[cells[0]] = n
					}
				}
			}
			u := r.Settings.UitvoerderNaam()
			if len(rows) != 7 {
				t.Fatalf("Tabel 2 rows: %v", rows)
			}
			sumBij := rows["Bij "+u+": beschutte werkplek"] + rows["Bij "+u+": groepsdetachering"]
			sumElders := rows["Via "+u+" bij een andere werkgever (individuele detachering)"] + rows["In dienst van een andere werkgever"]
			if sumBij != rows["Subtotaal bij "+u] || sumElders != rows["Subtotaal bij een andere werkgever"] ||
				rows["Subtotaal bij "+u]+rows["Subtotaal bij een andere werkgever"] != rows["Totaal in betaald dienstverband"] ||
				rows["Totaal in betaald dienstverband"] != total {
				t.Errorf("Tabel 2 does not add up: %v", rows)
			}
		})
	}
}

// sentences splits prose into sentences: after ". ", "? ", "! " and "; ".
var sentenceEnd = regexp.MustCompile(`[.?!;]\s+`)

// TestNoSentenceOpensWithNumeral: no sentence of the prose starts with a
// digit or an amount. List items that continue a sentence ending in ":"
// are part of that sentence.
func TestNoSentenceOpensWithNumeral(t *testing.T) {
	for name, r := range map[string]*report.Report{"K2": deventer(t, date(2023, 6, 30)), "K4": deventer(t, date(2022, 12, 31)), "klein": small(t)} {
		t.Run(name, func(t *testing.T) {
			doc := text(t, renderer(t, nil), r)
			afterColon := false
			for _, block := range strings.Split(doc, "\n\n") {
				lines := strings.Split(strings.TrimSpace(block), "\n")
				first := lines[0]
				switch {
				case strings.HasPrefix(first, "#"), strings.HasPrefix(first, "|"), strings.HasPrefix(first, "Tabel "), strings.HasPrefix(first, "Figuur "), strings.Contains(first, "· Raadsmededeling"):
					afterColon = false
					continue
				case strings.HasPrefix(first, "- "):
					if !afterColon {
						for _, l := range lines {
							checkSentences(t, strings.TrimPrefix(l, "- "))
						}
					}
					afterColon = false
					continue
				}
				for _, l := range lines {
					checkSentences(t, l)
				}
				afterColon = strings.HasSuffix(lines[len(lines)-1], ":")
			}
		})
	}
}

func checkSentences(t *testing.T, s string) {
	t.Helper()
	for _, sentence := range sentenceEnd.Split(s, -1) {
		if sentence == "" {
			continue
		}
		if c := sentence[0]; c >= '0' && c <= '9' || strings.HasPrefix(sentence, "€") {
			t.Errorf("sentence opens with a numeral: %q", sentence)
		}
	}
}

// TestZeroReadsNiemand: zero is "niemand" or "geen", never "0 personen" or
// "geen personen … kreeg".
func TestZeroReadsNiemand(t *testing.T) {
	doc := text(t, renderer(t, nil), small(t))
	for _, bad := range []string{`\b0 personen`, "geen personen een", `\d-K\d`, "Gemeente Gemeente"} {
		if regexp.MustCompile(bad).MatchString(doc) {
			t.Errorf("%q in:\n%s", bad, doc)
		}
	}
	k2 := text(t, renderer(t, nil), deventer(t, date(2023, 6, 30)))
	for _, want := range []string{"2e kwartaal 2023", "| 2023 (t/m 2e kwartaal) |", "| Doel bij een andere werkgever |  | 25% |\nDoor afronding tellen de percentages niet altijd precies op."} {
		if !strings.Contains(k2, want) {
			t.Errorf("missing %q", want)
		}
	}
}

// TestSmallCountsMerged: an uitstroom reason below the threshold is merged
// into "overige redenen" in the public document, with a footnote; the
// report keeps the full split for the workbook.
func TestSmallCountsMerged(t *testing.T) {
	r := deventer(t, date(2023, 6, 30))
	if r.Current.UitstroomReden["verhuizing"] != 1 || r.Previous.UitstroomReden["pensioen"] != 1 {
		t.Fatalf("the samples changed: %v / %v", r.Current.UitstroomReden, r.Previous.UitstroomReden)
	}
	doc := text(t, renderer(t, nil), r)
	for _, bad := range []string{"waarvan verhuizing", "waarvan pensioen"} {
		if strings.Contains(doc, bad) {
			t.Errorf("%q published", bad)
		}
	}
	for _, want := range []string{"| waarvan overige redenen* | 1 | 1 |", "minder dan 3 personen", "| waarvan dagbesteding | 0 | 0 |"} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %q in:\n%s", want, doc)
		}
	}
}

// TestSmallCountsInWorkbook: the policy workbook keeps the reasons the
// public document merges.
func TestSmallCountsInWorkbook(t *testing.T) {
	r := deventer(t, date(2023, 6, 30))
	var buf bytes.Buffer
	if err := workbook.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Data")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, row := range rows {
		if len(row) >= 6 && (row[4] == "uitstroom_pensioen" && row[1] == "31-03-2023" || row[4] == "uitstroom_verhuizing" && row[1] == "30-06-2023") && row[5] == "1" {
			found[row[4]] = true
		}
	}
	if !found["uitstroom_pensioen"] || !found["uitstroom_verhuizing"] {
		t.Errorf("the workbook lost the full split: %v", found)
	}
}

// TestPercentGuarded: a taakstelling of 0 never prints "0% gerealiseerd".
func TestPercentGuarded(t *testing.T) {
	r := deventer(t, date(2023, 6, 30))
	r.Current.Taakstelling = report.Some(0)
	r.Current.RealisatieTaakstelling = report.Opt[float64]{}
	r.Publiek.Conclusie.Taakstelling, r.Publiek.Conclusie.Realisatie = report.Some(0), report.Opt[float64]{}
	doc := text(t, renderer(t, nil), r)
	if strings.Contains(doc, "% gerealiseerd") || !strings.Contains(doc, "de taakstelling 0") {
		t.Errorf("taakstelling 0:\n%s", doc)
	}
}

// TestTemplateBeyondBMP: a character the PDF's font library cannot take
// (beyond U+FFFF, an emoji) in a template is an error with its file, line
// and column when the templates are read, not a crash when a document is
// made; U+FFFD, the last of the range's replacement characters, is fine.
func TestTemplateBeyondBMP(t *testing.T) {
	src, err := templates.Default.ReadFile("inleiding.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ add, err string }{
		{"Feest \uFFFD", ""},
		{"Feest \U0001F600", "sjabloon inleiding.tmpl (map): teken buiten het bereik van het lettertype: regel %d, kolom 7 (U+1F600)"},
		{"Feest \U00010000", "sjabloon inleiding.tmpl (map): teken buiten het bereik van het lettertype: regel %d, kolom 7 (U+10000)"},
	} {
		text := strings.TrimRight(string(src), "\n") + "\n" + tt.add + "\n"
		_, err := raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, mapFS(map[string]string{"inleiding.tmpl": text}), templates.Names)
		want := ""
		if tt.err != "" {
			want = fmt.Sprintf(tt.err, strings.Count(text, "\n"))
		}
		if got := fmt.Sprint(err); (err == nil) != (want == "") || (want != "" && got != want) {
			t.Errorf("%q: %v, want %q", tt.add, err, want)
		}
	}
}

// TestLiteralTableNumber: "Tabel 5" written in a template is an error
// naming the file and line; a number asked for a table that is not placed
// is an error too.
func TestLiteralTableNumber(t *testing.T) {
	src, err := templates.Default.ReadFile("toelichting.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	lines[2] = "Tabel 5 vergelijkt de kosten; zie ook figuur 2."
	_, err = raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, mapFS(map[string]string{"toelichting.tmpl": strings.Join(lines, "\n")}), templates.Names)
	var te *raadsmededeling.TemplateError
	if !errors.As(err, &te) || !errors.Is(err, raadsmededeling.ErrLiteralNumber) || !strings.Contains(err.Error(), "toelichting.tmpl:3") ||
		!strings.Contains(err.Error(), `"Tabel 5"`) || !strings.Contains(err.Error(), `"figuur 2"`) {
		t.Errorf("literal number: %v", err)
	}
	rd := renderer(t, map[string]string{"toelichting.tmpl": `Zie {{tabelnr "kosten"}}.` + "\n\n" + `{{tabel "plaatsing"}}`})
	if _, err := rd.Text(deventer(t, time.Time{})); err == nil || !strings.Contains(err.Error(), `tabel "kosten"`) {
		t.Errorf("unplaced table: %v", err)
	}
	// The default templates name their tables by function: the numbers follow the placing.
	rd = renderer(t, map[string]string{"toelichting.tmpl": `{{tabel "kosten"}}` + "\n\n" + `Hierboven staat {{tabelnr "kosten"}}, hieronder {{tabelnr "plaatsing"}}.` + "\n\n" + `{{tabel "plaatsing"}}`})
	doc := text(t, rd, deventer(t, time.Time{}))
	if !strings.Contains(doc, "Hierboven staat Tabel 1, hieronder Tabel 2.") || !strings.Contains(doc, "Tabel 1: Begeleidingskosten") {
		t.Errorf("numbering by placing:\n%s", doc)
	}
}

var deventerWords = []string{"KonnecteD", "2023-502", "Re-integratieverordening", "Nota beschut werk 2023", "Gemeente Gemeente", "DEV-BLD", "De Geest"}

// TestNoDeventerWords: a gemeente without settings gets neutral words in
// its text and PDF; Deventer's settings bring Deventer's words back.
func TestNoDeventerWords(t *testing.T) {
	r := small(t)
	doc := text(t, raadsmededeling.Must(raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names)), r)
	pdf := render(t, raadsmededeling.Must(raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names)), r)
	docs := []string{doc}
	if pt, ok := tryPdftotext(pdf); ok {
		docs = append(docs, pt)
	}
	for _, d := range docs {
		for _, w := range deventerWords {
			if strings.Contains(d, w) {
				t.Errorf("%q in the document of Gemeente 001", w)
			}
		}
		if !strings.Contains(d, "Het SW-bedrijf voert beschut werk uit") || !strings.Contains(d, "Gemeente 001") {
			t.Errorf("neutral wording missing")
		}
	}
	if bytes.Contains(pdf, []byte("KonnecteD")) {
		t.Error("KonnecteD in the PDF's bytes (metadata)")
	}
	dev := text(t, renderer(t, nil), deventer(t, date(2023, 6, 30)))
	for _, w := range []string{"KonnecteD voert beschut werk uit", "- Re-integratieverordening 2021", "- Nota beschut werk 2023 (collegebesluit 2023-502)", "Gemeente Deventer"} {
		if !strings.Contains(dev, w) {
			t.Errorf("Deventer's text misses %q", w)
		}
	}
}

// TestResolveSettings: nummer, datum, portefeuillehouder and team come
// from the command line, else the parameters file; without a nummer the
// document is a concept.
func TestResolveSettings(t *testing.T) {
	r := deventer(t, date(2023, 6, 30))
	bare := raadsmededeling.Must(raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names))
	s := bare.Resolve(r)
	if !s.Concept() || s.NummerTekst() != "(nog niet toegekend)" || s.Portefeuillehouder != "Wethouder De Geest" || s.Team != "DEV-BLD" || !s.Datum.Equal(r.Peildatum) {
		t.Errorf("no publicatie: %+v", s)
	}
	r.Publicatie = report.Publicatie{Nummer: "2023-777", Datum: date(2023, 8, 1)}
	s = bare.Resolve(r)
	if s.Concept() || s.Nummer != "2023-777" || !s.Datum.Equal(date(2023, 8, 1)) {
		t.Errorf("publicatie: %+v", s)
	}
	s = renderer(t, nil).Resolve(r) // --nummer 2023-999 --datum 15-08-2023
	if s.Nummer != "2023-999" || !s.Datum.Equal(date(2023, 8, 15)) {
		t.Errorf("command line: %+v", s)
	}
	r.Settings = report.GemeenteSettings{Naam: "Gemeente Súdwest-Fryslân"}
	if s := bare.Resolve(r); s.Afzender != "Gemeente Súdwest-Fryslân" || s.Uitvoerder != "het SW-bedrijf" || s.Portefeuillehouder != "" {
		t.Errorf("afzender: %+v", s)
	}
	r.Settings.Naam = "'s-Hertogenbosch"
	if s := bare.Resolve(r); s.Afzender != "Gemeente 's-Hertogenbosch" {
		t.Errorf("afzender: %q", s.Afzender)
	}
}

// TestGemeenteTemplates: a gemeente's own templates folder is used for
// its documents; --templates still overrides it.
func TestGemeenteTemplates(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kern.tmpl"), []byte("Eigen kern van {{.Gemeente}}.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := deventer(t, date(2023, 6, 30))
	r.Settings.Templates = dir
	rd := raadsmededeling.Must(raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names))
	if doc := text(t, rd, r); !strings.Contains(doc, "Eigen kern van Deventer.") || !strings.Contains(doc, "Met deze raadsmededeling") {
		t.Errorf("gemeente folder not used:\n%s", doc)
	}
	if doc := text(t, renderer(t, map[string]string{"kern.tmpl": "Vlag."}), r); !strings.Contains(doc, "\nVlag.\n") {
		t.Errorf("--templates should win:\n%s", doc)
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "kader.tmpl"), []byte("regel\nZie Tabel 3.\n"), 0o644)
	r.Settings.Templates = bad
	if _, err := rd.Text(r); err == nil || !strings.Contains(err.Error(), "kader.tmpl:2") {
		t.Errorf("error in a gemeente folder: %v", err)
	}
}

// TestDuiding: the policy team's text stands under Nadere toelichting.
func TestDuiding(t *testing.T) {
	r := deventer(t, date(2023, 6, 30))
	r.Duiding = &report.Duiding{Path: "duiding.txt", Text: "De instroom uit het vso blijft achter.\n\n- eerste punt\n- tweede punt\n"}
	doc := text(t, renderer(t, nil), r)
	if !strings.Contains(doc, "# Nadere toelichting\n\n### Duiding\n\nDe instroom uit het vso blijft achter.\n\n- eerste punt\n- tweede punt\n") {
		t.Errorf("duiding:\n%s", doc)
	}
	if pt, ok := tryPdftotext(render(t, renderer(t, nil), r)); ok && !strings.Contains(pt, "De instroom uit het vso blijft achter.") {
		t.Error("duiding not in the PDF")
	}
}
