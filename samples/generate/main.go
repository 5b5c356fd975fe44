// Command generate writes the fictitious, pseudonymous sample exports of
// KonnecteD for gemeente Deventer, one file per quarter from 2017-K1 to
// 2023-K2, scripted so that every 31-12 agrees with the nota beschut werk
// Deventer 2023 (Tabel 1 and the situation on 31-12-2022). The output is
// deterministic: the same command writes the same bytes.
//
//	go run ./samples/generate -out samples
package main

import (
	"flag"
	"fmt"
	"os"

	"beschut/samples"
)

func main() {
	out := flag.String("out", "samples", "map waarin de exports worden geschreven")
	flag.Parse()
	if err := samples.Generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}
