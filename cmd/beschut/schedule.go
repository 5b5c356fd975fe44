package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"beschut/schedules"
)

const scheduleUsage = `Gebruik: beschut schedule [--config BESTAND] [--once | --list]

Draait de geplande taken uit het definitiebestand (standaard
schedules/voorbeeld.conf): elke taak haalt nieuwe exports uit zijn inbox,
zet ongeldige in quarantaine met <bestand>.fouten.txt, maakt werkboek en
raadsmededeling voor de gemeenten met nieuwe gegevens en archiveert daarna de
exports. Logt één regel per gebeurtenis naar stderr. Stopt netjes op
SIGTERM/SIGINT: een lopende taak wordt eerst afgemaakt.
`

// scheduleOptions are the flags of beschut schedule.
type scheduleOptions struct {
	config     string
	once, list bool
}

func (m *Main) schedule(ctx context.Context, args []string) error {
	var o scheduleOptions
	fs := m.flags("schedule", scheduleUsage)
	fs.StringVar(&o.config, "config", filepath.Join("schedules", "voorbeeld.conf"), "definitiebestand met de taken")
	fs.BoolVar(&o.once, "once", false, "draai elke taak één keer nu en stop")
	fs.BoolVar(&o.list, "list", false, "toon per taak de volgende keren dat hij draait")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || o.once && o.list {
		return &usageError{"gebruik --once of --list, niet allebei, en geen losse argumenten"}
	}
	data, err := os.ReadFile(o.config)
	if err != nil {
		return fmt.Errorf("definitiebestand: %w", err)
	}
	cfg, err := schedules.ParseConfig(o.config, data, filepath.Dir(o.config))
	if err != nil {
		return err
	}
	if err := cfg.CheckParams(); err != nil {
		return err
	}
	env := schedules.Env{Now: time.Now, Log: slog.New(slog.NewTextHandler(m.Stderr, nil)), Pause: pauseHook(m.Stderr)}
	switch {
	case o.list:
		for _, j := range cfg.Jobs {
			fmt.Fprintf(m.Stdout, "taak %s (%s, %s):\n", j.Name, j.Spec, j.Location)
			for _, t := range j.Next(env.Now(), 5) {
				fmt.Fprintf(m.Stdout, "  %s\n", t.Format("Mon 02-01-2006 15:04:05 MST"))
			}
		}
		return nil
	case o.once:
		return schedules.Once(cfg, env)
	}
	return schedules.Serve(ctx, cfg, env)
}

// pauseHook reads BESCHUT_TEST_PAUSE=step=duration: the fault tests stop
// a process at a named step to kill it there. At the step it prints one
// line "BESCHUT_TEST_PAUSE step" to stderr (so a test knows it is there),
// then sleeps. Unset in normal use: then it returns nil and nothing pauses.
func pauseHook(stderr io.Writer) func(string) {
	spec := os.Getenv("BESCHUT_TEST_PAUSE")
	step, dur, ok := strings.Cut(spec, "=")
	d, err := time.ParseDuration(dur)
	if !ok || err != nil {
		return nil
	}
	var mu sync.Mutex
	return func(s string) {
		if s == step {
			mu.Lock()
			fmt.Fprintf(stderr, "BESCHUT_TEST_PAUSE %s\n", s)
			mu.Unlock()
			time.Sleep(d)
		}
	}
}
