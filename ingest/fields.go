package ingest

import "strings"

// rawRow is what gocsv decodes one record into: the trimmed text of each
// cell of the contract's columns. Parsing happens in the validator, because
// how a number is read depends on the file (its decimal sign), and every
// error of a file must be reported, while gocsv stops at the first.
type rawRow struct {
	Peildatum             string `csv:"peildatum"`
	Gemeente              string `csv:"gemeente"`
	Clientnummer          string `csv:"clientnummer"`
	Instroomroute         string `csv:"instroomroute"`
	DatumIndicatie        string `csv:"datum_indicatie"`
	DatumStart            string `csv:"datum_start"`
	Fase                  string `csv:"fase"`
	DatumFase             string `csv:"datum_fase"`
	Werkplek              string `csv:"werkplek"`
	Uren                  string `csv:"uren_per_week"`
	Loonwaarde            string `csv:"loonwaarde"`
	LoonwaardeBron        string `csv:"loonwaarde_bron"`
	DatumLoonwaardemeting string `csv:"datum_loonwaardemeting"`
	Werkladder            string `csv:"werkladder"`
	DatumUitstroom        string `csv:"datum_uitstroom"`
	RedenUitstroom        string `csv:"reden_uitstroom"`
	LKS                   string `csv:"lks_kwartaal"`
	Begeleiding           string `csv:"begeleiding_kwartaal"`
}

// UnmarshalCSVWithFields implements gocsv.TypeUnmarshalCSVWithFields:
// gocsv hands each cell to the row by its (normalised) column name instead
// of setting fields through reflection.
func (r *rawRow) UnmarshalCSVWithFields(key, value string) error {
	value = strings.TrimSpace(value)
	switch key {
	case "peildatum":
		r.Peildatum = value
	case "gemeente":
		r.Gemeente = value
	case "clientnummer":
		r.Clientnummer = value
	case "instroomroute":
		r.Instroomroute = value
	case "datum_indicatie":
		r.DatumIndicatie = value
	case "datum_start":
		r.DatumStart = value
	case "fase":
		r.Fase = value
	case "datum_fase":
		r.DatumFase = value
	case "werkplek":
		r.Werkplek = value
	case "uren_per_week":
		r.Uren = value
	case "loonwaarde":
		r.Loonwaarde = value
	case "loonwaarde_bron":
		r.LoonwaardeBron = value
	case "datum_loonwaardemeting":
		r.DatumLoonwaardemeting = value
	case "werkladder":
		r.Werkladder = value
	case "datum_uitstroom":
		r.DatumUitstroom = value
	case "reden_uitstroom":
		r.RedenUitstroom = value
	case "lks_kwartaal":
		r.LKS = value
	case "begeleiding_kwartaal":
		r.Begeleiding = value
	}
	return nil // an unknown column: warned about at the header
}

// enumeration is a one-byte type with a fixed list of values, spelled by
// its Values: value i of the list is T(i+1).
type enumeration interface {
	~uint8
	Values() []string
}

// parseEnum matches s case-insensitively against T's values.
func parseEnum[T enumeration](s string) (T, error) {
	var zero T
	values := zero.Values()
	for i, v := range values {
		if v == s || strings.EqualFold(v, s) {
			return T(i + 1), nil
		}
	}
	return zero, &EnumError{Allowed: values}
}

// rowMeta is what the reader knows of a record beyond its cells: where it
// lies and which cells fail the checks that apply to every column, known or
// unknown. It travels beside the row, in the same order, so no synthetic
// column goes through gocsv.
type rowMeta struct {
	line    int       // physical line of the first cell
	lines   []int     // physical line of each cell, only when the record spans lines
	bsn     []cellHit // cells that hold a BSN
	invalid []cellHit // cells with bytes that are not UTF-8
	control []cellHit // cells with a control character
}

// cellHit is one cell that failed a check of every column.
type cellHit struct {
	col   int
	value string // trimmed, its own copy, invalid bytes shown as U+FFFD
}

// lineOf returns the physical line on which cell i starts.
func (m *rowMeta) lineOf(i int) int {
	if i < 0 || i >= len(m.lines) {
		return m.line
	}
	return m.lines[i]
}
