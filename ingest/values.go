package ingest

import (
	"beschut/internal/value"
	"fmt"
	"strings"
	"time"
)

// Participatiewet is the first day a date in an export may have.
var Participatiewet = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

// parseDecimal reads a plain decimal with a decimal comma or point (no
// thousands separator), value by value, for ParseDecimal. With percent, one
// trailing % is accepted.
func parseDecimal(s string, percent bool) (value.Fixed, error) {
	if percent {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	if strings.Count(s, ",")+strings.Count(s, ".") > 1 {
		return 0, ErrDecimal
	}
	s = strings.Replace(s, ",", ".", 1)
	return parseFixed(s, 4, ErrDecimal)
}

// parseFixed reads [-]digits[.digits] with at most places decimals into an
// integer scaled by 10^places.
func parseFixed(s string, places int, bad error) (value.Fixed, error) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" && frac == "" || hasDot && frac == "" || len(frac) > places {
		return 0, bad
	}
	var n int64
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, bad
		}
		n = n*10 + int64(r-'0')
		if n > 1e15 {
			return 0, bad
		}
	}
	for i := len(frac); i < places; i++ {
		n *= 10
	}
	if neg {
		n = -n
	}
	return value.Fixed(n), nil
}

// ParseAmount reads one euro amount on its own, without a file to decide
// the decimal sign (the parameters file uses it); exports are read with
// their file's NumberFormat.Amount instead. An optional leading € and minus
// sign, thousands separators and a decimal comma or point, decided by the
// value itself: with both signs the last is the decimal sign (1.234,56 and
// 1,234.56 are 1234,56; 1.234,567 has three decimals); one kind repeated
// separates thousands (1.234.567); one point before exactly three digits
// separates thousands (8.100 is 8100, as the parameters file has always
// been written); one comma before exactly three digits after one to three
// digits is ambiguous (1,234: thousands, or three decimals?) and refused,
// after more (1234,567) it has three decimals; otherwise the single
// sign is the decimal sign (8100,5 and 8100.50).
func ParseAmount(s string) (value.Cents, error) {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	f := CommaFormat
	switch last := strings.LastIndexAny(s, ".,"); {
	case dots > 0 && commas > 0:
		f = formatFor(s[last], 0)
	case dots > 1:
	case commas > 1:
		f = PointFormat
	case dots == 1 && len(strings.TrimSpace(s[last+1:])) != 3:
		f = PointFormat
	case commas == 1 && len(strings.TrimSpace(s[last+1:])) == 3:
		before := strings.TrimLeft(s[:last], " \t€-")
		if len(before) >= 1 && len(before) <= 3 && before[0] != '0' && allDigits(before) {
			return 0, ErrAmountAmbiguous // could be 1.234 or 1,234 (three decimals)
		}
	}
	return f.amount(s, maxParamAmount, ErrAmount)
}

// maxParamAmount bounds an amount in the parameters file (a yearly budget
// may well exceed the € 1.000.000 of one person's quarter): € 10^13.
const maxParamAmount value.Cents = 1e15

// ErrAmountAmbiguous: one comma followed by exactly three digits, on its own.
var ErrAmountAmbiguous = fmt.Errorf("is niet eenduidig: één komma met drie cijfers erachter (duizendtallen of drie decimalen?); schrijf 1.234 of 1234,00")

// LooksLikeBSN reports whether s is nine digits that pass the elfproef.
func LooksLikeBSN(s string) bool {
	if len(s) != 9 {
		return false
	}
	sum := 0
	for i, r := range s {
		if r < '0' || r > '9' {
			return false
		}
		w := 9 - i
		if i == 8 {
			w = -1
		}
		sum += w * int(r-'0')
	}
	return sum != 0 && sum%11 == 0
}

// ParseDecimal reads a decimal with a decimal comma or point; with percent a
// trailing % is accepted.
func ParseDecimal(s string, percent bool) (value.Fixed, error) {
	return parseDecimal(strings.TrimSpace(s), percent)
}
