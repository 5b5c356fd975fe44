// Package report computes the figures of beschut werk — every indicator of
// shared/spec/indicatoren.md, Tabel 1, the meerjarenprognose and the
// kostprijsmodel — as one plain value. The renderers (workbook,
// raadsmededeling) lay that value out and compute nothing of their own.
package report

import (
	"beschut/internal/value"
	"time"

	"beschut/ingest"
)

// Opt is a value that may be absent. An absent figure is shown as absent,
// never as zero.
type Opt[T any] struct {
	V  T
	Ok bool
}

// Some returns a present value.
func Some[T any](v T) Opt[T] { return Opt[T]{V: v, Ok: true} }

// Werkplekken in report order.
var Werkplekken = []ingest.Werkplek{ingest.WerkplekIntern, ingest.WerkplekGroepsdetachering, ingest.WerkplekDetachering, ingest.WerkplekExtern}

// Redenen in report order.
var Redenen = ingest.Reden(0).Values()

// Quarter holds every indicator of one gemeente on one peildatum.
type Quarter struct {
	Peildatum      time.Time
	Jaar, Kwartaal int
	Source         string // export file the snapshot came from
	SourceSHA256   string
	Rows           int

	// Stand on the peildatum.
	InTraject, Stage, Proefplaatsing, Tijdelijk, Vast    int
	Betaald, DienstverbandKonnected, DienstverbandExtern int
	AandeelDienstverband, AandeelDienstverbandKonnected  Opt[float64]
	Werkplek                                             map[ingest.Werkplek]int
	AandeelWerkplek                                      map[ingest.Werkplek]Opt[float64] // of betaald dienstverband
	WerkplekBuiten                                       int                              // detachering + extern
	AandeelWerkplekBuiten                                Opt[float64]
	GemiddeldeUren                                       Opt[float64]

	GemiddeldeLoonwaarde Opt[float64]
	LoonwaardeGemeten    int
	// The sums and counts behind the means, so that a regional mean is
	// recomputed from them, never averaged from the gemeenten's means.
	UrenSom, LoonwaardeSom          value.Fixed
	UrenAantal, LoonwaardeAantal    int
	WerkladderSom, WerkladderAantal int
	LoonwaardeOnder30               int
	GemiddeldeWerkladder            Opt[float64]

	// Flows in the quarter.
	Instroom, DoorstroomTijdelijk, DoorstroomVast, Uitstroom int
	UitstroomReden                                           map[string]int

	// Costs.
	LKSKwartaal, BegeleidingKwartaal   Opt[value.Cents]
	LKSJaarTotNu, BegeleidingJaarTotNu Opt[value.Cents]
	BegrotingBegeleiding               Opt[value.Cents]
	PrognoseBegeleiding                Opt[value.Cents]
	VerwachtingBegeleiding             Opt[value.Cents]
	// VerschilBegroting is verwachting minus begroting (positive: overschrijding).
	VerschilBegroting Opt[value.Cents]

	Taakstelling           Opt[int]
	RealisatieTaakstelling Opt[float64]
}

// quarterStart returns the first day of the quarter that ends on peil.
func quarterStart(peil time.Time) time.Time {
	return time.Date(peil.Year(), peil.Month()-2, 1, 0, 0, 0, 0, time.UTC)
}

// quarterDays is the quarter that ends on a peildatum, as day numbers.
type quarterDays struct{ first, last value.Date }

func quarterOf(peil time.Time) quarterDays {
	return quarterDays{value.Day(quarterStart(peil)), value.Day(peil)}
}

// has reports whether d (not the zero Date) lies in the quarter.
func (k quarterDays) has(d value.Date) bool {
	return d != 0 && d >= k.first && d <= k.last
}

func share(part, whole int) Opt[float64] {
	if whole == 0 {
		return Opt[float64]{}
	}
	return Some(float64(part) / float64(whole) * 100)
}

func mean(sum float64, n int) Opt[float64] {
	if n == 0 {
		return Opt[float64]{}
	}
	return Some(sum / float64(n))
}

