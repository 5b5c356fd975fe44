package workbook

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestHeaderLongName: a gemeente name of any length gives a page header
// within Excel's 255 characters; a name up to the bound stays whole.
func TestHeaderLongName(t *testing.T) {
	exact := strings.Repeat("é", maxHeaderName)
	if got := headerName(exact); got != exact {
		t.Errorf("name of %d characters shortened to %q", maxHeaderName, got)
	}
	long := strings.Repeat("Lange&", 50)
	h := headerText(long, "30-06-2023")
	if n := utf8.RuneCountInString(h); n > 255 || !strings.Contains(h, "…") {
		t.Errorf("header of %d characters: %q", n, h)
	}
	if got := headerName(long); utf8.RuneCountInString(got) != maxHeaderName {
		t.Errorf("shortened to %d characters", utf8.RuneCountInString(got))
	}
}
