package report

import (
	"beschut/internal/value"
	"strings"

	"beschut/ingest"
)

// Unit is the eenheid of an indicator in the Data sheet.
type Unit string

// Units of the Data sheet's eenheid column.
const (
	Aantal  Unit = "aantal"
	Procent Unit = "procent"
	Euro    Unit = "euro"
	Uren    Unit = "uren"
	Trede   Unit = "trede"
)

// Definition is one indicator: its code (never renamed: finance imports
// on it), unit, short Dutch label and definition. Label and Definition may
// name the SW-bedrijf as {uitvoerder}: LabelFor and DefinitionFor fill in
// the gemeente's own word for it.
type Definition struct {
	Code       string
	Unit       Unit
	Label      string
	Definition string
	get        func(q *Quarter) (float64, bool)
	cents      func(q *Quarter) Opt[value.Cents]
}

// uitvoerderToken stands for the SW-bedrijf in labels and definitions.
const uitvoerderToken = "{uitvoerder}"

// LabelFor is the Dutch label with the gemeente's SW-bedrijf filled in.
func (d Definition) LabelFor(s GemeenteSettings) string {
	return strings.ReplaceAll(d.Label, uitvoerderToken, s.UitvoerderNaam())
}

// DefinitionFor is the definition with the gemeente's SW-bedrijf filled in.
func (d Definition) DefinitionFor(s GemeenteSettings) string {
	return strings.ReplaceAll(d.Definition, uitvoerderToken, s.UitvoerderNaam())
}

// Value returns the indicator's value for a quarter; ok is false when the
// figure is absent. Euro values are in euros (exact cents divided by 100).
func (d Definition) Value(q *Quarter) (float64, bool) {
	if d.cents != nil {
		c := d.cents(q)
		return c.V.Euros(), c.Ok
	}
	if d.get == nil {
		return 0, false // a report-level code (FigureDefinitions)
	}
	return d.get(q)
}

// Cents returns the exact amount of a euro indicator.
func (d Definition) Cents(q *Quarter) Opt[value.Cents] {
	if d.cents == nil {
		return Opt[value.Cents]{}
	}
	return d.cents(q)
}

func count(f func(q *Quarter) int) func(q *Quarter) (float64, bool) {
	return func(q *Quarter) (float64, bool) { return float64(f(q)), true }
}

func opt(f func(q *Quarter) Opt[float64]) func(q *Quarter) (float64, bool) {
	return func(q *Quarter) (float64, bool) { o := f(q); return o.V, o.Ok }
}

// Definitions lists every indicator in the order of shared/spec/indicatoren.md.
var Definitions = buildDefinitions()

