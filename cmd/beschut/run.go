package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"beschut/ingest"
	"beschut/internal/pipeline"
	"beschut/report/raadsmededeling"
	"beschut/samples"
)

const runUsage = `Gebruik: beschut run [opties]

Leest de exports van KonnecteD (zonder --input: de ingebouwde voorbeelden van
gemeente Deventer) en de parameters, en schrijft per gemeente voor de laatste
(of gekozen) peildatum het werkboek en de raadsmededeling naar --out, met
manifest.json. Een ongeldige export: de foutenlijst, en er wordt niets geschreven.
`

// runOptions are the flags of beschut run.
type runOptions struct {
	inputs    multi
	params    string
	peildatum dateFlag
	out       string
	doc       docFlags
}

func (m *Main) run(args []string) error {
	var o runOptions
	fs := m.flags("run", runUsage)
	fs.Var(&o.inputs, "input", "export of map met exports (herhaalbaar); zonder: de ingebouwde voorbeelden")
	fs.StringVar(&o.params, "params", "", "parameterbestand; zonder: de ingebouwde voorbeeldparameters (samples/parameters.conf)")
	fs.Var(&o.peildatum, "peildatum", "peildatum dd-mm-jjjj; zonder: de laatste per gemeente")
	fs.StringVar(&o.out, "out", "out", "uitvoermap")
	o.doc.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("onverwacht argument %q (gebruik --input)", fs.Arg(0))}
	}
	opts := pipeline.Options{Inputs: o.inputs, Samples: samples.Exports, Peildatum: o.peildatum.t, Out: o.out,
		Params: samples.Parameters, ParamsName: "samples/parameters.conf"}
	if o.params != "" {
		data, err := os.ReadFile(o.params)
		if err != nil {
			return fmt.Errorf("parameterbestand: %w", err)
		}
		opts.Params, opts.ParamsName = data, o.params
	}
	rds, err := pipeline.Documents(o.doc.settings(), o.doc.templates)
	if err != nil {
		return err
	}
	opts.Renderers = rds
	man, err := pipeline.Run(opts)
	var files *ingest.FileErrors
	if errors.As(err, &files) {
		if werr := ingest.WriteErrors(m.Stderr, err); werr != nil {
			return werr
		}
		return &reportedError{err}
	}
	if err != nil {
		return err
	}
	for _, out := range man.Outputs {
		fmt.Fprintf(m.Stdout, "%s: %s %s, peildatum %s\n", out.Kind, o.out+string(os.PathSeparator)+out.Path, out.Gemeente, out.Peildatum)
	}
	fmt.Fprintf(m.Stdout, "manifest: %s%c%s\n", o.out, os.PathSeparator, pipeline.ManifestName)
	for _, w := range man.Warnings {
		fmt.Fprintf(m.Stdout, "let op: %s\n", w)
	}
	return nil
}

// docFlags are the settings of the documents.
type docFlags struct {
	onderwerp, nummer, portefeuillehouder, team, templates string
	datum                                                  dateFlag
}

func (d *docFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.onderwerp, "onderwerp", "", "onderwerp van de raadsmededeling (standaard: Kwartaalrapportage beschut werk Ne kwartaal JJJJ)")
	fs.StringVar(&d.nummer, "nummer", "", "nummer van de raadsmededeling (standaard: concept)")
	fs.StringVar(&d.portefeuillehouder, "portefeuillehouder", "", "portefeuillehouder (standaard: Wethouder Werk en Inkomen)")
	fs.StringVar(&d.team, "team", "", "team (standaard: Beleid)")
	fs.Var(&d.datum, "datum", "datum van de raadsmededeling dd-mm-jjjj (standaard: de peildatum)")
	fs.StringVar(&d.templates, "templates", "", "map met sjablonen die de ingebouwde vervangen (zie templates/)")
}

func (d *docFlags) settings() raadsmededeling.Settings {
	return raadsmededeling.Settings{Onderwerp: d.onderwerp, Nummer: d.nummer, Portefeuillehouder: d.portefeuillehouder, Team: d.team, Datum: d.datum.t}
}
