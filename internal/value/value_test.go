package value

import (
	"errors"
	"testing"
	"time"
)

func TestNotation(t *testing.T) {
	tests := []struct{ got, want string }{
		{Integer(0), "0"},
		{Integer(999), "999"},
		{Integer(1000), "1.000"},
		{Integer(4508), "4.508"},
		{Integer(-1234567), "-1.234.567"},
		{Euro(33863400), "€ 338.634"},
		{Euro(49), "€ 0"},
		{Euro(50), "€ 1"},
		{Euro(-49), "€ 0"},
		{Euro(-50), "€ -1"},
		{Cents(123456).String(), "1.234,56"},
		{Cents(-5).String(), "-0,05"},
		{Fixed(415000).String(), "41,5"},
		{FixedFromInt(24).String(), "24"},
		{Percent(76.5), "77%"},
		{Percent(76.49), "76%"},
		{FormatDate(time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)), "30-06-2023"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"30-06-2023", "30-06-2023", nil},
		{"2023-06-30", "30-06-2023", nil},
		{"1-7-2023", "01-07-2023", nil},
		{"29-02-2024", "29-02-2024", nil},
		{"29-02-2023", "", ErrNoSuchDate},
		{"31-06-2023", "", ErrNoSuchDate},
		{"30/06/2023", "", ErrDate},
		{"30-06-23", "", ErrDate},
		{"", "", ErrDate},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if !errors.Is(err, tt.err) || (err == nil && FormatDate(d) != tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %s, %v", tt.in, d, err, tt.want, tt.err)
		}
	}
}

func TestIsQuarterEnd(t *testing.T) {
	for _, d := range []string{"31-03-2023", "30-06-2023", "30-09-2023", "31-12-2023"} {
		if v, _ := ParseDate(d); !IsQuarterEnd(v) {
			t.Errorf("%s is a quarter end", d)
		}
	}
	for _, d := range []string{"30-03-2023", "01-04-2023", "29-06-2023", "01-01-2024"} {
		if v, _ := ParseDate(d); IsQuarterEnd(v) {
			t.Errorf("%s is no quarter end", d)
		}
	}
}
