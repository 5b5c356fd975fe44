package ingest

// ContainsBSN reports whether the text s holds something that looks like a
// BSN (contract 1.1): nine digits that pass the elfproef, written together
// (123456782), with a prefix (BSN123456782), or in groups separated by
// single spaces, dots or dashes (1234 56 782, 1234.56.782, 123-456-782).
// A run of grouped digits is checked when it has nine digits in all in
// groups of two to four (as BSNs are written: 4-2-3, 3-3-3, 2-2-2-3), and
// each group of exactly nine digits on its own. So a clientnummer such as
// G1000-00002 (groups of 4 and 5) or a date followed by a number
// (30-06-2023 5) is not taken for a grouped BSN.
//
// It is applied to every cell of every column, numeric ones included: a
// valid date has eight digits and a valid amount at most nine only above
// the € 1.000.000 bound (123.456.782 is refused either way), so a valid
// value never matches; free text can, which is the point.
func ContainsBSN(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	if digits < 9 {
		return false
	}
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
			if i-start == 9 && LooksLikeBSN(s[start:i]) {
				return true
			}
			grouping = grouping && i-start >= 2 && i-start <= 4
			if i+1 < len(s) && isBSNSeparator(s[i]) && isDigit(s[i+1]) {
				i++
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

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isBSNSeparator(c byte) bool { return c == ' ' || c == '.' || c == '-' }
