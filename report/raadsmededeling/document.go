package raadsmededeling

import (
	"io/fs"

	"beschut/report"
	"beschut/report/prose"
)

// Renderer renders raadsmededelingen with fixed settings and templates.
type Renderer struct {
	composer *prose.Composer
}

// TemplateError is a template that cannot be read, parsed or filled; its
// message names the file and line.
type TemplateError = prose.TemplateError

// ErrLiteralNumber: a template writes "Tabel 5" instead of {{tabelnr "naam"}}.
var ErrLiteralNumber = prose.ErrLiteralNumber

// New parses the templates: each of names from override when it has the
// file, else from defaults (see prose.New).
func New(s Settings, defaults, override fs.FS, names []string) (*Renderer, error) {
	c, err := prose.New(s, defaults, override, names)
	if err != nil {
		return nil, err
	}
	return &Renderer{composer: c}, nil
}

// Resolve gives the settings a document of r is made with: the command
// line's, else the gemeente's settings and publicatie, else the defaults.
// Resolve(r).Concept() tells a draft.
func (rd *Renderer) Resolve(r *report.Report) prose.Settings { return rd.composer.Resolve(r) }

// Document is the renderer-neutral prose of r's raadsmededeling.
func (rd *Renderer) Document(r *report.Report) (*prose.Document, error) {
	return rd.composer.Compose(r)
}

// blocks is the document's content as the layout draws it.
func (rd *Renderer) blocks(r *report.Report) ([]block, error) {
	doc, err := rd.composer.Compose(r)
	if err != nil {
		return nil, err
	}
	return fromProse(doc.Blocks), nil
}

// Text returns the document as plain text (see prose.Document.Text), for
// tests of the templates.
func (rd *Renderer) Text(r *report.Report) (string, error) {
	doc, err := rd.composer.Compose(r)
	if err != nil {
		return "", err
	}
	return doc.Text(), nil
}

// Must returns rd, or panics on err: for tests and fixed templates.
func Must(rd *Renderer, err error) *Renderer {
	if err != nil {
		panic(err)
	}
	return rd
}
