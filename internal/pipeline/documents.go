package pipeline

import (
	"fmt"
	"io/fs"
	"os"

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
