// Package ingest reads and validates the quarterly exports of KonnecteD
// (shared/spec/kwartaalexport.md) into snapshots: one gemeente on one
// peildatum. A file with any error yields no snapshot; every error of the
// file is reported with its file, line, column and value.
package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gocarina/gocsv"
	"golang.org/x/text/encoding/charmap"
)

// Record is one valid row of an export. Optional values carry a Has flag or
// are the zero value when absent (zero time, empty enum, werkladder 0).
type Record struct {
	Line                  int
	Clientnummer          string
	Instroomroute         Route
	DatumIndicatie        time.Time
	DatumStart            time.Time
	Fase                  Fase
	DatumFase             time.Time
	Werkplek              Werkplek
	Uren                  Fixed
	HasUren               bool
	Loonwaarde            Fixed
	HasLoonwaarde         bool
	LoonwaardeBron        Bron
	DatumLoonwaardemeting time.Time
	Werkladder            int
	DatumUitstroom        time.Time
	RedenUitstroom        Reden
	LKS                   Cents
	HasLKS                bool
	Begeleiding           Cents
	HasBegeleiding        bool
}

// Snapshot is the set of rows of one gemeente with one peildatum.
type Snapshot struct {
	Gemeente  string
	Peildatum time.Time
	Source    *Source
	Records   []Record
}

// Source describes one export file as read.
type Source struct {
	Name     string // the path or name it was read under
	SHA256   string
	ModTime  time.Time
	Rows     int
	Encoding string
	Comma    rune
}

// FileResult is the outcome of reading one file.
type FileResult struct {
	Source    *Source
	Snapshots []*Snapshot
	Errors    []*FieldError
	Warnings  []*FieldError
}

// rawRow is what gocsv decodes one record into.
type rawRow struct {
	Peildatum             DateField           `csv:"peildatum"`
	Gemeente              TextField           `csv:"gemeente"`
	Clientnummer          TextField           `csv:"clientnummer"`
	Instroomroute         EnumField[Route]    `csv:"instroomroute"`
	DatumIndicatie        DateField           `csv:"datum_indicatie"`
	DatumStart            DateField           `csv:"datum_start"`
	Fase                  EnumField[Fase]     `csv:"fase"`
	DatumFase             DateField           `csv:"datum_fase"`
	Werkplek              EnumField[Werkplek] `csv:"werkplek"`
	Uren                  DecimalField        `csv:"uren_per_week"`
	Loonwaarde            PercentField        `csv:"loonwaarde"`
	LoonwaardeBron        EnumField[Bron]     `csv:"loonwaarde_bron"`
	DatumLoonwaardemeting DateField           `csv:"datum_loonwaardemeting"`
	Werkladder            IntField            `csv:"werkladder"`
	DatumUitstroom        DateField           `csv:"datum_uitstroom"`
	RedenUitstroom        EnumField[Reden]    `csv:"reden_uitstroom"`
	LKS                   AmountField         `csv:"lks_kwartaal"`
	Begeleiding           AmountField         `csv:"begeleiding_kwartaal"`
	Pos                   posField            `csv:"\x00pos"`
}

