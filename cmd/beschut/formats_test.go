package main

import (
	"bytes"
	"os"
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

// TestRunSettingsEndToEnd: the gemeente's settings in the parameters file
// reach the outputs without any flag: the CBS code names the files, the
// display name and the nummer of the peildatum head the raadsmededeling
// (final: no CONCEPT in its metadata).
func TestRunSettingsEndToEnd(t *testing.T) {
	conf, err := os.ReadFile(samplesParams)
	if err != nil {
		t.Fatal(err)
	}
	params := filepath.Join(t.TempDir(), "parameters.conf")
	extra := "\n[gemeente \"Deventer\"]\nnaam = Gemeente Deventer aan de IJssel\ncbs_code = GM0150\n\n[gemeente \"Deventer\" 30-06-2023]\nnummer = RM-2023-77\n"
	if err := os.WriteFile(params, append(conf, extra...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "uit")
	if code, o, errOut := beschut(t, "run", "--input", samplesDir, "--params", params, "--out", out, "--formats", "raadsmededeling"); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, o, errOut)
	}
	m := readManifest(t, out)
	if len(m.Outputs) != 1 || m.Outputs[0].Path != "GM0150_Deventer_2023-K2_raadsmededeling.pdf" {
		t.Fatalf("outputs %+v", m.Outputs)
	}
	pdf, err := os.ReadFile(filepath.Join(out, m.Outputs[0].Path))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(pdf, []byte("CONCEPT")) {
		t.Error("a raadsmededeling with a nummer from the parameters file is marked CONCEPT")
	}
	// The other side: the same run without the nummer is a concept.
	if err := os.WriteFile(params, append(conf, strings.Split(extra, "[gemeente \"Deventer\" 30-06-2023]")[0]...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, o, errOut := beschut(t, "run", "--input", samplesDir, "--params", params, "--out", out, "--formats", "raadsmededeling"); code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, o, errOut)
	}
	if pdf, _ = os.ReadFile(filepath.Join(out, m.Outputs[0].Path)); !bytes.Contains(pdf, []byte("CONCEPT")) {
		t.Error("without a nummer the raadsmededeling is not marked CONCEPT")
	}
}
