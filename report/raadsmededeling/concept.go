package raadsmededeling

import (
	"strings"

	"beschut/report"
)

// Concept reports whether the document is a draft: neither the --nummer
// flag (Settings.Nummer) nor the parameters file (r.Publicatie.Nummer)
// gives it a nummer. The word "concept" as nummer is no nummer either.
// A concept carries CONCEPT on every page and in its metadata.
func (s Settings) Concept(r *report.Report) bool {
	n := strings.TrimSpace(s.Nummer)
	if n == "" {
		n = strings.TrimSpace(r.Publicatie.Nummer)
	}
	return n == "" || strings.EqualFold(n, "concept")
}
