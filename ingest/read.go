// Package ingest reads and validates the quarterly exports of KonnecteD
// (shared/spec/kwartaalexport.md, version 1.1) into snapshots: one gemeente
// on one peildatum. A file with any error yields no snapshot; every error of
// the file is reported with its file, line, column and value.
package ingest

import (
	"beschut/internal/value"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gocarina/gocsv"
)

// Record is one valid row of an export. Optional values are the zero
// value when absent (the zero Date, the zero enumeration, werkladder 0);
// an optional number says so in Has. A history holds a million of them, so
// they are compact: 80 bytes, dates as day numbers, enumerations as bytes.
type Record struct {
	Clientnummer          string // its own copy, never a substring of the CSV line
	Uren                  value.Fixed
	Loonwaarde            value.Fixed
	LKS                   value.Cents
	Begeleiding           value.Cents
	Line                  int32
	DatumIndicatie        value.Date
	DatumStart            value.Date
	DatumFase             value.Date
	DatumLoonwaardemeting value.Date
	DatumUitstroom        value.Date
	Instroomroute         Route
	Fase                  Fase
	Werkplek              Werkplek
	LoonwaardeBron        Bron
	RedenUitstroom        Reden
	Werkladder            uint8 // 1–6; 0: absent
	Has                   Present
}

// Present says which optional numbers of a Record were filled in.
type Present uint8

// The optional numbers of a Record.
const (
	HasUren Present = 1 << iota
	HasLoonwaarde
	HasLKS
	HasBegeleiding
)

// If returns p when ok and no flag otherwise, for a literal such as
// Has: HasLoonwaarde | HasUren.If(fase.Betaald()).
func (p Present) If(ok bool) Present {
	if ok {
		return p
	}
	return 0
}

// HasUren reports whether uren_per_week was filled in.
func (r *Record) HasUren() bool { return r.Has&HasUren != 0 }

// HasLoonwaarde reports whether loonwaarde was filled in.
func (r *Record) HasLoonwaarde() bool { return r.Has&HasLoonwaarde != 0 }

// HasLKS reports whether lks_kwartaal was filled in.
func (r *Record) HasLKS() bool { return r.Has&HasLKS != 0 }

// HasBegeleiding reports whether begeleiding_kwartaal was filled in.
func (r *Record) HasBegeleiding() bool { return r.Has&HasBegeleiding != 0 }

// Snapshot is the set of rows of one gemeente with one peildatum.
type Snapshot struct {
	Gemeente  string
	Peildatum time.Time
	Source    *Source
	Rows      int      // valid rows; len(Records) unless read with CountOnly
	Records   []Record // nil when read with CountOnly
}

// Source describes one export file as read.
type Source struct {
	Name     string // the path or name it was read under
	SHA256   string
	ModTime  time.Time
	Rows     int
	Encoding string
	Comma    rune
	Numbers  NumberFormat // the file's decimal sign
	SepLine  bool         // the file starts with Excel's sep= line
}

// FileResult is the outcome of reading one file.
type FileResult struct {
	Source    *Source
	Snapshots []*Snapshot
	Errors    []*FieldError
	Warnings  []*FieldError
}

