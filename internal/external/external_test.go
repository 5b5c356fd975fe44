package external

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// TestPackagesInTestScript: every Debian package a test can ask for is one
// that ./test installs, so the hint and the installer never disagree.
func TestPackagesInTestScript(t *testing.T) {
	out, err := exec.Command("bash", "../../test", "--packages").Output()
	if err != nil {
		t.Fatalf("./test --packages: %v", err)
	}
	installs := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		installs[p] = true
	}
	for what, pkg := range Packages {
		if !installs[pkg] {
			t.Errorf("%s needs %s, which ./test does not install (it installs %s)", what, pkg, strings.TrimSpace(string(out)))
		}
	}
}

// fakeTB records how a Require call ended a test.
type fakeTB struct {
	testing.TB
	fatal, skip string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Fatalf(format string, a ...any) { f.fatal = fmt.Sprintf(format, a...) }
func (f *fakeTB) Skipf(format string, a ...any)  { f.skip = fmt.Sprintf(format, a...) }

// TestMissingNamesPackage: a missing jar fails with its own Debian package.
func TestMissingNamesPackage(t *testing.T) {
	t.Setenv("BESCHUT_SKIP_EXTERNAL", "")
	f := &fakeTB{TB: t}
	missing(f, "jaxb-api.jar")
	if !strings.Contains(f.fatal, "apt-get install libjaxb-api-java") || f.skip != "" {
		t.Fatalf("missing jaxb-api.jar: fatal %q skip %q, want the hint apt-get install libjaxb-api-java", f.fatal, f.skip)
	}
	t.Setenv("BESCHUT_SKIP_EXTERNAL", "1")
	f = &fakeTB{TB: t}
	missing(f, "jaxb-api.jar")
	if f.skip == "" || f.fatal != "" {
		t.Fatalf("BESCHUT_SKIP_EXTERNAL=1 did not skip: fatal %q skip %q", f.fatal, f.skip)
	}
}
