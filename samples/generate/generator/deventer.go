// Package generator writes the fictitious, pseudonymous sample exports:
// Deventer (embedded in the binary, reproducing the nota), the example
// region Zaanstreek-Waterland (samples/regio) and the national sets of the
// benchmarks. The output is deterministic: the same call writes the same
// bytes. It is a development tool, never part of the beschut binary.
package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// deventer is the nota's history: Tabel 1 and §1.3 "Feiten en cijfers".
var deventer = targets{
	gemeente:  "Deventer",
	prefix:    "KD",
	firstYear: 2017,
	inTraject: []int{12, 17, 22, 22, 36, 48},
	betaald:   []int{4, 11, 13, 14, 29, 37},
	uitstroom: []int{0, 2, 3, 4, 3, 4},
	// 2023-K1 and K2: 6 new, 2 leaving, 5 from tijdelijk to vast.
	extraQuarters: 2, extraInstroom: 6, extraUitstroom: 2, extraVast: 5,
	// On 31-12-2022: 29 of 37 employed by KonnecteD, 8 by another employer.
	werkplekMix: []string{
		"intern", "intern", "extern", "intern", "groepsdetachering", "intern", "extern", "intern",
		"intern", "groepsdetachering", "extern", "intern", "intern", "detachering", "extern", "intern",
		"groepsdetachering", "intern", "extern", "intern", "intern", "groepsdetachering", "extern", "intern",
		"intern", "groepsdetachering", "extern", "intern", "intern", "groepsdetachering", "intern", "intern",
		"intern", "extern", "intern", "intern", "intern",
	},
	meanLoonwaarde: 41,
	seed:           2023,
}

// dialects: most files are what Dutch Excel writes; a few carry the dirt
// real exports have, so the embedded samples exercise the tolerance.
var dialects = map[string]dialect{
	"2018-K3": {comma: ",", point: true, shuffle: true, extraCol: true},
	"2019-K4": {comma: ";", cp1252: true, euro: true, percentage: true},
	"2021-K2": {comma: ";", bom: true, crlf: true},
	"2022-K1": {comma: ";", iso: true},
}

// Generate writes the Deventer sample exports into dir.
func Generate(dir string) error {
	persons, err := plan(deventer)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for y := 2017; y <= 2023; y++ {
		for q := 1; q <= 4; q++ {
			if y == 2023 && q > 2 {
				break
			}
			peil := time.Date(y, time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
			key := fmt.Sprintf("%d-K%d", y, q)
			d, ok := dialects[key]
			if !ok {
				d = dialect{comma: ";"}
			}
			name := filepath.Join(dir, fmt.Sprintf("konnected_beschut_%d_K%d.csv", y, q))
			if err := os.WriteFile(name, encode(rows(deventer.gemeente, persons, peil), d), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