// Options says how files are read. The zero value checks everything the
// export contract checks on its own and keeps every record.
type Options struct {
	// Known reports whether the parameters file configures a gemeente;
	// nil: gemeenten are not checked.
	Known func(gemeente string) bool
	// CountOnly keeps no records, only their number per gemeente: what
	// `beschut validate` needs, in memory that does not grow with the file
	// beyond duplicate detection.
	CountOnly bool
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

// numericColumns decide the file's decimal sign.
var numericColumns = []string{"uren_per_week", "loonwaarde", "lks_kwartaal", "begeleiding_kwartaal"}

// ReadFile reads one export held in data with the zero Options.
func ReadFile(name string, data []byte, modTime time.Time) *FileResult {
	return Options{}.ReadFile(name, data, modTime)
}

// ReadFile reads one export held in data. name is used in messages and the
// manifest; modTime decides which of two files for the same peildatum wins.
func (o Options) ReadFile(name string, data []byte, modTime time.Time) *FileResult {
	return o.Read(name, bytes.NewReader(data), int64(len(data)), modTime)
}

// Read reads one export of size bytes from ra, in three streaming passes
// (encoding, decimal sign, records); it never holds the whole file.
func (o Options) Read(name string, ra io.ReaderAt, size int64, modTime time.Time) *FileResult {
	in := &input{name: name, ra: ra, size: size}
	src := &Source{Name: name, ModTime: modTime}
	res := &FileResult{Source: src}
	fail := func(err error) *FileResult {
		fe, ok := err.(*FieldError)
		if !ok {
			fe = &FieldError{File: name, Err: err}
		}
		res.Errors = append(res.Errors, fe)
		return res
	}
	if err := in.sniff(); err != nil {
		return fail(err)
	}
	src.SHA256, src.Encoding = in.sha256, in.label
	lay, err := in.layout()
	if err != nil {
		return fail(err)
	}
	src.Comma, src.SepLine, src.Numbers = lay.comma, lay.sepLine, lay.numbers

	cr := csv.NewReader(in.text())
	cr.Comma = lay.comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	// The channels hold at most 256 rows, and no more than the file has:
	// a small file (the samples have 26 of some 40 rows) then does not
	// take some 110 KB of fresh memory for channel slots it never uses
	// (BenchmarkDeventer: 15,3 → 12,4 MB allocated per run).
	buffered := min(256, in.lines+2)
	dec := &decoder{csv: cr, file: name, skipFirst: lay.sepLine, checkUTF8: in.enc == encUTF8Invalid,
		meta: make(chan rowMeta, 2*buffered+2)}
	v := newValidator(name, dec, lay.numbers, o, in.lines)
	rows := make(chan rawRow, buffered)
	done := make(chan error, 1)
	go func() { done <- gocsv.UnmarshalDecoderToChan(dec, rows) }()
	for r := range rows {
		m := <-dec.meta
		v.row(&r, &m)
	}
	err = <-done
	switch {
	case errors.Is(err, errTooWide): // in dec.errs, with its line
	case errors.Is(err, io.EOF) && dec.header == nil:
		res.Errors = append(res.Errors, &FieldError{File: name, Err: ErrEmptyFile})
	case err != nil:
		res.Errors = append(res.Errors, &FieldError{File: name, Err: err})
	}
	v.finish()
	res.Errors = append(res.Errors, dec.errs...)
	res.Errors = append(res.Errors, v.errs...)
	res.Warnings = append(res.Warnings, dec.warnings...)
	res.Warnings = append(res.Warnings, v.warnings...)
	if dec.header != nil && v.rows == 0 && len(res.Errors) == 0 {
		res.Warnings = append(res.Warnings, &FieldError{File: name, Err: ErrNoRows})
	}
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

// layout is what the second pass finds: the delimiter, whether Excel's
// sep= line comes first, and the decimal sign.
type layout struct {
	comma   rune
	sepLine bool
	numbers NumberFormat
}

// layout reads the delimiter from a sep= line or the header, then the
// records until the first number that decides the decimal sign (usually
// on the first data line). When none does, ; means comma and , point.
func (in *input) layout() (layout, error) {
	n := bufferSize(in.size, 64<<10)
	br := bufio.NewReaderSize(in.text(), n)
	head, _ := br.Peek(n)
	first := head
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	var l layout
	if sep, ok := sepLine(string(first)); ok {
		if sep != ';' && sep != ',' {
			return l, &SepLineError{Sep: sep}
		}
		l.comma, l.sepLine = sep, true
	} else {
		l.comma = detectComma(string(first))
	}
	decided := func(d byte, line int) layout {
		l.numbers = formatFor(d, line)
		return l
	}
	cr := csv.NewReader(br)
	cr.Comma = l.comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var cols []int
	skip := l.sepLine
	for header := true; ; {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue // reported by the third pass
			}
			return l, err
		}
		if skip {
			skip = false
			continue
		}
		if header {
			header = false
			if len(rec) > MaxColumns {
				line, _ := cr.FieldPos(0)
				return l, &FieldError{File: in.name, Line: line, Err: &TooManyColumnsError{Got: len(rec)}}
			}
			for i, h := range rec {
				name := strings.ToLower(strings.TrimSpace(h))
				for _, c := range numericColumns {
					if name == c {
						cols = append(cols, i)
					}
				}
			}
			continue
		}
		for _, i := range cols {
			if i < len(rec) {
				if d := decisiveSign(rec[i]); d != 0 {
					line, _ := cr.FieldPos(i)
					return decided(d, line), nil
				}
			}
		}
	}
	if l.comma == ';' {
		return decided(',', 0), nil
	}
	return decided('.', 0), nil
}

