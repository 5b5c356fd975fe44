// Package dataset makes the data sets of the benchmarks, deterministically:
// the national history at a given scale (with its parameters file) and one
// large single-peildatum file for `beschut validate`.
package dataset

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"beschut/ingest"
	"beschut/samples/generate/generator"
)

// doneMarker is written last into a generated folder; a folder without it
// is incomplete and is generated again.
const doneMarker = "klaar"

// Ensure generates the national set n into dir unless dir already holds a
// complete one, and writes its parameters file next to it as
// dir/parameters.conf. It returns the export files, sorted.
func Ensure(dir string, n generator.National) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, doneMarker)); err != nil {
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if _, err := generator.GenerateNational(dir, n); err != nil {
			return nil, err
		}
		if err := os.WriteFile(ParamsPath(dir), generator.NationalParams(n), 0o644); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, doneMarker), nil, 0o644); err != nil {
			return nil, err
		}
	}
	return ingest.ListFiles([]string{dir})
}

// ParamsPath is where Ensure writes the parameters of the set in dir.
func ParamsPath(dir string) string { return filepath.Join(dir, "parameters.conf") }

// columns is the number of fields of a contract row.
var columns = len(ingest.Columns)

// Big writes one export file built from copies of the national quarter
// files: every data row of every file, copies times over, all with the
// peildatum of the last file, and the gemeente renamed per file and copy
// ("Gemeente 001 2017_K1 c0"), so that every row is valid and no
// clientnummer repeats within a gemeente. The files must be plain
// contract files (header first, ';', the contract's column order, no
// quoted ';'), as GenerateNational writes them. It returns the number of
// data rows written.
func Big(w io.Writer, files []string, copies int) (int, error) {
	if len(files) == 0 {
		return 0, fmt.Errorf("dataset: no files")
	}
	if copies < 1 {
		return 0, fmt.Errorf("dataset: %d copies", copies)
	}
	header, peil, err := lastPeildatum(files[len(files)-1])
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(header)
	bw.WriteByte('\n')
	n := 0
	for c := 0; c < copies; c++ {
		for _, f := range files {
			k, err := appendFile(bw, f, peil, fmt.Sprintf(" %s c%d", label(f), c))
			if err != nil {
				return n, err
			}
			n += k
		}
	}
	return n, bw.Flush()
}

// label is a file's name without folder and extension, without the part
// up to the first '_' ("nationaal_2017_K1.csv" → "2017_K1").
func label(path string) string {
	s := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if _, after, ok := strings.Cut(s, "_"); ok {
		return after
	}
	return s
}

// lastPeildatum returns the header line of file and the peildatum of its
// first data row.
func lastPeildatum(file string) (header, peil string, err error) {
	f, err := os.Open(file)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if line == 1 {
			header = strings.TrimSuffix(sc.Text(), "\r")
			if !strings.HasPrefix(header, "peildatum;gemeente;") {
				return "", "", fmt.Errorf("%s:1: header %q does not start with peildatum;gemeente;", file, header)
			}
			continue
		}
		p, _, _ := strings.Cut(sc.Text(), ";")
		return header, p, nil
	}
	if err := sc.Err(); err != nil {
		return "", "", err
	}
	return "", "", fmt.Errorf("%s: no data rows", file)
}

// appendFile writes the data rows of file with the peildatum replaced by
// peil and suffix appended to the gemeente.
func appendFile(w *bufio.Writer, file, peil, suffix string) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if line == 1 {
			continue
		}
		text := strings.TrimSuffix(sc.Text(), "\r")
		if text == "" {
			continue
		}
		fields := strings.Split(text, ";")
		if len(fields) != columns {
			return n, fmt.Errorf("%s:%d: %d fields, want %d", file, line, len(fields), columns)
		}
		fields[0] = peil
		fields[1] += suffix
		w.WriteString(strings.Join(fields, ";"))
		w.WriteByte('\n')
		n++
	}
	return n, sc.Err()
}
