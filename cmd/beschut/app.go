package main

import (
	"beschut/internal/value"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"beschut/ingest"
	"beschut/internal/ini"
	"beschut/internal/pipeline"
	"beschut/report"
	"beschut/report/raadsmededeling"
	"beschut/schedules"
)

// Main is the beschut program: tests drive it with their own writers.
type Main struct {
	Stdout, Stderr io.Writer
}

// Exit codes, the same for every subcommand.
const (
	ExitOK      = 0 // done
	ExitInvalid = 1 // an export or the parameters file is invalid: the Dutch error list says where
	ExitUsage   = 2 // wrong command line
	ExitFailure = 3 // anything else: cannot read or write a file, a bug
)

const exitCodesHelp = `Afsluitcodes:
  0  gelukt
  1  een export, het parameterbestand, een sjabloon of het definitiebestand is ongeldig (de foutenlijst noemt bestand, regel, kolom en waarde); er is niets geschreven
  2  verkeerd gebruik van de opdracht
  3  andere fout (bestand niet te lezen of te schrijven, inbox in gebruik door een ander proces); er is niets half geschreven
`

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// reportedError is an error whose Dutch report was already printed.
type reportedError struct{ err error }

func (e *reportedError) Error() string { return e.err.Error() }
func (e *reportedError) Unwrap() error { return e.err }

// ExitCode maps an error to the exit code: the one place that does.
func ExitCode(err error) int {
	var usage *usageError
	var files *ingest.FileErrors
	var conf *ini.Errors // the parameters file or the schedule definitions
	var noPeil *pipeline.NoPeildatumError
	var tmplDir *pipeline.TemplatesDirError
	var tmpl *raadsmededeling.TemplateError
	var confDir *pipeline.ConfidentialDirError
	var clash *pipeline.ClashError
	var noParams *schedules.ParamsMissingError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &usage), errors.As(err, &tmplDir), errors.Is(err, ErrParamsRequired),
		errors.As(err, &noParams), errors.As(err, &confDir):
		return ExitUsage
	case errors.As(err, &files), errors.As(err, &conf), errors.As(err, &noPeil),
		errors.Is(err, report.ErrNoData), errors.Is(err, pipeline.ErrNoExports), errors.As(err, &tmpl),
		errors.As(err, &clash):
		return ExitInvalid
	}
	return ExitFailure
}

const mainUsage = `beschut — kwartaalrapportage beschut werk uit de exports van KonnecteD

Gebruik:
  beschut validate PAD...    controleer exports (bestanden of mappen)
  beschut run [opties]       maak werkboek en raadsmededeling per gemeente
  beschut schedule [opties]  draai de geplande taken (inbox, archief, quarantaine)

'beschut OPDRACHT -h' toont de opties van een opdracht.
`

// Run runs the command line args (without the program name).
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, mainUsage)
		return &usageError{"geen opdracht gegeven"}
	}
	var err error
	switch args[0] {
	case "validate":
		err = m.validate(args[1:])
	case "run":
		err = m.run(args[1:])
	case "schedule":
		err = m.schedule(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, mainUsage)
		return nil
	default:
		fmt.Fprint(m.Stderr, mainUsage)
		return &usageError{fmt.Sprintf("onbekende opdracht %q", args[0])}
	}
	var reported *reportedError
	var usage *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp), errors.As(err, &reported):
	case errors.As(err, &usage):
		fmt.Fprintf(m.Stderr, "beschut %s: %v\n", args[0], err)
	default:
		fmt.Fprintf(m.Stderr, "beschut %s: fout: %v\n", args[0], err)
	}
	return err
}

// flags makes a subcommand's flag set that reports to Stderr.
func (m *Main) flags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprint(m.Stderr, usage)
		fmt.Fprintln(m.Stderr, "\nOpties:")
		fs.PrintDefaults()
		fmt.Fprint(m.Stderr, "\n"+exitCodesHelp)
	}
	return fs
}

// parse parses flags, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	return nil
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// dateFlag is a dd-mm-jjjj flag.
type dateFlag struct{ t time.Time }

func (d *dateFlag) String() string {
	if d.t.IsZero() {
		return ""
	}
	return value.FormatDate(d.t)
}

func (d *dateFlag) Set(v string) error {
	t, err := value.ParseDate(v)
	if err != nil {
		return fmt.Errorf("%q %v", v, err)
	}
	d.t = t
	return nil
}
