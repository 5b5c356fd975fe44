package value

import (
	"errors"
	"testing"
	"time"
)

// TestDateAgainstTime walks every day from 1899 to 2101 and some far
// years, and checks the day number, its calendar fields, String, Time and
// IsQuarterEnd against package time.
func TestDateAgainstTime(t *testing.T) {
	check := func(tm time.Time) {
		t.Helper()
		d := Day(tm)
		if want := Date((tm.Unix() - (time.Time{}).Unix()) / 86400); d != want {
			t.Fatalf("Day(%s) = %d, want %d", tm.Format("2006-01-02"), d, want)
		}
		y, m, dd := d.Date()
		if y != tm.Year() || m != int(tm.Month()) || dd != tm.Day() || d.Year() != tm.Year() {
			t.Fatalf("%d.Date() = %d-%d-%d, want %s", d, y, m, dd, tm.Format("2006-01-02"))
		}
		if !d.Time().Equal(tm) {
			t.Fatalf("%d.Time() = %s, want %s", d, d.Time(), tm)
		}
		if d.String() != FormatDate(tm) {
			t.Fatalf("%d.String() = %s, want %s", d, d, FormatDate(tm))
		}
		if d.IsQuarterEnd() != IsQuarterEnd(tm) {
			t.Fatalf("%s: IsQuarterEnd %v, time says %v", d, d.IsQuarterEnd(), IsQuarterEnd(tm))
		}
	}
	for tm := time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2102; tm = tm.AddDate(0, 0, 1) {
		check(tm)
	}
	for _, y := range []int{1, 2, 4, 99, 100, 400, 1600, 1900, 2000, 2099, 2100, 2400, 9999} {
		for _, md := range [][2]int{{1, 1}, {2, 28}, {3, 1}, {12, 31}} {
			check(time.Date(y, time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC))
		}
	}
}

func TestDateZero(t *testing.T) {
	var d Date
	if !d.IsZero() || !d.Time().IsZero() || Day(time.Time{}) != 0 {
		t.Fatal("the zero Date is the zero time")
	}
	if Day(time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		t.Fatal("a real day is not zero")
	}
	a, b := DateOf(2023, 6, 30), DateOf(2023, 7, 1)
	if !a.Before(b) || a.After(b) || !b.After(a) || b.Before(a) || a.Before(a) || a.After(a) {
		t.Fatal("order of 30-06 and 01-07")
	}
	if a.AddDays(1) != b || b.AddDays(-1) != a {
		t.Fatal("AddDays across a month end")
	}
}

// TestParseDay: the same answers as ParseDate, both sides of every
// boundary (month and day ranges, leap years, the shape).
func TestParseDay(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"30-06-2023", "30-06-2023", nil},
		{"2023-06-30", "30-06-2023", nil},
		{"1-7-2023", "01-07-2023", nil},
		{"2023-7-1", "01-07-2023", nil},
		{"29-02-2024", "29-02-2024", nil},
		{"29-02-2000", "29-02-2000", nil},
		{"29-02-1900", "", ErrNoSuchDate},
		{"29-02-2023", "", ErrNoSuchDate},
		{"28-02-2023", "28-02-2023", nil},
		{"31-06-2023", "", ErrNoSuchDate},
		{"30-06-2023", "30-06-2023", nil},
		{"31-12-2023", "31-12-2023", nil},
		{"32-12-2023", "", ErrNoSuchDate},
		{"00-12-2023", "", ErrNoSuchDate},
		{"01-00-2023", "", ErrNoSuchDate},
		{"01-13-2023", "", ErrNoSuchDate},
		{"01-01-0000", "01-01-0000", nil},
		{"31-12-9999", "31-12-9999", nil},
		{"30/06/2023", "", ErrDate},
		{"30-06-23", "", ErrDate},
		{"300-06-2023", "", ErrDate},
		{"30-06-2023-", "", ErrDate},
		{"3a-06-2023", "", ErrDate},
		{"30-06", "", ErrDate},
		{"", "", ErrDate},
	}
	for _, tt := range tests {
		d, err := ParseDay(tt.in)
		if !errors.Is(err, tt.err) || (err == nil && d.String() != tt.want) {
			t.Errorf("ParseDay(%q) = %v, %v; want %s, %v", tt.in, d, err, tt.want, tt.err)
		}
		tm, terr := ParseDate(tt.in)
		if !errors.Is(terr, tt.err) || err == nil && !tm.Equal(d.Time()) {
			t.Errorf("ParseDate(%q) = %v, %v; ParseDay says %v, %v", tt.in, tm, terr, d, err)
		}
	}
}
