package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"beschut/report"
)

// File names of the documents are decided here and nowhere else.
//
// A document is named [CBS-code_]gemeente_jaar-Kkwartaal + the renderer's
// suffix, for example Deventer_2023-K2_raadsmededeling.pdf or, with a CBS
// code in the parameters file, GM0796_s-Hertogenbosch_2023-K2_… . The
// gemeente part keeps ASCII letters, digits and '-' (accents dropped: ú → u,
// anything else → '-', runs of '-' collapsed), never starts or ends with
// '-' or '.', and is at most maxGemeentePart bytes: a longer name is cut and
// gets 8 hex digits of the sha256 of the full name, so two long names that
// share their start still differ. Two gemeenten whose names still collide
// (Den Haag and Den-Haag, compared without case as a Windows share does) are
// refused with a ClashError naming both.

// maxGemeentePart bounds the gemeente part of a file name in bytes, so a
// name with code, quarter and the longest suffix stays far below the 255
// bytes file systems allow.
const maxGemeentePart = 80

// BaseName names a gemeente's documents without suffix:
// Deventer_2023-K2 or GM0150_Deventer_2023-K2.
func BaseName(s report.GemeenteSettings, gemeente string, jaar, kwartaal int) string {
	return fmt.Sprintf("%s_%d-K%d", namePart(s, gemeente), jaar, kwartaal)
}

// namePart is the part of the name that identifies the gemeente.
func namePart(s report.GemeenteSettings, gemeente string) string {
	part := safeGemeente(gemeente)
	if code := safeCode(s.CBSCode); code != "" {
		return code + "_" + part
	}
	return part
}

// clashKey is what two names must not share: file systems on shares
// compare names without case.
func clashKey(s report.GemeenteSettings, gemeente string) string {
	return strings.ToLower(namePart(s, gemeente))
}

// safeCode keeps the letters and digits of a CBS code, upper case, at most
// 16 of them.
func safeCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if (r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') && b.Len() < 16 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// safeGemeente is the gemeente part of a file name: see the comment above.
func safeGemeente(gemeente string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(gemeente) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // the accent of a decomposed letter
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		default:
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	part := strings.Trim(b.String(), "-.")
	sum := sha256.Sum256([]byte(gemeente))
	tag := hex.EncodeToString(sum[:4])
	switch {
	case part == "":
		return "gemeente-" + tag
	case len(part) > maxGemeentePart:
		return strings.TrimRight(part[:maxGemeentePart-9], "-") + "-" + tag
	}
	return part
}

// ClashError: two gemeenten would get the same file names.
type ClashError struct {
	Name string // the shared gemeente part of the name
	A, B string // the two gemeenten, as in the exports
}

func (e *ClashError) Error() string {
	return fmt.Sprintf("gemeenten %q en %q krijgen dezelfde bestandsnaam %s…: geef ze elk een CBS-code in het parameterbestand", e.A, e.B, e.Name)
}
