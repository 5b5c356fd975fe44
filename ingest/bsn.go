package ingest

import (
	"unicode"
	"unicode/utf8"
)

// ContainsBSN reports whether the text s holds something that looks like a
// BSN (contract 1.1): nine digits that pass the elfproef, written together
// (123456782), with a prefix (BSN123456782), with leading zeros
// (00123456782, as a spreadsheet pads a number), or in groups separated by
// one to three separator characters (1234 56 782, 1234.56.782,
// 123-456-782, 123 - 456 - 782, 123/456/782). Separators are spaces of any
// kind (also the no-break space and line breaks), dots, dashes, slashes,
// underscores and commas. Digits are any decimal digits Unicode knows, so
// full-width １２３４５６７８２ or Arabic-Indic digits are no way around it.
// A run of grouped digits is checked when it has nine digits in all in
// groups of two to four (as BSNs are written: 4-2-3, 3-3-3, 2-2-2-3), and
// each group of nine or more digits on its own. So a clientnummer such as
// G1000-00002 (groups of 4 and 5) or a date followed by a number
// (30-06-2023 5) is not taken for a grouped BSN.
//
// It is applied to every cell of every column, numeric ones included: a
// valid date has eight digits and a valid amount at most nine only above
// the € 1.000.000 bound (123.456.782 is refused either way), so a valid
// value never matches; free text can, which is the point.
func ContainsBSN(s string) bool {
	digits, ascii, _ := scanCell(s)
	if ascii {
		if digits < 9 {
			return false
		}
		return containsBSN(s)
	}
	return containsBSN(foldDigits(s))
}

// foldDigits writes every decimal digit of s as an ASCII digit, every other
// space as ' ' and every other non-ASCII character as 'x', so containsBSN
// reads it byte by byte.
func foldDigits(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case unicode.IsDigit(r):
			b = append(b, byte('0'+digitValue(r)))
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			b = append(b, ' ')
		default:
			b = append(b, 'x')
		}
	}
	return string(b)
}

// digitValue is the value of a Unicode decimal digit: Unicode encodes every
// decimal digit in runs of ten from 0 to 9, so its place in the range of
// unicode.Nd that holds it gives its value.
func digitValue(r rune) int {
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return 0
}

// containsBSN is ContainsBSN on ASCII text.
func containsBSN(s string) bool {
	var run [9]byte // the digits of the current run, while it has at most nine
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		n := 0           // digits in the run
		grouping := true // every group has two to four digits
		for {
			start := i
			for i < len(s) && isDigit(s[i]) {
				if n < len(run) {
					run[n] = s[i]
				}
				n++
				i++
			}
			if group := s[start:i]; len(group) >= 9 && paddedBSN(group) {
				return true
			}
			grouping = grouping && i-start >= 2 && i-start <= 4
			seps := 0
			for i+seps < len(s) && seps < 3 && isBSNSeparator(s[i+seps]) {
				seps++
			}
			if seps > 0 && i+seps < len(s) && isDigit(s[i+seps]) {
				i += seps
				continue
			}
			break
		}
		if n == 9 && grouping && LooksLikeBSN(string(run[:])) {
			return true
		}
	}
	return false
}

// paddedBSN reports whether a run of nine or more digits is a BSN, with
// leading zeros when it is longer.
func paddedBSN(digits string) bool {
	for _, c := range digits[:len(digits)-9] {
		if c != '0' {
			return false
		}
	}
	return LooksLikeBSN(digits[len(digits)-9:])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isBSNSeparator(c byte) bool {
	switch c {
	case ' ', '.', '-', '/', '_', ',', '\t', '\n', '\r':
		return true
	}
	return false
}
