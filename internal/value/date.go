package value

import (
	"strconv"
	"time"
)

// Date is a calendar day: the number of days since 1 January of year 1
// (proleptic Gregorian calendar), the day time.Time's zero value falls on.
// The zero Date is "no date", as time.Time{} is. Four bytes instead of a
// time.Time's 24: a history of a million rows holds five per row.
type Date int32

// daysTo1970 is the number of days from 1 January 0001 to 1 January 1970.
const daysTo1970 = 719162

// DateOf returns the day y-m-d. The caller passes an existing date (see
// DaysIn); an invalid one is normalised the way time.Date does it only for
// a day 0 or one past the end of a month, so check first.
func DateOf(y, m, d int) Date {
	// days_from_civil (H. Hinnant): days since 1970-01-01, exact for every
	// Gregorian date.
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468 + daysTo1970)
}

// Day returns the Date of t's calendar day (in t's own location).
func Day(t time.Time) Date {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return DateOf(y, int(m), d)
}

// Date returns the year, month and day of d.
func (d Date) Date() (year, month, day int) {
	// civil_from_days (H. Hinnant).
	z := int(d) - daysTo1970 + 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if month > 12 {
		month -= 12
	}
	if month <= 2 {
		y++
	}
	return y, month, day
}

// Year returns d's year.
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Time returns d as midnight UTC; the zero Date gives time.Time{}.
func (d Date) Time() time.Time {
	if d == 0 {
		return time.Time{}
	}
	y, m, dd := d.Date()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == 0 }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d < e }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d > e }

// AddDays returns the day n days after d.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// String writes d as dd-mm-jjjj, as FormatDate does.
func (d Date) String() string {
	y, m, dd := d.Date()
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+dd/10), byte('0'+dd%10), '-', byte('0'+m/10), byte('0'+m%10), '-')
	if y >= 0 && y < 10000 {
		return string(append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)))
	}
	return string(strconv.AppendInt(b, int64(y), 10))
}

// DaysIn returns the number of days of month m (1–12) in year y.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// IsQuarterEnd reports whether d is 31-03, 30-06, 30-09 or 31-12.
func (d Date) IsQuarterEnd() bool {
	y, m, dd := d.Date()
	return m%3 == 0 && dd == DaysIn(y, m)
}

// ParseDay reads dd-mm-jjjj (day and month may have one digit) or
// jjjj-mm-dd and checks that the date exists, without building a
// time.Time: what ingest does for every date of every row.
func ParseDay(s string) (Date, error) {
	y, m, d, err := parseYMD(s)
	if err != nil {
		return 0, err
	}
	if m < 1 || m > 12 || d < 1 || d > DaysIn(y, m) {
		return 0, ErrNoSuchDate
	}
	return DateOf(y, m, d), nil
}

// parseYMD splits a date in one of the two accepted shapes into numbers.
func parseYMD(s string) (y, m, d int, err error) {
	i := -1
	for k := 0; k < len(s); k++ {
		if s[k] == '-' {
			i = k
			break
		}
	}
	if i < 0 {
		return 0, 0, 0, ErrDate
	}
	j := -1
	for k := i + 1; k < len(s); k++ {
		if s[k] == '-' {
			j = k
			break
		}
	}
	if j < 0 {
		return 0, 0, 0, ErrDate
	}
	a, b, c := s[:i], s[i+1:j], s[j+1:]
	var ys, ms, ds string
	switch {
	case len(a) == 4 && len(b) <= 2 && len(c) <= 2:
		ys, ms, ds = a, b, c
	case len(c) == 4 && len(a) <= 2 && len(b) <= 2:
		ds, ms, ys = a, b, c
	default:
		return 0, 0, 0, ErrDate
	}
	var e1, e2, e3 error
	y, e1 = atoiDigits(ys)
	m, e2 = atoiDigits(ms)
	d, e3 = atoiDigits(ds)
	if e1 != nil || e2 != nil || e3 != nil {
		return 0, 0, 0, ErrDate
	}
	return y, m, d, nil
}
