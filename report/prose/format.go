package prose

import (
	"beschut/internal/value"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var maanden = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// Datum writes a date as in prose: 30 juni 2023.
func Datum(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), maanden[t.Month()-1], t.Year())
}

// TabelDatum writes a date as in tables: 30-06-2023.
func TabelDatum(t time.Time) string { return value.FormatDate(t) }

// The Dutch notation of package value, under the names the templates use.
var (
	pct   = value.Percent // 41%
	getal = value.Integer // 1.234
	euro  = value.Euro    // € 338.634, whole euros
)

// num writes a count with a thousands dot: 4.508.
func num(n int) string { return getal(int64(n)) }

// decimaal writes a number with one decimal and a decimal comma: 2,8.
func decimaal(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 1, 64), ".", ",", 1)
}

// personen: "geen personen", "1 persoon", "4.508 personen".
func personen(n int) string { return aantal(n, "persoon", "personen") }

// niemandOf: "niemand", "1 persoon", "48 personen": for a subject that may
// be nobody ("… en niemand een vast dienstverband").
func niemandOf(n int) string {
	if n == 0 {
		return "niemand"
	}
	return personen(n)
}

func aantal(n int, een, meer string) string {
	switch n {
	case 0:
		return "geen " + meer
	case 1:
		return "1 " + een
	}
	return num(n) + " " + meer
}

// ww picks the verb form that agrees with n: singular only for exactly 1.
func ww(n int, enkel, meer string) string {
	if n == 1 {
		return enkel
	}
	return meer
}

// zijnEr: "is er" for 1, else "zijn er".
func zijnEr(n int) string { return ww(n, "is er", "zijn er") }

// hoofdletter upper-cases the first letter, whatever its length in bytes,
// as Dutch spelling does: "één persoon" → "Eén persoon", "ijsland" →
// "IJsland", "ë" → "Ë".
func hoofdletter(s string) string {
	switch {
	case strings.HasPrefix(s, "éé"):
		return "E" + s[len("é"):]
	case strings.HasPrefix(s, "ij"):
		return "IJ" + s[2:]
	}
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

var kwartaalWoorden = []string{"eerste", "tweede", "derde", "vierde"}

// Kwartaal writes a quarter as in prose and tables: 2e kwartaal 2023.
func Kwartaal(jaar, k int) string { return fmt.Sprintf("%de kwartaal %d", k, jaar) }

// totKwartaal marks a partial year: 2023 (t/m 2e kwartaal).
func totKwartaal(jaar, k int) string { return fmt.Sprintf("%d (t/m %de kwartaal)", jaar, k) }
