package report

import (
	"beschut/internal/value"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"beschut/ingest"
)

// Report is everything the documents show for one gemeente on one
// peildatum. It is a plain value: no I/O, no reference to the files.
type Report struct {
	Gemeente  string
	Peildatum time.Time
	// Settings are the gemeente's own words (parameters file); Publicatie
	// the nummer, datum and duiding of this peildatum's raadsmededeling.
	Settings   GemeenteSettings
	Publicatie Publicatie
	Quarters   []*Quarter // every peildatum in the history up to Peildatum, oldest first
	Current    *Quarter
	Previous   *Quarter // the quarter before, when in the history
	YearAgo    *Quarter // the same quarter a year earlier, when in the history

	Tabel1    Tabel1
	Prognose  Prognose
	Jaren     []JaarKosten // begeleidingskosten per year: history and prognose
	Kostprijs Opt[Kostprijs]
	Signalen  Signalen
	// Publiek is what the public raadsmededeling says beyond the
	// indicators: placement, conclusions, small counts merged.
	Publiek Publiek
	// Duiding is the policy team's text for this peildatum (nil: none),
	// read by the pipeline from Publicatie.Duiding.
	Duiding *Duiding

	// BegeleidingsvergoedingPerFte is the parameter of the peildatum's year.
	BegeleidingsvergoedingPerFte Opt[value.Cents]

	Sources []SourceInfo
	Params  []ParamUsed
	// Notes say which figures are absent and why (missing parameter, missing quarter).
	Notes []string
}

// SourceInfo is one export file the report is built from.
type SourceInfo struct {
	Name      string
	SHA256    string
	Peildatum time.Time
	Rows      int
}

// Signalen are what the policy team follows up with KonnecteD. They name
// persons by pseudonymous clientnummer only, and appear in the workbook,
// never in the PDF.
type Signalen struct {
	LoonwaardeOnder30 []PersonSignal
	Verdwenen         []PersonSignal // active last quarter, no row now
	Terugval          []PersonSignal // a step backwards in fase
	DataWarnings      []string       // the ingest warnings of the sources
}

// PersonSignal is one person to follow up.
type PersonSignal struct {
	Clientnummer string
	Fase         string
	Werkplek     string
	Loonwaarde   float64
	Van          string // the fase last quarter (Terugval, Verdwenen)
}

// ErrNoData: the history has no snapshot for the gemeente up to the peildatum.
var ErrNoData = errors.New("geen gegevens")

// NoDataError says which gemeente and peildatum had no data.
type NoDataError struct {
	Gemeente  string
	Peildatum time.Time
}

func (e *NoDataError) Error() string {
	if e.Peildatum.IsZero() {
		return fmt.Sprintf("gemeente %s: geen exports gevonden", e.Gemeente)
	}
	return fmt.Sprintf("gemeente %s: geen export met peildatum %s of eerder", e.Gemeente, value.FormatDate(e.Peildatum))
}

func (e *NoDataError) Unwrap() error { return ErrNoData }

// Build computes the report of gemeente as of peildatum (zero: the latest
// peildatum in the history) from the gemeente's snapshots, using only the
// snapshots up to that peildatum.
func Build(snaps []*ingest.Snapshot, gemeente string, peildatum time.Time, p *Params, warnings []*ingest.FieldError) (*Report, error) {
	var use []*ingest.Snapshot
	for _, s := range snaps {
		if s.Gemeente == gemeente && (peildatum.IsZero() || !s.Peildatum.After(peildatum)) {
			use = append(use, s)
		}
	}
	if len(use) == 0 {
		return nil, &NoDataError{Gemeente: gemeente, Peildatum: peildatum}
	}
	sort.Slice(use, func(i, j int) bool { return use[i].Peildatum.Before(use[j].Peildatum) })
	r := &Report{Gemeente: gemeente, Peildatum: use[len(use)-1].Peildatum}
	noted := map[string]bool{}
	note := func(format string, args ...any) {
		s := fmt.Sprintf(format, args...)
		if !noted[s] {
			noted[s] = true
			r.Notes = append(r.Notes, s)
		}
	}

	byPeil := map[time.Time]*Quarter{}
	for _, s := range use {
		q := stand(s)
		r.Quarters = append(r.Quarters, q)
		byPeil[q.Peildatum] = q
		r.Sources = append(r.Sources, SourceInfo{Name: q.Source, SHA256: q.SourceSHA256, Peildatum: q.Peildatum, Rows: q.Rows})
	}
	for _, q := range r.Quarters {
		yearToDate(q, byPeil, note)
		parameters(q, r.Gemeente, p, byPeil, note)
	}
	r.Current = r.Quarters[len(r.Quarters)-1]
	r.Previous = byPeil[quarterStart(r.Peildatum).AddDate(0, 0, -1)]
	r.YearAgo = byPeil[endOfQuarter(r.Peildatum.Year()-1, r.Current.Kwartaal)]
	r.Tabel1 = buildTabel1(r, p)
	r.Prognose = buildPrognose(r, p, byPeil, note)
	r.Kostprijs = buildKostprijs(r, p, note)
	r.Jaren = buildJaren(r)
	last, prev := use[len(use)-1], (*ingest.Snapshot)(nil)
	if r.Previous != nil {
		prev = use[len(use)-2]
	} else {
		note("vergelijking met het vorige kwartaal niet gemaakt: de export van %s ontbreekt", value.FormatDate(quarterStart(r.Peildatum).AddDate(0, 0, -1)))
	}
	r.Signalen = signalen(last, prev)
	sources := map[string]bool{}
	for _, s := range r.Sources {
		sources[s.Name] = true
	}
	for _, w := range warnings {
		if sources[w.File] {
			r.Signalen.DataWarnings = append(r.Signalen.DataWarnings, w.Error())
		}
	}
	if p != nil {
		r.Settings = p.Settings(gemeente)
		r.Publicatie = p.Publicatie(gemeente, r.Peildatum)
		r.Params = p.Used(gemeente)
		if v, ok := p.Euro(gemeente, r.Peildatum.Year(), "begeleidingsvergoeding_per_fte"); ok {
			r.BegeleidingsvergoedingPerFte = Some(v)
		}
	}
	r.Publiek = buildPubliek(r, p)
	return r, nil
}