func buildDefinitions() []Definition {
	d := []Definition{
		{Code: "in_traject", Unit: Aantal, Label: "In traject", Definition: "personen in stage, proefplaatsing, tijdelijk of vast dienstverband op de peildatum", get: count(func(q *Quarter) int { return q.InTraject })},
		{Code: "stage", Unit: Aantal, Label: "Stage", Definition: "personen in fase stage (schoolverlaters)", get: count(func(q *Quarter) int { return q.Stage })},
		{Code: "proefplaatsing", Unit: Aantal, Label: "Proefplaatsing", Definition: "personen in fase proefplaatsing", get: count(func(q *Quarter) int { return q.Proefplaatsing })},
		{Code: "tijdelijk", Unit: Aantal, Label: "Tijdelijk dienstverband", Definition: "personen met een tijdelijk dienstverband", get: count(func(q *Quarter) int { return q.Tijdelijk })},
		{Code: "vast", Unit: Aantal, Label: "Vast dienstverband", Definition: "personen met een vast dienstverband", get: count(func(q *Quarter) int { return q.Vast })},
		{Code: "betaald_dienstverband", Unit: Aantal, Label: "In betaald dienstverband", Definition: "tijdelijk + vast", get: count(func(q *Quarter) int { return q.Betaald })},
		{Code: "dienstverband_konnected", Unit: Aantal, Label: "Dienstverband bij {uitvoerder}", Definition: "betaald dienstverband met werkplek intern, groepsdetachering of detachering ({uitvoerder} is werkgever)", get: count(func(q *Quarter) int { return q.DienstverbandKonnected })},
		{Code: "dienstverband_extern", Unit: Aantal, Label: "Dienstverband bij andere werkgever", Definition: "betaald dienstverband met werkplek extern", get: count(func(q *Quarter) int { return q.DienstverbandExtern })},
		{Code: "aandeel_dienstverband", Unit: Procent, Label: "Aandeel met dienstverband", Definition: "betaald_dienstverband / in_traject × 100", get: opt(func(q *Quarter) Opt[float64] { return q.AandeelDienstverband })},
		{Code: "aandeel_dienstverband_konnected", Unit: Procent, Label: "Aandeel dienstverband bij {uitvoerder}", Definition: "dienstverband_konnected / betaald_dienstverband × 100", get: opt(func(q *Quarter) Opt[float64] { return q.AandeelDienstverbandKonnected })},
	}
	for _, w := range Werkplekken {
		w := w
		d = append(d, Definition{Code: "werkplek_" + w.String(), Unit: Aantal, Label: werkplekLabel[w], Definition: "betaald dienstverband met werkplek " + w.String(), get: count(func(q *Quarter) int { return q.Werkplek[w] })})
	}
	d = append(d, []Definition{
		{Code: "aandeel_werkplek_buiten", Unit: Procent, Label: "Aandeel geplaatst buiten {uitvoerder}", Definition: "(werkplek_detachering + werkplek_extern) / betaald_dienstverband × 100, tegen het plaatsingsdoel", get: opt(func(q *Quarter) Opt[float64] { return q.AandeelWerkplekBuiten })},
		{Code: "gemiddelde_uren", Unit: Uren, Label: "Gemiddelde uren per week", Definition: "gemiddelde uren_per_week over betaald dienstverband", get: opt(func(q *Quarter) Opt[float64] { return q.GemiddeldeUren })},
		{Code: "gemiddelde_loonwaarde", Unit: Procent, Label: "Gemiddelde loonwaarde", Definition: "gemiddelde loonwaarde over personen in traject met een loonwaarde", get: opt(func(q *Quarter) Opt[float64] { return q.GemiddeldeLoonwaarde })},
		{Code: "loonwaarde_gemeten", Unit: Aantal, Label: "Loonwaarde gemeten", Definition: "personen in traject met loonwaarde_bron meting", get: count(func(q *Quarter) int { return q.LoonwaardeGemeten })},
		{Code: "loonwaarde_onder_30", Unit: Aantal, Label: "Loonwaarde onder 30%", Definition: "personen in traject met een loonwaarde onder 30%: signaal voor herindicatie of dagbesteding", get: count(func(q *Quarter) int { return q.LoonwaardeOnder30 })},
		{Code: "gemiddelde_werkladder", Unit: Trede, Label: "Gemiddelde trede werkladder", Definition: "gemiddelde trede op de werkladder over personen in traject met een trede", get: opt(func(q *Quarter) Opt[float64] { return q.GemiddeldeWerkladder })},
		{Code: "instroom", Unit: Aantal, Label: "Instroom", Definition: "personen met datum_start in het kwartaal", get: count(func(q *Quarter) int { return q.Instroom })},
		{Code: "doorstroom_tijdelijk", Unit: Aantal, Label: "Doorstroom naar tijdelijk", Definition: "personen in tijdelijk dienstverband met datum_fase in het kwartaal", get: count(func(q *Quarter) int { return q.DoorstroomTijdelijk })},
		{Code: "doorstroom_vast", Unit: Aantal, Label: "Doorstroom naar vast", Definition: "personen in vast dienstverband met datum_fase in het kwartaal", get: count(func(q *Quarter) int { return q.DoorstroomVast })},
		{Code: "uitstroom", Unit: Aantal, Label: "Uitstroom", Definition: "personen uitgestroomd met datum_uitstroom in het kwartaal", get: count(func(q *Quarter) int { return q.Uitstroom })},
	}...)
	for _, r := range Redenen {
		r := r
		d = append(d, Definition{Code: "uitstroom_" + r, Unit: Aantal, Label: "Uitstroom " + RedenLabel(r), Definition: "uitstroom in het kwartaal met reden " + r, get: count(func(q *Quarter) int { return q.UitstroomReden[r] })})
	}
	d = append(d, []Definition{
		{Code: "lks_kwartaal", Unit: Euro, Label: "Loonkostensubsidie kwartaal", Definition: "som van lks_kwartaal over alle regels (ook uitgestroomden)", cents: func(q *Quarter) Opt[value.Cents] { return q.LKSKwartaal }},
		{Code: "begeleiding_kwartaal", Unit: Euro, Label: "Begeleiding kwartaal", Definition: "som van begeleiding_kwartaal over alle regels", cents: func(q *Quarter) Opt[value.Cents] { return q.BegeleidingKwartaal }},
		{Code: "lks_jaar_tot_nu", Unit: Euro, Label: "Loonkostensubsidie jaar tot nu", Definition: "som van lks_kwartaal over de kwartalen van het jaar tot en met de peildatum; ontbreekt als een kwartaal ontbreekt", cents: func(q *Quarter) Opt[value.Cents] { return q.LKSJaarTotNu }},
		{Code: "begeleiding_jaar_tot_nu", Unit: Euro, Label: "Begeleiding jaar tot nu", Definition: "som van begeleiding_kwartaal over de kwartalen van het jaar tot en met de peildatum; ontbreekt als een kwartaal ontbreekt", cents: func(q *Quarter) Opt[value.Cents] { return q.BegeleidingJaarTotNu }},
		{Code: "begroting_begeleiding", Unit: Euro, Label: "Begroting begeleiding", Definition: "begroot budget voor begeleiding in het jaar (parameter)", cents: func(q *Quarter) Opt[value.Cents] { return q.BegrotingBegeleiding }},
		{Code: "prognose_begeleiding", Unit: Euro, Label: "Prognose begeleiding (nota)", Definition: "in_traject eind vorig jaar × K + verwachte instroom × K × ½, K = begeleidingsvergoeding × gemiddelde uren ÷ fte-uren, op hele euro's", cents: func(q *Quarter) Opt[value.Cents] { return q.PrognoseBegeleiding }},
		{Code: "verwachting_begeleiding", Unit: Euro, Label: "Verwachting begeleiding jaareinde", Definition: "begeleiding_jaar_tot_nu × 4 ÷ kwartaalnummer", cents: func(q *Quarter) Opt[value.Cents] { return q.VerwachtingBegeleiding }},
		{Code: "taakstelling", Unit: Aantal, Label: "Taakstelling Rijk", Definition: "taakstelling van het Rijk voor het jaar, in betaalde dienstverbanden (parameter)", get: func(q *Quarter) (float64, bool) { return float64(q.Taakstelling.V), q.Taakstelling.Ok }},
		{Code: "realisatie_taakstelling", Unit: Procent, Label: "Realisatie taakstelling", Definition: "betaald_dienstverband / taakstelling × 100", get: opt(func(q *Quarter) Opt[float64] { return q.RealisatieTaakstelling })},
		// Added in 1.1, last: codes and columns are only ever added at the end.
		{Code: "verschil_verwachting_begroting", Unit: Euro, Label: "Verschil verwachting − begroting", Definition: "verwachting_begeleiding − begroting_begeleiding: negatief is onder de begroting", cents: func(q *Quarter) Opt[value.Cents] { return q.VerschilBegroting }},
	}...)
	return d
}

