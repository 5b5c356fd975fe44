package raadsmededeling_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"beschut/ingest"
	"beschut/internal/external"
	"beschut/internal/fixture"
	"beschut/internal/golden"
	"beschut/internal/value"
	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/templates"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// deventerSettings are Deventer's own words, as the sample parameters give
// them (set here too, so the test does not depend on the samples' version).
var deventerSettings = report.GemeenteSettings{
	Uitvoerder:         "KonnecteD",
	Kader:              []string{"Participatiewet", "Re-integratieverordening 2021", "Nota beschut werk 2023 (collegebesluit 2023-502)"},
	Portefeuillehouder: "Wethouder De Geest",
	Team:               "DEV-BLD",
}

// deventer is the sample report of Deventer with Deventer's settings.
func deventer(t testing.TB, peil time.Time) *report.Report {
	t.Helper()
	r := fixture.Report(t, peil)
	r.Settings = deventerSettings
	return r
}

func renderer(t testing.TB, override map[string]string) *raadsmededeling.Renderer {
	t.Helper()
	var o fs.FS
	if override != nil {
		m := fstest.MapFS{}
		for k, v := range override {
			m[k] = &fstest.MapFile{Data: []byte(v)}
		}
		o = m
	}
	rd, err := raadsmededeling.New(raadsmededeling.Settings{Nummer: "2023-999", Portefeuillehouder: "Wethouder De Geest", Team: "DEV-BLD", Datum: date(2023, 8, 15)},
		templates.Default, o, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

func render(t testing.TB, rd *raadsmededeling.Renderer, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := rd.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdftotext extracts the text with poppler, as a reader's tools would.
func pdftotext(t testing.TB, pdf []byte) string {
	t.Helper()
	bin := external.Require(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	bin := external.Require(t, "qpdf")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// TestGoldenText: the extracted text of the sample raadsmededelingen.
func TestGoldenText(t *testing.T) {
	for name, peil := range map[string]time.Time{"deventer_2023-K2": {}, "deventer_2022-K4": date(2022, 12, 31)} {
		t.Run(name, func(t *testing.T) {
			pdf := render(t, renderer(t, nil), deventer(t, peil))
			qpdfCheck(t, pdf)
			golden.Check(t, name+".txt", []byte(pdftotext(t, pdf)))
		})
	}
}

// TestNota: as of 31-12-2022 the prose says what the nota says and Tabel 1
// holds the nota's table.
func TestNota(t *testing.T) {
	text := pdftotext(t, render(t, renderer(t, nil), deventer(t, date(2022, 12, 31))))
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Op dit moment (peildatum 31 december 2022) zijn er 48 personen met een indicatie die een traject beschut werk volgen:",
		"37 personen hebben een betaalde werkplek, waarvan 29 personen in dienst van KonnecteD;",
		"11 personen hebben een proefplaatsing.",
		"De gemiddelde loonwaarde is 41% (bekend bij",
		"Van de mensen in traject heeft 77% een betaald dienstverband; van hen is 78% in dienst van KonnecteD.",
		"Tabel 1: Overzicht kerncijfers beschut werk",
		"2017 2018 2019 2020 2021 2022 2023",
		"Taakstelling Rijk 28 53 69 86 99 110 119",
		"In betaald dienstverband 4 11 13 14 29 37 ntb",
		"€ 338.634", "€ 413.886", "€ 489.138", "€ 564.390",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("missing %q", want)
		}
	}
	// The traject row wraps its label over two lines in the layout.
	if !regexp.MustCompile(`In traject \(dienstverband,\s+12\s+17\s+22\s+22\s+36\s+48\s+ntb`).MatchString(text) {
		t.Errorf("Tabel 1 traject row not found:\n%s", text)
	}
}

// TestDeterministic: the same report, settings and templates give the same bytes.
func TestDeterministic(t *testing.T) {
	a := sha256.Sum256(render(t, renderer(t, nil), deventer(t, time.Time{})))
	b := sha256.Sum256(render(t, renderer(t, nil), deventer(t, time.Time{})))
	if a != b {
		t.Fatal("two renders differ")
	}
}

// TestNoPersonLevelData: no clientnummer, and no Signalen, reach the PDF.
func TestNoPersonLevelData(t *testing.T) {
	r := deventer(t, time.Time{})
	pdf := render(t, renderer(t, nil), r)
	text := pdftotext(t, pdf)
	for _, q := range r.Signalen.LoonwaardeOnder30 {
		if strings.Contains(text, q.Clientnummer) {
			t.Fatalf("clientnummer %s in the PDF", q.Clientnummer)
		}
	}
	if strings.Contains(text, "KD-") || bytes.Contains(pdf, []byte("KD-")) {
		t.Fatal("a clientnummer pattern in the PDF")
	}
}

// TestWording: singular, plural and zero read naturally.
func TestWording(t *testing.T) {
	one := []*ingest.Snapshot{{Gemeente: "Olst-Wijhe", Peildatum: date(2023, 6, 30), Records: []ingest.Record{
		{Clientnummer: "OW-1", Fase: ingest.FaseVast, Werkplek: ingest.WerkplekExtern, DatumStart: value.Day(date(2020, 1, 1)), DatumFase: value.Day(date(2021, 1, 1)), Uren: 240000, Has: ingest.HasUren},
	}}}
	none := []*ingest.Snapshot{{Gemeente: "Olst-Wijhe", Peildatum: date(2023, 6, 30)}}
	tests := []struct {
		name  string
		snaps []*ingest.Snapshot
		want  []string
		not   []string
	}{
		{"one person", one, []string{"is er 1 persoon met een indicatie die een traject beschut werk volgt:", "1 persoon heeft een betaalde werkplek, waarvan niemand in dienst van het SW-bedrijf.", "van hen is niemand in dienst van het SW-bedrijf."}, []string{"1 personen", "een proefplaatsing", "is 0%", "(0 "}},
		{"nobody", none, []string{"zijn er geen personen met een indicatie die een traject beschut werk volgen."}, []string{"0 personen", "betaalde werkplek"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := report.Build(tt.snaps, "Olst-Wijhe", time.Time{}, fixture.Params(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			text, err := renderer(t, nil).Text(r)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(text, w) {
					t.Errorf("%q in:\n%s", w, text)
				}
			}
			qpdfCheck(t, render(t, renderer(t, nil), r))
		})
	}
}

// TestTemplateOverride: a template from a folder replaces the embedded one.
func TestTemplateOverride(t *testing.T) {
	rd := renderer(t, map[string]string{"kern.tmpl": "In {{.Gemeente}} werken {{personen .Q.Betaald}} in een betaald dienstverband."})
	text := pdftotext(t, render(t, rd, deventer(t, date(2022, 12, 31))))
	if !strings.Contains(text, "In Deventer werken 37 personen in een betaald dienstverband.") {
		t.Errorf("override not used:\n%s", text)
	}
	if !strings.Contains(text, "Inleiding") || !strings.Contains(text, "Met deze raadsmededeling") {
		t.Error("the other templates should stay the embedded ones")
	}
}

// TestBrokenTemplate: parse and execution errors name the file and line.
func TestBrokenTemplate(t *testing.T) {
	_, err := raadsmededeling.New(raadsmededeling.Settings{}, templates.Default,
		fstest.MapFS{"kern.tmpl": {Data: []byte("regel een\n{{if .Q.InTraject}}zonder einde")}}, templates.Names)
	var te *raadsmededeling.TemplateError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "kern.tmpl:2") {
		t.Errorf("parse error = %v", err)
	}
	rd := renderer(t, map[string]string{"kader.tmpl": "- een\n- {{.Q.BestaatNiet}}\n"})
	err = rd.Write(&bytes.Buffer{}, deventer(t, time.Time{}))
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "kader.tmpl:2") {
		t.Errorf("execution error = %v", err)
	}
	rd = renderer(t, map[string]string{"kader.tmpl": `{{tabel "bestaatniet"}}`})
	if err := rd.Write(&bytes.Buffer{}, deventer(t, time.Time{})); err == nil || !strings.Contains(err.Error(), "onbekende tabel") {
		t.Errorf("unknown table: %v", err)
	}
}

// history builds a synthetic history of one gemeente: n persons more each
// quarter, from first to last.
func history(gemeente string, first, last time.Time) []*ingest.Snapshot {
	var out []*ingest.Snapshot
	n := 0
	for peil := first; !peil.After(last); peil = time.Date(peil.Year(), peil.Month()+4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1) {
		n += 2
		s := &ingest.Snapshot{Gemeente: gemeente, Peildatum: peil}
		for i := 0; i < n; i++ {
			start := first.AddDate(0, 0, -i)
			fase, werkplek := ingest.FaseTijdelijk, ingest.WerkplekIntern
			if i%4 == 0 {
				fase = ingest.FaseProefplaatsing
			}
			if i%5 == 0 {
				werkplek = ingest.WerkplekExtern
			}
			s.Records = append(s.Records, ingest.Record{Clientnummer: fmt.Sprintf("X-%d", i), Fase: fase, Werkplek: werkplek, DatumStart: value.Day(start), DatumFase: value.Day(start),
				Uren: 240000, Loonwaarde: 400000, LoonwaardeBron: ingest.BronMeting,
				Begeleiding: 150000, Has: ingest.HasLoonwaarde | (ingest.HasUren | ingest.HasBegeleiding).If(fase.Betaald())})
		}
		out = append(out, s)
	}
	return out
}

// TestLayouts: one year and ten years of history and two gemeenten render
// as sound documents whose tables stay on the page. The page images of
// these cases are looked at by hand (see README, "Naar de uitvoer kijken").
func TestLayouts(t *testing.T) {
	cases := map[string][]*ingest.Snapshot{
		"een jaar":   history("Olst-Wijhe", date(2023, 3, 31), date(2023, 12, 31)),
		"tien jaar":  history("Zwolle", date(2017, 3, 31), date(2026, 9, 30)),
		"gemeente 2": history("Raalte", date(2021, 3, 31), date(2023, 6, 30)),
	}
	for name, snaps := range cases {
		t.Run(name, func(t *testing.T) {
			r, err := report.Build(snaps, snaps[0].Gemeente, time.Time{}, fixture.Params(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			pdf := render(t, renderer(t, nil), r)
			qpdfCheck(t, pdf)
			text := pdftotext(t, pdf)
			if !strings.Contains(text, "Tabel 1: Overzicht kerncijfers beschut werk") || !strings.Contains(text, "pagina 1 van") {
				t.Errorf("incomplete document:\n%s", text)
			}
			if dir := os.Getenv("BESCHUT_LAYOUT_DIR"); dir != "" {
				os.WriteFile(filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".pdf"), pdf, 0o644)
			}
		})
	}
}

func mapFS(files map[string]string) fs.FS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

// tryPdftotext is pdftotext where poppler is installed.
func tryPdftotext(pdf []byte) (string, bool) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	f, err := os.CreateTemp("", "doc*.pdf")
	if err != nil {
		return "", false
	}
	defer os.Remove(f.Name())
	f.Write(pdf)
	f.Close()
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", f.Name(), "-").Output()
	return string(out), err == nil
}
