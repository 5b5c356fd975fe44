package raadsmededeling

import (
	"fmt"
	"strconv"
	"strings"

	"beschut/ingest"
	"beschut/report"
)

// Role is the structural role of what the renderer draws. Every block has
// one, so a tagged PDF can be made from the same layout: headings H1–H3,
// paragraphs P, lists L with items LI, tables Table with header cells TH and
// data cells TD, figures Figure with an alternative text, and page artifacts
// (running header, footer, rules) that are not content.
type Role string

// Roles.
const (
	RoleH1      Role = "H1"
	RoleH2      Role = "H2"
	RoleH3      Role = "H3"
	RoleP       Role = "P"
	RoleL       Role = "L"
	RoleLI      Role = "LI"
	RoleTable   Role = "Table"
	RoleTR      Role = "TR"
	RoleTH      Role = "TH"
	RoleTD      Role = "TD"
	RoleCaption Role = "Caption"
	RoleFigure  Role = "Figure"
)

// block is one piece of the document, in reading order.
type block interface{ role() Role }

type heading struct {
	level int
	text  string
}

type paragraph struct{ text string }

type list struct{ items []string }

// table is a data table: head is the header row; with rowHeads the first
// cell of each row is a header cell too.
type table struct {
	name     string // the name templates place it by ("kosten")
	title    string // the caption without its number
	caption  string // "Tabel 5: " + title, set when the document is numbered
	note     string
	head     []string
	rows     [][]string
	rowHeads bool
	firstW   float64 // width of the first column in mm; 0: equal columns
}

// figure is a chart drawn as vector graphics.
type figure struct {
	name    string
	title   string
	caption string // "Figuur 2: " + title, set when the document is numbered
	alt     string
	chart   chart
}

func (paragraph) role() Role { return RoleP }
func (list) role() Role      { return RoleL }
func (table) role() Role     { return RoleTable }
func (figure) role() Role    { return RoleFigure }

func (h heading) role() Role {
	switch h.level {
	case 1:
		return RoleH1
	case 2:
		return RoleH2
	}
	return RoleH3
}

// parseProse turns a filled template into blocks: paragraphs separated by
// blank lines, "- " lines as list items, "## " lines as subheadings and
// [[tabel:x]] / [[figuur:x]] lines as the named table or figure.
func parseProse(text string, named func(kind, name string) ([]block, error)) ([]block, error) {
	var out []block
	var para []string
	var items []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, paragraph{strings.Join(para, " ")})
			para = nil
		}
		if len(items) > 0 {
			out = append(out, list{items})
			items = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "## "):
			flush()
			out = append(out, heading{3, strings.TrimSpace(line[3:])})
		case strings.HasPrefix(line, "- "):
			if len(para) > 0 {
				out = append(out, paragraph{strings.Join(para, " ")})
				para = nil
			}
			items = append(items, strings.TrimSpace(line[2:]))
		case strings.HasPrefix(line, "[[") && strings.HasSuffix(line, "]]"):
			flush()
			kind, name, _ := strings.Cut(line[2:len(line)-2], ":")
			bs, err := named(kind, name)
			if err != nil {
				return nil, err
			}
			out = append(out, bs...)
		default:
			if len(items) > 0 { // a continuation of the last item
				items[len(items)-1] += " " + line
				continue
			}
			para = append(para, line)
		}
	}
	flush()
	return out, nil
}

func optInt(o report.Opt[int], ntb bool) string {
	switch {
	case ntb:
		return "ntb"
	case o.Ok:
		return num(o.V)
	}
	return "–"
}

func optEuro(o report.Opt[ingest.Cents]) string {
	if !o.Ok {
		return "–"
	}
	return euro(o.V)
}

func optPct(o report.Opt[float64]) string {
	if !o.Ok {
		return "–"
	}
	return pct(o.V)
}

// tables builds the named tables of the report. Their numbers are given
// when the whole document is known (see number), in the order they are
// placed.
type tables struct {
	r *report.Report
}

// jaarKop is a year as a column or row head: "2023 (t/m 2e kwartaal)" when
// the year is not over.
func jaarKop(jaar int, partial bool, k int) string {
	if partial {
		return totKwartaal(jaar, k)
	}
	return strconv.Itoa(jaar)
}

