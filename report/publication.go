package report

import (
	"beschut/ingest"
	"beschut/internal/value"
)

// Publiek is what the public raadsmededeling says beyond the indicators:
// the placement classified so that every sum can be added up by a reader,
// the conclusions of the Kern van de boodschap, and the uitstroom with
// small counts merged. It is computed here, never in a renderer.
type Publiek struct {
	Plaatsing   Plaatsing
	Conclusie   Conclusie
	Uitstroom   UitstroomPubliek
	Lopend      bool // the peildatum's year is not over (kwartaal 1–3)
	TotKwartaal int  // the last quarter of the peildatum's year in the figures
}

// Plaatsing classifies every betaald dienstverband on the peildatum exactly
// once: bij het SW-bedrijf (intern or groepsdetachering), via het
// SW-bedrijf bij een andere werkgever (individuele detachering), or in
// dienst van een andere werkgever. BijUitvoerder + Gedetacheerd +
// InDienstAndere = Betaald.
type Plaatsing struct {
	Betaald            int
	Intern             int // beschutte werkplek bij het SW-bedrijf
	Groepsdetachering  int
	BijUitvoerder      int // Intern + Groepsdetachering
	Gedetacheerd       int // individuele detachering: in dienst van het SW-bedrijf, werkt bij een andere werkgever
	InDienstAndere     int // in dienst van een andere werkgever
	BijAndereWerkgever int // Gedetacheerd + InDienstAndere: the placement goal's count
	InDienstUitvoerder int // BijUitvoerder + Gedetacheerd: the SW-bedrijf is the employer

	AandeelIntern, AandeelGroepsdetachering, AandeelBijUitvoerder         Opt[float64]
	AandeelGedetacheerd, AandeelInDienstAndere, AandeelBijAndereWerkgever Opt[float64]
	AandeelInDienstUitvoerder                                             Opt[float64] // the nota's "78 % bij KonnecteD"

	// Doel is the plaatsingsdoel (percent of betaald dienstverband bij een
	// andere werkgever); DoelGehaald compares the realised share with it,
	// present only when both are.
	Doel        Opt[float64]
	DoelGehaald Opt[bool]
	// AfrondingTeltNietOp: the rounded shares shown in the table do not add
	// up to their subtotals or to 100 %, so the table says so.
	AfrondingTeltNietOp bool
}

// Conclusie is the end of the Kern van de boodschap: taakstelling against
// realisatie, expected spending against the budget, and the placement goal
// against the realised share. Every part is present only when its figures
// are.
type Conclusie struct {
	Taakstelling Opt[int]
	Betaald      int
	// Tekort is taakstelling − betaald when positive; 0 when the
	// taakstelling is met.
	Tekort Opt[int]
	// Realisatie is betaald ÷ taakstelling × 100; absent when the
	// taakstelling is absent or 0.
	Realisatie Opt[float64]

	Verwachting Opt[value.Cents] // the year's expected (or, after K4, realised) begeleidingskosten
	Begroting   Opt[value.Cents]
	// Onderschrijding is begroting − verwachting when positive; Overschrijding
	// verwachting − begroting when positive. Both absent without a begroting.
	Onderschrijding, Overschrijding Opt[value.Cents]
	OpBegroting                     bool // verwachting equals the begroting
	// Prognose is the meerjarenprognose's figure for the peildatum's year,
	// when that year is in the current meerjarenprognose.
	Prognose Opt[value.Cents]
}

// UitstroomPubliek is the uitstroom by reason as the public document shows
// it: a reason is shown only when its count is 0 or at least Drempel in
// both quarters shown; the others are merged into "overige redenen". The
// workbook keeps the full split (Quarter.UitstroomReden).
type UitstroomPubliek struct {
	Drempel      int
	Rows         []UitstroomRij
	Overige      *UitstroomRij // the merged row; nil when nothing is merged
	Samengevoegd []string      // labels of the merged reasons, in report order
}

// UitstroomRij is one row of the public uitstroom table.
type UitstroomRij struct {
	Label  string
	Huidig int
	Vorig  Opt[int] // absent without the previous quarter
}

// Defaults of the publication parameters, used when the parameters are
// absent (a report built without parameters).
const (
	DefaultPlaatsingsdoel         = 25
	DefaultDrempelKleineAantallen = 3
)

func buildPubliek(r *Report, p *Params) Publiek {
	q := r.Current
	out := Publiek{Lopend: q.Kwartaal != 4, TotKwartaal: q.Kwartaal}
	doel := Some(float64(DefaultPlaatsingsdoel))
	drempel := DefaultDrempelKleineAantallen
	if p != nil {
		if v, ok := p.Fixed(r.Gemeente, q.Jaar, "plaatsingsdoel"); ok {
			doel = Some(v.Float())
		}
		if v, ok := p.Count(r.Gemeente, q.Jaar, "drempel_kleine_aantallen"); ok {
			drempel = v
		}
	}
	out.Plaatsing = buildPlaatsing(q, doel)
	out.Conclusie = buildConclusie(q)
	for _, j := range r.Jaren {
		if j.Jaar == q.Jaar && j.Meerjaren {
			out.Conclusie.Prognose = j.Prognose
		}
	}
	out.Uitstroom = buildUitstroom(q, r.Previous, drempel)
	return out
}

