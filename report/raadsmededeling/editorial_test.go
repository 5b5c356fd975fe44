package raadsmededeling_test

import (
	"fmt"
	"strings"
	"testing"

	"beschut/report/raadsmededeling"
	"beschut/templates"
)

// TestEditorial: points a Dutch editor marked on reading the documents,
// each with the exact wording that replaced the faulty one.
func TestEditorial(t *testing.T) {
	k2 := text(t, renderer(t, nil), deventer(t, date(2023, 6, 30)))
	k4 := text(t, renderer(t, nil), deventer(t, date(2022, 12, 31)))

	// Tabel 4 shows two quarters, so its caption names no single one.
	for name, doc := range map[string]string{"K2": k2, "K4": k4} {
		if !strings.Contains(doc, ": In-, door- en uitstroom per kwartaal\n") {
			t.Errorf("%s: Tabel 4 caption is not \"In-, door- en uitstroom per kwartaal\"", name)
		}
		if strings.Contains(doc, "In-, door- en uitstroom in het") {
			t.Errorf("%s: Tabel 4 caption names one quarter but the table shows two", name)
		}
	}

	// The note under the meerjarenprognose says once up to when the
	// running year's realisatie counts, in the form of Tabel 1's note.
	const note = "* 2023: realisatie tot en met 30-06-2023; de andere jaren: het hele jaar.\n"
	if !strings.Contains(k2, note) {
		t.Errorf("K2: meerjarenprognose note is not %q", note)
	}
	if strings.Contains(k2, "tot en met de peildatum") {
		t.Error("K2: a note says \"t/m\" and \"tot en met de peildatum\" for the same date")
	}
	if strings.Contains(k4, "* 2022: realisatie") || strings.Contains(k4, "* realisatie") {
		t.Error("K4: a closed year is marked as partial")
	}
}

// TestKernLoonwaarde: the mean loonwaarde in Kern says over how many of
// the persons in traject it is taken, when it is not all of them; both
// sides of that boundary.
func TestKernLoonwaarde(t *testing.T) {
	r := deventer(t, date(2023, 6, 30))
	q := r.Current
	if q.LoonwaardeAantal >= q.InTraject {
		t.Fatalf("fixture: loonwaarde known for %d of %d, want fewer", q.LoonwaardeAantal, q.InTraject)
	}
	doc := text(t, renderer(t, nil), r)
	want := fmt.Sprintf("De gemiddelde loonwaarde is 40%% (bekend bij %d van de %d personen).", q.LoonwaardeAantal, q.InTraject)
	if got := kern(doc); !strings.Contains(got, want) {
		t.Errorf("kern lacks %q:\n%s", want, got)
	}
	if strings.Contains(doc, "Ze hebben een gemiddelde loonwaarde") {
		t.Error("kern attributes the mean loonwaarde to everyone in traject")
	}

	q.LoonwaardeAantal = q.InTraject // every loonwaarde known
	doc = text(t, renderer(t, nil), r)
	if got := kern(doc); !strings.Contains(got, "De gemiddelde loonwaarde is 40%.") || strings.Contains(got, "bekend bij") {
		t.Errorf("all known: kern\n%s", got)
	}
}

// kern is the Kern van de boodschap section of the renderer's text.
func kern(doc string) string {
	i := strings.Index(doc, "Kern van de boodschap")
	j := strings.Index(doc, "Nadere toelichting")
	if i < 0 || j < i {
		return ""
	}
	return doc[i:j]
}

// TestNTBExplained: "ntb" in Tabel 1 (the next year, known only by its
// taakstelling) is explained under the table, and only where it occurs.
func TestNTBExplained(t *testing.T) {
	const note = "ntb: nog te bepalen; van 2023 is alleen de taakstelling bekend."
	if k4 := text(t, renderer(t, nil), deventer(t, date(2022, 12, 31))); !strings.Contains(k4, "| ntb |") || !strings.Contains(k4, note) {
		t.Errorf("K4: Tabel 1 shows ntb without %q", note)
	}
	if k2 := text(t, renderer(t, nil), deventer(t, date(2023, 6, 30))); strings.Contains(k2, "| ntb") || strings.Contains(k2, "ntb:") {
		t.Error("K2: ntb explained or shown where no column is ntb")
	}
}

// TestConceptRunningHeader: without a nummer the running header says
// "zonder nummer", not that the raadsmededeling is "nog niet
// toegekend"; with a nummer it shows the nummer.
func TestConceptRunningHeader(t *testing.T) {
	rd, err := raadsmededeling.New(raadsmededeling.Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	first := func(s string) string { return strings.SplitN(s, "\n", 2)[0] }
	got := first(text(t, rd, deventer(t, date(2023, 6, 30))))
	if want := "Gemeente Deventer · Raadsmededeling zonder nummer · Kwartaalrapportage beschut werk 2e kwartaal 2023"; got != want {
		t.Errorf("concept header %q, want %q", got, want)
	}
	got = first(text(t, renderer(t, nil), deventer(t, date(2023, 6, 30))))
	if want := "Gemeente Deventer · Raadsmededeling 2023-999 · Kwartaalrapportage beschut werk 2e kwartaal 2023"; got != want {
		t.Errorf("final header %q, want %q", got, want)
	}
}

// TestKernAllesEnNiemand: Kern says "beiden"/"allen" when every betaalde
// werkplek is with the SW-bedrijf, rather than repeating the count, and
// "geen" rather than "0%" when nobody works at another employer; a part
// of them keeps its count and its share.
func TestKernAllesEnNiemand(t *testing.T) {
	r := deventer(t, date(2023, 6, 30))
	doc := kern(text(t, renderer(t, nil), r))
	for _, want := range []string{
		fmt.Sprintf("- %d personen hebben een betaalde werkplek, waarvan %d personen in dienst van KonnecteD;", r.Current.Betaald, r.Publiek.Plaatsing.InDienstUitvoerder),
		"van de betaalde dienstverbanden is 20% bij een andere werkgever geplaatst, tegen een doel van 25%",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("part: kern lacks %q:\n%s", want, doc)
		}
	}

	for _, tt := range []struct {
		betaald int
		want    string
	}{
		{2, "- 2 personen hebben een betaalde werkplek, beiden in dienst van KonnecteD;"},
		{46, "- 46 personen hebben een betaalde werkplek, allen in dienst van KonnecteD;"},
	} {
		r := deventer(t, date(2023, 6, 30))
		r.Current.Betaald = tt.betaald
		pl := &r.Publiek.Plaatsing
		pl.InDienstUitvoerder, pl.BijAndereWerkgever = tt.betaald, 0
		pl.Gedetacheerd, pl.InDienstAndere = 0, 0
		pl.AandeelBijAndereWerkgever.V = 0
		full := text(t, renderer(t, nil), r)
		if want := "Bij een andere werkgever werkt daarmee niemand, tegen een doel van 25%."; !strings.Contains(full, want) {
			t.Errorf("none elsewhere: toelichting lacks %q", want)
		}
		doc := kern(full)
		if !strings.Contains(doc, tt.want) {
			t.Errorf("all %d: kern lacks %q:\n%s", tt.betaald, tt.want, doc)
		}
		if want := "van de betaalde dienstverbanden is er geen bij een andere werkgever geplaatst, tegen een doel van 25%: het doel is nog niet gehaald."; !strings.Contains(doc, want) {
			t.Errorf("none elsewhere: kern lacks %q:\n%s", want, doc)
		}
	}
}
