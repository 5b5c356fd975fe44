package ingest

import (
	"sort"
	"time"
)

// validator checks each decoded row against the contract's validity rules
// and keeps the valid rows per gemeente.
type validator struct {
	file      string
	rr        *recordReader
	rows      int
	peildatum time.Time
	firstLine int
	seen      map[string]int // gemeente + clientnummer → line
	records   []Record       // the valid rows, all gemeenten
	gemeente  []string       // the gemeente of each record
	errs      []*FieldError
	warnings  []*FieldError
}

// rowCheck collects the problems of one row.
type rowCheck struct {
	v   *validator
	pos *posField
	bad bool
}

func (c *rowCheck) fail(column, value string, err error) {
	c.bad = true
	c.v.errs = append(c.v.errs, c.at(column, value, err))
}

func (c *rowCheck) warn(column, value string, err error) {
	c.v.warnings = append(c.v.warnings, c.at(column, value, err))
}

func (c *rowCheck) at(column, value string, err error) *FieldError {
	i, ok := c.v.rr.index[column]
	if !ok {
		i = len(c.v.rr.index)
	}
	return &FieldError{File: c.v.file, Line: c.pos.line(i), Column: column, Value: value, Err: err, col: i}
}

// present reports whether the header has the column; a missing required
// column is reported once, for the header, not again on every row.
func (c *rowCheck) present(column string) bool {
	_, ok := c.v.rr.index[column]
	return ok
}

func (c *rowCheck) required(column, raw string, because string) bool {
	if raw != "" {
		return true
	}
	if c.present(column) {
		if because == "" {
			c.fail(column, "", ErrRequired)
		} else {
			c.fail(column, "", &RequiredForError{Because: because})
		}
	}
	return false
}

// date checks a parsed date cell and returns its value (zero when absent or bad).
func (c *rowCheck) date(column string, f *DateField, peil time.Time) time.Time {
	if f.Raw == "" {
		return time.Time{}
	}
	if f.Err != nil {
		c.fail(column, f.Raw, f.Err)
		return time.Time{}
	}
	if f.Value.Before(Participatiewet) {
		c.fail(column, f.Raw, ErrBeforePwet)
	} else if !peil.IsZero() && f.Value.After(peil) {
		c.fail(column, f.Raw, ErrAfterPeildatum)
	}
	return f.Value
}

