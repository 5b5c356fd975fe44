// Package value holds the domain's value types and their Dutch notation:
// amounts in cents, fixed-point decimals, dates as dd-mm-jjjj, thousands
// grouping and percentages. The reading side (ingest, the parameters file)
// and every renderer use it, so a figure is written the same way
// everywhere.
package value

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Fixed is a decimal number with four decimals, stored as an integer number
// of ten-thousandths: 41,5 is Fixed(415000). It keeps hours and percentages
// exact as KonnecteD wrote them.
type Fixed int64

// FixedScale is the number of Fixed units in 1.
const FixedScale = 10000

// Float returns f as a float64, for means and shares.
func (f Fixed) Float() float64 { return float64(f) / FixedScale }

// FixedFromInt returns n as a Fixed.
func FixedFromInt(n int) Fixed { return Fixed(n) * FixedScale }

// String formats f with a decimal comma and no trailing zeros.
func (f Fixed) String() string {
	s := strconv.FormatFloat(f.Float(), 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}

// Cents is an amount of money in euro cents.
type Cents int64

// Euros returns c as a float64 number of euros, for display cells only.
func (c Cents) Euros() float64 { return float64(c) / 100 }

// String formats c as 1.234,56.
func (c Cents) String() string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%s,%02d", sign, GroupThousands(strconv.FormatInt(int64(c/100), 10)), int64(c%100))
}

// GroupThousands puts a dot between every three digits of a run of
// digits, as Dutch amounts are written: 1234567 → 1.234.567.
func GroupThousands(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Integer writes a whole number with a thousands dot: 4.508, -1.234.
func Integer(n int64) string {
	if n < 0 {
		return "-" + GroupThousands(strconv.FormatInt(-n, 10))
	}
	return GroupThousands(strconv.FormatInt(n, 10))
}

// Euro writes an amount in whole euros, rounded half away from zero, with a
// thousands dot: € 338.634. An amount that rounds to nothing has no sign.
func Euro(c Cents) string {
	n := int64(c)
	if n < 0 {
		if e := (-n + 50) / 100; e > 0 {
			return "€ -" + Integer(e)
		}
		return "€ 0"
	}
	return "€ " + Integer((n+50)/100)
}

// Percent writes a percentage without decimals: 41%.
func Percent(f float64) string { return strconv.Itoa(int(math.Round(f))) + "%" }

// Reasons a date is refused.
var (
	ErrDate       = errors.New("is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)")
	ErrNoSuchDate = errors.New("is geen bestaande datum")
)

// FormatDate writes a date as dd-mm-jjjj: 30-06-2023.
func FormatDate(t time.Time) string { return t.Format("02-01-2006") }

// ParseDate reads dd-mm-jjjj (day and month may have one digit) or
// jjjj-mm-dd and checks that the date exists.
func ParseDate(s string) (time.Time, error) {
	d, err := ParseDay(s)
	if err != nil {
		return time.Time{}, err
	}
	return d.Time(), nil
}

func atoiDigits(s string) (int, error) {
	if s == "" {
		return 0, ErrDate
	}
	n := 0
	for i := 0; i < len(s); i++ { // bytes: a non-ASCII byte is no digit either
		if s[i] < '0' || s[i] > '9' {
			return 0, ErrDate
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, nil
}

// IsQuarterEnd reports whether t is 31-03, 30-06, 30-09 or 31-12.
func IsQuarterEnd(t time.Time) bool {
	next := t.AddDate(0, 0, 1)
	return next.Day() == 1 && (next.Month()-1)%3 == 0
}
