package ini

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	lines, errs := Lines("a.conf", []byte("\ufeff# kop\n[sectie]  # commentaar\nSleutel = waarde = meer\n\nkapot\n[open\n"))
	if len(errs) != 1 || errs[0].Error() != "a.conf:5: waarde 'kapot' is geen regel van de vorm 'sleutel = waarde' of '[sectie]'" {
		t.Fatalf("errs = %v", errs)
	}
	want := []Line{
		{N: 2, IsSection: true, Section: "sectie", Text: "[sectie]"},
		{N: 3, Text: "Sleutel = waarde = meer", Key: "sleutel", Value: "waarde = meer"},
		{N: 6, IsSection: true, Text: "[open"},
	}
	if len(lines) != len(want) {
		t.Fatalf("lines = %+v", lines)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, lines[i], want[i])
		}
	}
}

// TestLongLine: a line over MaxLine is an error naming it, never a file
// silently read up to that line; a line of exactly MaxLine is read.
func TestLongLine(t *testing.T) {
	for _, tt := range []struct {
		name    string
		n       int
		crlf    bool
		wantErr bool
	}{
		{"exactly MaxLine", MaxLine, false, false},
		{"exactly MaxLine with CRLF", MaxLine, true, false},
		{"one byte over", MaxLine + 1, false, true},
		{"one byte over with CRLF", MaxLine + 1, true, true},
		{"far over", 10 * MaxLine, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			nl := "\n"
			if tt.crlf {
				nl = "\r\n"
			}
			long := "k = " + strings.Repeat("x", tt.n-4)
			data := "[a]" + nl + long + nl + "[b]" + nl + "z = 1" + nl
			lines, errs := Lines("p.conf", []byte(data))
			if !tt.wantErr {
				if len(errs) != 0 || len(lines) != 4 || len(lines[1].Value) != tt.n-4 {
					t.Fatalf("errs %v, %d lines", errs, len(lines))
				}
				return
			}
			if len(errs) != 1 || errs[0].Line != 2 || !errors.Is(errs[0], ErrLineTooLong) {
				t.Fatalf("errs = %v", errs)
			}
			if got, want := errs[0].Error(), "p.conf:2: regel is langer dan 64 KiB: het bestand is geweigerd"; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestJoinOrder: whatever order errors are collected in (a map's, in the
// schedules' checks), Join gives one order.
func TestJoinOrder(t *testing.T) {
	mk := func() []*Error {
		return []*Error{
			{File: "a", Line: 1, Key: "b", Err: errors.New("x")},
			{File: "a", Line: 1, Key: "b", Err: errors.New("y")},
			{File: "a", Line: 1, Key: "c", Err: errors.New("x")},
			{File: "a", Line: 2, Err: errors.New("x")},
			{File: "a", Line: 2, Value: "v", Err: errors.New("x")},
			{File: "b", Line: 1, Err: errors.New("x")},
		}
	}
	want := Join(mk()).Error()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 50; i++ {
		e := mk()
		rng.Shuffle(len(e), func(a, b int) { e[a], e[b] = e[b], e[a] })
		if got := Join(e).Error(); got != want {
			t.Fatalf("order depends on input:\n%s\nvs\n%s", got, want)
		}
	}
	if !strings.HasPrefix(want, "a:1: sleutel 'b': x\na:1: sleutel 'b': y\na:1: sleutel 'c': x\na:2: x\na:2: waarde 'v' x\nb:1: x") {
		t.Errorf("order:\n%s", want)
	}
	if Join(nil) != nil {
		t.Error("Join(nil) != nil")
	}
}

// TestLineEndingsAndEncodings (issue 11 follow-up): a CR-only file was one
// line, so a first comment made the whole file a comment and it was read
// as empty; a UTF-16 file gave a syntax error with garbage; a Windows-1252
// gemeente name never matched the export. Each is now read as its LF copy
// or refused with an error naming the line.
func TestLineEndingsAndEncodings(t *testing.T) {
	const lf = "# parameters\n[gemeente \"Súdwest-Fryslân\" 2023]\ntaakstelling = 40\n\nkader = x\n"
	want, errs := Lines("p.conf", []byte(lf))
	if len(errs) != 0 || len(want) != 3 {
		t.Fatalf("the LF copy: %v, %+v", errs, want)
	}
	utf16 := func(s string, big bool) []byte {
		var b []byte
		for _, r := range s { // the test text is in the BMP
			if big {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		return b
	}
	for _, tt := range []struct {
		name string
		in   []byte
		errs []string // nil: read as the LF copy
	}{
		{"CR only", []byte(strings.ReplaceAll(lf, "\n", "\r")), nil},
		{"CRLF", []byte(strings.ReplaceAll(lf, "\n", "\r\n")), nil},
		{"mixed", []byte(strings.Replace(strings.Replace(lf, "\n", "\r", 1), "\n", "\r\n", 1)), nil},
		{"BOM and CR only", []byte("\ufeff" + strings.ReplaceAll(lf, "\n", "\r")), nil},
		{"UTF-16 LE with BOM", append([]byte{0xff, 0xfe}, utf16(lf, false)...),
			[]string{`p.conf:1: het bestand is UTF-16 ("Unicode-tekst"): sla het op als UTF-8 (in Kladblok: Opslaan als, codering UTF-8)`}},
		{"UTF-16 BE without BOM", utf16(lf, true),
			[]string{`p.conf:1: het bestand is UTF-16 ("Unicode-tekst"): sla het op als UTF-8 (in Kladblok: Opslaan als, codering UTF-8)`}},
		{"UTF-16 LE without BOM", utf16(lf, false),
			[]string{`p.conf:1: het bestand is UTF-16 ("Unicode-tekst"): sla het op als UTF-8 (in Kladblok: Opslaan als, codering UTF-8)`}},
		{"Windows-1252", []byte(strings.NewReplacer("ú", "\xfa", "â", "\xe2").Replace(lf)),
			[]string{"p.conf:2: waarde '[gemeente \"S\uFFFDdwest-Frysl\uFFFDn\" 2023]' bevat tekens die geen geldige UTF-8 zijn (Windows-1252?): sla het bestand op als UTF-8"}},
		{"NUL byte", []byte(strings.Replace(lf, "40", "4\x000", 1)),
			[]string{"p.conf:3: bevat een nulbyte: het bestand is beschadigd of geen tekstbestand"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := Lines("p.conf", tt.in)
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if tt.errs != nil {
				if strings.Join(msgs, "\n") != strings.Join(tt.errs, "\n") {
					t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tt.errs, "\n"))
				}
				return
			}
			if len(errs) != 0 || len(got) != len(want) {
				t.Fatalf("errs %v, lines %+v", msgs, got)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}
