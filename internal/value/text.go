package value

import (
	"fmt"
	"strings"
)

// BeyondBMP refuses text with characters beyond U+FFFF (an emoji): the
// raadsmededeling's PDF library (fpdf) maps characters up to U+FFFF only
// and panics on any other. Every text that reaches a document from outside
// (the parameters file, a duiding, a template) is checked with it where it
// is read, so the error has a position: the line and column (in
// characters) of each such character.
func BeyondBMP(text string) error {
	var at []string
	line, col := 1, 0
	for _, c := range text {
		col++
		if c > 0xFFFF {
			at = append(at, fmt.Sprintf("regel %d, kolom %d (U+%04X)", line, col, c))
		}
		if c == '\n' {
			line, col = line+1, 0
		}
	}
	if at != nil {
		return fmt.Errorf("teken buiten het bereik van het lettertype: %s", strings.Join(at, "; "))
	}
	return nil
}
