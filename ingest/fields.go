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

// DateField is a date cell in dd-mm-jjjj or jjjj-mm-dd form.
type DateField struct {
	Raw   string
	Value time.Time
	Err   error
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *DateField) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	if f.Raw != "" {
		f.Value, f.Err = ParseDate(f.Raw)
	}
	return nil
}

// DecimalField is a decimal cell (decimal comma or point), kept as a Fixed.
// With percent set, a trailing % is accepted.
type DecimalField struct {
	Raw   string
	Value Fixed
	Err   error
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *DecimalField) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	if f.Raw != "" {
		f.Value, f.Err = parseDecimal(f.Raw, false)
	}
	return nil
}

// PercentField is a decimal percentage cell; a trailing % is accepted.
type PercentField struct {
	Raw   string
	Value Fixed
	Err   error
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *PercentField) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	if f.Raw != "" {
		f.Value, f.Err = parseDecimal(f.Raw, true)
	}
	return nil
}

// IntField is a whole-number cell.
type IntField struct {
	Raw   string
	Value int
	Err   error
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *IntField) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	if f.Raw != "" {
		v, err := strconv.Atoi(f.Raw)
		if err != nil {
			f.Err = ErrNotInteger
		}
		f.Value = v
	}
	return nil
}

// AmountField is a euro amount, exact to the cent.
type AmountField struct {
	Raw   string
	Value Cents
	Err   error
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (f *AmountField) UnmarshalCSV(s string) error {
	f.Raw = strings.TrimSpace(s)
	if f.Raw != "" {
		f.Value, f.Err = ParseAmount(f.Raw)
	}
	return nil
}

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
