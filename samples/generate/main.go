// Command generate writes the fictitious, pseudonymous sample exports of
// KonnecteD for gemeente Deventer, one file per quarter from 2017-K1 to
// 2023-K2, scripted so that every 31-12 agrees with the nota beschut werk
// Deventer 2023 (Tabel 1 and the situation on 31-12-2022). The output is
// deterministic: the same command writes the same bytes.
//
//	go run ./samples/generate -out samples
//	go run ./samples/generate -out /tmp/nl -gemeenten 342    # landelijke set, 2017-K1 … 2026-K3
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"beschut/samples"
)

func main() {
	out := flag.String("out", "samples", "map waarin de exports worden geschreven")
	n := samples.DefaultNational
	flag.IntVar(&n.Gemeenten, "gemeenten", 0, "maak een landelijke set met zoveel gemeenten (0: de voorbeelden van Deventer)")
	flag.IntVar(&n.LastYear, "tot-jaar", n.LastYear, "landelijke set: laatste jaar")
	flag.IntVar(&n.LastQuarter, "tot-kwartaal", n.LastQuarter, "landelijke set: laatste kwartaal van dat jaar")
	flag.Float64Var(&n.Scale, "schaal", n.Scale, "landelijke set: vermenigvuldig de omvang van elke gemeente")
	flag.Parse()
	if err := generate(*out, n); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func generate(out string, n samples.National) error {
	if n.Gemeenten == 0 {
		return samples.Generate(out)
	}
	if _, err := samples.GenerateNational(out, n); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "parameters.conf"), samples.NationalParams(n), 0o644)
}