func endOfQuarter(year, kwartaal int) time.Time {
	return time.Date(year, time.Month(3*kwartaal+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

// yearToDate sums the quarters of q's year up to q; absent when one is missing.
func yearToDate(q *Quarter, byPeil map[time.Time]*Quarter, note func(string, ...any)) {
	var lks, beg value.Cents
	hasLKS, hasBeg := false, false
	for k := 1; k <= q.Kwartaal; k++ {
		x := byPeil[endOfQuarter(q.Jaar, k)]
		if x == nil {
			note("%s: jaar tot nu niet berekend, de export van %s ontbreekt", value.FormatDate(q.Peildatum), value.FormatDate(endOfQuarter(q.Jaar, k)))
			return
		}
		lks += x.LKSKwartaal.V
		beg += x.BegeleidingKwartaal.V
		hasLKS = hasLKS || x.LKSKwartaal.Ok
		hasBeg = hasBeg || x.BegeleidingKwartaal.Ok
	}
	if hasLKS {
		q.LKSJaarTotNu = Some(lks)
	}
	if hasBeg {
		q.BegeleidingJaarTotNu = Some(beg)
		q.VerwachtingBegeleiding = Some(divRound(beg*4, int64(q.Kwartaal)))
	}
}

// parameters fills the figures that need the yearly parameters.
func parameters(q *Quarter, gemeente string, p *Params, byPeil map[time.Time]*Quarter, note func(string, ...any)) {
	if p == nil {
		return
	}
	if t, ok := p.Count(gemeente, q.Jaar, "taakstelling"); ok {
		q.Taakstelling = Some(t)
		if t > 0 {
			q.RealisatieTaakstelling = Some(float64(q.Betaald) / float64(t) * 100)
		}
	} else {
		note("taakstelling %d ontbreekt in de parameters: realisatie van de taakstelling niet berekend", q.Jaar)
	}
	if b, ok := p.Euro(gemeente, q.Jaar, "begroting_begeleiding"); ok {
		q.BegrotingBegeleiding = Some(b)
		if q.VerwachtingBegeleiding.Ok {
			q.VerschilBegroting = Some(q.VerwachtingBegeleiding.V - b)
		}
	} else {
		note("begroting_begeleiding %d ontbreekt in de parameters", q.Jaar)
	}
	prev := byPeil[endOfQuarter(q.Jaar-1, 4)]
	if prev == nil {
		note("prognose begeleiding %d niet berekend: de export van %s ontbreekt", q.Jaar, value.FormatDate(endOfQuarter(q.Jaar-1, 4)))
		return
	}
	if c, ok := prognoseYear(p, gemeente, q.Jaar, prev.InTraject, note); ok {
		q.PrognoseBegeleiding = Some(c.Totaal)
	}
}

// divRound divides with rounding half away from zero.
func divRound(a value.Cents, b int64) value.Cents {
	n := int64(a)
	if (n < 0) != (b < 0) {
		return value.Cents((n - b/2) / b)
	}
	return value.Cents((n + b/2) / b)
}

func roundPercent(f float64) int { return int(math.Round(f)) }

// signalen compares the snapshot with the previous quarter's (prev may be nil).
func signalen(cur, prev *ingest.Snapshot) Signalen {
	var s Signalen
	now := map[string]*ingest.Record{}
	for i := range cur.Records {
		r := &cur.Records[i]
		now[r.Clientnummer] = r
		if r.Fase.Active() && r.HasLoonwaarde() && r.Loonwaarde < value.FixedFromInt(30) {
			s.LoonwaardeOnder30 = append(s.LoonwaardeOnder30, PersonSignal{Clientnummer: r.Clientnummer, Fase: r.Fase.String(), Werkplek: r.Werkplek.String(), Loonwaarde: r.Loonwaarde.Float()})
		}
	}
	if prev != nil {
		for i := range prev.Records {
			was := &prev.Records[i]
			if !was.Fase.Active() {
				continue
			}
			r, ok := now[was.Clientnummer]
			switch {
			case !ok:
				s.Verdwenen = append(s.Verdwenen, PersonSignal{Clientnummer: was.Clientnummer, Van: was.Fase.String()})
			case r.Fase.Active() && r.Fase.Rank() < was.Fase.Rank():
				s.Terugval = append(s.Terugval, PersonSignal{Clientnummer: r.Clientnummer, Fase: r.Fase.String(), Werkplek: r.Werkplek.String(), Van: was.Fase.String()})
			}
		}
	}
	for _, l := range [][]PersonSignal{s.LoonwaardeOnder30, s.Verdwenen, s.Terugval} {
		sort.Slice(l, func(i, j int) bool { return l[i].Clientnummer < l[j].Clientnummer })
	}
	return s
}