// DefinitionOf returns the definition of code: a per-quarter indicator
// or a report-level code (FigureDefinitions).
func DefinitionOf(code string) (Definition, bool) {
	for _, d := range Definitions {
		if d.Code == code {
			return d, true
		}
	}
	for _, d := range FigureDefinitions {
		if d.Code == code {
			return d, true
		}
	}
	return Definition{}, false
}

// werkplekLabel is the Dutch wording of a werkplek as a column header.
var werkplekLabel = map[ingest.Werkplek]string{
	ingest.WerkplekIntern:            "Werkplek intern",
	ingest.WerkplekGroepsdetachering: "Werkplek groepsdetachering",
	ingest.WerkplekDetachering:       "Werkplek detachering",
	ingest.WerkplekExtern:            "Werkplek extern (andere werkgever)",
}

// RedenLabel is the Dutch wording of a reden_uitstroom.
func RedenLabel(r string) string {
	switch r {
	case "regulier_werk":
		return "regulier werk"
	}
	return r
}

// Figure is one report-level row of the Data sheet (indicatoren.md 1.1):
// a figure of the report that is not a per-quarter indicator. Its peildatum
// is the report's; Kwartaal 0 leaves the kwartaal column empty (a year
// figure: meerjarenprognose, kostprijsmodel, taakstelling per jaar).
type Figure struct {
	Code     string
	Jaar     int
	Kwartaal int // 0: a year figure
	Unit     Unit
	Value    float64 // euros for Unit Euro: exact cents ÷ 100
}

