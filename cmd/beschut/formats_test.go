package main

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestRunFormats: --formats writes only the named documents (and the
// manifest lists only those); an unknown name is a usage error that lists
// the known names, and nothing is written.
func TestRunFormats(t *testing.T) {
	tests := []struct {
		formats string
		kinds   string
	}{
		{"werkboek", "werkboek"},
		{"raadsmededeling, werkboek", "raadsmededeling werkboek"},
		{"signalen", "signalen"},
		{"WERKBOEK,werkboek", "werkboek"},
		{"", "raadsmededeling signalen werkboek"},
	}
	for _, tt := range tests {
		out := filepath.Join(t.TempDir(), "uit")
		if code, o, errOut := beschut(t, "run", "--out", out, "--formats", tt.formats); code != ExitOK {
			t.Fatalf("--formats %q: exit %d\n%s\n%s", tt.formats, code, o, errOut)
		}
		var kinds []string
		for _, o := range readManifest(t, out).Outputs {
			kinds = append(kinds, o.Kind)
		}
		sort.Strings(kinds)
		if got := strings.Join(kinds, " "); got != tt.kinds {
			t.Errorf("--formats %q: kinds %q, want %q", tt.formats, got, tt.kinds)
		}
	}
	out := filepath.Join(t.TempDir(), "uit")
	code, _, errOut := beschut(t, "run", "--out", out, "--formats", "werkboek,pdf")
	if code != ExitUsage || !strings.Contains(errOut, `onbekend formaat "pdf" (bekend: werkboek, raadsmededeling, signalen, overzicht)`) {
		t.Errorf("exit %d\n%s", code, errOut)
	}
	if len(hashes(t, out)) != 0 {
		t.Errorf("an unknown format wrote %v", hashes(t, out))
	}
}

// TestRunFormatsOverview: "overzicht" alone gives the overview of a run
// with several gemeenten and nothing per gemeente.
func TestRunFormatsOverview(t *testing.T) {
	out := filepath.Join(t.TempDir(), "uit")
	regio := filepath.Join(samplesDir, "regio")
	if code, o, errOut := beschut(t, "run", "--input", regio, "--params", filepath.Join(regio, "parameters.conf"), "--out", out, "--formats", "overzicht"); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, o, errOut)
	}
	var kinds []string
	for _, o := range readManifest(t, out).Outputs {
		kinds = append(kinds, o.Kind)
	}
	sort.Strings(kinds)
	if got := strings.Join(kinds, " "); got != "overzicht-pdf overzicht-werkboek" {
		t.Errorf("kinds %q", got)
	}
}
