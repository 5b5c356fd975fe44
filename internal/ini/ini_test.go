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
