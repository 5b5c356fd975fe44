package ingest_test

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"beschut/ingest"

	"golang.org/x/text/encoding/unicode"
)

// clean is the file every hostile variant is compared with.
const clean = hdr + row2 + row3

// hostile is one hostile or odd file: either refused with exactly the
// errors in want (the first ones, in order, when prefix is set), or read to
// exactly the records of same (clean when empty).
type hostile struct {
	name string
	in   string
	want []string
	same string
}

func runHostile(t *testing.T, tests []hostile, o ingest.Options) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := o.ReadFile("export.csv", []byte(tt.in), time.Time{})
			got := messages(res.Errors)
			if tt.want != nil {
				if !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
				if len(res.Snapshots) != 0 {
					t.Fatal("a file with errors yielded snapshots")
				}
				return
			}
			if len(got) > 0 {
				t.Fatalf("unexpected errors:\n%s", strings.Join(got, "\n"))
			}
			same := tt.same
			if same == "" {
				same = clean
			}
			want := records(t, o.ReadFile("clean.csv", []byte(same), time.Time{}))
			if gotRecs := records(t, res); !reflect.DeepEqual(gotRecs, want) {
				t.Fatalf("records differ:\n got %+v\nwant %+v", gotRecs, want)
			}
		})
	}
}

func messages(errs []*ingest.FieldError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestHostileDecimalSign(t *testing.T) {
	point := strings.NewReplacer("41,5", "41.5", "1234,56", "1234.56", "1500,00", "1500.00", "100,00", "100.00", "50,00", "50.00").Replace(clean)
	runHostile(t, []hostile{
		{name: "decimal point in a ;-file, decided by its numbers", in: point},
		{name: "decimal comma in a ,-file, decided by its numbers",
			in: strings.NewReplacer(";", ",", "41,5", `"41,5"`, "1234,56", `"1234,56"`, "1500,00", `"1500,00"`, "100,00", `"100,00"`, "50,00", `"50,00"`).Replace(clean)},
		{name: "thousands in a comma file: 1.234,5 is 1234,50",
			in: strings.Replace(clean, "1234,56", "1.234,5", 1), same: strings.Replace(clean, "1234,56", "1234,50", 1)},
		{name: "nothing decides, ; means comma: 1.234 is 1234",
			in:   strings.NewReplacer("41,5", "41", "1234,56", "1.234", "1500,00", "1500", "100,00", "100", "50,00", "50").Replace(clean),
			same: strings.NewReplacer("41,5", "41", "1234,56", "1234", "1500,00", "1500", "100,00", "100", "50,00", "50").Replace(clean)},
		{name: "nothing decides, , means point: 1,234 is 1234",
			in:   strings.NewReplacer(";", ",", "41,5", "41", "1234,56", `"1,234"`, "1500,00", "1500", "100,00", "100", "50,00", "50").Replace(clean),
			same: strings.NewReplacer("41,5", "41", "1234,56", "1234", "1500,00", "1500", "100,00", "100", "50,00", "50").Replace(clean)},
		{name: "both conventions in one file: the later line is refused, naming the deciding line",
			in:   strings.Replace(clean, "100,00", "100.50", 1),
			want: []string{"export.csv:3: kolom 'lks_kwartaal': waarde '100.50' is geschreven met een decimaalpunt, maar dit bestand gebruikt de decimaalkomma (vastgesteld op regel 2); één bestand gebruikt één notatie"}},
		{name: "both conventions: a point file with a decimal comma in a percentage",
			in:   strings.Replace(point, "100.00", "100,50", 1),
			want: []string{"export.csv:3: kolom 'lks_kwartaal': waarde '100,50' is geschreven met een decimaalkomma, maar dit bestand gebruikt het decimaalpunt (vastgesteld op regel 2); één bestand gebruikt één notatie"}},
		{name: "both conventions: the first decisive number decides, the others are named",
			in: strings.Replace(point, "41.5", "41,5", 1),
			want: []string{
				"export.csv:2: kolom 'lks_kwartaal': waarde '1234.56' is geschreven met een decimaalpunt, maar dit bestand gebruikt de decimaalkomma (vastgesteld op regel 2); één bestand gebruikt één notatie",
				"export.csv:2: kolom 'begeleiding_kwartaal': waarde '1500.00' is geschreven met een decimaalpunt, maar dit bestand gebruikt de decimaalkomma (vastgesteld op regel 2); één bestand gebruikt één notatie",
				"export.csv:3: kolom 'lks_kwartaal': waarde '100.00' is geschreven met een decimaalpunt, maar dit bestand gebruikt de decimaalkomma (vastgesteld op regel 2); één bestand gebruikt één notatie",
				"export.csv:3: kolom 'begeleiding_kwartaal': waarde '50.00' is geschreven met een decimaalpunt, maar dit bestand gebruikt de decimaalkomma (vastgesteld op regel 2); één bestand gebruikt één notatie"}},
	}, ingest.Options{})
}

func TestHostileThreeDecimals(t *testing.T) {
	places := "heeft meer dan twee decimalen (bedragen zijn op de cent)"
	var tests []hostile
	for _, v := range []string{"1829,033", "12,345", "0,001", "1.234,567", "€ 12,345"} {
		tests = append(tests, hostile{name: v, in: strings.Replace(clean, "1234,56", v, 1),
			want: []string{"export.csv:2: kolom 'lks_kwartaal': waarde '" + v + "' " + places}})
	}
	point := strings.NewReplacer("41,5", "41.5", "1234,56", "1234.56", "1500,00", "1500.00", "100,00", "100.00", "50,00", "50.00").Replace(clean)
	for _, v := range []string{"1829.033", "0.001", "1,234.567"} {
		tests = append(tests, hostile{name: "point file " + v, in: strings.Replace(point, "100.00", v, 1),
			want: []string{"export.csv:3: kolom 'lks_kwartaal': waarde '" + v + "' " + places}})
	}
	runHostile(t, tests, ingest.Options{})
}

func TestHostileAmountBound(t *testing.T) {
	bound := "is meer dan € 1.000.000 voor één persoon in één kwartaal (onwaarschijnlijk)"
	var tests []hostile
	for _, v := range []string{"1.000.000,01", "1000000,01", "9.999.999.999.999,99", "-1.000.000,01", "99999999999999999999999999"} {
		tests = append(tests, hostile{name: v, in: strings.Replace(clean, "1500,00", v, 1),
			want: []string{"export.csv:2: kolom 'begeleiding_kwartaal': waarde '" + v + "' " + bound}})
	}
	tests = append(tests, hostile{name: "exactly € 1.000.000,00 is allowed",
		in: strings.Replace(clean, "1500,00", "1.000.000,00", 1), same: strings.Replace(clean, "1500,00", "1000000,00", 1)})
	runHostile(t, tests, ingest.Options{})

	// Ten thousand rows at the bound: the sum is exact, no overflow.
	var b strings.Builder
	b.WriteString(hdr)
	for i := 0; i < 10000; i++ {
		b.WriteString(strings.NewReplacer("KD-1", fmt.Sprintf("KD-%d", i), "1234,56", "1.000.000,00").Replace(row2))
	}
	res := ingest.ReadFile("groot.csv", []byte(b.String()), time.Time{})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors[0])
	}
	var sum value.Cents
	for _, r := range res.Snapshots[0].Records {
		sum += r.LKS
	}
	if sum != 10000*ingest.MaxAmount {
		t.Errorf("sum = %d", sum)
	}
}

