package generator

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"beschut/samples"
)

// National describes a national history: n gemeenten, quarterly from
// 2017-K1 up to and including the last quarter, one file per quarter
// holding every gemeente. Scale multiplies every gemeente's size (1: about
// 10.000 people in traject nationally at the end).
type National struct {
	Gemeenten   int
	LastYear    int
	LastQuarter int
	Scale       float64
	Seed        uint64
}

// DefaultNational is the set of the benchmarks: 342 gemeenten, 2017-K1 …
// 2026-K3.
var DefaultNational = National{Gemeenten: 342, LastYear: 2026, LastQuarter: 3, Scale: 1, Seed: 342}

// nationalTargets draws each gemeente's history. Sizes follow a
// log-normal spread (a handful to a few hundred people), normalised so the
// national total at the end is about 10.000 × Scale. The shape keeps the
// planner's constraints: the people still in proefplaatsing at a year end
// are fewer than that year's inflow, and the leavers are fewer than those
// in betaald dienstverband at the start of the year.
func nationalTargets(n National) []targets {
	rng := rand.New(rand.NewPCG(n.Seed, 0x6e6174696f6e616c))
	raw := make([]float64, n.Gemeenten)
	sum := 0.0
	for i := range raw {
		raw[i] = math.Exp(rng.NormFloat64() * 0.9)
		sum += raw[i]
	}
	years := n.LastYear - 2017 // full years before the last
	out := make([]targets, n.Gemeenten)
	for i := range out {
		final := max(3, int(math.Round(raw[i]/sum*10000*n.Scale)))
		t := targets{
			gemeente:      fmt.Sprintf("Gemeente %03d", i+1),
			prefix:        fmt.Sprintf("G%03d", i+1),
			firstYear:     2017,
			extraQuarters: n.LastQuarter,
			werkplekMix:   []string{"intern", "intern", "groepsdetachering", "intern", "extern", "detachering", "intern", "groepsdetachering"},
			seed:          n.Seed*1000 + uint64(i),
		}
		stand, paid := 0, 0
		for y := 0; y < years; y++ {
			// Growth towards the final size, a few percent leaving a year.
			goal := int(math.Round(float64(final) * float64(y+1) / float64(years+1)))
			leave := min(paid/12, paid) // those in betaald dienstverband at the start of the year
			if y == 0 {
				leave = 0
			}
			inflow := max(goal-stand+leave, 1)
			stand = stand + inflow - leave
			pre := min(inflow, max(1, stand/5))
			paid = stand - pre
			t.inTraject = append(t.inTraject, stand)
			t.betaald = append(t.betaald, paid)
			t.uitstroom = append(t.uitstroom, leave)
		}
		t.extraInstroom = max(1, (final-stand)*n.LastQuarter/4+1)
		t.extraUitstroom = min(paid/20, paid)
		t.extraVast = paid / 4
		out[i] = t
	}
	return out
}

// GenerateNational writes the national history into dir: one file per
// quarter, all gemeenten in it. It returns the file names.
func GenerateNational(dir string, n National) ([]string, error) {
	all := nationalTargets(n)
	people := make([][]*person, len(all))
	for i, t := range all {
		p, err := plan(t)
		if err != nil {
			return nil, err
		}
		people[i] = p
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var names []string
	for y := 2017; y <= n.LastYear; y++ {
		for q := 1; q <= 4; q++ {
			if y == n.LastYear && q > n.LastQuarter {
				break
			}
			peil := time.Date(y, time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
			var rs [][]string
			for i, t := range all {
				rs = append(rs, rows(t.gemeente, people[i], peil)...)
			}
			name := filepath.Join(dir, fmt.Sprintf("nationaal_%d_K%d.csv", y, q))
			if err := os.WriteFile(name, encode(rs, dialect{comma: ";"}), 0o644); err != nil {
				return nil, err
			}
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}

// NationalParams writes parameters for the national set: a taakstelling
// per gemeente per year and a begroting, so every figure can be computed.
func NationalParams(n National) []byte {
	var b strings.Builder
	b.WriteString(string(samples.Parameters))
	for _, t := range nationalTargets(n) {
		final := t.inTraject[len(t.inTraject)-1]
		fmt.Fprintf(&b, "\n[gemeente \"%s\"]\nverwachte_instroom = %d\n", t.gemeente, max(1, final/10))
		for y := 2017; y <= n.LastYear+1; y++ {
			fmt.Fprintf(&b, "[gemeente \"%s\" %d]\ntaakstelling = %d\nbegroting_begeleiding = %d\n", t.gemeente, y, final*(y-2014)/8+1, final*6000)
		}
	}
	return []byte(b.String())
}
