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

// Join returns nil without errors, else an *Errors sorted by line.
func Join(errs []*Error) error {
	if len(errs) == 0 {
		return nil
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return &Errors{Errors: errs}
}

// Lines reads data (a UTF-8 BOM is ignored) into its meaningful lines and
// the syntax errors of the others.
func Lines(file string, data []byte) ([]Line, []*Error) {
	var lines []Line
	var errs []*Error
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
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
	return lines, errs
}
