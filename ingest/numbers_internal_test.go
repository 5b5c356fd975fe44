package ingest

import (
	"testing"

	"beschut/internal/value"
)

// TestPlainAgreesWithGeneral: for every string of up to six characters
// over digits, both signs, space, minus, % and €-free noise, whenever the
// fast path accepts a number the general path gives the same value, in
// both conventions, for amounts and decimals; and the fast path accepts
// the forms exports use.
func TestPlainAgreesWithGeneral(t *testing.T) {
	alphabet := []byte("019,.-% ")
	accepted := 0
	var walk func(prefix []byte)
	walk = func(prefix []byte) {
		s := string(prefix)
		for _, f := range []NumberFormat{CommaFormat, PointFormat, {Sign: ',', Thousands: '.', Line: 2}, {Sign: '.', Thousands: ',', Line: 2}} {
			if n, ok := f.plain(s, 2); ok {
				accepted++
				got, err := f.amountGeneral(s)
				if value.Cents(n) <= MaxAmount && (err != nil || got != value.Cents(n)) {
					t.Fatalf("%+v amount %q: plain %d, general %d %v", f, s, n, got, err)
				}
			}
			if n, ok := f.plain(s, 4); ok {
				got, err := f.decimalGeneral(s, false)
				if err != nil || got != value.Fixed(n) {
					t.Fatalf("%+v decimal %q: plain %d, general %d %v", f, s, n, got, err)
				}
				got, err = f.decimalGeneral(s, true)
				if err != nil || got != value.Fixed(n) {
					t.Fatalf("%+v percentage %q: plain %d, general %d %v", f, s, n, got, err)
				}
			}
		}
		if len(prefix) == 6 {
			return
		}
		for _, c := range alphabet {
			walk(append(prefix, c))
		}
	}
	walk(nil)
	t.Logf("%d accepted", accepted)
	if accepted < 1000 {
		t.Fatalf("the fast path accepted only %d strings", accepted)
	}
	for _, tt := range []struct {
		f      NumberFormat
		s      string
		places int
		want   int64
		ok     bool
	}{
		{CommaFormat, "1234,56", 2, 123456, true},
		{CommaFormat, "24", 4, 240000, true},
		{CommaFormat, "41,5", 4, 415000, true},
		{CommaFormat, "0,0001", 4, 1, true},
		{CommaFormat, "0,00001", 4, 0, false}, // five decimals
		{CommaFormat, "1,234", 2, 0, false},   // three decimals in an amount
		{CommaFormat, "41.5", 4, 0, false},    // the other sign
		{PointFormat, "41.5", 4, 415000, true},
		{CommaFormat, "1.234,56", 2, 0, false}, // thousands
		{CommaFormat, "-5", 2, 0, false},
		{CommaFormat, "€5", 2, 0, false},
		{CommaFormat, "5%", 4, 0, false},
		{CommaFormat, "5,", 2, 0, false},
		{CommaFormat, ",5", 2, 0, false},
		{CommaFormat, "", 2, 0, false},
		{CommaFormat, "123456789012", 2, 12345678901200, true},
		{CommaFormat, "1234567890123", 2, 0, false}, // 13 characters
	} {
		n, ok := tt.f.plain(tt.s, tt.places)
		if n != tt.want || ok != tt.ok {
			t.Errorf("plain(%q, %d) = %d %v, want %d %v", tt.s, tt.places, n, ok, tt.want, tt.ok)
		}
	}
}

// TestScanCell: scanCell's control flag is hasControl, byte by byte, and
// it never skips a cell ContainsBSN would refuse (a BSN has nine ASCII
// digits, or non-ASCII ones).
func TestScanCell(t *testing.T) {
	for b := 0; b < 256; b++ {
		s := "a" + string([]byte{byte(b)}) + "1"
		digits, ascii, control := scanCell(s)
		if control != hasControl(s) {
			t.Errorf("byte %#x: control %v, hasControl %v", b, control, hasControl(s))
		}
		if ascii != (b < 0x80) {
			t.Errorf("byte %#x: ascii %v", b, ascii)
		}
		if want := 1 + boolInt(b >= '0' && b <= '9'); digits != want {
			t.Errorf("byte %#x: %d digits, want %d", b, digits, want)
		}
	}
	for _, s := range []string{"123456782", "BSN 123 456 782", "１２３４５６７８２", "12345678", "G1000-00010"} {
		digits, ascii, _ := scanCell(s)
		if ContainsBSN(s) && digits < 9 && ascii {
			t.Errorf("%q: a BSN that scanCell would skip", s)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
