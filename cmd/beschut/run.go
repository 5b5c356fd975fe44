package main

import (
	"fmt"
	"os"

	"beschut/ingest"
	"beschut/internal/pipeline"
	"beschut/report/workbook"
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
	rds, err := o.doc.renderers()
	if err != nil {
		return err
	}
	opts.Renderers = rds
	man, err := pipeline.Run(opts)
	if err != nil {
		if werr := ingest.WriteErrors(m.Stderr, err); werr != nil {
			return werr
		}
		return &reportedError{err}
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
type docFlags struct{}

func (d *docFlags) register(fs interface{ StringVar(*string, string, string, string) }) {}

func (d *docFlags) renderers() ([]pipeline.Renderer, error) {
	return []pipeline.Renderer{{Kind: "werkboek", Suffix: "_beschut-werk.xlsx", Render: workbook.Write}}, nil
}
