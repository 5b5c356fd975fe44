package prose

import (
	"beschut/internal/value"
	"fmt"
	"strconv"
	"strings"

	"beschut/report"
)

// figures builds the named figures. A figure is followed by the table with
// its numbers when no other table holds them; its alternative text names
// that table by number.
func figures(name string, r *report.Report, t *tables) ([]Block, error) {
	q := r.Current
	switch name {
	case "bezetting":
		c := Chart{}
		traject := Series{Name: "In traject"}
		betaald := Series{Name: "In betaald dienstverband"}
		taak := Series{Name: "Taakstelling Rijk"}
		var parts []string
		title := "In traject en betaald dienstverband per jaar, tegen de taakstelling"
		short := "In traject en betaald dienstverband tegen de taakstelling"
		for _, col := range r.Tabel1.Columns {
			if col.NTB {
				continue
			}
			cat := strconv.Itoa(col.Jaar)
			if col.Partial {
				cat += "*"
				title = fmt.Sprintf("%s (%d*: stand op %s)", short, col.Jaar, Datum(r.Peildatum))
			}
			c.Categories = append(c.Categories, cat)
			traject.Values, traject.Ok = append(traject.Values, float64(col.InTraject.V)), append(traject.Ok, col.InTraject.Ok)
			betaald.Values, betaald.Ok = append(betaald.Values, float64(col.Betaald.V)), append(betaald.Ok, col.Betaald.Ok)
			taak.Values, taak.Ok = append(taak.Values, float64(col.Taakstelling.V)), append(taak.Ok, col.Taakstelling.Ok)
			parts = append(parts, fmt.Sprintf("%s: %s in traject, %s in betaald dienstverband, %s", jaarKop(col.Jaar, col.Partial, q.Kwartaal),
				altAantal(col.InTraject), altAantal(col.Betaald), altTaak(col.Taakstelling)))
		}
		c.Bars = []Series{traject, betaald}
		c.Line = &taak
		alt := "Staafdiagram per jaar van het aantal personen in traject en in betaald dienstverband, met de taakstelling van het Rijk als lijn. " +
			strings.Join(parts, "; ") + ". De cijfers staan ook in " + numberRef("tabel", "kerncijfers") + "."
		return []Block{Figure{Name: name, Title: title, Alt: alt, Chart: c}}, nil
	case "kosten":
		c := Chart{Money: true}
		beg := Series{Name: "Begroting"}
		real := Series{Name: "Realisatie"}
		prog := Series{Name: "Meerjarenprognose"}
		var parts []string
		title := "Begeleidingskosten per jaar: begroting, realisatie en meerjarenprognose"
		short := "Begeleidingskosten per jaar"
		for _, j := range r.Jaren {
			progOk := j.Meerjaren && j.Prognose.Ok
			if !j.Begroting.Ok && !j.Realisatie.Ok && !j.RealisatieTotNu.Ok && !progOk {
				continue
			}
			cat := strconv.Itoa(j.Jaar)
			realV := j.Realisatie
			if j.RealisatieTotNu.Ok {
				realV = j.RealisatieTotNu
				cat += "*"
				title = fmt.Sprintf("%s (%d*: realisatie t/m %s)", short, j.Jaar, Kwartaal(j.Jaar, q.Kwartaal))
			}
			c.Categories = append(c.Categories, cat)
			beg.Values, beg.Ok = append(beg.Values, j.Begroting.V.Euros()), append(beg.Ok, j.Begroting.Ok)
			real.Values, real.Ok = append(real.Values, realV.V.Euros()), append(real.Ok, realV.Ok)
			prog.Values, prog.Ok = append(prog.Values, j.Prognose.V.Euros()), append(prog.Ok, progOk)
			part := fmt.Sprintf("%s: %s", jaarKop(j.Jaar, j.RealisatieTotNu.Ok, q.Kwartaal), begrotingAlt(j.Begroting))
			if realV.Ok {
				part += ", realisatie " + euro(realV.V)
			} else {
				part += ", geen realisatie"
			}
			if progOk {
				part += ", meerjarenprognose " + euro(j.Prognose.V)
			}
			parts = append(parts, part)
		}
		c.Bars = []Series{beg, real, prog}
		alt := "Staafdiagram per jaar van de begeleidingskosten: begroting, realisatie en meerjarenprognose. " + strings.Join(parts, "; ") +
			". De cijfers staan ook in " + numberRef("tabel", "jaren") + "."
		tb, err := t.build("jaren")
		if err != nil {
			return nil, err
		}
		return []Block{Figure{Name: name, Title: title, Alt: alt, Chart: c}, tb}, nil
	}
	return nil, fmt.Errorf("onbekende figuur %q (bekend: bezetting, kosten)", name)
}

func altAantal(o report.Opt[int]) string {
	if !o.Ok {
		return "onbekend aantal"
	}
	return num(o.V)
}

func altTaak(o report.Opt[int]) string {
	if !o.Ok {
		return "geen taakstelling"
	}
	return "taakstelling " + num(o.V)
}

func begrotingAlt(o report.Opt[value.Cents]) string {
	if !o.Ok {
		return "geen begroting"
	}
	return "begroting " + euro(o.V)
}
