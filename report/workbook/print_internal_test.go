package workbook

import (
	"fmt"
	"testing"
)

// TestColumnPages: whole groups to a printed page while they fit (a group
// that fits exactly stays, a hair more moves it to the next page), a group
// that fits a page of its own starts one, a wider group fills the page it
// starts on and runs on.
func TestColumnPages(t *testing.T) {
	// At 100 %: column A (10 wide) and a first group of two columns of 20.
	head := []float64{10, 20, 20}
	used := columnPx(10) + 2*columnPx(20)
	exact := (landscapeWidthPx - used - 5) / 9.5 // the width that fills the page exactly
	for _, c := range []struct {
		name   string
		widths []float64
		groups []int
		want   []int
	}{
		{"fits", append(head, 10), []int{2, 4}, nil},
		{"fits exactly", append(head, exact), []int{2, 4}, nil},
		{"a hair too wide: next page", append(head, exact+0.01), []int{2, 4}, []int{4}},
		{"group of two moves whole", append(head, exact/2, exact/2+0.01), []int{2, 4}, []int{4}},
		// Two columns of 50 do not fit a page with column A: the group
		// fills the first page's room and runs on.
		{"wider than a page", append(head, 50, 50), []int{2, 4}, []int{5}},
		{"each group its page", append(head, 60, 10, 60), []int{2, 4, 6}, []int{4, 6}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := columnPages(c.widths, 2, c.groups, 100)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("breaks before %v, want %v", got, c.want)
			}
		})
	}
}
