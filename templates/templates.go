// Package templates holds the prose of the raadsmededeling: Go text
// templates that the renderer fills with the quarter's figures. They are
// embedded as defaults; `beschut run --templates DIR` reads the same file
// names from DIR instead, so the text can change without recompiling.
package templates

import "embed"

// Default holds the embedded templates.
//
//go:embed *.tmpl
var Default embed.FS

// Names are the templates of the raadsmededeling, one per section, in
// document order.
var Names = []string{"inleiding.tmpl", "kader.tmpl", "kern.tmpl", "toelichting.tmpl"}
