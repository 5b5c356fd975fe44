package ingest

import (
	"beschut/internal/value"
	"fmt"
	"strings"
)

// NumberFormat is how one file writes numbers: its decimal sign and the
// thousands separator that goes with it (contract 1.1: the decimal sign is a
// property of the file, never guessed value by value).
type NumberFormat struct {
	Sign      byte // the decimal sign: ',' or '.'
	Thousands byte // the other one
	Line      int  // the line whose number decided it; 0: decided by the delimiter
}

// CommaFormat and PointFormat are the two conventions.
var (
	CommaFormat = NumberFormat{Sign: ',', Thousands: '.'}
	PointFormat = NumberFormat{Sign: '.', Thousands: ','}
)

func formatFor(decimal byte, line int) NumberFormat {
	f := PointFormat
	if decimal == ',' {
		f = CommaFormat
	}
	f.Line = line
	return f
}

// MaxAmount is the plausibility bound of one amount for one person in one
// quarter: € 1.000.000,00 (contract 1.1). With it no sum can overflow: an
// int64 holds more than 9·10^10 such amounts.
const MaxAmount value.Cents = 1_000_000_00

// numberBody strips what may surround a number (spaces, a leading € and
// sign, a trailing %) and returns the digits and separators, or "" when
// anything else is left.
func numberBody(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimPrefix(strings.TrimSpace(s), "€")
	s = strings.TrimSpace(s)
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = strings.TrimSpace(strings.TrimPrefix(s[1:], "€"))
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != ',' && c != ' ' {
			return ""
		}
	}
	return s
}

// decisiveSign reports which decimal sign a number written as s can only
// have been written with: ',' for 1.234,56, 3079,39 or 24,5; '.' for
// 1,234.56 or 3079.39; 0 when it fits both (24, 1.234, 12,345) or is no
// number at all.
func decisiveSign(s string) byte {
	s = numberBody(s)
	var last byte
	lastAt, dots, commas := -1, 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			dots++
			last, lastAt = '.', i
		case ',':
			commas++
			last, lastAt = ',', i
		}
	}
	switch {
	case lastAt < 0:
		return 0
	case dots > 0 && commas > 0: // the last separator is the decimal sign
		return last
	case dots+commas > 1: // repeated: thousands separators
		if last == '.' {
			return ','
		}
		return '.'
	}
	after := len(s) - lastAt - 1
	if after == 3 || after == 0 || lastAt == 0 {
		return 0 // 1.234 or 12,345: a thousands separator or three decimals
	}
	return last
}

// ConventionError: a number uses the other decimal sign than the file.
type ConventionError struct {
	Uses   byte // the decimal sign of the value
	Format NumberFormat
}

func signName(b byte) string {
	if b == ',' {
		return "decimaalkomma"
	}
	return "decimaalpunt"
}

func (e *ConventionError) Error() string {
	article := "de"
	if e.Format.Sign == '.' {
		article = "het"
	}
	return fmt.Sprintf("is geschreven met een %s, maar dit bestand gebruikt %s %s (vastgesteld op regel %d); één bestand gebruikt één notatie",
		signName(e.Uses), article, signName(e.Format.Sign), e.Format.Line)
}

// Errors of amounts under contract 1.1.
var (
	ErrAmountPlaces = fmt.Errorf("heeft meer dan twee decimalen (bedragen zijn op de cent)")
	ErrAmountBound  = fmt.Errorf("is meer dan € 1.000.000 voor één persoon in één kwartaal (onwaarschijnlijk)")
)

// Amount reads a euro amount written in this format: an optional leading €
// and sign, thousands separators in groups of three, and at most two
// decimals after the decimal sign. Its absolute value is at most MaxAmount.
func (f NumberFormat) Amount(s string) (value.Cents, error) {
	s = strings.TrimSpace(s)
	if n, ok := f.plain(s, 2); ok && value.Cents(n) <= MaxAmount {
		return value.Cents(n), nil
	}
	return f.amountGeneral(s)
}

// amountGeneral is Amount for every form, the plain one included.
func (f NumberFormat) amountGeneral(s string) (value.Cents, error) {
	if d := decisiveSign(s); d != 0 && d != f.Sign && f.Line > 0 {
		return 0, &ConventionError{Uses: d, Format: f}
	}
	return f.amount(s, MaxAmount, ErrAmountBound)
}

