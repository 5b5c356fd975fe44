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
	caption  string
	note     string
	head     []string
	rows     [][]string
	rowHeads bool
	firstW   float64 // width of the first column in mm; 0: equal columns
}

// figure is a chart drawn as vector graphics.
type figure struct {
	caption string
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
		return strconv.Itoa(o.V)
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

// tables builds the named tables of the report; each is numbered in the
// order the templates place them.
type tables struct {
	r    *report.Report
	next int
}

func (t *tables) caption(title string) string {
	t.next++
	return fmt.Sprintf("Tabel %d: %s", t.next, title)
}

func (t *tables) build(name string) (block, error) {
	r, q := t.r, t.r.Current
	switch name {
	case "kerncijfers":
		tb := table{caption: t.caption("Overzicht kerncijfers beschut werk"), rowHeads: true, firstW: 52}
		tb.head = []string{""}
		rows := [][]string{{"Taakstelling Rijk"}, {"In traject (dienstverband, proefplaatsing of stage)"}, {"In betaald dienstverband"}}
		for _, c := range r.Tabel1.Columns {
			h := strconv.Itoa(c.Jaar)
			if c.Partial {
				h += "*"
				tb.note = fmt.Sprintf("* %d: stand op de peildatum %s; de andere jaren: stand op 31-12.", c.Jaar, tabelDatum(c.StandOp))
			}
			tb.head = append(tb.head, h)
			rows[0] = append(rows[0], optInt(c.Taakstelling, false))
			rows[1] = append(rows[1], optInt(c.InTraject, c.NTB))
			rows[2] = append(rows[2], optInt(c.Betaald, c.NTB))
		}
		tb.rows = rows
		return tb, nil
	case "plaatsing":
		tb := table{caption: t.caption(fmt.Sprintf("Plaatsing in betaald dienstverband op %s", tabelDatum(r.Peildatum))), rowHeads: true, firstW: 80,
			head: []string{"Werkplek", "Aantal", "Aandeel"}}
		labels := map[ingest.Werkplek]string{
			ingest.WerkplekIntern: "Beschutte werkplek bij KonnecteD", ingest.WerkplekGroepsdetachering: "Groepsdetachering door KonnecteD",
			ingest.WerkplekDetachering: "Individuele detachering door KonnecteD", ingest.WerkplekExtern: "In dienst van een andere werkgever",
		}
		for _, w := range report.Werkplekken {
			tb.rows = append(tb.rows, []string{labels[w], strconv.Itoa(q.Werkplek[w]), optPct(q.AandeelWerkplek[w])})
		}
		tb.rows = append(tb.rows,
			[]string{"Totaal in betaald dienstverband", strconv.Itoa(q.Betaald), ""},
			[]string{"Buiten KonnecteD (detachering en andere werkgever)", strconv.Itoa(q.WerkplekBuiten), optPct(q.AandeelWerkplekBuiten)},
			[]string{"Doel buiten KonnecteD", "", "25%"})
		return tb, nil
	case "loonwaarde":
		tb := table{caption: t.caption("Loonwaarde en werkladder"), rowHeads: true, firstW: 80, head: []string{"", tabelDatum(r.Peildatum), "Vorig kwartaal"}}
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
			{"Personen met een gemeten loonwaarde", func(x *report.Quarter) string { return strconv.Itoa(x.LoonwaardeGemeten) }},
			{"Personen met een loonwaarde onder 30%", func(x *report.Quarter) string { return strconv.Itoa(x.LoonwaardeOnder30) }},
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
		tb := table{caption: t.caption(fmt.Sprintf("In-, door- en uitstroom in het %s kwartaal van %d", kwartaalWoorden[q.Kwartaal-1], q.Jaar)), rowHeads: true, firstW: 80,
			head: []string{"", fmt.Sprintf("%d-K%d", q.Jaar, q.Kwartaal), "Vorig kwartaal"}}
		add := func(label string, f func(*report.Quarter) int) {
			p := "–"
			if r.Previous != nil {
				p = strconv.Itoa(f(r.Previous))
			}
			tb.rows = append(tb.rows, []string{label, strconv.Itoa(f(q)), p})
		}
		add("Instroom", func(x *report.Quarter) int { return x.Instroom })
		add("Doorstroom naar tijdelijk dienstverband", func(x *report.Quarter) int { return x.DoorstroomTijdelijk })
		add("Doorstroom naar vast dienstverband", func(x *report.Quarter) int { return x.DoorstroomVast })
		add("Uitstroom", func(x *report.Quarter) int { return x.Uitstroom })
		for _, rd := range report.Redenen {
			rd := rd
			add("   waarvan "+report.RedenLabel(rd), func(x *report.Quarter) int { return x.UitstroomReden[rd] })
		}
		return tb, nil
	case "kosten":
		tb := table{caption: t.caption(fmt.Sprintf("Begeleidingskosten en loonkostensubsidie %d", q.Jaar)), rowHeads: true, firstW: 110, head: []string{"", "Bedrag"}}
		tb.rows = [][]string{
			{fmt.Sprintf("Begeleiding %d-K%d", q.Jaar, q.Kwartaal), optEuro(q.BegeleidingKwartaal)},
			{"Begeleiding tot en met " + tabelDatum(r.Peildatum), optEuro(q.BegeleidingJaarTotNu)},
			{"Verwachting jaareinde bij gelijk tempo", optEuro(q.VerwachtingBegeleiding)},
			{"Begroting begeleiding", optEuro(q.BegrotingBegeleiding)},
			{"Verschil verwachting − begroting", optEuro(q.VerschilBegroting)},
			{"Prognose volgens de methode van de nota", optEuro(q.PrognoseBegeleiding)},
			{fmt.Sprintf("Loonkostensubsidie %d-K%d", q.Jaar, q.Kwartaal), optEuro(q.LKSKwartaal)},
			{"Loonkostensubsidie tot en met " + tabelDatum(r.Peildatum), optEuro(q.LKSJaarTotNu)},
		}
		return tb, nil
	case "meerjaren":
		tb := table{caption: t.caption("Overzicht begeleidingsvergoeding (meerjarenprognose)"), firstW: 14,
			head: []string{"Jaar", "Aantal eind jaar", "Kosten per persoon", "Hele jaar begeleiding", "Nieuwe instroom (½ jaar)", "Prognose totaal", "Begroting", "Realisatie"}}
		for _, p := range r.Prognose.Rows {
			real := optEuro(p.Realisatie)
			if p.RealisatieTotNu.Ok {
				real = optEuro(p.RealisatieTotNu) + "*"
				tb.note = "* realisatie tot en met de peildatum " + tabelDatum(r.Peildatum) + "."
			}
			if p.Basis {
				tb.rows = append(tb.rows, []string{strconv.Itoa(p.Jaar), strconv.Itoa(p.AantalEindJaar), "", "", "", "", optEuro(p.Begroting), real})
				continue
			}
			tb.rows = append(tb.rows, []string{strconv.Itoa(p.Jaar), strconv.Itoa(p.AantalEindJaar), euro(p.KostenPerPersoon), euro(p.HeleJaar), euro(p.NieuweInstroom), euro(p.Totaal), optEuro(p.Begroting), real})
		}
		if len(tb.rows) == 0 {
			tb.rows = [][]string{{"–", "", "", "", "", "", "", ""}}
		}
		return tb, nil
	case "jaren":
		tb := table{caption: t.caption("Begeleidingskosten per jaar: begroting, realisatie en prognose"), firstW: 20,
			head: []string{"Jaar", "Begroting", "Realisatie", "Prognose (nota)"}}
		for _, j := range r.Jaren {
			real := optEuro(j.Realisatie)
			if j.RealisatieTotNu.Ok {
				real = optEuro(j.RealisatieTotNu) + "*"
				tb.note = "* realisatie tot en met de peildatum " + tabelDatum(r.Peildatum) + "."
			}
			tb.rows = append(tb.rows, []string{strconv.Itoa(j.Jaar), optEuro(j.Begroting), real, optEuro(j.Prognose)})
		}
		return tb, nil
	}
	return nil, fmt.Errorf("onbekende tabel %q (bekend: kerncijfers, plaatsing, loonwaarde, stroom, kosten, meerjaren, jaren)", name)
}
