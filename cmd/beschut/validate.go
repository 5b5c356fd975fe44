package main

import (
	"beschut/ingest"
)

const validateUsage = `Gebruik: beschut validate PAD...

Controleert exports van KonnecteD (bestanden, of mappen met .csv-bestanden)
tegen het exportcontract. Geldig: per gemeente en peildatum het aantal regels
en de waarschuwingen. Ongeldig: alle fouten, met bestand, regel, kolom en
waarde, in een vorm die naar KonnecteD kan.
`

func (m *Main) validate(args []string) error {
	fs := m.flags("validate", validateUsage)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &usageError{"geef een of meer bestanden of mappen"}
	}
	h, err := ingest.ReadPaths(fs.Args())
	if err != nil {
		if werr := ingest.WriteErrors(m.Stdout, err); werr != nil {
			return werr
		}
		return &reportedError{err}
	}
	return ingest.WriteSummary(m.Stdout, h)
}
