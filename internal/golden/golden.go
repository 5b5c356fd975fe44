// Package golden compares test output with files under testdata/. Run the
// tests with -update (or BESCHUT_UPDATE_GOLDEN=1) to rewrite them; a missing
// golden file fails the test.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Updating reports whether the tests run to rewrite their expected
// output (-update or BESCHUT_UPDATE_GOLDEN=1), for a test that keeps it
// elsewhere than testdata/ (a generated source file).
func Updating() bool {
	return *update || os.Getenv("BESCHUT_UPDATE_GOLDEN") == "1"
}

// Check compares got with testdata/name.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if Updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file %s missing (run go test -update): %v", path, err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the output (run go test -update to accept):\n%s", path, diff(string(want), string(got)))
	}
}

// diff shows the first lines that differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + a + "\n  got:  " + c + "\n")
			if shown++; shown == 10 {
				break
			}
		}
	}
	return b.String()
}