func buildPlaatsing(q *Quarter, doel Opt[float64]) Plaatsing {
	pl := Plaatsing{
		Betaald:           q.Betaald,
		Intern:            q.Werkplek[ingest.WerkplekIntern],
		Groepsdetachering: q.Werkplek[ingest.WerkplekGroepsdetachering],
		Gedetacheerd:      q.Werkplek[ingest.WerkplekDetachering],
		InDienstAndere:    q.Werkplek[ingest.WerkplekExtern],
		Doel:              doel,
	}
	pl.BijUitvoerder = pl.Intern + pl.Groepsdetachering
	pl.BijAndereWerkgever = pl.Gedetacheerd + pl.InDienstAndere
	pl.InDienstUitvoerder = pl.BijUitvoerder + pl.Gedetacheerd
	n := pl.Betaald
	pl.AandeelIntern, pl.AandeelGroepsdetachering = share(pl.Intern, n), share(pl.Groepsdetachering, n)
	pl.AandeelBijUitvoerder = share(pl.BijUitvoerder, n)
	pl.AandeelGedetacheerd, pl.AandeelInDienstAndere = share(pl.Gedetacheerd, n), share(pl.InDienstAndere, n)
	pl.AandeelBijAndereWerkgever = share(pl.BijAndereWerkgever, n)
	pl.AandeelInDienstUitvoerder = share(pl.InDienstUitvoerder, n)
	if doel.Ok && pl.AandeelBijAndereWerkgever.Ok {
		pl.DoelGehaald = Some(pl.AandeelBijAndereWerkgever.V >= doel.V)
	}
	if n > 0 {
		r := func(o Opt[float64]) int { return roundPercent(o.V) }
		pl.AfrondingTeltNietOp = r(pl.AandeelIntern)+r(pl.AandeelGroepsdetachering) != r(pl.AandeelBijUitvoerder) ||
			r(pl.AandeelGedetacheerd)+r(pl.AandeelInDienstAndere) != r(pl.AandeelBijAndereWerkgever) ||
			r(pl.AandeelBijUitvoerder)+r(pl.AandeelBijAndereWerkgever) != 100
	}
	return pl
}

func buildConclusie(q *Quarter) Conclusie {
	c := Conclusie{Taakstelling: q.Taakstelling, Betaald: q.Betaald, Realisatie: q.RealisatieTaakstelling,
		Verwachting: q.VerwachtingBegeleiding, Begroting: q.BegrotingBegeleiding}
	if q.Taakstelling.Ok {
		c.Tekort = Some(max(q.Taakstelling.V-q.Betaald, 0))
	}
	if c.Verwachting.Ok && c.Begroting.Ok {
		switch d := c.Verwachting.V - c.Begroting.V; {
		case d > 0:
			c.Overschrijding = Some(d)
		case d < 0:
			c.Onderschrijding = Some(-d)
		default:
			c.OpBegroting = true
		}
	}
	return c
}

// publishable: a count that points to nobody in particular.
func publishable(n, drempel int) bool { return n == 0 || n >= drempel }

func buildUitstroom(q, prev *Quarter, drempel int) UitstroomPubliek {
	u := UitstroomPubliek{Drempel: drempel}
	var overige UitstroomRij
	overige.Label = "overige redenen"
	if prev != nil {
		overige.Vorig = Some(0)
	}
	merged := false
	for _, rd := range Redenen {
		row := UitstroomRij{Label: RedenLabel(rd), Huidig: q.UitstroomReden[rd]}
		ok := publishable(row.Huidig, drempel)
		if prev != nil {
			row.Vorig = Some(prev.UitstroomReden[rd])
			ok = ok && publishable(row.Vorig.V, drempel)
		}
		if ok && rd != "overig" {
			u.Rows = append(u.Rows, row)
			continue
		}
		// "overig" always joins the merged row, so there is one rest row.
		overige.Huidig += row.Huidig
		if prev != nil {
			overige.Vorig.V += row.Vorig.V
		}
		if !ok {
			merged = true
			u.Samengevoegd = append(u.Samengevoegd, row.Label)
		}
	}
	if merged || overige.Huidig > 0 || (overige.Vorig.Ok && overige.Vorig.V > 0) {
		u.Overige = &overige
	}
	return u
}

// Duiding is the policy team's own text about the quarter, read by the
// pipeline from the file the publicatie names; the raadsmededeling places
// it under Nadere toelichting.
type Duiding struct {
	Path   string // as given in the parameters file
	SHA256 string // of the file's bytes
	Text   string // plain paragraphs and "- " bullet lists
}
