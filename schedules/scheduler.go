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
	"time"

	"github.com/gofrs/flock"
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
		res, err := j.Run(env)
		if err != nil {
			env.Log.Error("mislukt", "taak", j.Name, "uitkomst", "fout", "fout", err.Error())
			errs = append(errs, fmt.Errorf("taak %s: %w", j.Name, err))
			continue
		}
		if len(res.Failed) > 0 {
			errs = append(errs, fmt.Errorf("taak %s: documenten van %s niet gemaakt (zie het logboek); de volgende run probeert het opnieuw", j.Name, strings.Join(res.Failed, ", ")))
		}
	}
	return errors.Join(errs...)
}

// LockedError: another beschut process works on the inbox.
type LockedError struct {
	Inbox string
	PID   int // as the lock file says; 0 when unknown
}

func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("inbox %s is in gebruik door een ander beschut-proces (pid %d)", e.Inbox, e.PID)
	}
	return fmt.Sprintf("inbox %s is in gebruik door een ander beschut-proces", e.Inbox)
}

// LockName is the lock file in an inbox.
const LockName = ".beschut.lock"

// lock takes the inbox's lock: an flock(2) on the lock file, held by the
// kernel for as long as the process lives, so a crashed process never
// leaves a lock behind and there is nothing to take over. The file itself
// stays; the pid in it is for people only.
func lock(inbox string) (*flock.Flock, error) {
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(inbox, LockName)
	l := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o644))
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("inbox %s: slot: %w", inbox, err)
	}
	if !ok {
		data, _ := os.ReadFile(path)
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		return nil, &LockedError{Inbox: inbox, PID: pid}
	}
	os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
	return l, nil
}

func lockAll(c *Config) ([]*flock.Flock, error) {
	var held []*flock.Flock
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

// unlockAll releases the locks. The lock files stay: removing one while
// another process waits on it would let a third lock a new file.
func unlockAll(locks []*flock.Flock) {
	for _, l := range locks {
		l.Unlock()
	}
}
