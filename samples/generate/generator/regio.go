package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// regioGemeente is one gemeente of the example region: its history and
// its taakstelling for 2017 and 2018 (seed 004, "Tabel Aantallen beschut
// werk nieuw"; regional totals 58 and 102).
type regioGemeente struct {
	targets
	taakstelling [2]int
}

// RegioNaam is the example region's name.
const RegioNaam = "Zaanstreek-Waterland"

// regio are the eight gemeenten of seed 004, in its order. The in-traject
// and betaald figures are fictitious: a region starting beschut werk
// nieuw in 2017, below its taakstelling as the notitie expects.
var regio = []regioGemeente{
	{regioTargets("Beemster", "BE", 1, []int{3, 4}, []int{1, 2}, []int{0, 0}), [2]int{1, 2}},
	{regioTargets("Edam-Volendam", "EV", 2, []int{4, 6}, []int{2, 4}, []int{0, 1}), [2]int{3, 5}},
	{regioTargets("Landsmeer", "LA", 3, []int{3, 4}, []int{1, 2}, []int{0, 0}), [2]int{1, 2}},
	{regioTargets("Oostzaan", "OO", 4, []int{3, 3}, []int{1, 2}, []int{0, 0}), [2]int{1, 1}},
	{regioTargets("Purmerend", "PU", 5, []int{12, 26}, []int{6, 18}, []int{0, 1}), [2]int{17, 30}},
	{regioTargets("Waterland", "WA", 6, []int{3, 5}, []int{1, 3}, []int{0, 0}), [2]int{2, 3}},
	{regioTargets("Wormerland", "WO", 7, []int{3, 5}, []int{2, 3}, []int{0, 1}), [2]int{2, 4}},
	{regioTargets("Zaanstad", "ZA", 8, []int{22, 48}, []int{10, 36}, []int{0, 2}), [2]int{31, 55}},
}

func regioTargets(gemeente, prefix string, seed uint64, inTraject, betaald, uitstroom []int) targets {
	return targets{
		gemeente: gemeente, prefix: prefix, firstYear: 2017,
		inTraject: inTraject, betaald: betaald, uitstroom: uitstroom,
		werkplekMix:    []string{"intern", "groepsdetachering", "intern", "extern", "detachering", "intern"},
		meanLoonwaarde: 40,
		seed:           4000 + seed,
	}
}

// RegioTaakstelling is the taakstelling of each gemeente of the example
// region for 2017 and 2018, as in seed 004.
func RegioTaakstelling() map[string][2]int {
	out := map[string][2]int{}
	for _, g := range regio {
		out[g.gemeente] = g.taakstelling
	}
	return out
}

// GenerateRegio writes the example region into dir: one export per
// quarter from 2017-K1 to 2018-K4 holding all eight gemeenten (one
// SW-bedrijf serves the region), and its parameters.conf.
func GenerateRegio(dir string) error {
	people := make([][]*person, len(regio))
	for i, g := range regio {
		p, err := plan(g.targets)
		if err != nil {
			return err
		}
		people[i] = p
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for y := 2017; y <= 2018; y++ {
		for q := 1; q <= 4; q++ {
			peil := time.Date(y, time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
			var rs [][]string
			for i, g := range regio {
				rs = append(rs, rows(g.gemeente, people[i], peil)...)
			}
			name := filepath.Join(dir, fmt.Sprintf("werkom_beschut_%d_K%d.csv", y, q))
			if err := os.WriteFile(name, encode(rs, dialect{comma: ";"}), 0o644); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(filepath.Join(dir, "parameters.conf"), RegioParams(), 0o644)
}

// RegioParams is the example region's parameters file.
func RegioParams() []byte {
	var b strings.Builder
	b.WriteString(`# Parameters beschut werk — voorbeeld van een regio: de acht gemeenten van de
# arbeidsmarktregio Zaanstreek-Waterland, met de taakstelling 2017 en 2018 uit de
# "Notitie nieuw beschut werk" (6-11-2017). De exports zijn fictief.
#
#   beschut run --input samples/regio --params samples/regio/parameters.conf
#
# schrijft per gemeente het werkboek en de raadsmededeling, en het regionale
# overzicht "Zaanstreek-Waterland" (taakstelling in totaal 58 in 2017, 102 in 2018).
# Geschreven door: go run ./samples/generate (niet met de hand bewerken).

`)
	// The WML of the years of the exports and of the kostprijsmodel after
	// them, as the generator's DVO rules use it.
	for y := 2017; y <= 2019; y++ {
		fmt.Fprintf(&b, "[landelijk %d]\nwml = %s,%02d\n\n", y, groupInt(int(dvo.wml[y]/100)), dvo.wml[y]%100)
	}
	b.WriteString("[regio \"" + RegioNaam + "\"]\n")
	for _, g := range regio {
		fmt.Fprintf(&b, "gemeente = %s\n", g.gemeente)
	}
	for _, g := range regio {
		fmt.Fprintf(&b, "\n[gemeente \"%s\"]\nuitvoerder = WERKOM\nkader = Participatiewet\nkader = Notitie nieuw beschut werk, regio Zaanstreek-Waterland (6-11-2017)\nverwachte_instroom = %d\n", g.gemeente, max(1, g.taakstelling[1]-g.taakstelling[0]))
		for i, y := range []int{2017, 2018} {
			// Begroting: the taakstelling × € 8.500 on the participatiebudget (004, §6.1).
			fmt.Fprintf(&b, "[gemeente \"%s\" %d]\ntaakstelling = %d\nbegroting_begeleiding = %s\n", g.gemeente, y, g.taakstelling[i], groupInt(g.taakstelling[i]*8500))
		}
	}
	return []byte(b.String())
}

// groupInt writes n with a thousands separator: 8.500.
func groupInt(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
