package ingest_test

import (
	"beschut/internal/value"
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"beschut/ingest"
	"beschut/internal/golden"

	"golang.org/x/text/encoding/charmap"
)

const hdr = "peildatum;gemeente;clientnummer;instroomroute;datum_indicatie;datum_start;fase;datum_fase;werkplek;uren_per_week;loonwaarde;loonwaarde_bron;datum_loonwaardemeting;werkladder;datum_uitstroom;reden_uitstroom;lks_kwartaal;begeleiding_kwartaal\n"

// Valid rows used as the base of the tests; line 2 and line 3.
const (
	row2 = "30-06-2023;Deventer;KD-1;pro;01-02-2020;01-03-2020;tijdelijk;01-06-2020;intern;24;41,5;meting;01-12-2022;3;;;1234,56;1500,00\n"
	row3 = "30-06-2023;Deventer;KD-2;uwv;01-02-2021;01-03-2021;uitgestroomd;;;;;;;;15-05-2023;ziekte;100,00;50,00\n"
)

func read(t *testing.T, content string) *ingest.FileResult {
	t.Helper()
	return ingest.ReadFile("export.csv", []byte(content), time.Time{})
}

// TestValidityRules: each rule of the contract fails a file with the exact
// Dutch error, at the right line and column.
func TestValidityRules(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"missing column", strings.Replace(hdr, ";werkplek", "", 1) + strings.Replace(row2, ";intern", "", 1),
			"export.csv:1: kolom 'werkplek': verplichte kolom ontbreekt in de kopregel"},
		{"duplicate column", strings.Replace(hdr, "begeleiding_kwartaal", "lks_kwartaal", 1) + row2,
			"export.csv:1: kolom 'lks_kwartaal': kolom staat meer dan eens in de kopregel"},
		{"empty file", "", "export.csv: het bestand is leeg"},
		{"field count", hdr + "30-06-2023;Deventer;KD-1\n", "export.csv:2: regel heeft 3 velden, de kopregel 18"},
		{"bare quote", hdr + strings.Replace(row2, "KD-1", "KD\"1", 1),
			"export.csv:2: CSV-fout: aanhalingsteken (\") midden in een veld dat niet tussen aanhalingstekens staat"},
		{"required cell", hdr + strings.Replace(row2, ";Deventer;", ";;", 1),
			"export.csv:2: kolom 'gemeente': verplichte waarde ontbreekt"},
		{"required for fase", hdr + strings.Replace(row2, ";24;", ";;", 1),
			"export.csv:2: kolom 'uren_per_week': verplichte waarde ontbreekt (verplicht bij fase tijdelijk)"},
		{"werkplek for active", hdr + strings.Replace(row2, ";intern;", ";;", 1),
			"export.csv:2: kolom 'werkplek': verplichte waarde ontbreekt (verplicht bij fase tijdelijk)"},
		{"datum_fase for active", hdr + strings.Replace(row2, "01-06-2020;", ";", 1),
			"export.csv:2: kolom 'datum_fase': verplichte waarde ontbreekt (verplicht bij fase tijdelijk)"},
		{"uitstroom date", hdr + row2 + strings.Replace(row3, "15-05-2023", "", 1),
			"export.csv:3: kolom 'datum_uitstroom': verplichte waarde ontbreekt (verplicht bij fase uitgestroomd)"},
		{"uitstroom reden", hdr + row2 + strings.Replace(row3, "ziekte", "", 1),
			"export.csv:3: kolom 'reden_uitstroom': verplichte waarde ontbreekt (verplicht bij fase uitgestroomd)"},
		{"bron with loonwaarde", hdr + strings.Replace(row2, ";meting;", ";;", 1),
			"export.csv:2: kolom 'loonwaarde_bron': verplichte waarde ontbreekt (verplicht bij een ingevulde loonwaarde)"},
		{"enum", hdr + strings.Replace(row2, ";pro;", ";mbo;", 1),
			"export.csv:2: kolom 'instroomroute': waarde 'mbo' is geen toegestane waarde (toegestaan: pro, vso, uwv, participatiewet, overig)"},
		{"fase enum", hdr + strings.Replace(row2, "tijdelijk", "vast dienstverband", 1),
			"export.csv:2: kolom 'fase': waarde 'vast dienstverband' is geen toegestane waarde (toegestaan: stage, proefplaatsing, tijdelijk, vast, uitgestroomd)"},
		{"date syntax", hdr + strings.Replace(row2, "01-02-2020", "1 februari 2020", 1),
			"export.csv:2: kolom 'datum_indicatie': waarde '1 februari 2020' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"},
		{"no such date", hdr + strings.Replace(row2, "01-03-2020", "30-02-2020", 1),
			"export.csv:2: kolom 'datum_start': waarde '30-02-2020' is geen bestaande datum"},
		{"peildatum quarter end", hdr + strings.Replace(row2, "30-06-2023", "29-06-2023", 1),
			"export.csv:2: kolom 'peildatum': waarde '29-06-2023' is geen laatste dag van een kwartaal (31-03, 30-06, 30-09 of 31-12)"},
		{"peildatum differs", hdr + row2 + strings.Replace(row3, "30-06-2023", "31-03-2023", 1),
			"export.csv:3: kolom 'peildatum': waarde '31-03-2023' wijkt af van de peildatum 30-06-2023 op regel 2 (één bestand beschrijft één peildatum)"},
		{"date after peildatum", hdr + strings.Replace(row2, "01-12-2022", "01-07-2023", 1),
			"export.csv:2: kolom 'datum_loonwaardemeting': waarde '01-07-2023' ligt na de peildatum"},
		{"date before 2015", hdr + strings.Replace(row2, "01-02-2020", "31-12-2014", 1),
			"export.csv:2: kolom 'datum_indicatie': waarde '31-12-2014' ligt vóór 01-01-2015 (de Participatiewet)"},
		{"datum_fase before start", hdr + strings.Replace(row2, "01-06-2020", "01-01-2020", 1),
			"export.csv:2: kolom 'datum_fase': waarde '01-01-2020' ligt vóór datum_start (01-03-2020)"},
		{"uitstroom before start", hdr + row2 + strings.Replace(row3, "15-05-2023", "15-05-2020", 1),
			"export.csv:3: kolom 'datum_uitstroom': waarde '15-05-2020' ligt vóór datum_start (01-03-2021)"},
		{"duplicate clientnummer", hdr + row2 + strings.Replace(row3, "KD-2", "KD-1", 1),
			"export.csv:3: kolom 'clientnummer': waarde 'KD-1' komt voor gemeente Deventer al voor op regel 2"},
		{"uren range", hdr + strings.Replace(row2, ";24;", ";41;", 1),
			"export.csv:2: kolom 'uren_per_week': waarde '41' ligt niet tussen 0 (niet inbegrepen) en 40"},
		{"uren zero", hdr + strings.Replace(row2, ";24;", ";0;", 1),
			"export.csv:2: kolom 'uren_per_week': waarde '0' ligt niet tussen 0 (niet inbegrepen) en 40"},
		{"uren syntax", hdr + strings.Replace(row2, ";24;", ";24 uur;", 1),
			"export.csv:2: kolom 'uren_per_week': waarde '24 uur' is geen getal (verwacht bijvoorbeeld 41,5)"},
		{"loonwaarde range", hdr + strings.Replace(row2, "41,5", "140", 1),
			"export.csv:2: kolom 'loonwaarde': waarde '140' ligt niet tussen 0 en 100"},
		{"werkladder range", hdr + strings.Replace(row2, ";3;", ";7;", 1),
			"export.csv:2: kolom 'werkladder': waarde '7' ligt niet tussen 1 en 6"},
		{"werkladder negative", hdr + strings.Replace(row2, ";3;", ";-1;", 1),
			"export.csv:2: kolom 'werkladder': waarde '-1' ligt niet tussen 1 en 6"},
		{"werkladder integer", hdr + strings.Replace(row2, ";3;", ";3,5;", 1),
			"export.csv:2: kolom 'werkladder': waarde '3,5' is geen geheel getal"},
		{"amount syntax", hdr + strings.Replace(row2, "1234,56", "12,34a", 1),
			"export.csv:2: kolom 'lks_kwartaal': waarde '12,34a' is geen bedrag (verwacht bijvoorbeeld 1.234,56)"},
		{"amount fraction", hdr + strings.Replace(row2, "1234,56", "12,3456", 1),
			"export.csv:2: kolom 'lks_kwartaal': waarde '12,3456' heeft meer dan twee decimalen (bedragen zijn op de cent)"},
		{"bsn", hdr + strings.Replace(row2, "KD-1", "123456782", 1),
			"export.csv:2: kolom 'clientnummer': waarde '123456782' lijkt een BSN (9 cijfers, voldoet aan de elfproef): de export moet gepseudonimiseerd zijn"},
		{"nine digits, not a bsn", hdr + strings.Replace(row2, "KD-1", "123456789", 1), ""},
		{"line after multi-line field", "opmerking;" + hdr + "\"a\nb\";" + row2 + ";" + strings.Replace(row3, "ziekte", "ziek", 1),
			"export.csv:4: kolom 'reden_uitstroom': waarde 'ziek' is geen toegestane waarde (toegestaan: dagbesteding, ziekte, regulier_werk, banenafspraak, pensioen, overlijden, verhuizing, overig)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.in)
			var got []string
			for _, e := range res.Errors {
				got = append(got, e.Error())
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Fatalf("unexpected errors:\n%s", strings.Join(got, "\n"))
				}
				if len(res.Snapshots) != 1 {
					t.Fatalf("valid file gave %d snapshots", len(res.Snapshots))
				}
				return
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
			if len(res.Snapshots) != 0 {
				t.Fatal("a file with errors yielded snapshots")
			}
		})
	}
}

