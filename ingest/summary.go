package ingest

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"io"
)

// WriteSummary writes, in Dutch, what `beschut validate` prints for a valid
// set of files: per snapshot the gemeente, peildatum and number of rows, then
// every warning.
func WriteSummary(w io.Writer, h *History) error {
	ew := &errWriter{w: w}
	for _, f := range h.Files {
		ew.printf("%s: %s, scheidingsteken '%c', %s\n", f.Source.Name, f.Source.Encoding, f.Source.Comma, signName(f.Source.Numbers.Sign))
		for _, s := range f.Snapshots {
			ew.printf("  gemeente %s, peildatum %s: %d %s\n", s.Gemeente, value.FormatDate(s.Peildatum), s.Rows, plural(s.Rows, "regel", "regels"))
		}
	}
	if len(h.Warnings) > 0 {
		ew.printf("\n%d %s:\n", len(h.Warnings), plural(len(h.Warnings), "waarschuwing", "waarschuwingen"))
		for _, wn := range h.Warnings {
			ew.printf("  let op: %s\n", wn.Error())
		}
	}
	ew.printf("\nAlle bestanden zijn geldig.\n")
	return ew.err
}

// WriteErrors writes, in Dutch, the error report for invalid files: one
// line per error, in a form that can be sent back to KonnecteD. It is the
// same text `beschut validate` prints and the scheduler stores beside a
// quarantined file.
func WriteErrors(w io.Writer, err error) error {
	ew := &errWriter{w: w}
	var fe *FileErrors
	if !errors.As(err, &fe) {
		ew.printf("fout: %v\n", err)
		return ew.err
	}
	files := map[string]bool{}
	for _, e := range fe.Errors {
		files[e.File] = true
	}
	ew.printf("%d %s in %d %s; er wordt geen rapportage gemaakt:\n\n",
		len(fe.Errors), plural(len(fe.Errors), "fout", "fouten"), len(files), plural(len(files), "bestand", "bestanden"))
	for _, e := range fe.Errors {
		ew.printf("%s\n", e.Error())
	}
	return ew.err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