// UnmarshalCSVWithFields implements gocsv.TypeUnmarshalCSVWithFields:
// gocsv then hands each cell to the row by its (normalised) column name
// instead of setting fields through reflection, which was most of the
// cost of reading (see README, "Schaal"). Each cell still goes through
// its field type.
func (r *rawRow) UnmarshalCSVWithFields(key, value string) error {
	switch key {
	case "peildatum":
		return r.Peildatum.UnmarshalCSV(value)
	case "gemeente":
		return r.Gemeente.UnmarshalCSV(value)
	case "clientnummer":
		return r.Clientnummer.UnmarshalCSV(value)
	case "instroomroute":
		return r.Instroomroute.UnmarshalCSV(value)
	case "datum_indicatie":
		return r.DatumIndicatie.UnmarshalCSV(value)
	case "datum_start":
		return r.DatumStart.UnmarshalCSV(value)
	case "fase":
		return r.Fase.UnmarshalCSV(value)
	case "datum_fase":
		return r.DatumFase.UnmarshalCSV(value)
	case "werkplek":
		return r.Werkplek.UnmarshalCSV(value)
	case "uren_per_week":
		return r.Uren.UnmarshalCSV(value)
	case "loonwaarde":
		return r.Loonwaarde.UnmarshalCSV(value)
	case "loonwaarde_bron":
		return r.LoonwaardeBron.UnmarshalCSV(value)
	case "datum_loonwaardemeting":
		return r.DatumLoonwaardemeting.UnmarshalCSV(value)
	case "werkladder":
		return r.Werkladder.UnmarshalCSV(value)
	case "datum_uitstroom":
		return r.DatumUitstroom.UnmarshalCSV(value)
	case "reden_uitstroom":
		return r.RedenUitstroom.UnmarshalCSV(value)
	case "lks_kwartaal":
		return r.LKS.UnmarshalCSV(value)
	case "begeleiding_kwartaal":
		return r.Begeleiding.UnmarshalCSV(value)
	case posColumn:
		return r.Pos.UnmarshalCSV(value)
	}
	return nil // an unknown column: warned about at the header
}

// Columns lists the contract's columns in the order of the spec.
var Columns = []string{
	"peildatum", "gemeente", "clientnummer", "instroomroute", "datum_indicatie",
	"datum_start", "fase", "datum_fase", "werkplek", "uren_per_week", "loonwaarde",
	"loonwaarde_bron", "datum_loonwaardemeting", "werkladder", "datum_uitstroom",
	"reden_uitstroom", "lks_kwartaal", "begeleiding_kwartaal",
}

// requiredColumns must be in every header.
var requiredColumns = []string{
	"peildatum", "gemeente", "clientnummer", "instroomroute", "datum_indicatie",
	"datum_start", "fase", "datum_fase", "werkplek", "uren_per_week",
	"datum_uitstroom", "reden_uitstroom",
}

const posColumn = "\x00pos"

// ReadFile reads one export held in data. name is used in messages and the
// manifest; modTime decides which of two files for the same peildatum wins.
func ReadFile(name string, data []byte, modTime time.Time) *FileResult {
	sum := sha256.Sum256(data)
	src := &Source{Name: name, SHA256: hex.EncodeToString(sum[:]), ModTime: modTime}
	res := &FileResult{Source: src}
	text, enc := decodeText(data)
	src.Encoding = enc
	src.Comma = detectComma(text)

	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = src.Comma
	cr.FieldsPerRecord = -1
	rr := &recordReader{csv: cr, file: name}
	lines := strings.Count(text, "\n")
	v := &validator{file: name, rr: rr, seen: make(map[string]int, lines), records: make([]Record, 0, lines)}
	err := gocsv.UnmarshalDecoderToCallback(gocsv.NewSimpleDecoderFromCSVReader(rr), func(r rawRow) {
		v.row(&r)
	})
	switch {
	case errors.Is(err, io.EOF) && rr.header == nil:
		res.Errors = append(res.Errors, &FieldError{File: name, Err: ErrEmptyFile})
	case err != nil:
		res.Errors = append(res.Errors, &FieldError{File: name, Err: err})
	}
	res.Errors = append(res.Errors, rr.errs...)
	res.Errors = append(res.Errors, v.errs...)
	res.Warnings = append(res.Warnings, rr.warnings...)
	res.Warnings = append(res.Warnings, v.warnings...)
	sortErrors(res.Errors)
	sortErrors(res.Warnings)
	src.Rows = v.rows
	if len(res.Errors) == 0 {
		res.Snapshots = v.snapshots(src)
	}
	return res
}

func sortErrors(errs []*FieldError) {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].col < errs[j].col
	})
}

