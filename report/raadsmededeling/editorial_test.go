package raadsmededeling_test

import (
	"fmt"
	"strings"
	"testing"
)

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
