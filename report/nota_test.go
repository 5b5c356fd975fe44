package report_test

import (
	"beschut/internal/value"
	"math"
	"testing"
	"time"

	"beschut/internal/fixture"
	"beschut/report"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestNotaTabel1: as of 31-12-2022, Tabel 1 equals the nota cell for cell.
func TestNotaTabel1(t *testing.T) {
	r := fixture.Report(t, date(2022, 12, 31))
	want := []struct {
		jaar                  int
		taak, traject, betaal int // -1: ntb
	}{
		{2017, 28, 12, 4}, {2018, 53, 17, 11}, {2019, 69, 22, 13}, {2020, 86, 22, 14},
		{2021, 99, 36, 29}, {2022, 110, 48, 37}, {2023, 119, -1, -1},
	}
	cols := r.Tabel1.Columns
	if len(cols) != len(want) {
		t.Fatalf("%d columns, want %d", len(cols), len(want))
	}
	for i, w := range want {
		c := cols[i]
		if c.Jaar != w.jaar || c.Taakstelling != report.Some(w.taak) {
			t.Errorf("column %d: jaar %d taakstelling %v", i, c.Jaar, c.Taakstelling)
		}
		if w.traject < 0 {
			if !c.NTB || c.InTraject.Ok || c.Betaald.Ok {
				t.Errorf("%d: want ntb, got %+v", c.Jaar, c)
			}
			continue
		}
		if c.NTB || c.Partial || c.InTraject != report.Some(w.traject) || c.Betaald != report.Some(w.betaal) {
			t.Errorf("%d: in traject %v betaald %v, want %d %d", c.Jaar, c.InTraject, c.Betaald, w.traject, w.betaal)
		}
	}
}

// TestNotaKerncijfers: the figures of §1.3 and "Door- en uitstroom".
func TestNotaKerncijfers(t *testing.T) {
	q := fixture.Report(t, date(2022, 12, 31)).Current
	ints := map[string][2]int{
		"in_traject": {q.InTraject, 48}, "betaald_dienstverband": {q.Betaald, 37},
		"dienstverband_konnected": {q.DienstverbandKonnected, 29}, "proefplaatsing": {q.Proefplaatsing, 11},
		"stage": {q.Stage, 0},
	}
	for code, v := range ints {
		if v[0] != v[1] {
			t.Errorf("%s = %d, nota %d", code, v[0], v[1])
		}
	}
	rounded := map[string][2]float64{
		"aandeel_dienstverband":           {q.AandeelDienstverband.V, 77},
		"aandeel_dienstverband_konnected": {q.AandeelDienstverbandKonnected.V, 78},
		"gemiddelde_loonwaarde":           {q.GemiddeldeLoonwaarde.V, 41},
	}
	for code, v := range rounded {
		if math.Round(v[0]) != v[1] {
			t.Errorf("%s = %v, rounds to %v; nota %v", code, v[0], math.Round(v[0]), v[1])
		}
	}
}

// TestNotaMeerjarenprognose: the nota's "Overzicht begeleidingsvergoeding".
func TestNotaMeerjarenprognose(t *testing.T) {
	for _, peil := range []time.Time{date(2022, 12, 31), date(2023, 6, 30)} {
		r := fixture.Report(t, peil)
		rows := r.Prognose.Rows
		if len(rows) != 5 {
			t.Fatalf("%s: %d rows", peil, len(rows))
		}
		base := rows[0]
		if !base.Basis || base.Jaar != 2022 || base.AantalEindJaar != 48 || base.Begroting != report.Some[value.Cents](20900000) {
			t.Errorf("base row %+v", base)
		}
		// Realisatie 2022 is the sum of the samples' begeleiding over 2022.
		var sum value.Cents
		for _, q := range r.Quarters {
			if q.Jaar == 2022 {
				sum += q.BegeleidingKwartaal.V
			}
		}
		if base.Realisatie != report.Some(sum) || sum == 0 {
			t.Errorf("realisatie 2022 = %v, sum of quarters %v", base.Realisatie, sum)
		}
		want := []struct {
			jaar, aantal           int
			hele, instroom, totaal int64
		}{
			{2023, 60, 301008, 37626, 338634}, {2024, 72, 376260, 37626, 413886},
			{2025, 84, 451512, 37626, 489138}, {2026, 96, 526764, 37626, 564390},
		}
		for i, w := range want {
			g := rows[i+1]
			if g.Jaar != w.jaar || g.AantalEindJaar != w.aantal || g.KostenPerPersoon != 627100 ||
				g.HeleJaar != value.Cents(w.hele*100) || g.NieuweInstroom != value.Cents(w.instroom*100) || g.Totaal != value.Cents(w.totaal*100) {
				t.Errorf("%s: row %d = %+v, want %+v", peil, i+1, g, w)
			}
		}
		if rows[1].Begroting != report.Some[value.Cents](30900000) {
			t.Errorf("begroting 2023 = %v", rows[1].Begroting)
		}
	}
	q := fixture.Report(t, date(2023, 6, 30)).Current
	if q.PrognoseBegeleiding != report.Some[value.Cents](33863400) {
		t.Errorf("prognose_begeleiding 2023 = %v, want 338.634", q.PrognoseBegeleiding)
	}
}

// TestNotaKostprijs: the nota's "Baten KonnecteD" / "Lasten KonnecteD",
// every cell within € 0,05.
func TestNotaKostprijs(t *testing.T) {
	r := fixture.Report(t, date(2022, 12, 31))
	if !r.Kostprijs.Ok {
		t.Fatalf("kostprijs absent: %v", r.Notes)
	}
	// As of 31-12-2022 the model is for 2023, with the samples' gemiddelde
	// loonwaarde on 31-12-2022, which rounds to the nota's 41%.
	k := r.Kostprijs.V
	if k.Jaar != 2023 || k.Loonwaarde != 41 {
		t.Fatalf("kostprijs %d with loonwaarde %d, nota: 2023 with 41", k.Jaar, k.Loonwaarde)
	}
	check := func(name string, got report.KostprijsRow, fte, gem float64) {
		t.Helper()
		if math.Abs(got.Fte.Euros()-fte) > 0.05 || math.Abs(got.Gemiddeld.Euros()-gem) > 0.05 {
			t.Errorf("%s = %s / %s, nota %.2f / %.2f", name, got.Fte, got.Gemiddeld, fte, gem)
		}
	}
	check("LKS", k.Baten[0], 18267.13, 11848.95)
	check("begeleiding baten", k.Baten[1], 8100.00, 6271.00)
	check("productie", k.Baten[2], 8711.11, 5650.45)
	check("LIV", k.Baten[3], 960.00, 622.70)
	check("totaal baten", k.TotaalBaten, 36038.24, 24393.10)
	check("WML", k.Lasten[0], 23212.80, 15056.95)
	check("WML + vakantietoeslag", k.Lasten[1], 25069.82, 16261.51)
	check("werkgeverslasten", k.Lasten[2], 5891.41, 3821.45)
	check("begeleiding lasten", k.Lasten[3], 8100.00, 6270.97)
	check("totaal lasten", k.TotaalLasten, 39061.23, 26353.93)
	check("verschil", k.Verschil, -3023.00, -1960.83)
}
