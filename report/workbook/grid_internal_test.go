package workbook

import (
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestExcelDate: a date at midnight gets the serial number excelize itself
// writes for it (read back raw from a cell set with the time.Time); any
// other time, and a date before 1901, is left to excelize.
func TestExcelDate(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		t    time.Time
		want int // 0: not converted
	}{
		{time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC), 45107},
		{time.Date(2017, 3, 31, 0, 0, 0, 0, time.UTC), 42825},
		{time.Date(1901, 1, 1, 0, 0, 0, 0, time.UTC), 367},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), 45351},
		{time.Date(2023, 6, 30, 0, 0, 0, 0, cet), 45107}, // the wall clock, as excelize
		{time.Date(1900, 12, 31, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(2023, 6, 30, 0, 0, 0, 1, time.UTC), 0},
		{time.Date(2023, 6, 30, 0, 0, 1, 0, time.UTC), 0},
		{time.Date(2023, 6, 30, 12, 0, 0, 0, time.UTC), 0},
	}
	f := excelize.NewFile()
	defer f.Close()
	for _, tt := range tests {
		n, ok := excelDate(tt.t)
		if ok != (tt.want != 0) || n != tt.want {
			t.Errorf("excelDate(%v) = %d, %v; want %d", tt.t, n, ok, tt.want)
		}
		if !ok {
			continue
		}
		if err := f.SetCellValue("Sheet1", "A1", tt.t); err != nil {
			t.Fatal(err)
		}
		raw, err := f.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if raw != strconv.Itoa(n) {
			t.Errorf("%v: excelize writes %s, excelDate %d", tt.t, raw, n)
		}
	}
}