// TestHostileBSN: a BSN in any cell of any column, known or unknown, in
// any notation, refuses the file at that line and column.
func TestHostileBSN(t *testing.T) {
	header := strings.TrimSuffix(hdr, "\n") + ";opmerking\n"
	base2 := strings.TrimSuffix(row2, "\n") + ";geen\n"
	base3 := strings.TrimSuffix(row3, "\n") + ";\n"
	variants := []string{"123456782", "1234 56 782", "1234.56.782", "1234-56-782", "BSN123456782", "bsn: 123.456.782", "persoon 111222333 belde",
		// issue 11 follow-up: other spaces, separators, digits and padding
		"1234 56 782", "123 456 782", "123/456/782", "123_456_782", "123,456,782", "123 - 456 - 782",
		"１２３４５６７８２", "١٢٣٤٥٦٧٨٢", "00123456782", "0123456782", "BSN 0123456782"}
	columns := append(append([]string(nil), ingest.Columns...), "opmerking")
	for _, v := range variants {
		for i, col := range columns {
			t.Run(v+" in "+col, func(t *testing.T) {
				cells := strings.Split(strings.TrimSuffix(base2, "\n"), ";")
				cells[i] = v
				in := header + strings.Join(cells, ";") + "\n" + base3
				res := ingest.ReadFile("export.csv", []byte(in), time.Time{})
				want := "export.csv:2: kolom '" + col + "': waarde '" + v + "' lijkt een BSN (9 cijfers, voldoet aan de elfproef): de export moet gepseudonimiseerd zijn"
				found := false
				for _, e := range res.Errors {
					found = found || e.Error() == want
				}
				if !found || len(res.Snapshots) != 0 {
					t.Fatalf("errors:\n%s\nwant among them:\n%s", strings.Join(messages(res.Errors), "\n"), want)
				}
			})
		}
	}
	t.Run("in the header", func(t *testing.T) {
		res := ingest.ReadFile("export.csv", []byte(strings.Replace(header, "opmerking", "123456782", 1)+base2+base3), time.Time{})
		if got := messages(res.Errors); len(got) != 1 || !strings.HasPrefix(got[0], "export.csv:1: kolom '123456782': lijkt een BSN") {
			t.Fatalf("errors %q", got)
		}
	})
	// Not a BSN: the elfproef fails, or the digits are not nine, or a date
	// and an amount: the file is read as its clean copy.
	for _, v := range []string{"123456789", "1234 56 789", "12345678", "06-12345678", "30-06-2023 12:00", "1.234.567,82",
		"1-2-3-4-5-6-7-8-2", "G1000-00010", "30-06-2023, 5", "KD-0000000012", "1023456782", "１２３４５６７８９", "1234    56 782"} {
		t.Run("not a BSN: "+v, func(t *testing.T) {
			res := ingest.ReadFile("export.csv", []byte(header+strings.Replace(base2, ";geen\n", ";"+v+"\n", 1)+base3), time.Time{})
			if len(res.Errors) > 0 {
				t.Fatal(res.Errors[0])
			}
			if !reflect.DeepEqual(records(t, res), records(t, read(t, clean))) {
				t.Fatal("records differ from the clean copy")
			}
		})
	}
}