// stand computes the indicators that need only the snapshot itself.
func stand(s *ingest.Snapshot) *Quarter {
	q := &Quarter{
		Peildatum: s.Peildatum, Jaar: s.Peildatum.Year(), Kwartaal: (int(s.Peildatum.Month())-1)/3 + 1,
		Werkplek: map[ingest.Werkplek]int{}, UitstroomReden: map[string]int{},
		Rows: len(s.Records),
	}
	if s.Source != nil {
		q.Source, q.SourceSHA256 = s.Source.Name, s.Source.SHA256
	}
	var uren, lw float64
	var urenN, lwN, ladderSum, ladderN int
	// Counted in arrays indexed by the enumeration, put in the maps after.
	var werkplek [ingest.WerkplekExtern + 1]int
	var reden [ingest.RedenOverig + 1]int
	// Contract 1.1: an empty amount is € 0, so both sums are always present.
	// No sum can overflow: every amount is at most ingest.MaxAmount.
	var lks, beg value.Cents
	k := quarterOf(s.Peildatum)
	onder30 := value.FixedFromInt(30)
	for i := range s.Records {
		r := &s.Records[i]
		lks += r.LKS
		beg += r.Begeleiding
		if k.has(r.DatumStart) {
			q.Instroom++
		}
		if r.Fase == ingest.FaseUitgestroomd {
			if k.has(r.DatumUitstroom) {
				q.Uitstroom++
				reden[r.RedenUitstroom]++
			}
			continue
		}
		q.InTraject++
		switch r.Fase {
		case ingest.FaseStage:
			q.Stage++
		case ingest.FaseProefplaatsing:
			q.Proefplaatsing++
		case ingest.FaseTijdelijk:
			q.Tijdelijk++
			if k.has(r.DatumFase) {
				q.DoorstroomTijdelijk++
			}
		case ingest.FaseVast:
			q.Vast++
			if k.has(r.DatumFase) {
				q.DoorstroomVast++
			}
		}
		if r.Fase.Betaald() {
			q.Betaald++
			werkplek[r.Werkplek]++
			if r.Werkplek == ingest.WerkplekExtern {
				q.DienstverbandExtern++
			} else {
				q.DienstverbandKonnected++
			}
			if r.HasUren() {
				q.UrenSom += r.Uren
				uren += r.Uren.Float()
				urenN++
			}
		}
		if r.HasLoonwaarde() {
			q.LoonwaardeSom += r.Loonwaarde
			lw += r.Loonwaarde.Float()
			lwN++
			if r.Loonwaarde < onder30 {
				q.LoonwaardeOnder30++
			}
		}
		if r.LoonwaardeBron == ingest.BronMeting {
			q.LoonwaardeGemeten++
		}
		if r.Werkladder > 0 {
			ladderSum += int(r.Werkladder)
			ladderN++
		}
	}
	// Only what occurred has a key, as when the maps were counted in.
	for w, n := range werkplek {
		if n > 0 {
			q.Werkplek[ingest.Werkplek(w)] = n
		}
	}
	for rd, n := range reden {
		if n > 0 {
			q.UitstroomReden[ingest.Reden(rd).String()] = n
		}
	}
	q.AandeelDienstverband = share(q.Betaald, q.InTraject)
	q.AandeelDienstverbandKonnected = share(q.DienstverbandKonnected, q.Betaald)
	q.AandeelWerkplek = map[ingest.Werkplek]Opt[float64]{}
	for _, w := range Werkplekken {
		q.AandeelWerkplek[w] = share(q.Werkplek[w], q.Betaald)
	}
	q.WerkplekBuiten = q.Werkplek[ingest.WerkplekDetachering] + q.Werkplek[ingest.WerkplekExtern]
	q.AandeelWerkplekBuiten = share(q.WerkplekBuiten, q.Betaald)
	q.UrenAantal, q.LoonwaardeAantal, q.WerkladderSom, q.WerkladderAantal = urenN, lwN, ladderSum, ladderN
	q.GemiddeldeUren = mean(uren, urenN)
	q.GemiddeldeLoonwaarde = mean(lw, lwN)
	q.GemiddeldeWerkladder = mean(float64(ladderSum), ladderN)
	q.LKSKwartaal = Some(lks)
	q.BegeleidingKwartaal = Some(beg)
	return q
}