// kostprijsRegels are the lines of the kostprijsmodel with their wording
// in the Toelichting, in the model's order.
var kostprijsRegels = []struct{ code, label, definition string }{
	{"lks_werkgeverslasten", "LKS + subsidie werkgeverslasten", "baten: loonkostensubsidie plus subsidie op de werkgeverslasten"},
	{"bijdrage_begeleiding", "bijdrage begeleidingskosten", "baten: bijdrage van de gemeente in de begeleidingskosten (voor de gemiddelde uren zoals gefactureerd, op hele euro's)"},
	{"opbrengsten_productie", "opbrengsten productie", "baten: opbrengsten van de productie"},
	{"liv", "LIV", "baten: lage-inkomensvoordeel (LIV)"},
	{"totaal_baten", "totaal baten", "baten: totaal"},
	{"wml", "wettelijk minimumloon", "lasten: wettelijk minimumloon (telt niet apart mee in het totaal: de volgende regel bevat het)"},
	{"wml_vakantietoeslag", "minimumloon + vakantietoeslag", "lasten: wettelijk minimumloon met vakantietoeslag"},
	{"werkgeverslasten", "werkgeverslasten", "lasten: werkgeverslasten"},
	{"begeleiding_werkplek", "begeleiding op werkplek", "lasten: begeleiding op de werkplek (exact naar rato)"},
	{"totaal_lasten", "totaal lasten", "lasten: totaal"},
	{"verschil", "verschil", "totaal baten − totaal lasten"},
}

// FigureDefinitions are the codes of the report-level rows of Data, for
// the Toelichting and the import.
var FigureDefinitions = buildFigureDefinitions()

func buildFigureDefinitions() []Definition {
	d := []Definition{
		{Code: "taakstelling_jaar", Unit: Aantal, Label: "Taakstelling Rijk (Tabel 1)", Definition: "taakstelling van het Rijk per jaar zoals in Tabel 1, ook voor het jaar na de peildatum; jaar = het jaar, kwartaal leeg"},
		{Code: "meerjarenprognose_aantal_eind_jaar", Unit: Aantal, Label: "Meerjarenprognose: aantal eind jaar", Definition: "het eerste jaar de werkelijke stand in traject op 31-12, daarna het aantal van het jaar ervoor + de verwachte instroom; jaar = het jaar, kwartaal leeg"},
		{Code: "meerjarenprognose_nieuwe_instroom", Unit: Aantal, Label: "Meerjarenprognose: nieuwe instroom", Definition: "verwachte instroom in het jaar (parameter verwachte_instroom)"},
		{Code: "meerjarenprognose_begeleiding_per_persoon", Unit: Euro, Label: "Meerjarenprognose: begeleidingskosten per persoon", Definition: "K = begeleidingsvergoeding × gemiddelde uren ÷ fte-uren, op hele euro's"},
		{Code: "meerjarenprognose_begeleiding_hele_jaar", Unit: Euro, Label: "Meerjarenprognose: hele jaar begeleiding", Definition: "aantal eind vorig jaar × K"},
		{Code: "meerjarenprognose_begeleiding_nieuwe_instroom", Unit: Euro, Label: "Meerjarenprognose: nieuwe instroom half jaar", Definition: "nieuwe instroom × K × ½"},
		{Code: "meerjarenprognose_begeleiding", Unit: Euro, Label: "Meerjarenprognose: begeleidingskosten totaal", Definition: "hele jaar + nieuwe instroom (de prognose totaal van de tabel)"},
		{Code: "meerjarenprognose_begroting", Unit: Euro, Label: "Meerjarenprognose: begroting", Definition: "begroting begeleiding van het jaar (parameter begroting_begeleiding)"},
		{Code: "meerjarenprognose_realisatie", Unit: Euro, Label: "Meerjarenprognose: realisatie", Definition: "begeleidingskosten van het afgesloten eerste jaar (begeleiding_jaar_tot_nu op 31-12)"},
		{Code: "meerjarenprognose_realisatie_tot_nu", Unit: Euro, Label: "Meerjarenprognose: realisatie tot de peildatum", Definition: "begeleidingskosten van het jaar van de peildatum tot en met de peildatum"},
		{Code: "kostprijs_loonwaarde", Unit: Procent, Label: "Kostprijsmodel: loonwaarde", Definition: "de gemiddelde loonwaarde op de peildatum, op hele procenten; jaar = het jaar waarvoor het model rekent"},
		{Code: "kostprijs_uren", Unit: Uren, Label: "Kostprijsmodel: gemiddelde uren", Definition: "de gemiddelde uren per week (parameter gemiddelde_uren)"},
	}
	for _, r := range kostprijsRegels {
		d = append(d,
			Definition{Code: "kostprijs_" + r.code + "_fte", Unit: Euro, Label: "Kostprijsmodel: " + r.label + " (1 fte)", Definition: "kostprijsmodel per jaar voor 1 fte, " + r.definition},
			Definition{Code: "kostprijs_" + r.code + "_gemiddeld", Unit: Euro, Label: "Kostprijsmodel: " + r.label + " (gemiddelde uren)", Definition: "kostprijsmodel per jaar voor de gemiddelde uren, " + r.definition})
	}
	d = append(d,
		Definition{Code: "signalen_loonwaarde_onder_30", Unit: Aantal, Label: "Signaal: loonwaarde onder 30%", Definition: "aantal personen in traject met een loonwaarde onder 30% op de peildatum (de namen staan alleen in het vertrouwelijke signalenbestand)"},
		Definition{Code: "signalen_verdwenen", Unit: Aantal, Label: "Signaal: verdwenen zonder uitstroomregel", Definition: "aantal personen dat vorig kwartaal in traject was en nu geen regel heeft"},
		Definition{Code: "signalen_terugval", Unit: Aantal, Label: "Signaal: stap terug in fase", Definition: "aantal personen dat een fase terugging sinds vorig kwartaal"},
		Definition{Code: "signalen_waarschuwingen_inlezen", Unit: Aantal, Label: "Waarschuwingen bij het inlezen", Definition: "aantal waarschuwingen bij het inlezen van de bronbestanden van deze gemeente"},
	)
	return d
}

