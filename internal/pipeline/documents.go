package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"beschut/report/raadsmededeling"
	"beschut/report/workbook"
	"beschut/templates"
)

// TemplatesDirError: the --templates folder does not exist.
type TemplatesDirError struct{ Err error }

func (e *TemplatesDirError) Error() string { return fmt.Sprintf("map met sjablonen: %v", e.Err) }
func (e *TemplatesDirError) Unwrap() error { return e.Err }

// Documents are the documents beschut writes per gemeente: the workbook
// and the raadsmededeling, whose templates a folder may override, and the
// confidential signal file for the uitvoering.
func Documents(s raadsmededeling.Settings, templatesDir string) ([]Renderer, error) {
	var override fs.FS
	if templatesDir != "" {
		if _, err := os.Stat(templatesDir); err != nil {
			return nil, &TemplatesDirError{err}
		}
		override = os.DirFS(templatesDir)
	}
	rm, err := raadsmededeling.New(s, templates.Default, override, templates.Names)
	if err != nil {
		return nil, err
	}
	return []Renderer{
		{Kind: "werkboek", Suffix: "_beschut-werk.xlsx", Render: workbook.Write},
		{Kind: "raadsmededeling", Suffix: "_raadsmededeling.pdf", Render: rm.Write},
		{Kind: workbook.SignalenKind, Suffix: workbook.SignalenSuffix, Render: workbook.WriteSignalen, Confidential: true},
	}, nil
}

// FormatOverzicht selects the overview of all gemeenten (workbook and PDF),
// written when a run holds more than one gemeente.
const FormatOverzicht = "overzicht"

// Formats are the names --formats and the job key formaten accept: the
// kind of each document of Documents, and the overview.
var Formats = []string{"werkboek", "raadsmededeling", workbook.SignalenKind, FormatOverzicht}

// FormatError: a format name that beschut does not write.
type FormatError struct{ Name string }

func (e *FormatError) Error() string {
	return fmt.Sprintf("onbekend formaat %q (bekend: %s)", e.Name, strings.Join(Formats, ", "))
}

// ParseFormats reads a comma-separated list of format names; empty: all.
func ParseFormats(list string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(Formats, f) {
			return nil, &FormatError{Name: f}
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return slices.Clone(Formats), nil
	}
	return out, nil
}

// Select keeps the documents whose kind formats names, and says whether
// the overview is wanted.
func Select(rds []Renderer, formats []string) (kept []Renderer, overview bool) {
	for _, rd := range rds {
		if slices.Contains(formats, rd.Kind) {
			kept = append(kept, rd)
		}
	}
	return kept, slices.Contains(formats, FormatOverzicht)
}