func (t *tables) build(name string) (table, error) {
	r, q := t.r, t.r.Current
	uitvoerder := r.Settings.UitvoerderNaam()
	switch name {
	case "kerncijfers":
		tb := table{name: name, title: "Overzicht kerncijfers beschut werk", rowHeads: true, firstW: 52}
		tb.head = []string{""}
		rows := [][]string{{"Taakstelling Rijk"}, {"In traject (dienstverband, proefplaatsing of stage)"}, {"In betaald dienstverband"}}
		for _, c := range r.Tabel1.Columns {
			h := strconv.Itoa(c.Jaar)
			if c.Partial {
				h += "*"
				tb.note = fmt.Sprintf("* %d: stand op %s (t/m %s); de andere jaren: stand op 31 december.", c.Jaar, tabelDatum(c.StandOp), kwartaal(c.Jaar, q.Kwartaal))
			}
			tb.head = append(tb.head, h)
			rows[0] = append(rows[0], optInt(c.Taakstelling, false))
			rows[1] = append(rows[1], optInt(c.InTraject, c.NTB))
			rows[2] = append(rows[2], optInt(c.Betaald, c.NTB))
		}
		tb.rows = rows
		return tb, nil
	case "plaatsing":
		pl := r.Publiek.Plaatsing
		tb := table{name: name, title: fmt.Sprintf("Plaatsing in betaald dienstverband op %s", tabelDatum(r.Peildatum)), rowHeads: true, firstW: 100,
			head: []string{"Werkplek", "Aantal", "Aandeel"}}
		tb.rows = [][]string{
			{"Bij " + uitvoerder + ": beschutte werkplek", num(pl.Intern), optPct(pl.AandeelIntern)},
			{"Bij " + uitvoerder + ": groepsdetachering", num(pl.Groepsdetachering), optPct(pl.AandeelGroepsdetachering)},
			{"Subtotaal bij " + uitvoerder, num(pl.BijUitvoerder), optPct(pl.AandeelBijUitvoerder)},
			{"Via " + uitvoerder + " bij een andere werkgever (individuele detachering)", num(pl.Gedetacheerd), optPct(pl.AandeelGedetacheerd)},
			{"In dienst van een andere werkgever", num(pl.InDienstAndere), optPct(pl.AandeelInDienstAndere)},
			{"Subtotaal bij een andere werkgever", num(pl.BijAndereWerkgever), optPct(pl.AandeelBijAndereWerkgever)},
			{"Totaal in betaald dienstverband", num(pl.Betaald), optPct(report.Opt[float64]{V: 100, Ok: pl.Betaald > 0})},
		}
		if pl.Doel.Ok {
			tb.rows = append(tb.rows, []string{"Doel bij een andere werkgever", "", pct(pl.Doel.V)})
		}
		var notes []string
		tb.note = strings.Join(notes, " ")
		return tb, nil
	case "loonwaarde":
		prevHead := "Vorig kwartaal"
		if r.Previous != nil {
			prevHead = kwartaal(r.Previous.Jaar, r.Previous.Kwartaal)
		}
		tb := table{name: name, title: "Loonwaarde en werkladder", rowHeads: true, firstW: 80, head: []string{"", kwartaal(q.Jaar, q.Kwartaal), prevHead}}
		prev := func(f func(*report.Quarter) string) string {
			if r.Previous == nil {
				return "–"
			}
			return f(r.Previous)
		}
		rows := []struct {
			label string
			f     func(*report.Quarter) string
		}{
			{"Gemiddelde loonwaarde", func(x *report.Quarter) string { return optPct(x.GemiddeldeLoonwaarde) }},
			{"Personen met een gemeten loonwaarde", func(x *report.Quarter) string { return num(x.LoonwaardeGemeten) }},
			{"Personen met een loonwaarde onder 30%", func(x *report.Quarter) string { return num(x.LoonwaardeOnder30) }},
			{"Gemiddelde trede op de werkladder (1–6)", func(x *report.Quarter) string {
				if !x.GemiddeldeWerkladder.Ok {
					return "–"
				}
				return decimaal(x.GemiddeldeWerkladder.V)
			}},
		}
		for _, row := range rows {
			tb.rows = append(tb.rows, []string{row.label, row.f(q), prev(row.f)})
		}
		return tb, nil
	case "stroom":
		prevHead := "Vorig kwartaal"
		if r.Previous != nil {
			prevHead = kwartaal(r.Previous.Jaar, r.Previous.Kwartaal)
		}
		tb := table{name: name, title: fmt.Sprintf("In-, door- en uitstroom in het %s", kwartaal(q.Jaar, q.Kwartaal)), rowHeads: true, firstW: 80,
			head: []string{"", kwartaal(q.Jaar, q.Kwartaal), prevHead}}
		add := func(label string, f func(*report.Quarter) int) {
			p := "–"
			if r.Previous != nil {
				p = num(f(r.Previous))
			}
			tb.rows = append(tb.rows, []string{label, num(f(q)), p})
		}
		add("Instroom", func(x *report.Quarter) int { return x.Instroom })
		add("Doorstroom naar tijdelijk dienstverband", func(x *report.Quarter) int { return x.DoorstroomTijdelijk })
		add("Doorstroom naar vast dienstverband", func(x *report.Quarter) int { return x.DoorstroomVast })
		add("Uitstroom", func(x *report.Quarter) int { return x.Uitstroom })
		u := r.Publiek.Uitstroom
		addRow := func(label string, row report.UitstroomRij) {
			p := "–"
			if row.Vorig.Ok {
				p = num(row.Vorig.V)
			}
			tb.rows = append(tb.rows, []string{"   waarvan " + label, num(row.Huidig), p})
		}
		for _, row := range u.Rows {
			addRow(row.Label, row)
		}
		if u.Overige != nil {
			label := u.Overige.Label
			if len(u.Samengevoegd) > 0 {
				label += "*"
			}
			addRow(label, *u.Overige)
		}
		if len(u.Samengevoegd) > 0 {
			tb.note = fmt.Sprintf("* Redenen met minder dan %s in een kwartaal zijn samengevoegd: zo kleine aantallen kunnen naar een persoon wijzen.", personen(u.Drempel))
		}
		return tb, nil
	case "kosten":
		c := r.Publiek.Conclusie
		tb := table{name: name, title: fmt.Sprintf("Begeleidingskosten en loonkostensubsidie %d", q.Jaar), rowHeads: true, firstW: 110, head: []string{"", "Bedrag"}}
		tb.rows = [][]string{
			{"Begeleiding " + kwartaal(q.Jaar, q.Kwartaal), optEuro(q.BegeleidingKwartaal)},
			{"Begeleiding tot en met " + tabelDatum(r.Peildatum), optEuro(q.BegeleidingJaarTotNu)},
		}
		if r.Publiek.Lopend {
			tb.rows = append(tb.rows, []string{"Verwachting jaareinde bij gelijk tempo", optEuro(q.VerwachtingBegeleiding)})
		}
		tb.rows = append(tb.rows, []string{"Begroting begeleiding", begroting(q.BegrotingBegeleiding)})
		verschil := "Verschil verwachting − begroting"
		if !r.Publiek.Lopend {
			verschil = "Verschil realisatie − begroting"
		}
		if q.VerschilBegroting.Ok {
			tb.rows = append(tb.rows, []string{verschil, euro(q.VerschilBegroting.V)})
		}
		if c.Prognose.Ok {
			tb.rows = append(tb.rows, []string{fmt.Sprintf("Meerjarenprognose %d", q.Jaar), euro(c.Prognose.V)})
		}
		tb.rows = append(tb.rows,
			[]string{"Loonkostensubsidie " + kwartaal(q.Jaar, q.Kwartaal), optEuro(q.LKSKwartaal)},
			[]string{"Loonkostensubsidie tot en met " + tabelDatum(r.Peildatum), optEuro(q.LKSJaarTotNu)})
		return tb, nil
	case "meerjaren":
		tb := table{name: name, title: "Overzicht begeleidingsvergoeding (meerjarenprognose)", firstW: 14, rowHeads: true,
			head: []string{"Jaar", "Aantal eind jaar", "Kosten per persoon", "Hele jaar begeleiding", "Nieuwe instroom (½ jaar)", "Prognose totaal", "Begroting", "Realisatie"}}
		for _, p := range r.Prognose.Rows {
			real := optEuro(p.Realisatie)
			if p.RealisatieTotNu.Ok {
				real = optEuro(p.RealisatieTotNu) + "*"
				tb.note = fmt.Sprintf("* realisatie %s, tot en met de peildatum %s.", totKwartaal(q.Jaar, q.Kwartaal), tabelDatum(r.Peildatum))
			}
			if p.Basis {
				tb.rows = append(tb.rows, []string{strconv.Itoa(p.Jaar), num(p.AantalEindJaar), "", "", "", "", optEuro(p.Begroting), real})
				continue
			}
			tb.rows = append(tb.rows, []string{strconv.Itoa(p.Jaar), num(p.AantalEindJaar), euro(p.KostenPerPersoon), euro(p.HeleJaar), euro(p.NieuweInstroom), euro(p.Totaal), optEuro(p.Begroting), real})
		}
		if len(tb.rows) == 0 {
			tb.rows = [][]string{{"–", "", "", "", "", "", "", ""}}
		}
		if len(r.Prognose.Rows) < 2 {
			tb.note = "Geen meerjarenprognose: de stand aan het eind van het vorige jaar of een parameter (zoals verwachte_instroom) ontbreekt."
		}
		return tb, nil
	case "jaren":
		tb := table{name: name, title: "Begeleidingskosten per jaar: begroting, realisatie en meerjarenprognose", firstW: 40, rowHeads: true,
			head: []string{"Jaar", "Begroting", "Realisatie", "Meerjarenprognose"}}
		for _, j := range r.Jaren {
			real := optEuro(j.Realisatie)
			partial := j.RealisatieTotNu.Ok
			if partial {
				real = optEuro(j.RealisatieTotNu)
			}
			prog := "–"
			if j.Meerjaren {
				prog = optEuro(j.Prognose)
			}
			tb.rows = append(tb.rows, []string{jaarKop(j.Jaar, partial, q.Kwartaal), optEuro(j.Begroting), real, prog})
		}
		tb.note = "De meerjarenprognose begint na het laatste afgesloten jaar; voor eerdere jaren is geen prognose opgenomen."
		return tb, nil
	}
	return table{}, fmt.Errorf("onbekende tabel %q (bekend: %s)", name, strings.Join(tableNames, ", "))
}

var tableNames = []string{"kerncijfers", "plaatsing", "loonwaarde", "stroom", "kosten", "meerjaren", "jaren"}

// begroting writes a budget, or "geen begroting" when there is none.
func begroting(o report.Opt[ingest.Cents]) string {
	if !o.Ok {
		return "geen begroting"
	}
	return euro(o.V)
}
