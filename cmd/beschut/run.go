package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"beschut/ingest"
	"beschut/internal/pipeline"
	"beschut/report/raadsmededeling"
	"beschut/samples"
)

const runUsage = `Gebruik: beschut run [opties]

Leest de exports van KonnecteD (zonder --input: de ingebouwde voorbeelden van
gemeente Deventer) en de parameters (--params, verplicht bij --input), en schrijft per gemeente voor de laatste
(of gekozen) peildatum het werkboek en de raadsmededeling naar --out, met
manifest.json. Een ongeldige export: de foutenlijst, en er wordt niets geschreven.
`

// runOptions are the flags of beschut run.
type runOptions struct {
	inputs    multi
	params    string
	peildatum dateFlag
	out       string
	conf      string
	formats   string
	doc       docFlags
}

func (m *Main) run(args []string) error {
	var o runOptions
	fs := m.flags("run", runUsage)
	fs.Var(&o.inputs, "input", "export of map met exports (herhaalbaar); zonder: de ingebouwde voorbeelden")
	fs.StringVar(&o.params, "params", "", "parameterbestand (verplicht bij --input; zonder --input: de ingebouwde voorbeeldparameters)")
	fs.Var(&o.peildatum, "peildatum", "peildatum dd-mm-jjjj; zonder: de laatste per gemeente")
	fs.StringVar(&o.out, "out", "out", "uitvoermap (een verwijzing naar de laatste complete set, zie README)")
	fs.StringVar(&o.conf, "vertrouwelijk", "", "map voor vertrouwelijke uitvoer per persoon (standaard: de uitvoermap met -vertrouwelijk erachter; alleen voor de eigenaar leesbaar)")
	fs.StringVar(&o.formats, "formats", "", "welke documenten, met komma's: "+strings.Join(pipeline.Formats, ",")+" (standaard: alle)")
	o.doc.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	formats, err := pipeline.ParseFormats(o.formats)
	if err != nil {
		return &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("onverwacht argument %q (gebruik --input)", fs.Arg(0))}
	}
	if len(o.inputs) > 0 && o.params == "" {
		return ErrParamsRequired
	}
	opts := pipeline.Options{Inputs: o.inputs, Samples: samples.Exports, Peildatum: o.peildatum.t, Out: o.out,
		Params: samples.Parameters, ParamsName: "samples/parameters.conf", Pause: pauseHook(m.Stderr)}
	conf, err := pipeline.ConfidentialDir(o.out, o.conf)
	if err != nil {
		return err
	}
	opts.Confidential = conf
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
	opts.Renderers, opts.Overview = pipeline.Select(rds, formats)
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
		dir := o.out
		if out.Vertrouwelijk {
			dir = conf
		}
		fmt.Fprintf(m.Stdout, "%s: %s %s, peildatum %s\n", out.Kind, filepath.Join(dir, out.Path), out.Gemeente, out.Peildatum)
	}
	fmt.Fprintf(m.Stdout, "manifest: %s%c%s\n", o.out, os.PathSeparator, pipeline.ManifestName)
	for _, w := range man.Warnings {
		fmt.Fprintf(m.Stdout, "let op: %s\n", w)
	}
	return nil
}

// ErrParamsRequired: real exports need the gemeente's own parameters; the
// sample parameters are for the embedded samples only.
var ErrParamsRequired = errors.New("--params ontbreekt: bij eigen exports (--input) is het parameterbestand van de gemeente(n) verplicht; alleen de ingebouwde voorbeelden (zonder --input) gebruiken de voorbeeldparameters")

// docFlags are the settings of the documents.
type docFlags struct {
	onderwerp, nummer, portefeuillehouder, team, templates string
	datum                                                  dateFlag
}

func (d *docFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.onderwerp, "onderwerp", "", "onderwerp van de raadsmededeling (standaard: Kwartaalrapportage beschut werk Ne kwartaal JJJJ)")
	fs.StringVar(&d.nummer, "nummer", "", "nummer van de raadsmededeling (standaard: uit het parameterbestand voor die gemeente en peildatum; zonder nummer is het een CONCEPT)")
	fs.StringVar(&d.portefeuillehouder, "portefeuillehouder", "", "portefeuillehouder (standaard: uit het parameterbestand; anders –)")
	fs.StringVar(&d.team, "team", "", "team (standaard: uit het parameterbestand; anders –)")
	fs.Var(&d.datum, "datum", "datum van de raadsmededeling dd-mm-jjjj (standaard: uit het parameterbestand, anders de peildatum)")
	fs.StringVar(&d.templates, "templates", "", "map met sjablonen die de ingebouwde vervangen (zie templates/)")
}

func (d *docFlags) settings() raadsmededeling.Settings {
	return raadsmededeling.Settings{Onderwerp: d.onderwerp, Nummer: d.nummer, Portefeuillehouder: d.portefeuillehouder, Team: d.team, Datum: d.datum.t}
}
