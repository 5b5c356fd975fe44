package report

import (
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
// on it), unit, short Dutch label and definition.
type Definition struct {
	Code       string
	Unit       Unit
	Label      string
	Definition string
	get        func(q *Quarter) (float64, bool)
	cents      func(q *Quarter) Opt[ingest.Cents]
}

// Value returns the indicator's value for a quarter; ok is false when the
// figure is absent. Euro values are in euros (exact cents divided by 100).
func (d Definition) Value(q *Quarter) (float64, bool) {
	if d.cents != nil {
		c := d.cents(q)
		return c.V.Euros(), c.Ok
	}
	return d.get(q)
}

// Cents returns the exact amount of a euro indicator.
func (d Definition) Cents(q *Quarter) Opt[ingest.Cents] {
	if d.cents == nil {
		return Opt[ingest.Cents]{}
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
		{Code: "dienstverband_konnected", Unit: Aantal, Label: "Dienstverband bij KonnecteD", Definition: "betaald dienstverband met werkplek intern, groepsdetachering of detachering (KonnecteD is werkgever)", get: count(func(q *Quarter) int { return q.DienstverbandKonnected })},
		{Code: "dienstverband_extern", Unit: Aantal, Label: "Dienstverband bij andere werkgever", Definition: "betaald dienstverband met werkplek extern", get: count(func(q *Quarter) int { return q.DienstverbandExtern })},
		{Code: "aandeel_dienstverband", Unit: Procent, Label: "Aandeel met dienstverband", Definition: "betaald_dienstverband / in_traject × 100 (nota: 77%)", get: opt(func(q *Quarter) Opt[float64] { return q.AandeelDienstverband })},
		{Code: "aandeel_dienstverband_konnected", Unit: Procent, Label: "Aandeel dienstverband bij KonnecteD", Definition: "dienstverband_konnected / betaald_dienstverband × 100 (nota: 78%)", get: opt(func(q *Quarter) Opt[float64] { return q.AandeelDienstverbandKonnected })},
	}
	for _, w := range Werkplekken {
		w := w
		d = append(d, Definition{Code: "werkplek_" + string(w), Unit: Aantal, Label: "Werkplek " + string(w), Definition: "betaald dienstverband met werkplek " + string(w), get: count(func(q *Quarter) int { return q.Werkplek[w] })})
	}
	d = append(d, []Definition{
		{Code: "aandeel_werkplek_buiten", Unit: Procent, Label: "Aandeel geplaatst buiten KonnecteD", Definition: "(werkplek_detachering + werkplek_extern) / betaald_dienstverband × 100, tegen het doel van 25%", get: opt(func(q *Quarter) Opt[float64] { return q.AandeelWerkplekBuiten })},
		{Code: "gemiddelde_uren", Unit: Uren, Label: "Gemiddelde uren per week", Definition: "gemiddelde uren_per_week over betaald dienstverband", get: opt(func(q *Quarter) Opt[float64] { return q.GemiddeldeUren })},
		{Code: "gemiddelde_loonwaarde", Unit: Procent, Label: "Gemiddelde loonwaarde", Definition: "gemiddelde loonwaarde over personen in traject met een loonwaarde (nota: 41%)", get: opt(func(q *Quarter) Opt[float64] { return q.GemiddeldeLoonwaarde })},
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
		{Code: "lks_kwartaal", Unit: Euro, Label: "Loonkostensubsidie kwartaal", Definition: "som van lks_kwartaal over alle regels (ook uitgestroomden)", cents: func(q *Quarter) Opt[ingest.Cents] { return q.LKSKwartaal }},
		{Code: "begeleiding_kwartaal", Unit: Euro, Label: "Begeleiding kwartaal", Definition: "som van begeleiding_kwartaal over alle regels", cents: func(q *Quarter) Opt[ingest.Cents] { return q.BegeleidingKwartaal }},
		{Code: "lks_jaar_tot_nu", Unit: Euro, Label: "Loonkostensubsidie jaar tot nu", Definition: "som van lks_kwartaal over de kwartalen van het jaar tot en met de peildatum; ontbreekt als een kwartaal ontbreekt", cents: func(q *Quarter) Opt[ingest.Cents] { return q.LKSJaarTotNu }},
		{Code: "begeleiding_jaar_tot_nu", Unit: Euro, Label: "Begeleiding jaar tot nu", Definition: "som van begeleiding_kwartaal over de kwartalen van het jaar tot en met de peildatum; ontbreekt als een kwartaal ontbreekt", cents: func(q *Quarter) Opt[ingest.Cents] { return q.BegeleidingJaarTotNu }},
		{Code: "begroting_begeleiding", Unit: Euro, Label: "Begroting begeleiding", Definition: "begroot budget voor begeleiding in het jaar (parameter)", cents: func(q *Quarter) Opt[ingest.Cents] { return q.BegrotingBegeleiding }},
		{Code: "prognose_begeleiding", Unit: Euro, Label: "Prognose begeleiding (nota)", Definition: "in_traject eind vorig jaar × K + verwachte instroom × K × ½, K = begeleidingsvergoeding × gemiddelde uren ÷ fte-uren, op hele euro's", cents: func(q *Quarter) Opt[ingest.Cents] { return q.PrognoseBegeleiding }},
		{Code: "verwachting_begeleiding", Unit: Euro, Label: "Verwachting begeleiding jaareinde", Definition: "begeleiding_jaar_tot_nu × 4 ÷ kwartaalnummer", cents: func(q *Quarter) Opt[ingest.Cents] { return q.VerwachtingBegeleiding }},
		{Code: "taakstelling", Unit: Aantal, Label: "Taakstelling Rijk", Definition: "taakstelling van het Rijk voor het jaar, in betaalde dienstverbanden (parameter)", get: func(q *Quarter) (float64, bool) { return float64(q.Taakstelling.V), q.Taakstelling.Ok }},
		{Code: "realisatie_taakstelling", Unit: Procent, Label: "Realisatie taakstelling", Definition: "betaald_dienstverband / taakstelling × 100", get: opt(func(q *Quarter) Opt[float64] { return q.RealisatieTaakstelling })},
	}...)
	return d
}

// Definition returns the definition of code.
func DefinitionOf(code string) (Definition, bool) {
	for _, d := range Definitions {
		if d.Code == code {
			return d, true
		}
	}
	return Definition{}, false
}

// RedenLabel is the Dutch wording of a reden_uitstroom.
func RedenLabel(r string) string {
	switch r {
	case "regulier_werk":
		return "regulier werk"
	}
	return r
}
