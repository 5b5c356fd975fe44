package raadsmededeling

import (
	"beschut/internal/value"
	"time"
)

// tabelDatum writes a date as in tables: 30-06-2023.
func tabelDatum(t time.Time) string { return value.FormatDate(t) }

// getal writes a whole number with a thousands dot: 1.234.
var getal = value.Integer