// decodeText returns data as UTF-8 without BOM, and the encoding it had.
func decodeText(data []byte) (string, string) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return string(data[3:]), "UTF-8 met BOM"
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8"
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil { // cannot happen: every byte maps in Windows-1252
		return string(data), "onbekend"
	}
	return string(out), "Windows-1252"
}

// detectComma picks ; or , by counting both, outside quotes, on the header line.
func detectComma(text string) rune {
	semi, comma := 0, 0
	quoted := false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			if semi > comma {
				return ';'
			}
			return ','
		case r == ';':
			semi++
		case r == ',':
			comma++
		}
	}
	if semi > comma {
		return ';'
	}
	return ','
}

// recordReader sits between encoding/csv and gocsv. It normalises the
// header, skips blank lines, checks the number of fields and appends to
// every record a synthetic column with the physical line of each field, so
// positions survive gocsv's decoding goroutine. It is used only by that
// goroutine; its errors are read after decoding ends.
type recordReader struct {
	csv      *csv.Reader
	file     string
	header   []string
	index    map[string]int
	width    int
	errs     []*FieldError
	warnings []*FieldError
}

func (r *recordReader) Read() ([]string, error) {
	for {
		rec, err := r.csv.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			r.errs = append(r.errs, &FieldError{File: r.file, Line: pe.Line, Err: syntaxError(pe.Err)})
			continue
		}
		if err != nil {
			return nil, err
		}
		if r.header == nil {
			return r.readHeader(rec), nil
		}
		if blank(rec) {
			continue
		}
		lines := make([]int, len(rec))
		for i := range rec {
			lines[i], _ = r.csv.FieldPos(i)
		}
		if len(rec) != r.width {
			r.errs = append(r.errs, &FieldError{File: r.file, Line: lines[0], Err: &FieldCountError{Got: len(rec), Want: r.width}})
			continue
		}
		return append(rec, encodeLines(lines)), nil
	}
}

func (r *recordReader) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return all, err
		}
		all = append(all, rec)
	}
}

func (r *recordReader) readHeader(rec []string) []string {
	known := map[string]bool{}
	for _, c := range Columns {
		known[c] = true
	}
	r.width = len(rec)
	r.index = map[string]int{}
	names := make([]string, len(rec)+1)
	for i, h := range rec {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !known[name]:
			r.warnings = append(r.warnings, &FieldError{File: r.file, Line: 1, Column: strings.TrimSpace(h), Err: ErrUnknownColumn, col: i})
			name = ""
		case has(r.index, name):
			r.errs = append(r.errs, &FieldError{File: r.file, Line: 1, Column: name, Err: ErrDuplicateColumn, col: i})
			name = ""
		default:
			r.index[name] = i
		}
		names[i] = name
	}
	for _, c := range requiredColumns {
		if !has(r.index, c) {
			r.errs = append(r.errs, &FieldError{File: r.file, Line: 1, Column: c, Err: ErrMissingColumn, col: len(rec)})
		}
	}
	names[len(rec)] = posColumn
	r.header = names
	return names
}

func has(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// encodeLines writes the start line of every field: just one number when
// the record lies on one line, else one per field.
func encodeLines(lines []int) string {
	if lines[0] == lines[len(lines)-1] {
		return strconv.Itoa(lines[0])
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strconv.Itoa(l)
	}
	return strings.Join(parts, " ")
}

func decodeLines(s string) []int {
	parts := strings.Fields(s)
	lines := make([]int, len(parts))
	for i, p := range parts {
		lines[i], _ = strconv.Atoi(p)
	}
	return lines
}

// SyntaxError is a CSV quoting problem.
type SyntaxError struct{ Reason string }

func (e *SyntaxError) Error() string { return "CSV-fout: " + e.Reason }

func syntaxError(err error) error {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return &SyntaxError{"aanhalingsteken (\") midden in een veld dat niet tussen aanhalingstekens staat"}
	case errors.Is(err, csv.ErrQuote):
		return &SyntaxError{"aanhalingsteken (\") niet goed afgesloten"}
	}
	return &SyntaxError{err.Error()}
}
