package generator

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"
)

// person is one fictitious participant with the dates of their traject.
type person struct {
	id        int
	client    string
	route     string
	indicatie time.Time
	start     time.Time
	tijdelijk time.Time // zero: never reached a paid dienstverband
	vast      time.Time // zero: never vast
	leave     time.Time // zero: still in traject
	reden     string
	werkplek  string
	uren      int // contract hours per week
	lw        int // measured loonwaarde
}

// targets describe one gemeente's history: per year the stand on 31-12 and
// the number of people leaving during the year.
type targets struct {
	gemeente  string
	prefix    string // clientnummer prefix
	firstYear int
	inTraject []int // per year from firstYear, stand on 31-12
	betaald   []int // per year, in betaald dienstverband on 31-12
	uitstroom []int // per year, leaving during the year
	// lastYear: the quarters of the year after the targets that are also
	// generated, with its inflow and outflow.
	extraQuarters  int
	extraInstroom  int
	extraUitstroom int
	extraVast      int // tijdelijk → vast in the extra quarters
	werkplekMix    []string
	meanLoonwaarde int // mean loonwaarde to reach on the last 31-12
	seed           uint64
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// plan builds the persons so that every 31-12 of the targets is met
// exactly: the persons still in proefplaatsing or stage at a year end are
// the ones that started most recently.
func plan(t targets) ([]*person, error) {
	rng := rand.New(rand.NewPCG(t.seed, 0x6265736368757421))
	var persons []*person
	active := func(at time.Time) []*person {
		var out []*person
		for _, p := range persons {
			if !p.start.After(at) && (p.leave.IsZero() || p.leave.After(at)) {
				out = append(out, p)
			}
		}
		return out
	}
	newPerson := func(start time.Time) *person {
		p := &person{id: len(persons) + 1, start: start}
		p.client = fmt.Sprintf("%s-%05d", t.prefix, p.id)
		persons = append(persons, p)
		return p
	}
	prevStand := 0
	years := len(t.inTraject)
	for i := 0; i <= years; i++ {
		y := t.firstYear + i
		yearEnd := day(y, 12, 31)
		var instroom, uitstroom int
		if i < years {
			uitstroom = t.uitstroom[i]
			instroom = t.inTraject[i] - prevStand + uitstroom
			prevStand = t.inTraject[i]
		} else {
			if t.extraQuarters == 0 {
				break
			}
			instroom, uitstroom = t.extraInstroom, t.extraUitstroom
			yearEnd = day(y, time.Month(3*t.extraQuarters+1), 1).AddDate(0, 0, -1)
		}
		if instroom < 0 {
			return nil, fmt.Errorf("%s %d: negatieve instroom", t.gemeente, y)
		}
		// Leavers: among those in betaald dienstverband at the start of the year.
		var candidates []*person
		for _, p := range active(day(y, 1, 1).AddDate(0, 0, -1)) {
			if !p.tijdelijk.IsZero() && p.tijdelijk.Before(day(y, 1, 1)) {
				candidates = append(candidates, p)
			}
		}
		if uitstroom > len(candidates) {
			return nil, fmt.Errorf("%s %d: %d vertrekkers, %d kandidaten", t.gemeente, y, uitstroom, len(candidates))
		}
		rng.Shuffle(len(candidates), func(a, b int) { candidates[a], candidates[b] = candidates[b], candidates[a] })
		span := int(yearEnd.Sub(day(y, 1, 1)).Hours() / 24)
		for k := 0; k < uitstroom; k++ {
			p := candidates[k]
			p.leave = day(y, 1, 1).AddDate(0, 0, rng.IntN(span))
			p.reden = redenen[(p.id+k)%len(redenen)]
		}
		// Inflow spread over the year.
		for k := 0; k < instroom; k++ {
			offset := (k*span + rng.IntN(span/max(instroom, 1)+1)) / max(instroom, 1)
			newPerson(day(y, 1, 1).AddDate(0, 0, min(offset, span-1)))
		}
		// Who is still in proefplaatsing or stage at year end.
		act := active(yearEnd)
		sort.SliceStable(act, func(a, b int) bool { return act[a].start.After(act[b].start) })
		pre := min(len(act), instroom)
		if i < years {
			pre = t.inTraject[i] - t.betaald[i]
		}
		for k, p := range act {
			if k < pre {
				if !p.tijdelijk.IsZero() {
					return nil, fmt.Errorf("%s %d: %s zou terug naar proefplaatsing", t.gemeente, y, p.client)
				}
				continue
			}
			if p.tijdelijk.IsZero() {
				earliest := p.start.AddDate(0, 2, 0)
				if earliest.Before(day(y, 1, 1)) {
					earliest = day(y, 1, 1)
				}
				room := int(yearEnd.Sub(earliest).Hours() / 24)
				if room < 1 {
					return nil, fmt.Errorf("%s %d: %s begon te laat voor een dienstverband", t.gemeente, y, p.client)
				}
				p.tijdelijk = earliest.AddDate(0, 0, rng.IntN(room))
			}
		}
		// Tijdelijk → vast in the extra quarters (the nota of 2023 allows vast).
		if i == years {
			n := 0
			for _, p := range act {
				if n < t.extraVast && !p.tijdelijk.IsZero() && p.tijdelijk.Before(day(y-2, 1, 1)) {
					p.vast = day(y, 1, 1).AddDate(0, 0, rng.IntN(span))
					n++
				}
			}
		}
	}
	// Routes: school leavers do a stage first; nobody is in stage at the
	// last 31-12 of the targets (as in the nota).
	lastEnd := day(t.firstYear+years-1, 12, 31)
	for _, p := range persons {
		inPre := !p.start.After(lastEnd) && (p.tijdelijk.IsZero() || p.tijdelijk.After(lastEnd)) && (p.leave.IsZero() || p.leave.After(lastEnd))
		if inPre {
			p.route = []string{"uwv", "participatiewet", "overig"}[p.id%3]
		} else {
			p.route = routes[rng.IntN(len(routes))]
		}
		p.indicatie = p.start.AddDate(0, 0, -rng.IntN(60))
		qEnd := day(p.start.Year(), p.start.Month()+3-(p.start.Month()-1)%3, 1).AddDate(0, 0, -1)
		if p.id%9 == 4 && p.start.AddDate(0, 0, 10).Before(qEnd) { // a proefplaatsing can start before the formal indicatie
			p.indicatie = p.start.AddDate(0, 0, 10)
		}
		if p.indicatie.Before(day(2015, 1, 1)) {
			p.indicatie = day(2015, 1, 1)
		}
		p.uren = urenMix[rng.IntN(len(urenMix))]
		p.lw = 22 + rng.IntN(40)
		p.werkplek = "intern"
	}
	// Werkplek of those in betaald dienstverband on the last 31-12 follows
	// the mix exactly; the others get one by turn.
	var betaald []*person
	for _, p := range persons {
		if !p.tijdelijk.IsZero() && !p.tijdelijk.After(lastEnd) && (p.leave.IsZero() || p.leave.After(lastEnd)) {
			betaald = append(betaald, p)
		}
	}
	perm := rng.Perm(len(betaald))
	for k, idx := range perm {
		betaald[idx].werkplek = t.werkplekMix[k%len(t.werkplekMix)]
	}
	for _, p := range persons {
		if p.werkplek == "intern" && p.id%5 == 0 && !contains(betaald, p) {
			p.werkplek = "groepsdetachering"
		}
	}
	tuneLoonwaarde(persons, lastEnd, t.meanLoonwaarde)
	return persons, nil
}

func contains(ps []*person, p *person) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

var (
	redenen = []string{"dagbesteding", "ziekte", "dagbesteding", "ziekte", "regulier_werk", "dagbesteding", "verhuizing", "ziekte", "pensioen"}
	routes  = []string{"pro", "vso", "vso", "uwv", "uwv", "participatiewet", "overig"}
	urenMix = []int{16, 20, 20, 24, 24, 24, 24, 28, 28, 32}
)

// tuneLoonwaarde shifts the measured loonwaarden so that the mean over the
// active rows with a loonwaarde on the given date is the target.
func tuneLoonwaarde(persons []*person, at time.Time, target int) {
	if target == 0 {
		return
	}
	for shift := -30; shift <= 30; shift++ {
		sum, n := 0, 0
		for _, p := range persons {
			st := p.stateAt(at)
			if st.active && st.hasLW {
				lw := st.lw
				if st.measured {
					lw = clamp(lw+shift, 12, 85)
				}
				sum += lw
				n++
			}
		}
		if n > 0 && float64(sum)/float64(n) >= float64(target)-0.5 && float64(sum)/float64(n) < float64(target)+0.5 {
			for _, p := range persons {
				p.lw = clamp(p.lw+shift, 12, 85)
			}
			return
		}
	}
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// state is a person's situation on a peildatum.
type state struct {
	active   bool
	fase     string
	since    time.Time
	hasLW    bool
	lw       int
	measured bool
	meting   time.Time
	ladder   int
}

func (p *person) stateAt(at time.Time) state {
	var s state
	if p.start.After(at) {
		return s
	}
	if !p.leave.IsZero() && !p.leave.After(at) {
		s.fase = "uitgestroomd"
		return s
	}
	s.active = true
	switch {
	case !p.vast.IsZero() && !p.vast.After(at):
		s.fase, s.since = "vast", p.vast
	case !p.tijdelijk.IsZero() && !p.tijdelijk.After(at):
		s.fase, s.since = "tijdelijk", p.tijdelijk
	case p.route == "pro" || p.route == "vso":
		s.fase, s.since = "stage", p.start
	default:
		s.fase, s.since = "proefplaatsing", p.start
	}
	if s.fase == "tijdelijk" || s.fase == "vast" {
		s.hasLW = true
		firstMeting := p.tijdelijk.AddDate(0, 6, 0)
		if at.Before(firstMeting) {
			s.lw = 30
		} else {
			s.measured = true
			s.meting = firstMeting
			years := 0
			for !s.meting.AddDate(1, 0, 0).After(at) {
				s.meting = s.meting.AddDate(1, 0, 0)
				years++
			}
			s.lw = p.lw + years
		}
	}
	s.ladder = min(6, 1+int(at.Sub(p.start).Hours()/24/365))
	return s
}
