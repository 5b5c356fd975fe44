package ingest

import (
	"beschut/internal/value"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// The range of a peildatum (contract 1.1): beschut werk nieuw began in 2017.
var (
	FirstPeildatum = time.Date(2017, 3, 31, 0, 0, 0, 0, time.UTC)
	LastPeildatum  = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
)

// The same bounds as day numbers, for the checks of every row.
var (
	participatiewet = value.Day(Participatiewet)
	firstPeildatum  = value.Day(FirstPeildatum)
	lastPeildatum   = value.Day(LastPeildatum)
)

// validator checks each decoded row against the contract's validity rules
// and keeps the valid rows per gemeente (or only their number).
type validator struct {
	file      string
	dec       *decoder
	numbers   NumberFormat
	opts      Options
	rows      int
	peildatum value.Date
	firstLine int
	interned  map[string]string            // gemeente names, one copy each
	clients   arena                        // the clientnummers kept in records
	seen      map[string]map[clientKey]int // per gemeente: gemeente and clientnummer → line
	known     map[string]bool              // opts.Known, asked once per name
	unknown   map[string]*unknownGemeente
	count     map[string]*int // valid rows per gemeente
	last      lastGemeente    // the gemeente of the previous row
	peilRaw   string          // the peildatum cell as accepted, its own copy
	records   []Record        // the valid rows, all gemeenten, in file order
	runs      []run           // the records as runs of one gemeente
	errs      []*FieldError
	warnings  []*FieldError
}

// run is a stretch of records of one gemeente: records[start:end].
type run struct {
	gemeente   string
	start, end int
}

// lastGemeente is what the validator knows of the gemeente of the
// previous row: an export lists a gemeente's rows together, so almost every
// row repeats it and needs no map lookup (names, Known, counts, the start
// of the duplicate key).
type lastGemeente struct {
	raw   string // the cell as written, its own copy
	g     string // the interned, NFC name
	known bool
	count *int
	key   clientKey // FNV-1a state after gemeente and the zero byte
	// seen are the clientnummers of the gemeente so far: one small map per
	// gemeente stays in the processor's cache, where one map for a whole
	// national file (tens of thousands of keys) costs a cache miss a row.
	seen map[clientKey]int
}

type unknownGemeente struct {
	line, col, others int
}

// newValidator makes a validator; lines (the file's line ends) sizes the
// records so they are not copied as they grow.
func newValidator(file string, dec *decoder, numbers NumberFormat, o Options, lines int) *validator {
	v := &validator{file: file, dec: dec, numbers: numbers, opts: o,
		interned: map[string]string{}, seen: map[string]map[clientKey]int{}, known: map[string]bool{},
		unknown: map[string]*unknownGemeente{}, count: map[string]*int{}}
	if !o.CountOnly {
		v.records = make([]Record, 0, lines)
	}
	return v
}

// rowCheck collects the problems of one row.
type rowCheck struct {
	v   *validator
	pos *rowMeta
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
	i, ok := c.v.dec.index[column]
	if !ok {
		i = len(c.v.dec.header)
	}
	return &FieldError{File: c.v.file, Line: c.pos.lineOf(i), Column: column, Value: value, Err: err, col: i}
}

// present reports whether the header has the column; a missing required
// column is reported once, for the header, not again on every row.
func (c *rowCheck) present(column string) bool {
	_, ok := c.v.dec.index[column]
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

// date checks a date cell and returns its value (zero when absent or bad):
// not before the Participatiewet, not after the peildatum.
func (c *rowCheck) date(column, raw string, peil value.Date) value.Date {
	if raw == "" {
		return 0
	}
	t, err := value.ParseDay(raw)
	switch {
	case err != nil:
		c.fail(column, raw, err)
		return 0
	case t.Before(participatiewet):
		c.fail(column, raw, ErrBeforePwet)
	case !peil.IsZero() && t.After(peil):
		c.fail(column, raw, ErrAfterPeildatum)
	}
	return t
}

// row checks one record; m is what the decoder found about it.
func (v *validator) row(r *rawRow, m *rowMeta) {
	v.rows++
	c := &rowCheck{v: v, pos: m}
	line := m.line

	// Checks of every cell, known columns or not.
	for _, h := range m.bsn {
		v.errs = append(v.errs, &FieldError{File: v.file, Line: m.lineOf(h.col), Column: v.dec.names[h.col], Value: h.value, Err: ErrBSN, col: h.col})
		c.bad = true
	}
	for _, h := range m.invalid {
		v.errs = append(v.errs, &FieldError{File: v.file, Line: m.lineOf(h.col), Column: v.dec.names[h.col], Value: h.value, Err: ErrInvalidUTF8, col: h.col})
		c.bad = true
	}
	for _, h := range m.control {
		v.errs = append(v.errs, &FieldError{File: v.file, Line: m.lineOf(h.col), Column: v.dec.names[h.col], Value: h.value, Err: ErrControl, col: h.col})
		c.bad = true
	}
	isBSN := func(i int) bool { // or a control character: reported as that, not also as a gemeente
		for _, b := range m.bsn {
			if b.col == i {
				return true
			}
		}
		for _, b := range m.control {
			if b.col == i {
				return true
			}
		}
		return false
	}

	// peildatum: a quarter end in range, the same on every row.
	var peil value.Date
	if v.peildatum != 0 && r.Peildatum == v.peilRaw {
		peil = v.peildatum // the same cell as an accepted row before: the same checks pass
	} else if c.required("peildatum", r.Peildatum, "") {
		t, err := value.ParseDay(r.Peildatum)
		switch {
		case err != nil:
			c.fail("peildatum", r.Peildatum, err)
		case t.Before(firstPeildatum) || t.After(lastPeildatum):
			c.fail("peildatum", r.Peildatum, ErrPeildatumRange)
		case !t.IsQuarterEnd():
			c.fail("peildatum", r.Peildatum, ErrNotQuarterEnd)
		case v.peildatum.IsZero():
			v.peildatum, v.firstLine, v.peilRaw = t, line, strings.Clone(r.Peildatum)
			peil = t
		case v.peildatum != t:
			c.fail("peildatum", r.Peildatum, &PeildatumError{First: v.peildatum.String(), FirstLine: v.firstLine})
		default:
			peil = t
		}
	}
	if peil.IsZero() {
		peil = v.peildatum // still check the other dates against the file's peildatum
	}

	gemeente := ""
	flagged := len(m.bsn)+len(m.control) > 0
	if c.required("gemeente", r.Gemeente, "") && !(flagged && isBSN(v.dec.index["gemeente"])) {
		gemeente = v.checkGemeente(r.Gemeente, c)
	}
	client := ""
	if c.required("clientnummer", r.Clientnummer, "") && !(flagged && isBSN(v.dec.index["clientnummer"])) && gemeente != "" {
		key := fnv128a(v.last.key, r.Clientnummer) // makeClientKey(gemeente, r.Clientnummer)
		if first, dup := v.last.seen[key]; dup {
			c.fail("clientnummer", r.Clientnummer, &DuplicateError{Gemeente: gemeente, FirstLine: first})
		} else {
			v.last.seen[key] = line
			if !v.opts.CountOnly {
				client = v.clients.clone(r.Clientnummer) // not a substring that keeps the line alive
			}
		}
	}
	route := enum[Route](c, "instroomroute", r.Instroomroute, true, "")
	c.required("datum_indicatie", r.DatumIndicatie, "")
	indicatie := c.date("datum_indicatie", r.DatumIndicatie, peil)
	c.required("datum_start", r.DatumStart, "")
	start := c.date("datum_start", r.DatumStart, peil)
	fase := enum[Fase](c, "fase", r.Fase, true, "")

	active := fase != 0 && fase != FaseUitgestroomd
	because := becauseFase(fase)
	var werkplek Werkplek
	if active {
		c.required("datum_fase", r.DatumFase, because)
		werkplek = enum[Werkplek](c, "werkplek", r.Werkplek, true, because)
	} else if r.Werkplek != "" {
		werkplek = enum[Werkplek](c, "werkplek", r.Werkplek, false, "")
	}
	datumFase := c.date("datum_fase", r.DatumFase, peil)
	if !datumFase.IsZero() && !start.IsZero() && datumFase.Before(start) {
		c.fail("datum_fase", r.DatumFase, &OrderError{Other: "datum_start", OtherValue: r.DatumStart})
	}

	var has Present
	uren := value.Fixed(0)
	if fase.Betaald() {
		c.required("uren_per_week", r.Uren, because)
	}
	if r.Uren != "" {
		u, err := v.numbers.Decimal(r.Uren, false)
		if err != nil {
			c.fail("uren_per_week", r.Uren, err)
		} else if u <= 0 || u > value.FixedFromInt(40) {
			c.fail("uren_per_week", r.Uren, &RangeError{Min: "0", Max: "40", OpenMin: true})
		} else {
			uren, has = u, has|HasUren
		}
	}

	loonwaarde := value.Fixed(0)
	var bron Bron
	if r.Loonwaarde != "" {
		l, err := v.numbers.Decimal(r.Loonwaarde, true)
		if err != nil {
			c.fail("loonwaarde", r.Loonwaarde, err)
		} else if l < 0 || l > value.FixedFromInt(100) {
			c.fail("loonwaarde", r.Loonwaarde, &RangeError{Min: "0", Max: "100"})
		} else {
			loonwaarde, has = l, has|HasLoonwaarde
		}
		bron = enum[Bron](c, "loonwaarde_bron", r.LoonwaardeBron, true, "een ingevulde loonwaarde")
	} else if r.LoonwaardeBron != "" {
		c.warn("loonwaarde_bron", r.LoonwaardeBron, ErrBronWithoutValue)
	}
	meting := c.date("datum_loonwaardemeting", r.DatumLoonwaardemeting, peil)

	werkladder := uint8(0)
	if r.Werkladder != "" {
		w, err := strconv.Atoi(r.Werkladder)
		if err != nil {
			c.fail("werkladder", r.Werkladder, ErrNotInteger)
		} else if w < 1 || w > 6 {
			c.fail("werkladder", r.Werkladder, &RangeError{Min: "1", Max: "6"})
		} else {
			werkladder = uint8(w)
		}
	}

	var uitstroom value.Date
	var reden Reden
	if fase == FaseUitgestroomd {
		c.required("datum_uitstroom", r.DatumUitstroom, because)
		uitstroom = c.date("datum_uitstroom", r.DatumUitstroom, peil)
		if !uitstroom.IsZero() && !start.IsZero() && uitstroom.Before(start) {
			c.fail("datum_uitstroom", r.DatumUitstroom, &OrderError{Other: "datum_start", OtherValue: r.DatumStart})
		}
		reden = enum[Reden](c, "reden_uitstroom", r.RedenUitstroom, true, because)
	} else {
		c.date("datum_uitstroom", r.DatumUitstroom, peil)
		if r.RedenUitstroom != "" {
			enum[Reden](c, "reden_uitstroom", r.RedenUitstroom, false, "")
		}
	}

	lks, hasLKS := v.amount(c, "lks_kwartaal", r.LKS)
	beg, hasBeg := v.amount(c, "begeleiding_kwartaal", r.Begeleiding)
	if hasLKS {
		has |= HasLKS
	}
	if hasBeg {
		has |= HasBegeleiding
	}

	if c.bad || gemeente == "" {
		return
	}
	*v.last.count++
	if v.opts.CountOnly {
		return
	}
	if n := len(v.runs); n > 0 && v.runs[n-1].gemeente == gemeente {
		v.runs[n-1].end++
	} else {
		v.runs = append(v.runs, run{gemeente: gemeente, start: len(v.records), end: len(v.records) + 1})
	}
	v.records = append(v.records, Record{
		Line: int32(line), Clientnummer: client, Instroomroute: route,
		DatumIndicatie: indicatie, DatumStart: start, Fase: fase, DatumFase: datumFase,
		Werkplek: werkplek, Uren: uren, Loonwaarde: loonwaarde, LoonwaardeBron: bron,
		DatumLoonwaardemeting: meting, Werkladder: werkladder,
		DatumUitstroom: uitstroom, RedenUitstroom: reden,
		LKS: lks, Begeleiding: beg, Has: has,
	})
}

// checkGemeente returns the gemeente's one copy for this file, and notes a
// gemeente the parameters file does not configure (reported once per
// value, at its first line, by finish).
func (v *validator) checkGemeente(raw string, c *rowCheck) string {
	if raw != v.last.raw || v.last.g == "" {
		v.newGemeente(raw)
	}
	if !v.last.known {
		c.bad = true
		if u := v.unknown[v.last.g]; u != nil {
			u.others++
		} else {
			i := v.dec.index["gemeente"]
			v.unknown[v.last.g] = &unknownGemeente{line: c.pos.lineOf(i), col: i}
		}
	}
	return v.last.g
}

// newGemeente sets v.last for a row whose gemeente cell differs from the
// previous row's.
func (v *validator) newGemeente(raw string) {
	g, ok := v.interned[raw]
	if !ok {
		// NFC: a name written with combining accents (as macOS tools may
		// write Súdwest-Fryslân) is the same gemeente as the composed one
		// in the parameters file, not an unknown one that looks identical.
		n := norm.NFC.String(raw)
		if g, ok = v.interned[n]; !ok {
			g = strings.Clone(n)
			v.interned[g] = g
			if v.opts.Known != nil {
				v.known[g] = v.opts.Known(g)
			}
		}
		if n != raw {
			v.interned[strings.Clone(raw)] = g
		}
	}
	n := v.count[g]
	if n == nil {
		n = new(int)
		v.count[g] = n
	}
	seen := v.seen[g]
	if seen == nil {
		seen = map[clientKey]int{}
		v.seen[g] = seen
	}
	v.last = lastGemeente{raw: strings.Clone(raw), g: g, known: v.opts.Known == nil || v.known[g], count: n,
		key: fnv128a(fnv128a(fnvOffset, g), "\x00"), seen: seen}
}

// finish reports what is known only at the end of the file.
func (v *validator) finish() {
	for g, u := range v.unknown {
		v.errs = append(v.errs, &FieldError{File: v.file, Line: u.line, Column: "gemeente", Value: g,
			Err: &UnknownGemeenteError{Others: u.others}, col: u.col})
	}
}

// enum checks an enumeration cell; required says whether it must be filled
// and because why (empty: always).
func enum[T enumeration](c *rowCheck, column, raw string, required bool, because string) T {
	if raw == "" {
		if required {
			c.required(column, "", because)
		}
		return 0
	}
	val, err := parseEnum[T](raw)
	if err != nil {
		c.fail(column, raw, err)
		return 0
	}
	return val
}

func (v *validator) amount(c *rowCheck, column, raw string) (value.Cents, bool) {
	if raw == "" {
		return 0, false
	}
	a, err := v.numbers.Amount(raw)
	if err != nil {
		c.fail(column, raw, err)
		return 0, false
	}
	if a < 0 {
		c.warn(column, raw, ErrNegativeAmount)
	}
	return a, true
}

// snapshots groups the valid rows per gemeente, sorted by gemeente, each
// in file order.
func (v *validator) snapshots(src *Source) []*Snapshot {
	names := make([]string, 0, len(v.count))
	for g, n := range v.count {
		if *n > 0 {
			names = append(names, g)
		}
	}
	sort.Strings(names)
	out := make([]*Snapshot, len(names))
	index := make(map[string]*Snapshot, len(names))
	for i, g := range names {
		out[i] = &Snapshot{Gemeente: g, Peildatum: v.peildatum.Time(), Source: src, Rows: *v.count[g]}
		index[g] = out[i]
	}
	if v.opts.CountOnly {
		return out
	}
	// A gemeente in one run shares the file's records; one in several runs
	// (an interleaved regional file) gets its own copy, in file order.
	runs := map[string]int{}
	for _, r := range v.runs {
		runs[r.gemeente]++
	}
	for _, r := range v.runs {
		s := index[r.gemeente]
		if runs[r.gemeente] == 1 {
			s.Records = v.records[r.start:r.end:r.end]
			continue
		}
		if s.Records == nil {
			s.Records = make([]Record, 0, s.Rows)
		}
		s.Records = append(s.Records, v.records[r.start:r.end]...)
	}
	return out
}

// becauseFase says why a cell is required, without building a string per row.
func becauseFase(f Fase) string {
	switch f {
	case FaseStage:
		return "fase stage"
	case FaseProefplaatsing:
		return "fase proefplaatsing"
	case FaseTijdelijk:
		return "fase tijdelijk"
	case FaseVast:
		return "fase vast"
	case FaseUitgestroomd:
		return "fase uitgestroomd"
	}
	return "fase " + f.String()
}
