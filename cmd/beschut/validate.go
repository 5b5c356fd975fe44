package main

import (
	"fmt"
	"os"

	"beschut/ingest"
	"beschut/report"
)

const validateUsage = `Gebruik: beschut validate [--params BESTAND] PAD...

Controleert exports van KonnecteD (bestanden, of mappen met .csv-bestanden)
tegen het exportcontract (versie 1.1). Geldig: per gemeente en peildatum het
aantal regels en de waarschuwingen. Ongeldig: alle fouten, met bestand, regel,
kolom en waarde, in een vorm die naar KonnecteD kan.

Met --params wordt ook gecontroleerd dat elke gemeente in het
parameterbestand staat; zonder --params wordt dat overgeslagen (en gemeld).
`

// notCheckedGemeenten is the one line validate prints without --params.
const notCheckedGemeenten = "Let op: gemeenten zijn niet gecontroleerd tegen een parameterbestand (gebruik --params BESTAND)."

func (m *Main) validate(args []string) error {
	fs := m.flags("validate", validateUsage)
	paramsPath := fs.String("params", "", "parameterbestand: controleer ook dat elke gemeente erin staat")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &usageError{"geef een of meer bestanden of mappen"}
	}
	// validate streams: it keeps the number of rows per gemeente, not the rows.
	opts := ingest.Options{CountOnly: true}
	if *paramsPath != "" {
		data, err := os.ReadFile(*paramsPath)
		if err != nil {
			return fmt.Errorf("parameterbestand %s: kan niet lezen: %w", *paramsPath, err)
		}
		params, err := report.ParseParams(*paramsPath, data)
		if err != nil {
			return err
		}
		opts.Known = params.Configured
	}
	h, err := opts.ReadPaths(fs.Args())
	if err != nil {
		if werr := ingest.WriteErrors(m.Stdout, err); werr != nil {
			return werr
		}
		return &reportedError{err}
	}
	if err := ingest.WriteSummary(m.Stdout, h); err != nil {
		return err
	}
	if opts.Known == nil {
		_, err = fmt.Fprintln(m.Stdout, notCheckedGemeenten)
	}
	return err
}
