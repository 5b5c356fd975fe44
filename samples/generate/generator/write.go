package generator

import (
	"beschut/internal/value"
	"bytes"
	"fmt"
	"math/big"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"

	"beschut/ingest"
)

// dialect is how one file is written: the ways real exports deviate from
// the contract's plain form.
type dialect struct {
	comma      string
	iso        bool // jjjj-mm-dd dates
	point      bool // decimal point instead of comma
	euro       bool // amounts as € 1.234,56
	bom, crlf  bool
	cp1252     bool
	shuffle    bool // other column order, header in other case with spaces
	extraCol   bool // an unknown column with a quoted multi-line value
	percentage bool // loonwaarde with a trailing %
}

// header is the contract's columns, from the one list ingest reads by.
var header = ingest.Columns

// costs holds the DVO rules that turn a person's quarter into amounts.
type costs struct {
	begeleidingPerFte int64 // cents per year for 31 hours
	fteBegeleiding    int64 // hours
	fteLoon           int64 // hours of the WML
	wml               map[int]int64
}

var dvo = costs{
	begeleidingPerFte: 810000,
	fteBegeleiding:    31,
	fteLoon:           37,
	// Wettelijk minimumloon per year (1 January, 12 months, in cents).
	wml: map[int]int64{
		2017: 1861920, 2018: 1893600, 2019: 1938960, 2020: 1984320, 2021: 2021760,
		2022: 2070000, 2023: 2321280, 2024: 2409360, 2025: 2502000, 2026: 2565000,
	},
}

// rows renders the snapshot of all persons on one peildatum.
func rows(gemeente string, persons []*person, peil time.Time) [][]string {
	qStart := time.Date(peil.Year(), peil.Month()-2, 1, 0, 0, 0, 0, time.UTC)
	var out [][]string
	for _, p := range persons {
		if p.start.After(peil) || (!p.leave.IsZero() && p.leave.Before(qStart)) {
			continue
		}
		st := p.stateAt(peil)
		r := map[string]string{
			"peildatum": date(peil), "gemeente": gemeente, "clientnummer": p.client,
			"instroomroute": p.route, "datum_indicatie": date(p.indicatie), "datum_start": date(p.start),
			"fase": st.fase, "werkladder": fmt.Sprint(st.ladder),
		}
		if st.active {
			r["datum_fase"] = date(st.since)
			r["werkplek"] = "intern"
			if st.fase == "tijdelijk" || st.fase == "vast" {
				r["werkplek"] = p.werkplek
				r["uren_per_week"] = fmt.Sprint(p.uren)
			}
			if st.hasLW {
				r["loonwaarde"] = fmt.Sprint(st.lw)
				r["loonwaarde_bron"] = "forfaitair"
				if st.measured {
					r["loonwaarde_bron"] = "meting"
					r["datum_loonwaardemeting"] = date(st.meting)
				}
			}
		} else {
			r["datum_uitstroom"] = date(p.leave)
			r["reden_uitstroom"] = p.reden
			delete(r, "werkladder")
		}
		// Costs over the days of this quarter in a paid dienstverband.
		from, to := qStart, peil
		if !p.tijdelijk.IsZero() && p.tijdelijk.After(from) {
			from = p.tijdelijk
		}
		if !p.leave.IsZero() && p.leave.Before(to) {
			to = p.leave
		}
		if !p.tijdelijk.IsZero() && !from.After(to) {
			days := int64(to.Sub(from).Hours()/24) + 1
			qDays := int64(peil.Sub(qStart).Hours()/24) + 1
			lw := p.stateAt(to).lw
			r["begeleiding_kwartaal"] = cents(new(big.Rat).SetFrac64(
				dvo.begeleidingPerFte*min(int64(p.uren), dvo.fteBegeleiding)*days,
				4*dvo.fteBegeleiding*qDays))
			// LKS: (1 − loonwaarde) × WML × 1,08 vakantietoeslag × 1,235 werkgeverslasten, naar rato.
			lks := new(big.Rat).SetFrac64(dvo.wml[peil.Year()]*int64(100-lw)*108*1235*int64(p.uren)*days, 1)
			lks.Quo(lks, new(big.Rat).SetInt64(100*100*1000*dvo.fteLoon*4*qDays))
			r["lks_kwartaal"] = cents(lks)
		}
		row := make([]string, len(header))
		for i, h := range header {
			row[i] = r[h]
		}
		out = append(out, row)
	}
	return out
}

// cents rounds a euro-cent amount (as a rational number of cents) half up.
func cents(r *big.Rat) string {
	n := new(big.Int).Mul(r.Num(), big.NewInt(2))
	n.Add(n, r.Denom())
	n.Quo(n, new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	return fmt.Sprintf("%d.%02d", n.Int64()/100, n.Int64()%100)
}

func date(t time.Time) string { return t.Format("02-01-2006") }

// encode writes rows in the dialect.
func encode(rows [][]string, d dialect) []byte {
	cols := make([]int, len(header))
	for i := range cols {
		cols[i] = i
	}
	names := append([]string(nil), header...)
	if d.shuffle {
		for i := range cols {
			j := (i*7 + 3) % len(cols)
			cols[i], cols[j] = cols[j], cols[i]
		}
		for i, c := range cols {
			names[i] = " " + strings.ToUpper(header[c][:1]) + header[c][1:] + " "
		}
	} else {
		for i, c := range cols {
			names[i] = header[c]
		}
	}
	if d.extraCol {
		names = append(names, "opmerking")
	}
	nl := "\n"
	if d.crlf {
		nl = "\r\n"
	}
	var b bytes.Buffer
	if d.bom {
		b.WriteString("\ufeff")
	}
	b.WriteString(strings.Join(names, d.comma) + nl)
	for n, row := range rows {
		cells := make([]string, 0, len(names))
		for _, c := range cols {
			cells = append(cells, cell(header[c], row[c], d))
		}
		if d.extraCol {
			note := ""
			if n == 2 {
				note = "\"gesprek gepland" + d.comma + " zie \"\"dossier\"\"" + nl + "tweede regel\""
			}
			cells = append(cells, note)
		}
		b.WriteString(strings.Join(cells, d.comma) + nl)
	}
	b.WriteString(nl) // a trailing empty line, as Excel often writes
	if d.cp1252 {
		out, err := charmap.Windows1252.NewEncoder().Bytes(b.Bytes())
		if err != nil {
			panic(err)
		}
		return out
	}
	return b.Bytes()
}

func cell(col, v string, d dialect) string {
	if v == "" {
		return ""
	}
	switch col {
	case "peildatum", "datum_indicatie", "datum_start", "datum_fase", "datum_loonwaardemeting", "datum_uitstroom":
		if d.iso {
			t, _ := time.Parse("02-01-2006", v)
			return t.Format("2006-01-02")
		}
	case "lks_kwartaal", "begeleiding_kwartaal":
		if d.euro {
			whole, frac, _ := strings.Cut(v, ".")
			return "€ " + value.GroupThousands(whole) + "," + frac
		}
		if !d.point {
			return strings.Replace(v, ".", ",", 1)
		}
	case "loonwaarde":
		if d.percentage {
			return v + "%"
		}
	case "instroomroute", "fase":
		if d.shuffle {
			return strings.ToUpper(v)
		}
	}
	return v
}
