// Package external finds the programs some tests run to look at the outputs
// as a user's tools would (LibreOffice, poppler, qpdf). .ci/run installs
// them; a test fails when one is missing, unless BESCHUT_SKIP_EXTERNAL=1
// says on purpose that this machine has none.
package external

import (
	"os"
	"os/exec"
	"testing"
)

// Require returns the path of program, or ends the test.
func Require(t testing.TB, program string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	if os.Getenv("BESCHUT_SKIP_EXTERNAL") == "1" {
		t.Skipf("%s not installed and BESCHUT_SKIP_EXTERNAL=1", program)
	}
	t.Fatalf("%s is not installed: run .ci/run, or apt-get install poppler-utils qpdf libreoffice-calc-nogui (set BESCHUT_SKIP_EXTERNAL=1 to skip on purpose)", program)
	return ""
}
