package pipeline

import (
	"beschut/internal/value"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"unicode/utf8"

	"beschut/report"
)

// KindDuiding is the manifest kind of the policy team's own text.
const KindDuiding = "duiding"

// DuidingError: the duiding file the parameters name cannot be read or is
// not text.
type DuidingError struct {
	Gemeente string
	Path     string
	Err      error
}

func (e *DuidingError) Error() string {
	return fmt.Sprintf("gemeente %s: duiding %s: %v", e.Gemeente, e.Path, e.Err)
}
func (e *DuidingError) Unwrap() error { return e.Err }

// readDuiding reads the duiding file of r's publicatie (the path is already
// resolved against the parameters file) into r, and returns its manifest
// entry. Without a duiding in the parameters it does nothing.
func readDuiding(r *report.Report) (*Input, error) {
	path := r.Publicatie.Duiding
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &DuidingError{Gemeente: r.Gemeente, Path: path, Err: err}
	}
	if !utf8.Valid(data) {
		return nil, &DuidingError{Gemeente: r.Gemeente, Path: path, Err: fmt.Errorf("is geen UTF-8-tekst")}
	}
	if err := value.BeyondBMP(string(data)); err != nil {
		return nil, &DuidingError{Gemeente: r.Gemeente, Path: path, Err: err}
	}
	sum := sha256.Sum256(data)
	r.Duiding = &report.Duiding{Path: path, SHA256: hex.EncodeToString(sum[:]), Text: string(data)}
	return &Input{Path: path, SHA256: r.Duiding.SHA256, Gemeente: r.Gemeente, Peildatum: value.FormatDate(r.Peildatum), Kind: KindDuiding}, nil
}
