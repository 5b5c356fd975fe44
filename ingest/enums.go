package ingest

// The enumerations of the contract are small integers in a Record (one
// byte each instead of a 16-byte string); their spelling in the export,
// in messages and in the documents is kept in one table per type, the
// Values of that type. The zero value of each is "empty" (an optional cell
// left blank) and spells as "".

// Route is the instroomroute: how a person came in.
type Route uint8

// Instroomroutes.
const (
	RoutePro Route = iota + 1
	RouteVso
	RouteUwv
	RouteParticipatiewet
	RouteOverig
)

// Values lists the allowed values (shared: do not modify); value i is
// Route(i+1).
func (Route) Values() []string { return routeValues }

var routeValues = []string{"pro", "vso", "uwv", "participatiewet", "overig"}

// String is the contract's spelling; "" for the zero Route.
func (r Route) String() string { return spell(routeValues, uint8(r)) }

// Fase is the situation of a person on the peildatum.
type Fase uint8

// Fases, in the order a traject runs through them.
const (
	FaseStage Fase = iota + 1
	FaseProefplaatsing
	FaseTijdelijk
	FaseVast
	FaseUitgestroomd
)

// Values lists the allowed values (shared: do not modify); value i is
// Fase(i+1).
func (Fase) Values() []string { return faseValues }

var faseValues = []string{"stage", "proefplaatsing", "tijdelijk", "vast", "uitgestroomd"}

// String is the contract's spelling; "" for the zero Fase.
func (f Fase) String() string { return spell(faseValues, uint8(f)) }

// Active reports whether the person is in traject (not uitgestroomd).
func (f Fase) Active() bool { return f != FaseUitgestroomd && f != 0 }

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
type Werkplek uint8

// Werkplekken.
const (
	WerkplekIntern Werkplek = iota + 1
	WerkplekGroepsdetachering
	WerkplekDetachering
	WerkplekExtern
)

// Values lists the allowed values (shared: do not modify); value i is
// Werkplek(i+1).
func (Werkplek) Values() []string { return werkplekValues }

var werkplekValues = []string{"intern", "groepsdetachering", "detachering", "extern"}

// String is the contract's spelling; "" for the zero Werkplek.
func (w Werkplek) String() string { return spell(werkplekValues, uint8(w)) }

// Bron says whether a loonwaarde was measured or is the forfaitaire 30 %.
type Bron uint8

// Loonwaarde sources.
const (
	BronMeting Bron = iota + 1
	BronForfaitair
)

// Values lists the allowed values (shared: do not modify); value i is
// Bron(i+1).
func (Bron) Values() []string { return bronValues }

var bronValues = []string{"meting", "forfaitair"}

// String is the contract's spelling; "" for the zero Bron.
func (b Bron) String() string { return spell(bronValues, uint8(b)) }

// Reden is the reason a person left.
type Reden uint8

// Redenen van uitstroom, in the order reports show them.
const (
	RedenDagbesteding Reden = iota + 1
	RedenZiekte
	RedenRegulierWerk
	RedenBanenafspraak
	RedenPensioen
	RedenOverlijden
	RedenVerhuizing
	RedenOverig
)

// Values lists the allowed values (shared: do not modify), in the order
// reports show them; value i is Reden(i+1).
func (Reden) Values() []string { return redenValues }

var redenValues = []string{"dagbesteding", "ziekte", "regulier_werk", "banenafspraak", "pensioen", "overlijden", "verhuizing", "overig"}

// String is the contract's spelling; "" for the zero Reden.
func (r Reden) String() string { return spell(redenValues, uint8(r)) }

// spell returns the spelling of enumeration value v (1-based) in values;
// "" for 0 or a value outside the table.
func spell(values []string, v uint8) string {
	if v == 0 || int(v) > len(values) {
		return ""
	}
	return values[v-1]
}