// TestErrorsAreTyped: inside the code errors are values that errors.Is and
// errors.As can inspect.
func TestErrorsAreTyped(t *testing.T) {
	files := []*ingest.FileResult{read(t, hdr+strings.Replace(row2, "41,5", "140", 1)+strings.Replace(row3, "KD-2", "123456782", 1))}
	_, err := ingest.Combine(files)
	var fe *ingest.FileErrors
	if !errors.As(err, &fe) || len(fe.Errors) != 2 {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(err, ingest.ErrBSN) {
		t.Error("errors.Is(err, ErrBSN) is false")
	}
	var re *ingest.RangeError
	if !errors.As(err, &re) || re.Max != "100" {
		t.Errorf("errors.As RangeError: %v", re)
	}
	if fe.Errors[0].Line != 2 || fe.Errors[0].Column != "loonwaarde" || fe.Errors[0].Value != "140" {
		t.Errorf("position = %+v", fe.Errors[0])
	}
}

// TestWarnings: unknown columns and negative amounts are reported but do
// not fail the file.
func TestWarnings(t *testing.T) {
	res := read(t, strings.TrimSuffix(hdr, "\n")+";opmerking\n"+strings.Replace(row2, "1234,56", "-12,50", 1)[:len(row2)-len("1234,56")+len("-12,50")-1]+";x\n")
	if len(res.Errors) != 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"export.csv:1: kolom 'opmerking': onbekende kolom, wordt genegeerd",
		"export.csv:2: kolom 'lks_kwartaal': waarde '-12,50' is negatief (een correctie?)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("warnings = %q, want %q", got, want)
	}
	if res.Snapshots[0].Records[0].LKS != -1250 {
		t.Errorf("LKS = %d", res.Snapshots[0].Records[0].LKS)
	}
}

