// Command prepare writes the data sets of bench/run into a folder,
// deterministically (the same command writes the same bytes):
//
//	DIR/nl   the national set (generator.DefaultNational, ≈ 205.000 rows) and its parameters.conf
//	DIR/x5   the same at five times the size (≈ 1 million rows) and its parameters.conf
//	DIR/big.csv  one file of ten copies of DIR/nl (≈ 2 million rows), for beschut validate
//
// A set already complete in DIR is kept.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"beschut/bench/dataset"
	"beschut/samples/generate/generator"
)

func main() {
	dir := flag.String("dir", "", "map voor de datasets")
	copies := flag.Int("kopieen", 10, "aantal kopieën van de landelijke set in big.csv")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "prepare: -dir ontbreekt")
		os.Exit(2)
	}
	if err := prepare(*dir, *copies); err != nil {
		fmt.Fprintln(os.Stderr, "prepare:", err)
		os.Exit(1)
	}
}

// million is the 5× set: about a million rows.
var million = generator.National{Gemeenten: 342, LastYear: 2026, LastQuarter: 3, Scale: 5, Seed: 342}

func prepare(dir string, copies int) error {
	nl, err := dataset.Ensure(filepath.Join(dir, "nl"), generator.DefaultNational)
	if err != nil {
		return err
	}
	if _, err := dataset.Ensure(filepath.Join(dir, "x5"), million); err != nil {
		return err
	}
	big := filepath.Join(dir, "big.csv")
	if _, err := os.Stat(big); err == nil {
		return nil
	}
	tmp := big + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	n, err := dataset.Big(f, nl, copies)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Fprintf(os.Stderr, "big.csv: %d rijen\n", n)
	return os.Rename(tmp, big)
}
