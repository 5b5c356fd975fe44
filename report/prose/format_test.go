package prose

import (
	"beschut/internal/value"
	"testing"
	"unicode/utf8"
)

// TestFormat: Dutch numbers, quarters and capitals, multi-byte letters included.
func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{hoofdletter("één persoon"), "Eén persoon"},
		{hoofdletter("ééN"), "EéN"},
		{hoofdletter("ëlectro"), "Ëlectro"},
		{hoofdletter("ijsselstreek"), "IJsselstreek"},
		{hoofdletter("het SW-bedrijf"), "Het SW-bedrijf"},
		{hoofdletter("'s-Hertogenbosch"), "'s-Hertogenbosch"},
		{hoofdletter(""), ""},
		{hoofdletter("\xff"), "\xff"},
		{personen(4508), "4.508 personen"},
		{personen(999), "999 personen"},
		{personen(1000), "1.000 personen"},
		{personen(1), "1 persoon"},
		{personen(0), "geen personen"},
		{niemandOf(0), "niemand"},
		{niemandOf(2), "2 personen"},
		{num(1234567), "1.234.567"},
		{euro(value.Cents(-4820000)), "€ -48.200"},
		{euro(value.Cents(-50)), "€ -1"}, // half a euro rounds away from zero
		{euro(value.Cents(-49)), "€ 0"},  // a difference that rounds to nothing has no sign
		{euro(value.Cents(49)), "€ 0"},
		{euro(value.Cents(50)), "€ 1"},
		{Kwartaal(2023, 2), "2e kwartaal 2023"},
		{totKwartaal(2023, 2), "2023 (t/m 2e kwartaal)"},
		{afzender("Deventer"), "Gemeente Deventer"},
		{afzender("Gemeente 001"), "Gemeente 001"},
		{afzender("Gemeentelanden"), "Gemeente Gemeentelanden"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if s := hoofdletter("één"); !utf8.ValidString(s) {
		t.Errorf("hoofdletter(één) = %q: invalid UTF-8", s)
	}
}
