// Package ini reads the line format of beschut's configuration files (the
// parameters file and the schedule definitions): [sections], key = value
// lines, # comments. What a section or key means is the caller's; this
// package gives the lines with their numbers and the errors in the form
// both files report them in.
package ini

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Line is a section header or a key = value line.
type Line struct {
	N         int    // line number, from 1
	IsSection bool   // a [section] header
	Section   string // its text between the brackets; "" when malformed
	Text      string // the line without comment, trimmed
	Key       string // lower case
	Value     string
}

// ErrSyntax: a line that is neither a section nor key = value.
var ErrSyntax = errors.New("is geen regel van de vorm 'sleutel = waarde' of '[sectie]'")

// Error is a wrong line of a configuration file.
type Error struct {
	File  string
	Line  int
	Key   string
	Value string
	Err   error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d: ", e.File, e.Line)
	if e.Key != "" {
		s += fmt.Sprintf("sleutel '%s': ", e.Key)
	}
	if e.Value != "" {
		s += fmt.Sprintf("waarde '%s' ", e.Value)
	}
	return s + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Errors holds every error of a file, in line order.
type Errors struct{ Errors []*Error }

func (e *Errors) Error() string {
	s := make([]string, len(e.Errors))
	for i, x := range e.Errors {
		s[i] = x.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap exposes the individual errors.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, x := range e.Errors {
		out[i] = x
	}
	return out
}

// Join returns nil without errors, else an *Errors in one total order:
// file, line, key, value, message. Callers may collect errors in any order
// (also from maps); two runs print them the same.
func Join(errs []*Error) error {
	if len(errs) == 0 {
		return nil
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Key != b.Key:
			return a.Key < b.Key
		case a.Value != b.Value:
			return a.Value < b.Value
		}
		return a.Err.Error() < b.Err.Error()
	})
	return &Errors{Errors: errs}
}

// MaxLine is the longest line the reader accepts, in bytes.
const MaxLine = 64 * 1024

// ErrLineTooLong: a line longer than MaxLine. The file is refused rather
// than read up to that line.
var ErrLineTooLong = fmt.Errorf("regel is langer dan %d KiB: het bestand is geweigerd", MaxLine/1024)

// Reasons a whole file or a line is refused before its syntax is read.
var (
	ErrUTF16       = errors.New("het bestand is UTF-16 (\"Unicode-tekst\"): sla het op als UTF-8 (in Kladblok: Opslaan als, codering UTF-8)")
	ErrNUL         = errors.New("bevat een nulbyte: het bestand is beschadigd of geen tekstbestand")
	ErrInvalidUTF8 = errors.New("bevat tekens die geen geldige UTF-8 zijn (Windows-1252?): sla het bestand op als UTF-8")
)

// Lines reads data (a UTF-8 BOM is ignored) into its meaningful lines and
// the syntax errors of the others. Lines end in LF, CRLF or a CR alone
// (an old Mac editor): a CR-only file is never one long line, which would
// make everything after a first # a comment and the file silently empty.
// A UTF-16 file is refused as a whole; a line with a NUL byte or bytes
// that are not UTF-8 is an error (a gemeente written in Windows-1252
// would otherwise never match the export).
func Lines(file string, data []byte) ([]Line, []*Error) {
	var lines []Line
	var errs []*Error
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) ||
		len(data) >= 2 && (data[0] == 0) != (data[1] == 0) {
		return nil, []*Error{{File: file, Line: 1, Err: ErrUTF16}}
	}
	data = crToLF(bytes.TrimPrefix(data, []byte("\ufeff")))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), MaxLine+2) // room for the line ending
	n := 0
	for sc.Scan() {
		n++
		if len(sc.Bytes()) > MaxLine {
			errs = append(errs, &Error{File: file, Line: n, Err: ErrLineTooLong})
			return lines, errs
		}
		text := sc.Text()
		switch {
		case strings.IndexByte(text, 0) >= 0:
			errs = append(errs, &Error{File: file, Line: n, Err: ErrNUL})
			continue
		case !utf8.ValidString(text):
			errs = append(errs, &Error{File: file, Line: n, Value: strings.ToValidUTF8(strings.TrimSpace(text), "\uFFFD"), Err: ErrInvalidUTF8})
			continue
		}
		if i := strings.Index(text, "#"); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		switch {
		case text == "":
		case strings.HasPrefix(text, "["):
			l := Line{N: n, IsSection: true, Text: text}
			if strings.HasSuffix(text, "]") {
				l.Section = strings.TrimSpace(text[1 : len(text)-1])
			}
			lines = append(lines, l)
		default:
			key, value, ok := strings.Cut(text, "=")
			key = strings.ToLower(strings.TrimSpace(key))
			if !ok || key == "" {
				errs = append(errs, &Error{File: file, Line: n, Value: text, Err: ErrSyntax})
				continue
			}
			lines = append(lines, Line{N: n, Text: text, Key: key, Value: strings.TrimSpace(value)})
		}
	}
	if err := sc.Err(); err != nil {
		e := &Error{File: file, Line: n + 1, Err: err}
		if errors.Is(err, bufio.ErrTooLong) {
			e.Err = ErrLineTooLong
		}
		errs = append(errs, e)
	}
	return lines, errs
}

// crToLF turns every CR that does not start a CRLF into LF.
func crToLF(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := bytes.Clone(data)
	for i, c := range out {
		if c == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}
