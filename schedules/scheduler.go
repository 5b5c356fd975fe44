package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/robfig/cron/v3"
)

// cronLogger lets robfig/cron log through slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "fout", err.Error())...)
}

// Serve runs the jobs on their schedules until ctx ends; then it lets a
// running job finish and returns nil.
func Serve(ctx context.Context, c *Config, env Env) error {
	locks, err := lockAll(c)
	if err != nil {
		return err
	}
	defer unlockAll(locks)
	logger := cronLogger{env.Log}
	// In robfig/cron v3.0.1 the order matters: SkipIfStillRunning outside,
	// Recover inside. The other way round a panicking job never releases
	// SkipIfStillRunning's slot and is skipped forever after.
	cr := cron.New(cron.WithParser(parser), cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)))
	for _, j := range c.Jobs {
		j := j
		cr.Schedule(inZone{j.schedule, j.Location}, cron.FuncJob(func() {
			if _, err := j.Run(env); err != nil {
				env.Log.Error("mislukt", "taak", j.Name, "uitkomst", "fout", "fout", err.Error())
			}
		}))
		env.Log.Info("gepland", "taak", j.Name, "schema", j.Spec, "volgende", j.Next(env.Now(), 1)[0].Format(time.RFC3339))
	}
	cr.Start()
	<-ctx.Done()
	env.Log.Info("stoppen", "uitkomst", "wacht op lopende taak")
	<-cr.Stop().Done()
	env.Log.Info("gestopt")
	return nil
}

// inZone evaluates a schedule in a job's time zone.
type inZone struct {
	s   cron.Schedule
	loc *time.Location
}

func (z inZone) Next(t time.Time) time.Time { return z.s.Next(t.In(z.loc)) }

// Once runs every job one time, under the same locks.
func Once(c *Config, env Env) error {
	locks, err := lockAll(c)
	if err != nil {
		return err
	}
	defer unlockAll(locks)
	var errs []error
	for _, j := range c.Jobs {
		if _, err := j.Run(env); err != nil {
			env.Log.Error("mislukt", "taak", j.Name, "uitkomst", "fout", "fout", err.Error())
			errs = append(errs, fmt.Errorf("taak %s: %w", j.Name, err))
		}
	}
	return errors.Join(errs...)
}

// LockedError: another beschut process works on the inbox.
type LockedError struct {
	Inbox string
	PID   int
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("inbox %s is in gebruik door een ander beschut-proces (pid %d)", e.Inbox, e.PID)
}

// LockName is the lock file in an inbox.
const LockName = ".beschut.lock"

// lock takes the inbox's lock file: created exclusively, holding our pid. A
// lock whose process no longer runs is stale and is taken over.
func lock(inbox string) (string, error) {
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(inbox, LockName)
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			_, err = fmt.Fprintf(f, "%d\n", os.Getpid())
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return path, err
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
		data, _ := os.ReadFile(path)
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		if pid > 0 && alive(pid) {
			return "", &LockedError{Inbox: inbox, PID: pid}
		}
		os.Remove(path) // stale: its process is gone
	}
	return "", &LockedError{Inbox: inbox}
}

func alive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

func lockAll(c *Config) ([]string, error) {
	var held []string
	seen := map[string]bool{}
	for _, j := range c.Jobs {
		abs, _ := filepath.Abs(j.Inbox)
		if seen[abs] {
			continue
		}
		seen[abs] = true
		l, err := lock(j.Inbox)
		if err != nil {
			unlockAll(held)
			return nil, err
		}
		held = append(held, l)
	}
	return held, nil
}

func unlockAll(locks []string) {
	for _, l := range locks {
		os.Remove(l)
	}
}
