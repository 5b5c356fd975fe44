package raadsmededeling

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"beschut/ingest"
	"beschut/report"
)

// series is one row of a chart's numbers; ok says which values exist.
type series struct {
	name   string
	values []float64
	ok     []bool
}

// chart is a grouped bar chart with an optional line, per category (year).
type chart struct {
	categories []string
	bars       []series
	line       *series
	money      bool
}

// figures builds the named figures. A figure is followed by the table with
// its numbers when no other table holds them; its alternative text names
// that table by number.
func figures(name string, r *report.Report, t *tables) ([]block, error) {
	q := r.Current
	switch name {
	case "bezetting":
		c := chart{}
		traject := series{name: "In traject"}
		betaald := series{name: "In betaald dienstverband"}
		taak := series{name: "Taakstelling Rijk"}
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
				title = fmt.Sprintf("%s (%d*: stand op %s)", short, col.Jaar, datum(r.Peildatum))
			}
			c.categories = append(c.categories, cat)
			traject.values, traject.ok = append(traject.values, float64(col.InTraject.V)), append(traject.ok, col.InTraject.Ok)
			betaald.values, betaald.ok = append(betaald.values, float64(col.Betaald.V)), append(betaald.ok, col.Betaald.Ok)
			taak.values, taak.ok = append(taak.values, float64(col.Taakstelling.V)), append(taak.ok, col.Taakstelling.Ok)
			parts = append(parts, fmt.Sprintf("%s: %s in traject, %s in betaald dienstverband, %s", jaarKop(col.Jaar, col.Partial, q.Kwartaal),
				altAantal(col.InTraject), altAantal(col.Betaald), altTaak(col.Taakstelling)))
		}
		c.bars = []series{traject, betaald}
		c.line = &taak
		alt := "Staafdiagram per jaar van het aantal personen in traject en in betaald dienstverband, met de taakstelling van het Rijk als lijn. " +
			strings.Join(parts, "; ") + ". De cijfers staan ook in " + numberRef("tabel", "kerncijfers") + "."
		return []block{figure{name: name, title: title, alt: alt, chart: c}}, nil
	case "kosten":
		c := chart{money: true}
		beg := series{name: "Begroting"}
		real := series{name: "Realisatie"}
		prog := series{name: "Meerjarenprognose"}
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
				title = fmt.Sprintf("%s (%d*: realisatie t/m %s)", short, j.Jaar, kwartaal(j.Jaar, q.Kwartaal))
			}
			c.categories = append(c.categories, cat)
			beg.values, beg.ok = append(beg.values, j.Begroting.V.Euros()), append(beg.ok, j.Begroting.Ok)
			real.values, real.ok = append(real.values, realV.V.Euros()), append(real.ok, realV.Ok)
			prog.values, prog.ok = append(prog.values, j.Prognose.V.Euros()), append(prog.ok, progOk)
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
		c.bars = []series{beg, real, prog}
		alt := "Staafdiagram per jaar van de begeleidingskosten: begroting, realisatie en meerjarenprognose. " + strings.Join(parts, "; ") +
			". De cijfers staan ook in " + numberRef("tabel", "jaren") + "."
		tb, err := t.build("jaren")
		if err != nil {
			return nil, err
		}
		return []block{figure{name: name, title: title, alt: alt, chart: c}, tb}, nil
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

func begrotingAlt(o report.Opt[ingest.Cents]) string {
	if !o.Ok {
		return "geen begroting"
	}
	return "begroting " + euro(o.V)
}

// niceMax returns the top of the axis and its step: the step is 1, 2, 2,5
// or 5 × a power of ten, about a fifth of the maximum.
func niceMax(v float64) (float64, float64) {
	if v <= 0 {
		return 1, 1
	}
	raw := v / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * p
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	if step < 1 {
		step = 1
	}
	return math.Ceil(v/step) * step, step
}

func axisLabel(v float64, money bool) string {
	if money {
		if v >= 1000 {
			return "€ " + getal(int64(v/1000)) + "k"
		}
		return "€ " + getal(int64(v))
	}
	return getal(int64(v))
}