// TestTolerance: every deviation the contract allows gives the same records.
func TestTolerance(t *testing.T) {
	base := hdr + row2 + row3
	want := records(t, read(t, base))
	cp1252, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(base, "1234,56", "€ 1.234,56"))
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string]string{
		"comma delimiter, decimal point": strings.NewReplacer(";", ",", "41,5", "41.5", "1234,56", "1234.56", "1500,00", "1500.00", "100,00", "100.00", "50,00", "50.00").Replace(base),
		"BOM":                            "\ufeff" + base,
		"CRLF":                           strings.ReplaceAll(base, "\n", "\r\n"),
		"BOM and CRLF":                   "\ufeff" + strings.ReplaceAll(base, "\n", "\r\n"),
		"Windows-1252 with euro":         cp1252,
		"ISO dates":                      isoDates(base),
		"thousands and euro sign":        strings.Replace(base, "1234,56", "€ 1.234,56", 1),
		"comma thousands":                strings.NewReplacer(";", ",", "41,5", "41.5", "1234,56", "\"1,234.56\"", "1500,00", "1500", "100,00", "100", "50,00", "50.0").Replace(base),
		"percent sign":                   strings.Replace(base, "41,5", "41,5%", 1),
		"header case and spaces":         strings.Replace(base, "peildatum;gemeente;clientnummer", " Peildatum ;GEMEENTE; ClientNummer", 1),
		"enum case":                      strings.NewReplacer(";pro;", ";PRO;", ";tijdelijk;", ";Tijdelijk;", ";intern;", ";Intern;", ";ziekte;", ";ZIEKTE;").Replace(base),
		"trailing empty line":            base + "\n",
		"trailing empty record":          base + ";;;;;;;;;;;;;;;;;\n",
		"quoted fields":                  strings.Replace(base, ";Deventer;KD-1;", ";\"Deventer\";\"KD-1\";", 1),
		"other column order":             reorder(base),
		"short day and month":            strings.Replace(base, "01-02-2020", "1-2-2020", 1),
	}
	for name, in := range variants {
		t.Run(name, func(t *testing.T) {
			res := read(t, in)
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			if got := records(t, res); !reflect.DeepEqual(got, want) {
				t.Fatalf("records differ:\n got %+v\nwant %+v", got, want)
			}
		})
	}
	t.Run("unknown column with quoted delimiter, quote and line break", func(t *testing.T) {
		in := strings.TrimSuffix(hdr, "\n") + ";opmerking\n" + strings.TrimSuffix(row2, "\n") + ";\"a;b \"\"c\"\"\nd\"\n" + strings.TrimSuffix(row3, "\n") + ";\n"
		res := read(t, in)
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
		got := records(t, res)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("records differ")
		}
		if line := res.Snapshots[0].Records[1].Line; line != 4 {
			t.Errorf("second record on line %d, want 4 (the physical line)", line)
		}
	})
}

