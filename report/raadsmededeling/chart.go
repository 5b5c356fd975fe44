package raadsmededeling

import "math"

// series is one row of a chart's numbers; ok says which values exist.
type series struct {
	name   string
	values []float64
	ok     []bool
}

// chart is a grouped bar chart with an optional line, per category (year).
type chart struct {
	categories []string
	bars       []series
	line       *series
	money      bool
}

// niceMax returns the top of the axis and its step: the step is 1, 2, 2,5
// or 5 × a power of ten, about a fifth of the maximum.
func niceMax(v float64) (float64, float64) {
	if v <= 0 {
		return 1, 1
	}
	raw := v / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * p
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	if step < 1 {
		step = 1
	}
	return math.Ceil(v/step) * step, step
}

func axisLabel(v float64, money bool) string {
	if money {
		if v >= 1000 {
			return "€ " + getal(int64(v/1000)) + "k"
		}
		return "€ " + getal(int64(v))
	}
	return getal(int64(v))
}