// sepLine recognises Excel's first line sep=X and returns X. The line may
// be quoted ("sep=;") and padded with more of X: a spreadsheet that did not
// honour the line read it as a cell and wrote it back with the empty cells
// of its row (sep=;;;;;;;;;;;;;;;;;;).
func sepLine(line string) (rune, bool) {
	line = strings.Trim(line, " \r\n")
	quoted := strings.HasPrefix(line, "\"")
	if quoted {
		line = line[1:]
	}
	if len(line) < 5 || !strings.EqualFold(line[:4], "sep=") {
		return 0, false
	}
	r, size := utf8.DecodeRuneInString(line[4:])
	rest := line[4+size:]
	if quoted {
		rest = strings.TrimPrefix(rest, "\"")
	}
	if strings.Trim(rest, string(r)) != "" {
		return 0, false
	}
	return r, true
}

// detectComma picks ; or , by counting both, outside quotes, on the header line.
func detectComma(line string) rune {
	semi, comma := 0, 0
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
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

// MaxColumns is the most columns a header may have: the contract has 18,
// an export with some extra columns a few dozen. A header of a million
// semicolons (2 MB) took seconds and hundreds of MB before anything was
// said; it is refused at once.
const MaxColumns = 1000

// errTooWide stops gocsv after a header with more than MaxColumns columns.
var errTooWide = errors.New("too many columns")

// decoder is the gocsv.SimpleDecoder between encoding/csv and gocsv. It
// skips a sep= line and blank lines, normalises the header, checks the
// number of cells, and checks every cell of every column (known or not)
// for a BSN and, in a file with invalid UTF-8, for invalid bytes. What it
// finds about a record goes on the meta channel just before gocsv gets the
// record, so the reader pairs them in order. It runs on gocsv's goroutine;
// its errors are read after decoding ends.
type decoder struct {
	csv       *csv.Reader
	file      string
	skipFirst bool
	checkUTF8 bool
	meta      chan rowMeta
	header    []string       // normalised names; "" for an unknown or repeated column
	names     []string       // every column's name as the messages show it
	index     map[string]int // known column → its index
	width     int
	errs      []*FieldError
	warnings  []*FieldError
}

func (d *decoder) GetCSVRow() ([]string, error) {
	for {
		rec, err := d.csv.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				d.errs = append(d.errs, syntaxError(d.file, pe))
				continue
			}
			return nil, err
		}
		if d.skipFirst {
			d.skipFirst = false
			continue
		}
		if d.header == nil {
			if len(rec) > MaxColumns {
				line, _ := d.csv.FieldPos(0)
				d.errs = append(d.errs, &FieldError{File: d.file, Line: line, Err: &TooManyColumnsError{Got: len(rec)}})
				d.header = []string{}
				return nil, errTooWide
			}
			return d.readHeader(rec), nil
		}
		if blank(rec) {
			continue
		}
		m := rowMeta{}
		m.line, _ = d.csv.FieldPos(0)
		if last, _ := d.csv.FieldPos(len(rec) - 1); last != m.line {
			m.lines = make([]int, len(rec))
			for i := range rec {
				m.lines[i], _ = d.csv.FieldPos(i)
			}
		}
		if len(rec) != d.width {
			d.errs = append(d.errs, &FieldError{File: d.file, Line: m.line, Err: &FieldCountError{Got: len(rec), Want: d.width}})
			continue
		}
		for i, f := range rec {
			// One pass over the bytes decides which checks can apply:
			// ContainsBSN needs nine digits or a non-ASCII byte, the
			// control check a control byte.
			digits, ascii, control := scanCell(f)
			if (digits >= 9 || !ascii) && ContainsBSN(f) {
				m.bsn = append(m.bsn, cellHit{i, shown(f)})
			}
			if d.checkUTF8 && !ascii && !utf8.ValidString(f) {
				m.invalid = append(m.invalid, cellHit{i, shown(f)})
			}
			if control {
				m.control = append(m.control, cellHit{i, shown(f)})
			}
		}
		d.meta <- m
		return rec, nil
	}
}

func (d *decoder) GetCSVRows() ([][]string, error) {
	var all [][]string
	for {
		rec, err := d.GetCSVRow()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return all, err
		}
		all = append(all, append([]string(nil), rec...))
	}
}

