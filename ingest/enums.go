package ingest

// Route is the instroomroute: how a person came in.
type Route string

// Instroomroutes.
const (
	RoutePro             Route = "pro"
	RouteVso             Route = "vso"
	RouteUwv             Route = "uwv"
	RouteParticipatiewet Route = "participatiewet"
	RouteOverig          Route = "overig"
)

// Values lists the allowed values (shared: do not modify).
func (Route) Values() []string { return routeValues }

var routeValues = []string{"pro", "vso", "uwv", "participatiewet", "overig"}

// Fase is the situation of a person on the peildatum.
type Fase string

// Fases, in the order a traject runs through them.
const (
	FaseStage          Fase = "stage"
	FaseProefplaatsing Fase = "proefplaatsing"
	FaseTijdelijk      Fase = "tijdelijk"
	FaseVast           Fase = "vast"
	FaseUitgestroomd   Fase = "uitgestroomd"
)

// Values lists the allowed values (shared: do not modify).
func (Fase) Values() []string { return faseValues }

var faseValues = []string{"stage", "proefplaatsing", "tijdelijk", "vast", "uitgestroomd"}

// Active reports whether the person is in traject (not uitgestroomd).
func (f Fase) Active() bool { return f != FaseUitgestroomd && f != "" }

// Betaald reports whether the fase is a paid dienstverband.
func (f Fase) Betaald() bool { return f == FaseTijdelijk || f == FaseVast }

// Rank orders the active fases: stage and proefplaatsing 1, tijdelijk 2,
// vast 3. A step to a lower rank is a step backwards.
func (f Fase) Rank() int {
	switch f {
	case FaseStage, FaseProefplaatsing:
		return 1
	case FaseTijdelijk:
		return 2
	case FaseVast:
		return 3
	}
	return 0
}

// Werkplek is where a person works.
type Werkplek string

// Werkplekken.
const (
	WerkplekIntern            Werkplek = "intern"
	WerkplekGroepsdetachering Werkplek = "groepsdetachering"
	WerkplekDetachering       Werkplek = "detachering"
	WerkplekExtern            Werkplek = "extern"
)

// Values lists the allowed values (shared: do not modify).
func (Werkplek) Values() []string { return werkplekValues }

var werkplekValues = []string{"intern", "groepsdetachering", "detachering", "extern"}

// Bron says whether a loonwaarde was measured or is the forfaitaire 30 %.
type Bron string

// Loonwaarde sources.
const (
	BronMeting     Bron = "meting"
	BronForfaitair Bron = "forfaitair"
)

// Values lists the allowed values (shared: do not modify).
func (Bron) Values() []string { return bronValues }

var bronValues = []string{"meting", "forfaitair"}

// Reden is the reason a person left.
type Reden string

// Values lists the allowed values (shared: do not modify), in the order reports show them.
func (Reden) Values() []string { return redenValues }

var redenValues = []string{"dagbesteding", "ziekte", "regulier_werk", "banenafspraak", "pensioen", "overlijden", "verhuizing", "overig"}
