// Command generate writes the fictitious, pseudonymous sample exports:
// without -gemeenten, the embedded Deventer samples (2017-K1 … 2023-K2,
// scripted so that every 31-12 agrees with the nota beschut werk Deventer
// 2023) into -out and the example region Zaanstreek-Waterland (seed 004)
// into -out/regio; with -gemeenten, a national set. The output is
// deterministic: the same command writes the same bytes. It is a
// development tool: the beschut binary does not contain it.
//
//	go run ./samples/generate                                 # samples/ en samples/regio/
//	go run ./samples/generate -out /tmp/nl -gemeenten 342     # landelijke set, 2017-K1 … 2026-K3
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"beschut/samples/generate/generator"
)

func main() {
	out := flag.String("out", "samples", "map waarin de exports worden geschreven")
	n := generator.DefaultNational
	flag.IntVar(&n.Gemeenten, "gemeenten", 0, "maak een landelijke set met zoveel gemeenten (0: de voorbeelden van Deventer en de regio)")
	flag.IntVar(&n.LastYear, "tot-jaar", n.LastYear, "landelijke set: laatste jaar")
	flag.IntVar(&n.LastQuarter, "tot-kwartaal", n.LastQuarter, "landelijke set: laatste kwartaal van dat jaar")
	flag.Float64Var(&n.Scale, "schaal", n.Scale, "landelijke set: vermenigvuldig de omvang van elke gemeente")
	flag.Parse()
	if err := generate(*out, n); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func generate(out string, n generator.National) error {
	if n.Gemeenten == 0 {
		if err := generator.Generate(out); err != nil {
			return err
		}
		return generator.GenerateRegio(filepath.Join(out, "regio"))
	}
	if _, err := generator.GenerateNational(out, n); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "parameters.conf"), generator.NationalParams(n), 0o644)
}