func (d *decoder) readHeader(rec []string) []string {
	known := map[string]bool{}
	for _, c := range Columns {
		known[c] = true
	}
	line, _ := d.csv.FieldPos(0)
	d.width = len(rec)
	d.index = map[string]int{}
	d.header = make([]string, len(rec))
	d.names = make([]string, len(rec))
	var unnamed *UnnamedColumnsError
	for i, h := range rec {
		shown := strings.ToValidUTF8(strings.TrimSpace(h), "\uFFFD")
		name := strings.ToLower(shown)
		d.names[i] = strings.Clone(name)
		switch {
		case d.checkUTF8 && !utf8.ValidString(h):
			d.errs = append(d.errs, &FieldError{File: d.file, Line: line, Column: shown, Err: ErrInvalidUTF8, col: i})
		case ContainsBSN(h):
			d.errs = append(d.errs, &FieldError{File: d.file, Line: line, Column: shown, Err: ErrBSN, col: i})
		case hasControl(h):
			d.errs = append(d.errs, &FieldError{File: d.file, Line: line, Column: visible(shown), Err: ErrControl, col: i})
		case name == "":
			// Excel writes a trailing ;;; for stray formatting: one
			// warning for all of them, not one per column (a header of a
			// million semicolons would give a million lines)
			d.names[i] = fmt.Sprintf("nr. %d, zonder naam", i+1)
			if unnamed == nil {
				unnamed = &UnnamedColumnsError{First: i + 1}
				d.warnings = append(d.warnings, &FieldError{File: d.file, Line: line, Err: unnamed, col: i})
			}
			unnamed.Count++
		case !known[name]:
			d.names[i] = strings.Clone(shown)
			d.warnings = append(d.warnings, &FieldError{File: d.file, Line: line, Column: shown, Err: ErrUnknownColumn, col: i})
		case has(d.index, name):
			d.errs = append(d.errs, &FieldError{File: d.file, Line: line, Column: name, Err: ErrDuplicateColumn, col: i})
		default:
			d.index[name] = i
			d.header[i] = d.names[i]
		}
	}
	for _, c := range requiredColumns {
		if !has(d.index, c) {
			d.errs = append(d.errs, &FieldError{File: d.file, Line: line, Column: c, Err: ErrMissingColumn, col: len(rec)})
		}
	}
	return d.header
}

// scanCell counts the ASCII digits of s and reports whether it is all
// ASCII and whether it holds a control character (hasControl).
func scanCell(s string) (digits int, ascii, control bool) {
	ascii = true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= utf8.RuneSelf:
			ascii = false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f:
			control = true
		}
	}
	return digits, ascii, control
}

// shown is a cell as an error message shows it.
func shown(s string) string {
	return visible(strings.ToValidUTF8(strings.Clone(strings.TrimSpace(s)), "\uFFFD"))
}

// hasControl reports whether s holds a control character other than tab
// and line breaks (those may stand in a quoted field): a NUL byte, an
// escape sequence. No export has them; they would reach the documents'
// XML, where they are not even allowed.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return true
		}
	}
	return false
}

// visible shows the control characters of s as the symbols Unicode has
// for them (NUL as ␀), so a message never carries them to a terminal.
func visible(s string) string {
	if !hasControl(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0x7f:
			return '\u2421'
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			return 0x2400 + r
		}
		return r
	}, s)
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

// SyntaxError is a CSV quoting problem.
type SyntaxError struct {
	Reason string
	Noted  int // the line where the reader noticed it, when later than the error's line
}

func (e *SyntaxError) Error() string {
	if e.Noted > 0 {
		return fmt.Sprintf("CSV-fout: %s (gemerkt op regel %d)", e.Reason, e.Noted)
	}
	return "CSV-fout: " + e.Reason
}

// syntaxError places a quoting problem. A bare quote is where it stands.
// A quote that is not closed swallows every line up to the end of the file
// (or to the next quote), where encoding/csv notices it: the error names
// the line where the quoted field begins, which is what needs mending.
func syntaxError(file string, pe *csv.ParseError) *FieldError {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return &FieldError{File: file, Line: pe.Line, Err: &SyntaxError{Reason: "aanhalingsteken (\") midden in een veld dat niet tussen aanhalingstekens staat"}}
	case errors.Is(pe.Err, csv.ErrQuote):
		e := &SyntaxError{Reason: "aanhalingsteken (\") niet goed afgesloten in een veld dat op deze regel begint"}
		if pe.Line > pe.StartLine {
			e.Noted = pe.Line
		}
		return &FieldError{File: file, Line: pe.StartLine, Err: e}
	}
	return &FieldError{File: file, Line: pe.Line, Err: &SyntaxError{Reason: pe.Err.Error()}}
}
