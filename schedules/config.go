// Package schedules runs beschut as a scheduled job: each job picks new
// exports up from an inbox, quarantines invalid ones with their error
// report, renders the documents of the gemeenten whose data changed, and
// only then archives the exports. No export is ever lost or processed half.
// The definitions live in files like schedules/voorbeeld.conf.
package schedules

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"beschut/internal/ini"
	"beschut/internal/pipeline"
	"beschut/report/raadsmededeling"
)

// Job is one scheduled job.
type Job struct {
	Name     string
	Spec     string // cron expression: 5 fields, or 6 with seconds first
	Location *time.Location
	Inbox    string
	Out      string
	// Confidential is the folder for per-person documents (the signalen):
	// required, and never the output folder the griffie and finance read.
	Confidential string
	Archive      string
	Quarantine   string
	Params       string        // parameters file: required (CheckParams)
	Templates    string        // folder overriding the templates; empty: embedded
	Formats      []string      // the documents to write (pipeline.Formats); empty: all
	Settle       time.Duration // a file must be unchanged this long before it is taken
	Document     raadsmededeling.Settings

	schedule cron.Schedule
}

// Config is a definitions file: one or more jobs.
type Config struct {
	Source string
	Jobs   []*Job
}

// DefaultSettle is how long a file must be unchanged by default.
const DefaultSettle = 60 * time.Second

var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ConfigError is a wrong line of a definitions file; ConfigErrors all of
// them. They are the errors of the shared configuration format.
type (
	ConfigError  = ini.Error
	ConfigErrors = ini.Errors
)

// ParseConfig reads a definitions file. Relative folders are relative to
// the folder of the file (dir).
func ParseConfig(name string, data []byte, dir string) (*Config, error) {
	c := &Config{Source: name}
	lines, errs := ini.Lines(name, data)
	fail := func(line int, key string, err error) {
		errs = append(errs, &ConfigError{File: name, Line: line, Key: key, Err: err})
	}
	var cur *Job
	starts := map[*Job]int{}
	path := func(v string) string {
		if v == "" || filepath.IsAbs(v) {
			return v
		}
		return filepath.Join(dir, v)
	}
	for _, l := range lines {
		n, key, val := l.N, l.Key, l.Value
		if l.IsSection {
			name, ok := strings.CutPrefix(l.Section, "taak ")
			if !ok || strings.TrimSpace(name) == "" {
				fail(n, "", errors.New("is geen sectie: verwacht [taak naam]"))
				cur = nil
				continue
			}
			cur = &Job{Name: strings.TrimSpace(name), Settle: DefaultSettle, Location: amsterdam()}
			starts[cur] = n
			c.Jobs = append(c.Jobs, cur)
			continue
		}
		if cur == nil {
			fail(n, key, errors.New("staat vóór de eerste [taak naam]"))
			continue
		}
		switch key {
		case "schema":
			cur.Spec = val
		case "tijdzone":
			loc, err := time.LoadLocation(val)
			if err != nil {
				fail(n, key, fmt.Errorf("onbekende tijdzone %q", val))
				continue
			}
			cur.Location = loc
		case "inbox":
			cur.Inbox = path(val)
		case "uitvoer":
			cur.Out = path(val)
		case "vertrouwelijk":
			cur.Confidential = path(val)
		case "archief":
			cur.Archive = path(val)
		case "quarantaine":
			cur.Quarantine = path(val)
		case "parameters":
			cur.Params = path(val)
		case "sjablonen":
			cur.Templates = path(val)
		case "formaten":
			f, err := pipeline.ParseFormats(val)
			if err != nil {
				fail(n, key, err)
				continue
			}
			cur.Formats = f
		case "rust":
			d, err := time.ParseDuration(val)
			if err != nil || d < 0 {
				fail(n, key, fmt.Errorf("%q is geen duur (bijvoorbeeld 60s of 2m)", val))
				continue
			}
			cur.Settle = d
		case "onderwerp":
			cur.Document.Onderwerp = val
		case "nummer":
			cur.Document.Nummer = val
		case "portefeuillehouder":
			cur.Document.Portefeuillehouder = val
		case "team":
			cur.Document.Team = val
		case "datum":
			t, err := value.ParseDate(val)
			if err != nil {
				fail(n, key, fmt.Errorf("%q %v", val, err))
				continue
			}
			cur.Document.Datum = t
		default:
			fail(n, key, errors.New("is geen bekende sleutel (zie README.md)"))
		}
	}
	names := map[string]bool{}
	for _, j := range c.Jobs {
		n := starts[j]
		if names[j.Name] {
			fail(n, "", fmt.Errorf("taak %q staat er twee keer in", j.Name))
		}
		names[j.Name] = true
		required := map[string]string{"schema": j.Spec, "inbox": j.Inbox, "uitvoer": j.Out, "archief": j.Archive, "quarantaine": j.Quarantine}
		if len(j.Formats) == 0 || slices.Contains(j.Formats, "signalen") {
			required["vertrouwelijk"] = j.Confidential // the per-person file has a folder of its own
		}
		for key, v := range required {
			if v == "" {
				fail(n, key, fmt.Errorf("ontbreekt in taak %q", j.Name))
			}
		}
		if j.Out != "" && j.Confidential != "" {
			if _, err := pipeline.ConfidentialDir(j.Out, j.Confidential); err != nil {
				fail(n, "vertrouwelijk", err)
			}
		}
		if j.Spec != "" {
			s, err := parser.Parse(j.Spec)
			if err != nil {
				fail(n, "schema", fmt.Errorf("%q is geen cron-uitdrukking: %v", j.Spec, err))
			}
			j.schedule = s
		}
	}
	if len(c.Jobs) == 0 && len(errs) == 0 {
		fail(1, "", errors.New("geen enkele [taak naam]"))
	}
	if err := ini.Join(errs); err != nil {
		return nil, err
	}
	return c, nil
}

func amsterdam() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.UTC
	}
	return loc
}

// Next returns the job's next n run times after t, in its time zone.
func (j *Job) Next(t time.Time, n int) []time.Time {
	var out []time.Time
	t = t.In(j.Location)
	for i := 0; i < n; i++ {
		t = j.schedule.Next(t)
		out = append(out, t)
	}
	return out
}
