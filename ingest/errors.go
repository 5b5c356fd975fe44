package ingest

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"strings"
)

// Reasons a cell or a file is refused. They are typed values; their texts
// are the Dutch messages KonnecteD receives back.
var (
	ErrRequired         = errors.New("verplichte waarde ontbreekt")
	ErrDate             = value.ErrDate
	ErrNoSuchDate       = value.ErrNoSuchDate
	ErrDecimal          = errors.New("is geen getal (verwacht bijvoorbeeld 41,5)")
	ErrNotInteger       = errors.New("is geen geheel getal")
	ErrAmount           = errors.New("is geen bedrag (verwacht bijvoorbeeld 1.234,56)")
	ErrNotQuarterEnd    = errors.New("is geen laatste dag van een kwartaal (31-03, 30-06, 30-09 of 31-12)")
	ErrAfterPeildatum   = errors.New("ligt na de peildatum")
	ErrBeforePwet       = errors.New("ligt vóór 01-01-2015 (de Participatiewet)")
	ErrBSN              = errors.New("lijkt een BSN (9 cijfers, voldoet aan de elfproef): de export moet gepseudonimiseerd zijn")
	ErrEmptyFile        = errors.New("het bestand is leeg")
	ErrNegativeAmount   = errors.New("is negatief (een correctie?)")
	ErrUnknownColumn    = errors.New("onbekende kolom, wordt genegeerd")
	ErrMissingColumn    = errors.New("verplichte kolom ontbreekt in de kopregel")
	ErrDuplicateColumn  = errors.New("kolom staat meer dan eens in de kopregel")
	ErrBronWithoutValue = errors.New("staat ingevuld zonder loonwaarde")
	ErrNoRows           = errors.New("het bestand bevat geen gegevensregels (alleen een kopregel): het levert geen kwartaalstand en verandert niets")
	ErrInvalidUTF8      = errors.New("bevat tekens die geen geldige UTF-8 zijn, terwijl het bestand elders wel UTF-8 is; sla het bestand opnieuw op als 'CSV UTF-8'")
	ErrControl          = errors.New("bevat een stuurteken (zoals een nulbyte, hier getoond als ␀): het bestand is beschadigd of geen CSV-tekst")
	ErrPeildatumRange   = errors.New("ligt niet tussen 31-03-2017 (begin van beschut werk nieuw) en 31-12-2099")
)

// SepLineError: Excel's sep= line names a delimiter the contract does not allow.
type SepLineError struct{ Sep rune }

func (e *SepLineError) Error() string {
	return fmt.Sprintf("regel 1 'sep=%c' noemt een scheidingsteken dat niet is toegestaan (alleen ; of ,)", e.Sep)
}

// TooManyColumnsError: a header with more than MaxColumns columns.
type TooManyColumnsError struct{ Got int }

func (e *TooManyColumnsError) Error() string {
	return fmt.Sprintf("de kopregel heeft %d kolommen, meer dan %d: dit is geen export volgens het contract (%d kolommen); het bestand is niet verder gelezen", e.Got, MaxColumns, len(Columns))
}

// UnnamedColumnsError: header cells that are empty (their columns are
// ignored, though their cells are still checked for a BSN).
type UnnamedColumnsError struct {
	Count, First int // how many; the first one's number, from 1
}

func (e *UnnamedColumnsError) Error() string {
	if e.Count == 1 {
		return fmt.Sprintf("kolom nr. %d heeft geen naam in de kopregel, wordt genegeerd", e.First)
	}
	return fmt.Sprintf("%d kolommen hebben geen naam in de kopregel (de eerste is nr. %d), worden genegeerd", e.Count, e.First)
}

// UnknownGemeenteError: the gemeente is not configured in the parameters file.
type UnknownGemeenteError struct {
	Others int // further lines with the same value
}

func (e *UnknownGemeenteError) Error() string {
	msg := "staat niet in het parameterbestand (een tikfout, een verwisselde kolom?)"
	switch e.Others {
	case 0:
	case 1:
		msg += "; ook op 1 andere regel"
	default:
		msg += fmt.Sprintf("; ook op %d andere regels", e.Others)
	}
	return msg
}

// EnumError: the value is not one of the allowed values.
type EnumError struct {
	Allowed []string
}

func (e *EnumError) Error() string {
	return "is geen toegestane waarde (toegestaan: " + strings.Join(e.Allowed, ", ") + ")"
}

// RangeError: the number lies outside its range.
type RangeError struct {
	Min, Max string
	OpenMin  bool // the minimum itself is not allowed
}

func (e *RangeError) Error() string {
	if e.OpenMin {
		return fmt.Sprintf("ligt niet tussen %s (niet inbegrepen) en %s", e.Min, e.Max)
	}
	return fmt.Sprintf("ligt niet tussen %s en %s", e.Min, e.Max)
}

// OrderError: a date lies before a date it must follow.
type OrderError struct {
	Other, OtherValue string
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("ligt vóór %s (%s)", e.Other, e.OtherValue)
}

// PeildatumError: the peildatum differs from the file's first row.
type PeildatumError struct {
	First     string
	FirstLine int
}

func (e *PeildatumError) Error() string {
	return fmt.Sprintf("wijkt af van de peildatum %s op regel %d (één bestand beschrijft één peildatum)", e.First, e.FirstLine)
}

// DuplicateError: the clientnummer occurs twice for one gemeente.
type DuplicateError struct {
	Gemeente  string
	FirstLine int
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("komt voor gemeente %s al voor op regel %d", e.Gemeente, e.FirstLine)
}

// RequiredForError: a value is required because of another cell.
type RequiredForError struct {
	Because string
}

func (e *RequiredForError) Error() string {
	return "verplichte waarde ontbreekt (verplicht bij " + e.Because + ")"
}

// FieldCountError: a record has another number of cells than the header.
type FieldCountError struct {
	Got, Want int
}

func (e *FieldCountError) Error() string {
	return fmt.Sprintf("regel heeft %d velden, de kopregel %d", e.Got, e.Want)
}

// FieldError is one problem in a file: where it is and why. Line 1 is the
// header; Line 0 means the file as a whole. Column is empty for problems of
// a whole line.
type FieldError struct {
	File   string
	Line   int
	Column string
	Value  string
	Err    error

	col int // index of the column in the file, to sort
}

func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column != "" {
		fmt.Fprintf(&b, "kolom '%s': ", e.Column)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, "waarde '%s' ", oneLine(e.Value))
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *FieldError) Unwrap() error { return e.Err }

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "⏎")
	return strings.ReplaceAll(s, "\n", "⏎")
}

// FileErrors holds every error found in the files of one read. It is the
// error a read returns when any file is invalid.
type FileErrors struct {
	Errors []*FieldError
}

func (e *FileErrors) Error() string {
	lines := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		lines[i] = fe.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap exposes the individual errors to errors.Is and errors.As.
func (e *FileErrors) Unwrap() []error {
	errs := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		errs[i] = fe
	}
	return errs
}
