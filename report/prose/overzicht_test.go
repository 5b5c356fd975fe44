package prose_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"beschut/report"
	"beschut/report/prose"
)

// overzichtOf is an overview of n gemeenten on one peildatum without a
// total (as when a gemeente lacks the export of the peildatum).
func overzichtOf(n int) *report.Overzicht {
	peil := time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)
	o := &report.Overzicht{Naam: report.NeutraleOverzichtNaam, Peildatum: peil, Jaar: 2023, Kwartaal: 2, Uitvoerder: report.DefaultUitvoerder}
	for i := 1; i <= n; i++ {
		g := fmt.Sprintf("G%02d", i)
		o.Rows = append(o.Rows, report.OverzichtRow{Gemeente: g, Naam: g, Current: &report.Quarter{Peildatum: peil, Jaar: 2023, Kwartaal: 2, InTraject: i, Betaald: i}})
	}
	return o
}

// TestOverzichtGemeentenList: up to 20 gemeenten are a list, more one
// paragraph (the national run); the charts hold OverzichtPerFiguur
// gemeenten each.
func TestOverzichtGemeentenList(t *testing.T) {
	for _, tt := range []struct {
		n       int
		list    bool
		figures int
	}{{2, true, 1}, {8, true, 1}, {9, true, 2}, {20, true, 3}, {21, false, 3}, {342, false, 43}} {
		d, err := prose.Overzicht(overzichtOf(tt.n))
		if err != nil {
			t.Fatal(err)
		}
		var lists, figures int
		for _, b := range d.Blocks {
			switch b := b.(type) {
			case prose.List:
				lists++
				if len(b.Items) != tt.n {
					t.Errorf("%d: list of %d", tt.n, len(b.Items))
				}
			case prose.Figure:
				figures++
				if len(b.Chart.Categories) > prose.OverzichtPerFiguur {
					t.Errorf("%d: a chart of %d gemeenten", tt.n, len(b.Chart.Categories))
				}
			}
		}
		if (lists == 1) != tt.list || figures != tt.figures {
			t.Errorf("%d gemeenten: %d lists, %d figures; want list %v, %d figures", tt.n, lists, figures, tt.list, tt.figures)
		}
		text := d.ContentText()
		if want := fmt.Sprintf("G%02d en G%02d.", tt.n-1, tt.n); !tt.list && !strings.Contains(text, want) {
			t.Errorf("%d: paragraph lacks %q", tt.n, want)
		}
	}
}

// TestOverzichtWithoutTotal: without a regional total the total row shows
// "–", and the note says why.
func TestOverzichtWithoutTotal(t *testing.T) {
	d, err := prose.Overzicht(overzichtOf(3))
	if err != nil {
		t.Fatal(err)
	}
	text := d.ContentText()
	for _, w := range []string{
		"| Totaal alle gemeenten | – | – | – | – | – | – | – | – |",
		"Geen totaal: niet elke gemeente heeft een export van de peildatum.",
		"| G02 | – | 2 | 2 | – |",
		"# Overzicht beschut werk alle gemeenten\n",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}

func TestOverzichtEmpty(t *testing.T) {
	for _, o := range []*report.Overzicht{nil, {}} {
		if _, err := prose.Overzicht(o); !errors.Is(err, report.ErrOverzichtEmpty) {
			t.Errorf("%v: err %v", o, err)
		}
	}
}

// TestOverzichtTotalRowMarked: both tables of the overview end in their
// total row and mark it as such (the PDF sets it in bold).
func TestOverzichtTotalRowMarked(t *testing.T) {
	d, err := prose.Overzicht(overzichtOf(3))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, b := range d.Blocks {
		tb, ok := b.(prose.Table)
		if !ok {
			continue
		}
		n++
		if last := tb.Rows[len(tb.Rows)-1][0]; !tb.TotalRow || !strings.HasPrefix(last, "Totaal") {
			t.Errorf("table %s: TotalRow %v, last row %q", tb.Name, tb.TotalRow, last)
		}
	}
	if n != 2 {
		t.Errorf("%d tables, want 2", n)
	}
}