func (v *validator) row(r *rawRow) {
	v.rows++
	c := &rowCheck{v: v, pos: &r.Pos}
	line := r.Pos.line(0)

	// peildatum: a quarter end, the same on every row.
	var peil time.Time
	if c.required("peildatum", r.Peildatum.Raw, "") {
		switch {
		case r.Peildatum.Err != nil:
			c.fail("peildatum", r.Peildatum.Raw, r.Peildatum.Err)
		case !IsQuarterEnd(r.Peildatum.Value):
			c.fail("peildatum", r.Peildatum.Raw, ErrNotQuarterEnd)
		case v.peildatum.IsZero():
			v.peildatum, v.firstLine = r.Peildatum.Value, line
			peil = r.Peildatum.Value
		case !v.peildatum.Equal(r.Peildatum.Value):
			c.fail("peildatum", r.Peildatum.Raw, &PeildatumError{First: FormatDate(v.peildatum), FirstLine: v.firstLine})
		default:
			peil = r.Peildatum.Value
		}
	}
	if peil.IsZero() {
		peil = v.peildatum // still check the other dates against the file's peildatum
	}

	gemeente := r.Gemeente.Raw
	c.required("gemeente", gemeente, "")
	client := r.Clientnummer.Raw
	if c.required("clientnummer", client, "") {
		if LooksLikeBSN(client) {
			c.fail("clientnummer", client, ErrBSN)
		} else if gemeente != "" {
			key := gemeente + "\x00" + client
			if first, dup := v.seen[key]; dup {
				c.fail("clientnummer", client, &DuplicateError{Gemeente: gemeente, FirstLine: first})
			} else {
				v.seen[key] = line
			}
		}
	}
	enum(c, "instroomroute", &r.Instroomroute, true, "")
	c.required("datum_indicatie", r.DatumIndicatie.Raw, "")
	indicatie := c.date("datum_indicatie", &r.DatumIndicatie, peil)
	c.required("datum_start", r.DatumStart.Raw, "")
	start := c.date("datum_start", &r.DatumStart, peil)
	fase := enum(c, "fase", &r.Fase, true, "")

	active := fase != "" && fase != FaseUitgestroomd
	because := "fase " + string(fase)
	var werkplek Werkplek
	if active {
		c.required("datum_fase", r.DatumFase.Raw, because)
		werkplek = enum(c, "werkplek", &r.Werkplek, true, because)
	} else if r.Werkplek.Raw != "" {
		werkplek = enum(c, "werkplek", &r.Werkplek, false, "")
	}
	datumFase := c.date("datum_fase", &r.DatumFase, peil)
	if !datumFase.IsZero() && !start.IsZero() && datumFase.Before(start) {
		c.fail("datum_fase", r.DatumFase.Raw, &OrderError{Other: "datum_start", OtherValue: r.DatumStart.Raw})
	}

	uren, hasUren := Fixed(0), false
	if fase.Betaald() {
		c.required("uren_per_week", r.Uren.Raw, because)
	}
	if r.Uren.Raw != "" {
		if r.Uren.Err != nil {
			c.fail("uren_per_week", r.Uren.Raw, r.Uren.Err)
		} else if r.Uren.Value <= 0 || r.Uren.Value > FixedFromInt(40) {
			c.fail("uren_per_week", r.Uren.Raw, &RangeError{Min: "0", Max: "40", OpenMin: true})
		} else {
			uren, hasUren = r.Uren.Value, true
		}
	}

	loonwaarde, hasLoonwaarde := Fixed(0), false
	var bron Bron
	if r.Loonwaarde.Raw != "" {
		if r.Loonwaarde.Err != nil {
			c.fail("loonwaarde", r.Loonwaarde.Raw, r.Loonwaarde.Err)
		} else if r.Loonwaarde.Value < 0 || r.Loonwaarde.Value > FixedFromInt(100) {
			c.fail("loonwaarde", r.Loonwaarde.Raw, &RangeError{Min: "0", Max: "100"})
		} else {
			loonwaarde, hasLoonwaarde = r.Loonwaarde.Value, true
		}
		bron = enum(c, "loonwaarde_bron", &r.LoonwaardeBron, true, "een ingevulde loonwaarde")
	} else if r.LoonwaardeBron.Raw != "" {
		c.warn("loonwaarde_bron", r.LoonwaardeBron.Raw, ErrBronWithoutValue)
	}
	meting := c.date("datum_loonwaardemeting", &r.DatumLoonwaardemeting, peil)

	werkladder := 0
	if r.Werkladder.Raw != "" {
		if r.Werkladder.Err != nil {
			c.fail("werkladder", r.Werkladder.Raw, r.Werkladder.Err)
		} else if r.Werkladder.Value < 1 || r.Werkladder.Value > 6 {
			c.fail("werkladder", r.Werkladder.Raw, &RangeError{Min: "1", Max: "6"})
		} else {
			werkladder = r.Werkladder.Value
		}
	}

	var uitstroom time.Time
	var reden Reden
	if fase == FaseUitgestroomd {
		c.required("datum_uitstroom", r.DatumUitstroom.Raw, because)
		uitstroom = c.date("datum_uitstroom", &r.DatumUitstroom, peil)
		if !uitstroom.IsZero() && !start.IsZero() && uitstroom.Before(start) {
			c.fail("datum_uitstroom", r.DatumUitstroom.Raw, &OrderError{Other: "datum_start", OtherValue: r.DatumStart.Raw})
		}
		reden = enum(c, "reden_uitstroom", &r.RedenUitstroom, true, because)
	} else {
		c.date("datum_uitstroom", &r.DatumUitstroom, peil)
		if r.RedenUitstroom.Raw != "" {
			enum(c, "reden_uitstroom", &r.RedenUitstroom, false, "")
		}
	}

	lks, hasLKS := amount(c, "lks_kwartaal", &r.LKS)
	beg, hasBeg := amount(c, "begeleiding_kwartaal", &r.Begeleiding)

	if c.bad {
		return
	}
	v.gemeente = append(v.gemeente, gemeente)
	v.records = append(v.records, Record{
		Line: line, Clientnummer: client, Instroomroute: r.Instroomroute.Value,
		DatumIndicatie: indicatie, DatumStart: start, Fase: fase, DatumFase: datumFase,
		Werkplek: werkplek, Uren: uren, HasUren: hasUren,
		Loonwaarde: loonwaarde, HasLoonwaarde: hasLoonwaarde, LoonwaardeBron: bron,
		DatumLoonwaardemeting: meting, Werkladder: werkladder,
		DatumUitstroom: uitstroom, RedenUitstroom: reden,
		LKS: lks, HasLKS: hasLKS, Begeleiding: beg, HasBegeleiding: hasBeg,
	})
}

// enum checks an enumeration cell; required says whether it must be filled
// and because why (empty: always).
func enum[T enumeration](c *rowCheck, column string, f *EnumField[T], required bool, because string) T {
	if f.Raw == "" {
		if required {
			c.required(column, "", because)
		}
		return ""
	}
	if f.Err != nil {
		c.fail(column, f.Raw, f.Err)
		return ""
	}
	return f.Value
}

func amount(c *rowCheck, column string, f *AmountField) (Cents, bool) {
	if f.Raw == "" {
		return 0, false
	}
	if f.Err != nil {
		c.fail(column, f.Raw, f.Err)
		return 0, false
	}
	if f.Value < 0 {
		c.warn(column, f.Raw, ErrNegativeAmount)
	}
	return f.Value, true
}

// snapshots groups the valid rows per gemeente, sorted by gemeente, each
// in file order.
func (v *validator) snapshots(src *Source) []*Snapshot {
	count := map[string]int{}
	for _, g := range v.gemeente {
		count[g]++
	}
	names := make([]string, 0, len(count))
	for g := range count {
		names = append(names, g)
	}
	sort.Strings(names)
	out := make([]*Snapshot, len(names))
	index := make(map[string]*Snapshot, len(names))
	for i, g := range names {
		out[i] = &Snapshot{Gemeente: g, Peildatum: v.peildatum, Source: src, Records: make([]Record, 0, count[g])}
		index[g] = out[i]
	}
	if len(names) == 1 {
		out[0].Records = v.records
		return out
	}
	for i, g := range v.gemeente {
		s := index[g]
		s.Records = append(s.Records, v.records[i])
	}
	return out
}

// FormatDate writes t as dd-mm-jjjj.
func FormatDate(t time.Time) string { return t.Format("02-01-2006") }