func records(t *testing.T, res *ingest.FileResult) []ingest.Record {
	t.Helper()
	if len(res.Snapshots) != 1 {
		t.Fatalf("%d snapshots; errors %v", len(res.Snapshots), res.Errors)
	}
	out := append([]ingest.Record(nil), res.Snapshots[0].Records...)
	for i := range out {
		out[i].Line = 0
	}
	return out
}

func isoDates(s string) string {
	var b bytes.Buffer
	for i := 0; i < len(s); {
		if i+10 <= len(s) && s[i+2] == '-' && s[i+5] == '-' && isDigits(s[i:i+2]+s[i+3:i+5]+s[i+6:i+10]) {
			b.WriteString(s[i+6:i+10] + "-" + s[i+3:i+5] + "-" + s[i:i+2])
			i += 10
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// reorder reverses the columns of a ;-separated file.
func reorder(s string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		f := strings.Split(l, ";")
		for i, j := 0, len(f)-1; i < j; i, j = i+1, j-1 {
			f[i], f[j] = f[j], f[i]
		}
		lines = append(lines, strings.Join(f, ";"))
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestErrorReportGolden: the full Dutch report of one file with several errors.
func TestErrorReportGolden(t *testing.T) {
	in := hdr +
		strings.Replace(row2, "41,5", "140", 1) +
		strings.NewReplacer("KD-2", "123456782", "15-05-2023", "31-06-2023", "ziekte", "weg").Replace(row3) +
		"30-06-2023;Deventer;KD-3;vso;01-02-2022;01-03-2022;stage;01-03-2022;intern;;;;;9;;;abc;\n" +
		"30-06-2023;Deventer;KD-1;uwv;01-02-2022;01-03-2022;vast;01-03-2022;;50;;forfaitair;;;;;;\n" +
		// contract 1.1: three decimals, the € 1.000.000 bound, a BSN with a
		// prefix and dots, the other decimal sign, a peildatum out of range
		"30-06-2023;Deventer;KD-6;pro;01-02-2020;01-03-2020;stage;01-03-2020;intern;;;;;;;;1829,033;2.000.000,00\n" +
		"30-06-2023;Deventer;BSN 1234.56.782;pro;01-02-2020;01-03-2020;stage;01-03-2020;intern;;;;;;;;12.50;\n" +
		"31-12-9999;Deventer;KD-8;pro;01-02-2020;01-03-2020;stage;01-03-2020;intern;;;;;;;;;\n"
	_, err := ingest.Combine([]*ingest.FileResult{read(t, in)})
	var buf bytes.Buffer
	if err := ingest.WriteErrors(&buf, err); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "errors.golden", buf.Bytes())
}

// TestCorrectionReplaces: two files for one gemeente and peildatum, the
// newer one wins and a warning names both.
func TestCorrectionReplaces(t *testing.T) {
	old := ingest.ReadFile("eerste.csv", []byte(hdr+row2), time.Date(2023, 7, 10, 0, 0, 0, 0, time.UTC))
	newer := ingest.ReadFile("correctie.csv", []byte(hdr+row2+row3), time.Date(2023, 7, 20, 0, 0, 0, 0, time.UTC))
	h, err := ingest.Combine([]*ingest.FileResult{newer, old})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Snapshots) != 1 || len(h.Snapshots[0].Records) != 2 || h.Snapshots[0].Source.Name != "correctie.csv" {
		t.Fatalf("snapshots = %+v", h.Snapshots)
	}
	want := "eerste.csv: gemeente Deventer, peildatum 30-06-2023: vervangen door correctie.csv (later geleverd, geldt als correctie)"
	if len(h.Warnings) != 1 || h.Warnings[0].Error() != want {
		t.Fatalf("warnings = %v", h.Warnings)
	}
}

// TestSeveralGemeenten: one file, two gemeenten, two snapshots; the same
// clientnummer may occur once per gemeente.
func TestSeveralGemeenten(t *testing.T) {
	res := read(t, hdr+row2+strings.Replace(row2, "Deventer", "Olst-Wijhe", 1))
	if len(res.Errors) != 0 || len(res.Snapshots) != 2 {
		t.Fatalf("errors %v, %d snapshots", res.Errors, len(res.Snapshots))
	}
	if res.Snapshots[0].Gemeente != "Deventer" || res.Snapshots[1].Gemeente != "Olst-Wijhe" {
		t.Errorf("gemeenten %s, %s", res.Snapshots[0].Gemeente, res.Snapshots[1].Gemeente)
	}
}

func TestParseAmount(t *testing.T) {
	tests := map[string]value.Cents{
		"1.234,56": 123456, "1,234.56": 123456, "€ 1.234,56": 123456, "€1234,5": 123450,
		"1234": 123400, "1.234": 123400, "0,07": 7, "-12,50": -1250, "€ -3,00": -300, "1.234.567,89": 123456789,
	}
	for in, want := range tests {
		got, err := ingest.ParseAmount(in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1,2,3", "12,3456", "1..2", ",5", "€"} {
		if _, err := ingest.ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) accepted", in)
		}
	}
}

func TestLooksLikeBSN(t *testing.T) {
	for in, want := range map[string]bool{"123456782": true, "111222333": true, "123456789": false, "12345678": false, "KD-000001": false, "000000000": false} {
		if got := ingest.LooksLikeBSN(in); got != want {
			t.Errorf("LooksLikeBSN(%q) = %v", in, got)
		}
	}
}

// TestRecordExact: every field of the two base rows, as the compact
// Record holds them (day numbers, enumerations, the Has flags).
func TestRecordExact(t *testing.T) {
	day := func(s string) value.Date {
		d, err := value.ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	want := []ingest.Record{
		{Clientnummer: "KD-1", Uren: 240000, Loonwaarde: 415000, LKS: 123456, Begeleiding: 150000,
			DatumIndicatie: day("01-02-2020"), DatumStart: day("01-03-2020"), DatumFase: day("01-06-2020"),
			DatumLoonwaardemeting: day("01-12-2022"), Instroomroute: ingest.RoutePro, Fase: ingest.FaseTijdelijk,
			Werkplek: ingest.WerkplekIntern, LoonwaardeBron: ingest.BronMeting, Werkladder: 3,
			Has: ingest.HasUren | ingest.HasLoonwaarde | ingest.HasLKS | ingest.HasBegeleiding},
		{Clientnummer: "KD-2", LKS: 10000, Begeleiding: 5000,
			DatumIndicatie: day("01-02-2021"), DatumStart: day("01-03-2021"), DatumUitstroom: day("15-05-2023"),
			Instroomroute: ingest.RouteUwv, Fase: ingest.FaseUitgestroomd, RedenUitstroom: ingest.RedenZiekte,
			Has: ingest.HasLKS | ingest.HasBegeleiding},
	}
	got := records(t, read(t, hdr+row2+row3)) // Line zeroed; TestTolerance checks it
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("records:\n got %+v\nwant %+v", got, want)
	}
	r := got[0]
	if !r.HasUren() || !r.HasLoonwaarde() || !r.HasLKS() || !r.HasBegeleiding() {
		t.Error("row 2 has every optional number")
	}
	r = got[1]
	if r.HasUren() || r.HasLoonwaarde() || !r.HasLKS() || !r.HasBegeleiding() {
		t.Error("row 3 has only the amounts")
	}
	if r.DatumFase != 0 || !r.DatumFase.IsZero() || r.Werkplek != 0 || r.Werkplek.String() != "" {
		t.Error("an empty cell is the zero value")
	}
	// A history holds a million of them (issue 16): keep the record small.
	if size := unsafe.Sizeof(ingest.Record{}); size != 80 {
		t.Errorf("a Record takes %d bytes, want 80", size)
	}
	if ingest.HasUren.If(false) != 0 || (ingest.HasUren|ingest.HasLKS).If(true) != ingest.HasUren|ingest.HasLKS {
		t.Error("Present.If")
	}
}

// TestEnumSpelling: each enumeration's constants spell as its table, in
// order; value 0 spells empty; a value past the table too.
func TestEnumSpelling(t *testing.T) {
	type enum interface{ String() string }
	tables := []struct {
		values []string
		consts []enum
		past   enum
	}{
		{ingest.Route(0).Values(), []enum{ingest.Route(0), ingest.RoutePro, ingest.RouteVso, ingest.RouteUwv, ingest.RouteParticipatiewet, ingest.RouteOverig}, ingest.RouteOverig + 1},
		{ingest.Fase(0).Values(), []enum{ingest.Fase(0), ingest.FaseStage, ingest.FaseProefplaatsing, ingest.FaseTijdelijk, ingest.FaseVast, ingest.FaseUitgestroomd}, ingest.FaseUitgestroomd + 1},
		{ingest.Werkplek(0).Values(), []enum{ingest.Werkplek(0), ingest.WerkplekIntern, ingest.WerkplekGroepsdetachering, ingest.WerkplekDetachering, ingest.WerkplekExtern}, ingest.WerkplekExtern + 1},
		{ingest.Bron(0).Values(), []enum{ingest.Bron(0), ingest.BronMeting, ingest.BronForfaitair}, ingest.BronForfaitair + 1},
		{ingest.Reden(0).Values(), []enum{ingest.Reden(0), ingest.RedenDagbesteding, ingest.RedenZiekte, ingest.RedenRegulierWerk,
			ingest.RedenBanenafspraak, ingest.RedenPensioen, ingest.RedenOverlijden, ingest.RedenVerhuizing, ingest.RedenOverig}, ingest.RedenOverig + 1},
	}
	for _, tb := range tables {
		if len(tb.consts) != len(tb.values)+1 {
			t.Fatalf("%v: %d constants for %d values", tb.values, len(tb.consts)-1, len(tb.values))
		}
		if tb.consts[0].String() != "" || tb.past.String() != "" {
			t.Errorf("%v: zero or past the table is not empty", tb.values)
		}
		for i, v := range tb.values {
			if got := tb.consts[i+1].String(); got != v {
				t.Errorf("constant %d spells %q, want %q", i+1, got, v)
			}
		}
	}
	if fmt.Sprint(ingest.FaseVast) != "vast" {
		t.Error("fmt uses the spelling")
	}
}
