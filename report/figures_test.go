package report_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"beschut/internal/fixture"
	"beschut/report"
)

// TestFiguresNota: the report-level Data rows reproduce the nota's
// meerjarenprognose (§3) and the taakstelling of Tabel 1, on 31-12-2022.
func TestFiguresNota(t *testing.T) {
	r := fixture.Report(t, time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC))
	got := map[string]float64{}
	for _, f := range r.Figures() {
		key := f.Code + " " + strconv.Itoa(f.Jaar)
		if _, dup := got[key]; dup {
			t.Errorf("%s twice", key)
		}
		if f.Kwartaal != 0 && !strings.HasPrefix(f.Code, "signalen_") {
			t.Errorf("%s: a year figure with kwartaal %d", key, f.Kwartaal)
		}
		d, ok := report.DefinitionOf(f.Code)
		if !ok || d.Unit != f.Unit {
			t.Errorf("%s: not in FigureDefinitions, or unit %s ≠ %s", key, f.Unit, d.Unit)
		}
		got[key] = f.Value
	}
	want := map[string]float64{
		"meerjarenprognose_aantal_eind_jaar 2022":            48,
		"meerjarenprognose_begroting 2022":                   209000,
		"meerjarenprognose_aantal_eind_jaar 2023":            60,
		"meerjarenprognose_nieuwe_instroom 2023":             12,
		"meerjarenprognose_begeleiding_per_persoon 2023":     6271,
		"meerjarenprognose_begeleiding_hele_jaar 2023":       301008,
		"meerjarenprognose_begeleiding_nieuwe_instroom 2023": 37626,
		"meerjarenprognose_begeleiding 2023":                 338634,
		"meerjarenprognose_begroting 2023":                   309000,
		"meerjarenprognose_begeleiding 2024":                 413886,
		"meerjarenprognose_begeleiding 2025":                 489138,
		"meerjarenprognose_aantal_eind_jaar 2026":            96,
		"meerjarenprognose_begeleiding 2026":                 564390,
		"taakstelling_jaar 2022":                             110,
		"taakstelling_jaar 2023":                             119, // Tabel 1's "ntb" column
		"kostprijs_loonwaarde 2023":                          41,
		"kostprijs_uren 2023":                                24,
		"kostprijs_bijdrage_begeleiding_gemiddeld 2023":      6271,
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", k, g, ok, v)
		}
	}
	// Absent figures have no row: the base year has no prognosis of its own.
	for _, k := range []string{"meerjarenprognose_begeleiding 2022", "meerjarenprognose_nieuwe_instroom 2022"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s present", k)
		}
	}
	// Every line of the kostprijsmodel has both variants.
	k := r.Kostprijs.V
	for _, row := range k.Rows() {
		for _, v := range []string{"_fte", "_gemiddeld"} {
			if _, ok := got["kostprijs_"+row.Code+v+" 2023"]; !ok {
				t.Errorf("kostprijs_%s%s missing", row.Code, v)
			}
		}
	}
	if got["kostprijs_verschil_fte 2023"] != k.Verschil.Fte.Euros() {
		t.Errorf("kostprijs_verschil_fte = %v, model %v", got["kostprijs_verschil_fte 2023"], k.Verschil.Fte.Euros())
	}
}

// TestCodesUnique: a code names one thing, across quarter and report-level codes.
func TestCodesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range append(append([]report.Definition{}, report.Definitions...), report.FigureDefinitions...) {
		if seen[d.Code] {
			t.Errorf("code %s twice", d.Code)
		}
		seen[d.Code] = true
		if d.Label == "" || d.Definition == "" {
			t.Errorf("%s has no label or definition", d.Code)
		}
	}
}

// TestLabelFor: labels name the gemeente's SW-bedrijf, or the neutral word.
func TestLabelFor(t *testing.T) {
	d, _ := report.DefinitionOf("dienstverband_konnected")
	if got := d.LabelFor(report.GemeenteSettings{}); got != "Dienstverband bij het SW-bedrijf" {
		t.Errorf("unconfigured: %q", got)
	}
	if got := d.LabelFor(report.GemeenteSettings{Uitvoerder: "KonnecteD"}); got != "Dienstverband bij KonnecteD" {
		t.Errorf("configured: %q", got)
	}
	for _, d := range append(append([]report.Definition{}, report.Definitions...), report.FigureDefinitions...) {
		for _, s := range []string{d.LabelFor(report.GemeenteSettings{}), d.DefinitionFor(report.GemeenteSettings{})} {
			if strings.Contains(s, "KonnecteD") || strings.Contains(s, "{") {
				t.Errorf("%s: %q", d.Code, s)
			}
		}
	}
}