// Figures lists the report-level rows of the Data sheet, in a fixed order:
// Tabel 1's taakstelling per year, the meerjarenprognose row by row, the
// kostprijsmodel, and the signal counts of the peildatum.
func (r *Report) Figures() []Figure {
	var out []Figure
	add := func(code string, jaar, kwartaal int, v float64) {
		d, _ := DefinitionOf(code)
		out = append(out, Figure{Code: code, Jaar: jaar, Kwartaal: kwartaal, Unit: d.Unit, Value: v})
	}
	euro := func(code string, jaar int, c Opt[value.Cents]) {
		if c.Ok {
			add(code, jaar, 0, c.V.Euros())
		}
	}
	for _, c := range r.Tabel1.Columns {
		if c.Taakstelling.Ok {
			add("taakstelling_jaar", c.Jaar, 0, float64(c.Taakstelling.V))
		}
	}
	for _, p := range r.Prognose.Rows {
		add("meerjarenprognose_aantal_eind_jaar", p.Jaar, 0, float64(p.AantalEindJaar))
		if !p.Basis {
			add("meerjarenprognose_nieuwe_instroom", p.Jaar, 0, float64(p.Instroom))
			euro("meerjarenprognose_begeleiding_per_persoon", p.Jaar, Some(p.KostenPerPersoon))
			euro("meerjarenprognose_begeleiding_hele_jaar", p.Jaar, Some(p.HeleJaar))
			euro("meerjarenprognose_begeleiding_nieuwe_instroom", p.Jaar, Some(p.NieuweInstroom))
			euro("meerjarenprognose_begeleiding", p.Jaar, Some(p.Totaal))
		}
		euro("meerjarenprognose_begroting", p.Jaar, p.Begroting)
		euro("meerjarenprognose_realisatie", p.Jaar, p.Realisatie)
		euro("meerjarenprognose_realisatie_tot_nu", p.Jaar, p.RealisatieTotNu)
	}
	if r.Kostprijs.Ok {
		k := r.Kostprijs.V
		add("kostprijs_loonwaarde", k.Jaar, 0, float64(k.Loonwaarde))
		add("kostprijs_uren", k.Jaar, 0, k.Uren.Float())
		for _, row := range k.Rows() {
			euro("kostprijs_"+row.Code+"_fte", k.Jaar, Some(row.Fte))
			euro("kostprijs_"+row.Code+"_gemiddeld", k.Jaar, Some(row.Gemiddeld))
		}
	}
	if r.Current != nil {
		j, q, s := r.Current.Jaar, r.Current.Kwartaal, r.Signalen
		add("signalen_loonwaarde_onder_30", j, q, float64(len(s.LoonwaardeOnder30)))
		if r.Previous != nil {
			add("signalen_verdwenen", j, q, float64(len(s.Verdwenen)))
			add("signalen_terugval", j, q, float64(len(s.Terugval)))
		}
		add("signalen_waarschuwingen_inlezen", j, q, float64(len(s.DataWarnings)))
	}
	return out
}

// Rows lists every line of the model in its order: baten, totaal baten,
// lasten, totaal lasten, verschil.
func (k Kostprijs) Rows() []KostprijsRow {
	out := append([]KostprijsRow{}, k.Baten...)
	out = append(out, k.TotaalBaten)
	out = append(out, k.Lasten...)
	return append(out, k.TotaalLasten, k.Verschil)
}

// RealisatieChart is the realisatie a chart of the year shows: the
// completed year's, or for the peildatum's year the realisatie up to the
// peildatum (partial).
func (j JaarKosten) RealisatieChart() (v Opt[value.Cents], partial bool) {
	if j.RealisatieTotNu.Ok {
		return j.RealisatieTotNu, true
	}
	return j.Realisatie, false
}
