package pipeline

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestQueuePanic: a task that panics (fpdf does, on a character outside
// the Basic Multilingual Plane) ends the process with its own panic and
// stack, as a panic on a goroutine of its own does, and not with a fatal
// "unlock of unlocked mutex" from the queue that hides it. The panic runs
// in a child process: it ends the process by design.
func TestQueuePanic(t *testing.T) {
	if os.Getenv("BESCHUT_QUEUE_PANIC") == "1" {
		q := newQueue()
		q.add(laneFirst, func() { panic("proef-paniek") })
		q.run(2)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestQueuePanic$")
	cmd.Env = append(os.Environ(), "BESCHUT_QUEUE_PANIC=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the child process did not end with the panic:\n%s", out)
	}
	if !strings.Contains(string(out), "panic: proef-paniek") {
		t.Errorf("the child's output does not show the task's panic:\n%s", out)
	}
	if strings.Contains(string(out), "unlock of unlocked mutex") {
		t.Errorf("the queue turned the panic into a fatal mutex error:\n%s", out)
	}
	if !strings.Contains(string(out), "TestQueuePanic.func") {
		t.Errorf("the child's stack does not show the panicking task:\n%s", out)
	}
}