func TestContainsBSN(t *testing.T) {
	for in, want := range map[string]bool{
		"123456782": true, "BSN123456782": true, "1234 56 782": true, "1234.56.782": true, "123-456-782": true,
		"x 123456782 y": true, "30-06-2023 123456782": true, "KD-123456782": true,
		"123456789": false, "1234567820": false, "1234  56 782": true, "1234    56 782": false, "12345678": false, "30-06-2023": false,
		"1.000.000,00": false, "": false, "06-12345678": false, "G1000-00010": false, "30-06-2023 8": false, "100000010": true, "300620238": true,
		"12 34 56 782": true, "123 456 782": true,
	} {
		if got := ingest.ContainsBSN(in); got != want {
			t.Errorf("ContainsBSN(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestHostileLineEndingsAndSepLine(t *testing.T) {
	bad3 := strings.Replace(row3, "ziekte", "ziek", 1)
	enumErr := "kolom 'reden_uitstroom': waarde 'ziek' is geen toegestane waarde (toegestaan: dagbesteding, ziekte, regulier_werk, banenafspraak, pensioen, overlijden, verhuizing, overig)"
	runHostile(t, []hostile{
		{name: "CR only", in: strings.ReplaceAll(clean, "\n", "\r")},
		{name: "CR only without a final line end", in: strings.TrimSuffix(strings.ReplaceAll(clean, "\n", "\r"), "\r")},
		{name: "CR only: an error names the physical line", in: strings.ReplaceAll(hdr+row2+bad3, "\n", "\r"),
			want: []string{"export.csv:3: " + enumErr}},
		{name: "CR only with a quoted line break", in: strings.ReplaceAll(strings.Replace(hdr+row2+bad3, "KD-1", "\"KD\n-1\"", 1), "\n", "\r"),
			want: []string{"export.csv:4: " + enumErr}},
		{name: "sep=; line", in: "sep=;\n" + clean},
		{name: "sep=; line with CRLF", in: strings.ReplaceAll("sep=;\n"+clean, "\n", "\r\n")},
		{name: "sep=, line in a ,-file",
			in:   "sep=,\n" + strings.NewReplacer(";", ",", "41,5", "41.5", "1234,56", "1234.56", "1500,00", "1500.00", "100,00", "100.00", "50,00", "50.00").Replace(clean),
			same: clean},
		{name: "sep= line: errors name the physical line", in: "sep=;\n" + hdr + row2 + bad3, want: []string{"export.csv:4: " + enumErr}},
		// issue 11 follow-up: the sep= line as spreadsheets write it back
		{name: "sep=; padded with the empty cells of its row", in: "sep=" + strings.Repeat(";", 18) + "\n" + clean},
		{name: "quoted sep=; padded", in: "\"sep=;\"" + strings.Repeat(";", 17) + "\n" + clean},
		{name: "SEP=; with CR only", in: strings.ReplaceAll("SEP=;\n"+clean, "\n", "\r")},
		{name: "padded sep= line: errors name the physical line", in: "sep=;;;;\n" + hdr + row2 + bad3, want: []string{"export.csv:4: " + enumErr}},
		{name: "sep=TAB", in: "sep=\t\n" + clean,
			want: []string{"export.csv: regel 1 'sep=\t' noemt een scheidingsteken dat niet is toegestaan (alleen ; of ,)"}},
		{name: "sep= with a delimiter the contract does not allow", in: "sep=|\n" + clean,
			want: []string{"export.csv: regel 1 'sep=|' noemt een scheidingsteken dat niet is toegestaan (alleen ; of ,)"}},
	}, ingest.Options{})
}

func TestHostileEncodings(t *testing.T) {
	frysk := strings.ReplaceAll(clean, "Deventer", "Súdwest-Fryslân")
	utf16 := func(e unicode.Endianness, bom unicode.BOMPolicy) string {
		s, err := unicode.UTF16(e, bom).NewEncoder().String(frysk)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	invalid := strings.Replace(frysk, "KD-2", "KD-2\xff", 1)
	runHostile(t, []hostile{
		{name: "UTF-16 LE with BOM", in: utf16(unicode.LittleEndian, unicode.UseBOM), same: frysk},
		{name: "UTF-16 BE with BOM", in: utf16(unicode.BigEndian, unicode.UseBOM), same: frysk},
		{name: "UTF-16 LE without BOM", in: utf16(unicode.LittleEndian, unicode.IgnoreBOM), same: frysk},
		{name: "UTF-16 BE without BOM", in: utf16(unicode.BigEndian, unicode.IgnoreBOM), same: frysk},
		{name: "UTF-16 LE, CR only", in: strings.ReplaceAll(utf16(unicode.LittleEndian, unicode.UseBOM), "\n\x00", "\r\x00"), same: frysk},
		{name: "UTF-16 LE: an error names the physical line", in: func() string {
			s, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.Replace(frysk, "ziekte", "ziek", 1))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}(), want: []string{"export.csv:3: kolom 'reden_uitstroom': waarde 'ziek' is geen toegestane waarde (toegestaan: dagbesteding, ziekte, regulier_werk, banenafspraak, pensioen, overlijden, verhuizing, overig)"}},
		{name: "BOM, sep= line and CRLF", in: "\ufeffsep=;\r\n" + strings.ReplaceAll(frysk, "\n", "\r\n"), same: frysk},
		{name: "valid UTF-8 and one invalid byte: refused at that cell", in: invalid,
			want: []string{"export.csv:3: kolom 'clientnummer': waarde 'KD-2\uFFFD' bevat tekens die geen geldige UTF-8 zijn, terwijl het bestand elders wel UTF-8 is; sla het bestand opnieuw op als 'CSV UTF-8'"}},
		{name: "invalid byte in an unknown column", in: strings.Replace(strings.Replace(strings.Replace(frysk, "begeleiding_kwartaal\n", "begeleiding_kwartaal;opmerking\n", 1), "50,00\n", "50,00;caf\xe9\n", 1), "1500,00\n", "1500,00;\n", 1),
			want: []string{
				"export.csv:3: kolom 'opmerking': waarde 'caf\uFFFD' bevat tekens die geen geldige UTF-8 zijn, terwijl het bestand elders wel UTF-8 is; sla het bestand opnieuw op als 'CSV UTF-8'"}},
	}, ingest.Options{})
	res := ingest.ReadFile("export.csv", []byte(utf16(unicode.LittleEndian, unicode.UseBOM)), time.Time{})
	if res.Source.Encoding != "UTF-16 LE met BOM" || res.Snapshots[0].Gemeente != "Súdwest-Fryslân" {
		t.Errorf("encoding %q, gemeente %q", res.Source.Encoding, res.Snapshots[0].Gemeente)
	}
}

// early is a row whose dates all lie on or before 31-03-2017.
const early = "31-03-2017;Deventer;KD-9;pro;01-01-2015;01-02-2017;stage;01-02-2017;intern;;;;;;;;;\n"

func TestHostilePeildatum(t *testing.T) {
	rangeErr := "ligt niet tussen 31-03-2017 (begin van beschut werk nieuw) en 31-12-2099"
	var tests []hostile
	for _, p := range []string{"31-12-9999", "31-12-2016", "31-12-2100", "9999-12-31"} {
		tests = append(tests, hostile{name: p, in: hdr + strings.Replace(row2, "30-06-2023", p, 1),
			want: []string{"export.csv:2: kolom 'peildatum': waarde '" + p + "' " + rangeErr}})
	}
	tests = append(tests,
		hostile{name: "31-03-2017 is the first", in: hdr + early, same: hdr + early},
		hostile{name: "31-12-2099 is the last", in: hdr + strings.Replace(early, "31-03-2017", "31-12-2099", 1), same: hdr + strings.Replace(early, "31-03-2017", "2099-12-31", 1)},
		hostile{name: "a date on 01-01-2015 is allowed", in: hdr + early, same: hdr + early},
		hostile{name: "a date on 31-12-2014 is not", in: hdr + strings.Replace(early, "01-01-2015", "31-12-2014", 1),
			want: []string{"export.csv:2: kolom 'datum_indicatie': waarde '31-12-2014' ligt vóór 01-01-2015 (de Participatiewet)"}},
		hostile{name: "datum_uitstroom on the peildatum is allowed", in: hdr + row2 + strings.Replace(row3, "15-05-2023", "30-06-2023", 1),
			same: hdr + row2 + strings.Replace(row3, "15-05-2023", "2023-06-30", 1)},
		hostile{name: "datum_uitstroom a day after the peildatum is not", in: hdr + row2 + strings.Replace(row3, "15-05-2023", "01-07-2023", 1),
			want: []string{"export.csv:3: kolom 'datum_uitstroom': waarde '01-07-2023' ligt na de peildatum"}},
		hostile{name: "datum_start on the peildatum is allowed", in: hdr + strings.NewReplacer("01-03-2020", "30-06-2023", "01-06-2020", "30-06-2023", "01-12-2022", "30-06-2023").Replace(row2),
			same: hdr + strings.NewReplacer("01-03-2020", "2023-06-30", "01-06-2020", "2023-06-30", "01-12-2022", "2023-06-30").Replace(row2)},
		hostile{name: "datum_start a day after the peildatum is not", in: hdr + strings.NewReplacer("01-03-2020", "01-07-2023", "01-06-2020", "01-07-2023").Replace(row2),
			want: []string{"export.csv:2: kolom 'datum_start': waarde '01-07-2023' ligt na de peildatum", "export.csv:2: kolom 'datum_fase': waarde '01-07-2023' ligt na de peildatum"}},
	)
	runHostile(t, tests, ingest.Options{})
}

func TestHostileGemeente(t *testing.T) {
	known := ingest.Options{Known: func(g string) bool { return g == "Deventer" }}
	runHostile(t, []hostile{
		{name: "configured", in: clean},
		{name: "a typo", in: hdr + row2 + strings.Replace(row3, "Deventer", "Deventr", 1),
			want: []string{"export.csv:3: kolom 'gemeente': waarde 'Deventr' staat niet in het parameterbestand (een tikfout, een verwisselde kolom?)"}},
		{name: "a swapped column, once per value with a count", in: hdr + strings.Replace(row2, "Deventer;KD-1", "KD-1;Deventer", 1) + strings.Replace(row3, "Deventer;KD-2", "KD-2;Deventer", 1) + strings.NewReplacer("Deventer;KD-2", "KD-3;Deventer").Replace(row3),
			want: []string{
				"export.csv:2: kolom 'gemeente': waarde 'KD-1' staat niet in het parameterbestand (een tikfout, een verwisselde kolom?)",
				"export.csv:3: kolom 'gemeente': waarde 'KD-2' staat niet in het parameterbestand (een tikfout, een verwisselde kolom?)",
				"export.csv:4: kolom 'gemeente': waarde 'KD-3' staat niet in het parameterbestand (een tikfout, een verwisselde kolom?)"}},
		{name: "the same unknown value on several lines", in: hdr + strings.Replace(row2, "Deventer", "Olst", 1) + strings.Replace(row3, "Deventer", "Olst", 1),
			want: []string{"export.csv:2: kolom 'gemeente': waarde 'Olst' staat niet in het parameterbestand (een tikfout, een verwisselde kolom?); ook op 1 andere regel"}},
	}, known)
	// Without Known, gemeenten are not checked.
	runHostile(t, []hostile{{name: "not checked", in: strings.ReplaceAll(clean, "Deventer", "Deventr"), same: strings.ReplaceAll(clean, "Deventer", "Deventr")}}, ingest.Options{})
}

func TestZeroRows(t *testing.T) {
	for name, in := range map[string]string{"header only": hdr, "header and blank lines": hdr + "\n;;;;;;;;;;;;;;;;;\n\n", "sep= and header": "sep=;\r\n" + hdr} {
		t.Run(name, func(t *testing.T) {
			res := read(t, in)
			if len(res.Errors) > 0 || len(res.Snapshots) != 0 {
				t.Fatalf("errors %v, %d snapshots", res.Errors, len(res.Snapshots))
			}
			want := []string{"export.csv: het bestand bevat geen gegevensregels (alleen een kopregel): het levert geen kwartaalstand en verandert niets"}
			if got := messages(res.Warnings); !reflect.DeepEqual(got, want) {
				t.Fatalf("warnings %q", got)
			}
			h, err := ingest.Combine([]*ingest.FileResult{read(t, clean), res})
			if err != nil || len(h.Snapshots) != 1 || len(h.Snapshots[0].Records) != 2 {
				t.Fatalf("history %v, %v", h, err)
			}
		})
	}
}

// TestTieBreak: of two exports with the same modification time the later
// name wins, whatever order they are given in.
func TestTieBreak(t *testing.T) {
	mod := time.Date(2023, 7, 10, 0, 0, 0, 0, time.UTC)
	a := ingest.ReadFile("a_2023_K2.csv", []byte(hdr+row2), mod)
	b := ingest.ReadFile("b_2023_K2.csv", []byte(hdr+row2+row3), mod)
	for _, order := range [][]*ingest.FileResult{{a, b}, {b, a}} {
		h, err := ingest.Combine(order)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.Snapshots[0].Source.Name; got != "b_2023_K2.csv" || len(h.Snapshots[0].Records) != 2 {
			t.Errorf("order %s, %s: %s won", order[0].Source.Name, order[1].Source.Name, got)
		}
	}
	// A later modification time beats a later name.
	older := ingest.ReadFile("z.csv", []byte(hdr+row2), mod)
	h, err := ingest.Combine([]*ingest.FileResult{older, ingest.ReadFile("a.csv", []byte(hdr+row2+row3), mod.Add(time.Second))})
	if err != nil || h.Snapshots[0].Source.Name != "a.csv" {
		t.Fatalf("%v %v", h, err)
	}
}

// TestCountOnly: validate's mode counts the same rows and keeps none.
func TestCountOnly(t *testing.T) {
	res := ingest.Options{CountOnly: true}.ReadFile("export.csv", []byte(clean+strings.Replace(row2, "Deventer", "Olst-Wijhe", 1)), time.Time{})
	if len(res.Errors) > 0 || len(res.Snapshots) != 2 {
		t.Fatalf("%v %d", res.Errors, len(res.Snapshots))
	}
	if s := res.Snapshots[0]; s.Gemeente != "Deventer" || s.Rows != 2 || s.Records != nil {
		t.Errorf("%+v", s)
	}
	if s := res.Snapshots[1]; s.Gemeente != "Olst-Wijhe" || s.Rows != 1 {
		t.Errorf("%+v", s)
	}
}

// TestAmountNotations is a property test: amounts in every notation the
// file's convention allows parse to the intended cents; the same amount
// with a third decimal is refused.
func TestAmountNotations(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	comma, point := ingest.CommaFormat, ingest.PointFormat
	comma.Line, point.Line = 2, 2
	for n := 0; n < 5000; n++ {
		var c value.Cents
		switch n % 4 {
		case 0:
			c = value.Cents(rng.Int63n(int64(ingest.MaxAmount) + 1))
		case 1:
			c = value.Cents(rng.Int63n(100000)) * 100 // whole euros
		case 2:
			c = value.Cents(rng.Int63n(10000))
		default:
			c = ingest.MaxAmount - value.Cents(rng.Int63n(1000))
		}
		euros, cents := int64(c)/100, int64(c)%100
		plain := fmt.Sprint(euros)
		grouped := func(sep string) string { return strings.ReplaceAll(value.GroupThousands(plain), ".", sep) }
		for _, f := range []struct {
			format ingest.NumberFormat
			sep    string
		}{{comma, ","}, {point, "."}} {
			th := ","
			if f.sep == "," {
				th = "."
			}
			frac := fmt.Sprintf("%s%02d", f.sep, cents)
			notations := []string{plain + frac, grouped(th) + frac, "€ " + grouped(th) + frac, "€" + plain + frac, " " + plain + frac + " "}
			if cents%10 == 0 {
				notations = append(notations, plain+f.sep+fmt.Sprint(cents/10))
			}
			if cents == 0 {
				notations = append(notations, plain, grouped(th), "€ "+grouped(th))
			}
			for _, s := range notations {
				got, err := f.format.Amount(s)
				if err != nil || got != c {
					t.Fatalf("%c-file: %q = %d, %v; want %d", f.format.Sign, s, got, err, c)
				}
				neg, err := f.format.Amount("-" + s)
				if strings.HasPrefix(strings.TrimSpace(s), "€") {
					neg, err = f.format.Amount("€ -" + strings.TrimPrefix(strings.TrimSpace(s), "€"))
				}
				if err != nil || neg != -c {
					t.Fatalf("%c-file: -%q = %d, %v; want %d", f.format.Sign, s, neg, err, -c)
				}
				if !strings.HasSuffix(strings.TrimSpace(s), frac) {
					continue
				}
				_, err = f.format.Amount(strings.TrimSpace(s) + fmt.Sprint(rng.Intn(10)))
				if !errors.Is(err, ingest.ErrAmountPlaces) {
					t.Fatalf("%c-file: %q with a third decimal: %v", f.format.Sign, s, err)
				}
			}
		}
	}
}

// TestInterleavedGemeenten: a regional file whose gemeenten alternate gives
// each gemeente its own rows in file order, the same as a sorted file.
func TestInterleavedGemeenten(t *testing.T) {
	olst := func(row, client string) string {
		return strings.NewReplacer("Deventer", "Olst-Wijhe", "KD-1", client, "KD-2", client).Replace(row)
	}
	interleaved := read(t, hdr+row2+olst(row2, "OW-1")+row3+olst(row3, "OW-2"))
	sorted := read(t, hdr+row2+row3+olst(row2, "OW-1")+olst(row3, "OW-2"))
	if len(interleaved.Errors) > 0 || len(interleaved.Snapshots) != 2 {
		t.Fatalf("%v, %d snapshots", interleaved.Errors, len(interleaved.Snapshots))
	}
	for i, s := range interleaved.Snapshots {
		got, want := s.Records, sorted.Snapshots[i].Records
		if len(got) != 2 || got[0].Clientnummer > got[1].Clientnummer {
			t.Fatalf("%s: %+v", s.Gemeente, got)
		}
		for j := range got {
			got[j].Line, want[j].Line = 0, 0
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: records differ from the sorted file", s.Gemeente)
		}
	}
	// The contiguous file shares one backing array: appending to one
	// gemeente's records must not overwrite the next gemeente's.
	d := sorted.Snapshots[0]
	_ = append(d.Records, ingest.Record{Clientnummer: "X"})
	if sorted.Snapshots[1].Records[0].Clientnummer != "OW-1" {
		t.Error("a gemeente's records can overwrite another's")
	}
}

// TestAmountNotationsInFiles: the property through the whole reader. Each
// row carries an amount in another notation of the file's convention; every
// record holds the intended cents. The same file with one amount given a
// third decimal is refused at that line.
func TestAmountNotationsInFiles(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	for _, conv := range []struct {
		name         string
		delim, sign  string
		thousands    string
		quoteIfComma bool
	}{{"comma, ;", ";", ",", ".", false}, {"point, ,", ",", ".", ",", true}, {"comma, ,", ",", ",", ".", true}, {"point, ;", ";", ".", ",", false}} {
		t.Run(conv.name, func(t *testing.T) {
			header := strings.ReplaceAll(hdr, ";", conv.delim)
			var b strings.Builder
			b.WriteString(header)
			var want []value.Cents
			for i := 0; i < 400; i++ {
				c := value.Cents(rng.Int63n(int64(ingest.MaxAmount) + 1))
				if i%3 == 0 {
					c = c / 100 * 100
				}
				euros, cents := int64(c)/100, int64(c)%100
				plain := fmt.Sprint(euros)
				grouped := strings.ReplaceAll(value.GroupThousands(plain), ".", conv.thousands)
				frac := fmt.Sprintf("%s%02d", conv.sign, cents)
				notations := []string{plain + frac, grouped + frac, "€ " + grouped + frac, "€" + plain + frac}
				if cents == 0 {
					notations = append(notations, plain+conv.sign+"0", "€ "+plain)
				}
				s := notations[i%len(notations)]
				if i == 0 {
					s = "12" + conv.sign + "34" // the first number decides
					c = 1234
				}
				if strings.Contains(s, conv.delim) {
					s = `"` + s + `"`
				}
				row := strings.NewReplacer("KD-1", fmt.Sprintf("KD-%d", i), "41,5", "41", "1234,56", s, "1500,00", "").Replace(row2)
				cells := strings.Split(strings.TrimSuffix(row, "\n"), ";")
				b.WriteString(strings.Join(cells, conv.delim) + "\n")
				want = append(want, c)
			}
			res := read(t, b.String())
			if len(res.Errors) > 0 {
				t.Fatalf("%d errors, first: %v", len(res.Errors), res.Errors[0])
			}
			recs := res.Snapshots[0].Records
			for i, r := range recs {
				if r.LKS != want[i] || !r.HasLKS() {
					t.Fatalf("line %d: %d, want %d", r.Line, r.LKS, want[i])
				}
			}
			if got := string(res.Source.Numbers.Sign); got != conv.sign {
				t.Errorf("decimal sign %q, want %q", got, conv.sign)
			}
			// A third decimal on line 50 refuses the file there.
			lines := strings.Split(b.String(), "\n")
			cells := strings.Split(lines[49], conv.delim)
			for i, c := range cells {
				if strings.HasPrefix(c, `"`) && !strings.HasSuffix(c, `"`) { // a quoted amount split by the delimiter
					cells[i], cells[i+1] = c+conv.delim+cells[i+1], ""
					cells = append(cells[:i+1], cells[i+2:]...)
					break
				}
			}
			lks := 16
			v := strings.Trim(cells[lks], `"`)
			if !strings.Contains(v, conv.sign) {
				v += conv.sign + "00"
			}
			for strings.Count(v[strings.LastIndex(v, conv.sign)+1:], "")-1 < 2 {
				v += "0"
			}
			cells[lks] = `"` + v + `7"`
			lines[49] = strings.Join(cells, conv.delim)
			bad := read(t, strings.Join(lines, "\n"))
			wantErr := fmt.Sprintf("export.csv:50: kolom 'lks_kwartaal': waarde '%s7' heeft meer dan twee decimalen (bedragen zijn op de cent)", v)
			if got := messages(bad.Errors); len(got) != 1 || got[0] != wantErr {
				t.Fatalf("errors %q, want %q", got, wantErr)
			}
		})
	}
}

// TestHostileAmountTypos (issue 11 follow-up): notations that were read as
// another amount than any reader would see. In a comma file 0.500 is no
// thousands notation of 500 (a group never starts with 0), and a space
// only separates groups of three: 100 50 is two numbers, not 10050.
func TestHostileAmountTypos(t *testing.T) {
	amount := "is geen bedrag (verwacht bijvoorbeeld 1.234,56)"
	var tests []hostile
	for _, v := range []string{"0.500", "0.001", "00.123", "01.234,00", "0.000.001", "100 50", "1 5", "12 34,00", "1 000.000,00", "1 0000,00", "€ 1 2", "1234 ,56"} {
		tests = append(tests, hostile{name: v, in: strings.Replace(clean, "1234,56", v, 1),
			want: []string{"export.csv:2: kolom 'lks_kwartaal': waarde '" + v + "' " + amount}})
	}
	// The other side: what stays accepted, read as its clean copy.
	for v, same := range map[string]string{
		"1 234,56": "1234,56", "1\u00a0234,56": "1234,56", "1\u202f234,56": "1234,56", "€ 1 234,56": "1234,56",
		"0,56": "0,56", "0": "0,00", "1.234,56": "1234,56", "€ - 1 234,56": "-1234,56", "- 5": "-5,00", "€-0,00": "0,00",
	} {
		tests = append(tests, hostile{name: "accepted " + v, in: strings.Replace(clean, "1234,56", v, 1),
			same: strings.Replace(clean, "1234,56", same, 1)})
	}
	runHostile(t, tests, ingest.Options{})
}

// TestHostileBSNMultiLine: a BSN split over the lines of a quoted field is
// refused at the line where the field starts.
func TestHostileBSNMultiLine(t *testing.T) {
	bsn := "lijkt een BSN (9 cijfers, voldoet aan de elfproef): de export moet gepseudonimiseerd zijn"
	var tests []hostile
	for _, v := range []string{"1234\n56\n782", "123\r\n456\r\n782", "KD-1\n123456782"} {
		tests = append(tests, hostile{name: v, in: strings.Replace(clean, ";KD-1;", ";\""+v+"\";", 1),
			want: []string{"export.csv:2: kolom 'clientnummer': waarde '" + strings.NewReplacer("\r\n", "⏎", "\n", "⏎").Replace(v) + "' " + bsn}})
	}
	runHostile(t, tests, ingest.Options{})
}

// TestHostileControlCharacters (issue 11 follow-up): a NUL byte or an
// escape sequence in a cell was accepted and carried into the records (and
// from there into the workbook's XML and the terminal). Each is refused
// at its line and column, shown with Unicode's control pictures.
func TestHostileControlCharacters(t *testing.T) {
	control := "bevat een stuurteken (zoals een nulbyte, hier getoond als ␀): het bestand is beschadigd of geen CSV-tekst"
	header := strings.TrimSuffix(hdr, "\n") + ";opmerking\n"
	base := header + strings.TrimSuffix(row2, "\n") + ";geen\n" + strings.TrimSuffix(row3, "\n") + ";\n"
	runHostile(t, []hostile{
		{name: "NUL in clientnummer", in: strings.Replace(clean, "KD-1", "KD\x00-1", 1),
			want: []string{"export.csv:2: kolom 'clientnummer': waarde 'KD␀-1' " + control}},
		{name: "escape sequence in gemeente, not also an unknown gemeente", in: strings.Replace(clean, "Deventer", "Dev\x1b[31menter", 1),
			want: []string{"export.csv:2: kolom 'gemeente': waarde 'Dev␛[31menter' " + control}},
		{name: "DEL in an unknown column", in: strings.Replace(base, ";geen\n", ";ge\x7fen\n", 1),
			want: []string{"export.csv:2: kolom 'opmerking': waarde 'ge␡en' " + control}},
		{name: "NUL in the header", in: strings.Replace(base, "opmerking", "opm\x00erking", 1),
			want: []string{"export.csv:1: kolom 'opm␀erking': " + control}},
	}, ingest.Options{Known: func(g string) bool { return g == "Deventer" }})
	// The other side: tab and a line break in a quoted field are text.
	runHostile(t, []hostile{
		{name: "tab and line break in a quoted unknown cell", in: strings.Replace(base, ";geen\n", ";\"ge\ten\nx\"\n", 1), same: base},
	}, ingest.Options{})
}

// TestHostileQuotes (issue 11 follow-up): a quote that is not closed
// swallows the rest of the file; the error named the last line (where
// encoding/csv noticed it) instead of the line with the open quote.
func TestHostileQuotes(t *testing.T) {
	more := clean + strings.Replace(row3, "KD-2", "KD-3", 1)
	runHostile(t, []hostile{
		{name: "open quote swallows the file", in: strings.Replace(more, ";KD-1;", ";\"KD-1;", 1),
			want: []string{"export.csv:2: CSV-fout: aanhalingsteken (\") niet goed afgesloten in een veld dat op deze regel begint (gemerkt op regel 4)"}},
		{name: "open quote on the last line", in: strings.Replace(more, ";KD-3;", ";\"KD-3;", 1),
			want: []string{"export.csv:4: CSV-fout: aanhalingsteken (\") niet goed afgesloten in een veld dat op deze regel begint"}},
		{name: "text after the closing quote of a multi-line field", in: strings.Replace(more, ";KD-1;", ";\"KD\n1\"x;", 1),
			want: []string{"export.csv:2: CSV-fout: aanhalingsteken (\") niet goed afgesloten in een veld dat op deze regel begint (gemerkt op regel 3)"}},
		{name: "bare quote", in: strings.Replace(more, ";KD-2;", ";KD\"2;", 1),
			want: []string{"export.csv:3: CSV-fout: aanhalingsteken (\") midden in een veld dat niet tussen aanhalingstekens staat"}},
	}, ingest.Options{})
}

// TestHostileWideHeader (issue 11 follow-up): a 2 MB header of a million
// semicolons gave a million warnings, seconds and hundreds of MB; Excel's
// trailing ;;; gave one warning per empty column. Empty header names are
// one warning; more than MaxColumns columns refuse the file at once.
func TestHostileWideHeader(t *testing.T) {
	pad := func(s string, n int) string {
		return strings.ReplaceAll(s, "\n", strings.Repeat(";", n)+"\n")
	}
	for _, tt := range []struct {
		name     string
		in       string
		errs     []string
		warnings []string
	}{
		{name: "three empty columns", in: pad(clean, 3),
			warnings: []string{"export.csv:1: 3 kolommen hebben geen naam in de kopregel (de eerste is nr. 19), worden genegeerd"}},
		{name: "one empty column", in: pad(clean, 1),
			warnings: []string{"export.csv:1: kolom nr. 19 heeft geen naam in de kopregel, wordt genegeerd"}},
		{name: "exactly MaxColumns", in: pad(clean, ingest.MaxColumns-18),
			warnings: []string{fmt.Sprintf("export.csv:1: %d kolommen hebben geen naam in de kopregel (de eerste is nr. 19), worden genegeerd", ingest.MaxColumns-18)}},
		{name: "one more than MaxColumns", in: pad(clean, ingest.MaxColumns-17),
			errs: []string{fmt.Sprintf("export.csv:1: de kopregel heeft %d kolommen, meer dan 1000: dit is geen export volgens het contract (18 kolommen); het bestand is niet verder gelezen", ingest.MaxColumns+1)}},
		{name: "a million, after sep=", in: "sep=;\n" + pad(clean, 1000000),
			errs: []string{"export.csv:2: de kopregel heeft 1000018 kolommen, meer dan 1000: dit is geen export volgens het contract (18 kolommen); het bestand is niet verder gelezen"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := ingest.ReadFile("export.csv", []byte(tt.in), time.Time{})
			if got := strings.Join(messages(res.Errors), "\n"); got != strings.Join(tt.errs, "\n") {
				t.Fatalf("errors:\n%s\nwant:\n%s", got, strings.Join(tt.errs, "\n"))
			}
			if got := strings.Join(messages(res.Warnings), "\n"); got != strings.Join(tt.warnings, "\n") {
				t.Fatalf("warnings:\n%s\nwant:\n%s", got, strings.Join(tt.warnings, "\n"))
			}
			if tt.errs == nil && !reflect.DeepEqual(records(t, res), records(t, read(t, clean))) {
				t.Fatal("records differ from the clean copy")
			}
		})
	}
	// A BSN in a column without a name is still found, and named by number.
	in := strings.TrimSuffix(hdr, "\n") + ";\n" + strings.TrimSuffix(row2, "\n") + ";123456782\n" + strings.TrimSuffix(row3, "\n") + ";\n"
	res := ingest.ReadFile("export.csv", []byte(in), time.Time{})
	if got := messages(res.Errors); len(got) != 1 || got[0] != "export.csv:2: kolom 'nr. 19, zonder naam': waarde '123456782' lijkt een BSN (9 cijfers, voldoet aan de elfproef): de export moet gepseudonimiseerd zijn" {
		t.Fatalf("errors %q", got)
	}
}

// TestHostileGemeenteNFD (issue 11 follow-up): a gemeente written with
// combining accents (U+0301 after the u, as macOS tools may write it) was
// "not in the parameters file" although it looks identical, or, without
// the check, a second gemeente with the same name. It is the composed one.
func TestHostileGemeenteNFD(t *testing.T) {
	const nfc, nfd = "Súdwest-Fryslân", "Su\u0301dwest-Frysla\u0302n"
	known := ingest.Options{Known: func(g string) bool { return g == nfc }}
	in := strings.Replace(clean, "Deventer", nfd, 1) // row 2 decomposed, row 3 composed
	in = strings.Replace(in, "Deventer", nfc, 1)
	res := known.ReadFile("export.csv", []byte(in), time.Time{})
	if len(res.Errors) > 0 || len(res.Snapshots) != 1 || res.Snapshots[0].Gemeente != nfc || len(res.Snapshots[0].Records) != 2 {
		t.Fatalf("errors %v, snapshots %d", messages(res.Errors), len(res.Snapshots))
	}
	want := records(t, read(t, clean))
	if got := records(t, res); !reflect.DeepEqual(got, want) {
		t.Fatalf("records differ:\n got %+v\nwant %+v", got, want)
	}
	// The other side: another name is still unknown.
	res = known.ReadFile("export.csv", []byte(strings.ReplaceAll(clean, "Deventer", "Sudwest-Fryslan")), time.Time{})
	if got := messages(res.Errors); len(got) != 1 || !strings.Contains(got[0], "waarde 'Sudwest-Fryslan' staat niet in het parameterbestand") {
		t.Fatalf("errors %q", got)
	}
}
