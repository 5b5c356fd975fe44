package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const validateHeader = "peildatum;gemeente;clientnummer;instroomroute;datum_indicatie;datum_start;fase;datum_fase;werkplek;uren_per_week;loonwaarde;loonwaarde_bron;datum_loonwaardemeting;werkladder;datum_uitstroom;reden_uitstroom;lks_kwartaal;begeleiding_kwartaal\n"

const validateRow = "30-06-2023;Deventer;KD-1;pro;01-02-2020;01-03-2020;tijdelijk;01-06-2020;intern;24;41,5;meting;01-12-2022;3;;;1234,56;1500,00\n"

func writeExport(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestValidateHostile: every hostile class is refused by the process with
// exit 1 and the error at its line and column.
func TestValidateHostile(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"three decimals", validateHeader + strings.Replace(validateRow, "1234,56", "1829,033", 1), "export.csv:2: kolom 'lks_kwartaal': waarde '1829,033' heeft meer dan twee decimalen"},
		{"above the bound", validateHeader + strings.Replace(validateRow, "1500,00", "9.999.999.999.999,99", 1), "export.csv:2: kolom 'begeleiding_kwartaal': waarde '9.999.999.999.999,99' is meer dan € 1.000.000"},
		{"BSN in the gemeente column", validateHeader + strings.Replace(validateRow, "Deventer", "1234.56.782", 1), "export.csv:2: kolom 'gemeente': waarde '1234.56.782' lijkt een BSN"},
		{"CR only with an error", strings.ReplaceAll(validateHeader+validateRow+strings.Replace(validateRow, "KD-1", "KD-2;", 1), "\n", "\r"), "export.csv:3: regel heeft 19 velden, de kopregel 18"},
		{"peildatum 9999", validateHeader + strings.Replace(validateRow, "30-06-2023", "31-12-9999", 1), "export.csv:2: kolom 'peildatum': waarde '31-12-9999' ligt niet tussen 31-03-2017"},
		{"invalid UTF-8 beside valid", validateHeader + strings.Replace(validateRow, "KD-1", "KD-1\xe9", 1) + strings.NewReplacer("KD-1", "KD-2", "Deventer", "Súdwest-Fryslân").Replace(validateRow), "export.csv:2: kolom 'clientnummer': waarde 'KD-1\uFFFD' bevat tekens die geen geldige UTF-8 zijn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := beschut(t, "validate", writeExport(t, tt.content))
			if code != ExitInvalid || !strings.Contains(out, tt.want) {
				t.Fatalf("exit %d, want 1; output lacks %q:\n%s%s", code, tt.want, out, errOut)
			}
		})
	}
}

// TestValidatePeildatum9999Fast: the check never depends on how far apart
// the dates are.
func TestValidatePeildatum9999Fast(t *testing.T) {
	path := writeExport(t, validateHeader+strings.Replace(validateRow, "30-06-2023", "31-12-9999", 1))
	start := time.Now()
	code, _, _ := beschut(t, "validate", path)
	if d := time.Since(start); d > time.Second {
		t.Errorf("validate took %v", d)
	}
	if code != ExitInvalid {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestValidateParams(t *testing.T) {
	params := filepath.Join(samplesDir, "parameters.conf")
	unknown := writeExport(t, validateHeader+validateRow+strings.NewReplacer("Deventer", "Deventr", "KD-1", "KD-2").Replace(validateRow))

	code, out, _ := beschut(t, "validate", "--params", params, unknown)
	if code != ExitInvalid || !strings.Contains(out, "export.csv:3: kolom 'gemeente': waarde 'Deventr' staat niet in het parameterbestand") {
		t.Fatalf("with --params: exit %d\n%s", code, out)
	}

	code, out, _ = beschut(t, "validate", unknown)
	if code != ExitOK || !strings.Contains(out, notCheckedGemeenten) || strings.Count(out, "parameterbestand") != 1 {
		t.Fatalf("without --params: exit %d\n%s", code, out)
	}

	code, out, _ = beschut(t, "validate", "--params", params, samplesDir)
	if code != ExitOK || strings.Contains(out, notCheckedGemeenten) {
		t.Fatalf("samples with their parameters: exit %d\n%s", code, out)
	}

	bad := filepath.Join(t.TempDir(), "kapot.conf")
	if err := os.WriteFile(bad, []byte("[Deventer]\ntaakstelling = veel\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := beschut(t, "validate", "--params", bad, samplesDir)
	if code != ExitInvalid || !strings.Contains(errOut, "kapot.conf:2") {
		t.Fatalf("bad parameters file: exit %d\n%s%s", code, out, errOut)
	}
}
