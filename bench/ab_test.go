package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestABFreshFolder: bench/ab gives every run a fresh output folder, as
// docs/benchmarks.md says. A real run leaves, beside the links it makes,
// the hidden folders of its generations (.out.generaties); a next run that
// finds them removes the old generation inside its measured time. The fake
// binary fails when the folder it is given a path in is not empty, and
// leaves what beschut leaves.
func TestABFreshFolder(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("bash is needed for bench/ab")
	}
	dir := t.TempDir()
	fake := filepath.Join(dir, "beschut")
	script := `#!/usr/bin/env bash
set -eu
[ "$1" = run ] && [ "$2" = --out ] || { echo "unexpected arguments: $*" >&2; exit 9; }
parent=$(dirname "$3")
if [ -n "$(ls -A "$parent")" ]; then echo "not fresh: $(ls -A "$parent" | tr '\n' ' ')" >&2; exit 7; fi
name=$(basename "$3")
mkdir -p "$parent/.$name.generaties/000001" "$parent/.$name-vertrouwelijk.generaties/000001"
ln -s ".$name.generaties/000001" "$3"
ln -s ".$name-vertrouwelijk.generaties/000001" "$3-vertrouwelijk"
`
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", "ab", "3", fake, fake).CombinedOutput()
	if err != nil {
		t.Fatalf("bench/ab: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(fake) + `: min [0-9.]+  p25 [0-9.]+  median [0-9.]+  p75 [0-9.]+ ms \(3 rounds\)$`)
	if len(lines) != 2 || !re.MatchString(lines[0]) || !re.MatchString(lines[1]) {
		t.Errorf("bench/ab printed:\n%s", out)
	}
}
