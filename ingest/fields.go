package ingest

import (
	"strconv"
	"strings"
	"time"
)

// The field types below are what gocsv decodes each cell into. gocsv stops a
// whole file at the first UnmarshalCSV error, but every error of a file must
// be reported, so none of these types ever returns one: each keeps the raw
// cell, the parsed value and the reason it could not be parsed. Validation
// then turns the reasons into positioned FieldErrors.

// TextField is a trimmed text cell.
type TextField struct {
	Raw string
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *TextField) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	return nil
}

// Parsed is a cell whose text is parsed by P into a T: the raw text, the
// value, and why it could not be parsed. An empty cell has no value and no
// error.
type Parsed[T any, P parser[T]] struct {
	Raw   string
	Value T
	Err   error
}

// parser parses a non-empty cell; its zero value is ready to use.
type parser[T any] interface {
	parse(s string) (T, error)
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *Parsed[T, P]) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	if f.Raw != "" {
		var p P
		f.Value, f.Err = p.parse(f.Raw)
	}
	return nil
}

type (
	dateParser    struct{}
	decimalParser struct{}
	percentParser struct{}
	intParser     struct{}
	amountParser  struct{}
)

func (dateParser) parse(s string) (time.Time, error) { return ParseDate(s) }
func (decimalParser) parse(s string) (Fixed, error)  { return parseDecimal(s, false) }
func (percentParser) parse(s string) (Fixed, error)  { return parseDecimal(s, true) }
func (amountParser) parse(s string) (Cents, error)   { return ParseAmount(s) }
func (intParser) parse(s string) (int, error) {
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, ErrNotInteger
	}
	return v, nil
}

// The field types of the export's columns.
type (
	DateField    = Parsed[time.Time, dateParser] // dd-mm-jjjj or jjjj-mm-dd
	DecimalField = Parsed[Fixed, decimalParser]  // decimal comma or point
	PercentField = Parsed[Fixed, percentParser]  // idem, a trailing % allowed
	IntField     = Parsed[int, intParser]        // a whole number
	AmountField  = Parsed[Cents, amountParser]   // euros, exact to the cent
)

// enumeration is a string type with a fixed list of values.
type enumeration interface {
	~string
	Values() []string
}

// EnumField is a cell holding one value of the enumeration T, matched
// case-insensitively.
type EnumField[T enumeration] struct {
	Raw   string
	Value T
	Err   error
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *EnumField[T]) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	if f.Raw == "" {
		return nil
	}
	lower := strings.ToLower(f.Raw)
	var zero T
	for _, v := range zero.Values() {
		if v == lower {
			f.Value = T(v)
			return nil
		}
	}
	f.Err = &EnumError{Allowed: zero.Values()}
	return nil
}

// posField carries the physical line of each cell of a record. The reader
// wrapper writes it into a synthetic column, so the position travels with
// the record through gocsv's decoding goroutine.
type posField struct {
	lines []int
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *posField) UnmarshalCSV(s string) error {
	f.lines = decodeLines(s)
	return nil
}

// line returns the physical line on which the field with index i starts.
func (f *posField) line(i int) int {
	switch {
	case len(f.lines) == 0:
		return 0
	case len(f.lines) == 1 || i < 0 || i >= len(f.lines):
		return f.lines[0]
	}
	return f.lines[i]
}
