package raadsmededeling

import (
	"strconv"
	"time"

	"beschut/ingest"
)

// tabelDatum writes a date as in tables: 30-06-2023.
func tabelDatum(t time.Time) string { return ingest.FormatDate(t) }

// getal writes a whole number with a thousands dot: 1.234.
func getal(n int64) string {
	if n < 0 {
		return "-" + ingest.GroupThousands(strconv.FormatInt(-n, 10))
	}
	return ingest.GroupThousands(strconv.FormatInt(n, 10))
}
