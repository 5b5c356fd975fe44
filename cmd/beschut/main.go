// Command beschut turns the quarterly exports of KonnecteD into the
// workbook and the raadsmededeling of beschut werk. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	tuneGC(os.Args[1:], os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := ExitCode((&Main{Stdout: os.Stdout, Stderr: os.Stderr}).Run(ctx, os.Args[1:]))
	stop()
	os.Exit(code)
}