// amount reads an amount of at most bound (else tooBig): an optional €
// and minus sign with spaces around them, the whole euros written plainly
// or in groups of three separated by the thousands separator or by spaces
// (1.234.567 or 1 234 567, never both), at most two decimals. A space
// anywhere else is an error: 100 50 is two numbers, not 10050.
func (f NumberFormat) amount(s string, bound value.Cents, tooBig error) (value.Cents, error) {
	s = strings.Map(func(r rune) rune {
		if r == '\u00a0' || r == '\u202f' { // no-break spaces: Excel and LibreOffice write them between groups
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s[1:]), "€"))
	}
	whole, frac, hasDec := strings.Cut(s, string(f.Sign))
	if hasDec && (frac == "" || !allDigits(frac)) || strings.IndexByte(frac, f.Sign) >= 0 {
		return 0, ErrAmount
	}
	if len(frac) > 2 {
		return 0, ErrAmountPlaces
	}
	sep := f.Thousands
	if strings.IndexByte(whole, ' ') >= 0 {
		if strings.IndexByte(whole, f.Thousands) >= 0 {
			return 0, ErrAmount
		}
		sep = ' '
	}
	digits, ok := grouped(whole, sep)
	if !ok {
		return 0, ErrAmount
	}
	var n int64
	for _, part := range []string{digits, frac + "00"[len(frac):]} {
		for i := 0; i < len(part); i++ {
			n = n*10 + int64(part[i]-'0')
			if n > 1e15 { // far above any bound: stop before int64 could overflow
				return 0, tooBig
			}
		}
	}
	if value.Cents(n) > bound {
		return 0, tooBig
	}
	if neg {
		n = -n
	}
	return value.Cents(n), nil
}

// grouped returns the digits of s, a whole number written plainly or with
// sep between groups of three (the first group one to three digits, not
// starting with 0: 0.500 is no thousands notation of 500, but a typo).
func grouped(s string, sep byte) (string, bool) {
	if s == "" {
		return "", false
	}
	if strings.IndexByte(s, sep) < 0 {
		return s, allDigits(s)
	}
	groups := strings.Split(s, string(sep))
	if len(groups[0]) < 1 || len(groups[0]) > 3 || groups[0][0] == '0' {
		return "", false
	}
	for i, g := range groups {
		if i > 0 && len(g) != 3 || !allDigits(g) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Decimal reads a decimal number (hours, a percentage) in this format: no
// thousands separator, at most four decimals; with percent one trailing %
// is allowed.
func (f NumberFormat) Decimal(s string, percent bool) (value.Fixed, error) {
	s = strings.TrimSpace(s)
	if n, ok := f.plain(s, 4); ok {
		return value.Fixed(n), nil
	}
	return f.decimalGeneral(s, percent)
}

// decimalGeneral is Decimal for every form, the plain one included.
func (f NumberFormat) decimalGeneral(s string, percent bool) (value.Fixed, error) {
	if d := decisiveSign(s); d != 0 && d != f.Sign && f.Line > 0 {
		return 0, &ConventionError{Uses: d, Format: f}
	}
	if percent {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	if strings.IndexByte(s, f.Thousands) >= 0 || strings.Count(s, string(f.Sign)) > 1 {
		return 0, ErrDecimal
	}
	return parseFixed(strings.Replace(s, string(f.Sign), ".", 1), 4, ErrDecimal)
}

// plain reads the form almost every number of an export has: digits,
// optionally this file's decimal sign and one to places digits ("1234,56",
// "24", "41,5"), at most 12 characters. It returns the number scaled by
// 10^places; ok is false for anything else (a sign, €, %, a thousands
// separator, the other decimal sign, more decimals), which the general
// path reads or refuses. For every string plain accepts, the general path
// gives the same value: its only separator is the file's decimal sign, so
// no convention error can apply, and there are no groups to check.
func (f NumberFormat) plain(s string, places int) (int64, bool) {
	if len(s) == 0 || len(s) > 12 {
		return 0, false
	}
	var n int64
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int64(s[i]-'0')
	}
	if i == 0 {
		return 0, false
	}
	decimals := 0
	if i < len(s) {
		if s[i] != f.Sign {
			return 0, false
		}
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			n = n*10 + int64(s[i]-'0')
			decimals++
		}
		if i != len(s) || decimals == 0 || decimals > places {
			return 0, false
		}
	}
	for ; decimals < places; decimals++ {
		n *= 10
	}
	return n, true
}
