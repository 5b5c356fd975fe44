package ingest

import "strings"

// arena holds the clientnummers of one file in a few large strings instead
// of one allocation each: a million small strings cost a malloc and a GC
// object each, and a substring of the CSV line would keep the whole line
// alive. Every clientnummer is a substring of a chunk that is only ever
// appended to, so the bytes a returned string points at never change.
type arena struct {
	b    strings.Builder
	next int // size of the next chunk
}

const (
	arenaFirst = 4 << 10  // a sample file of a few dozen rows stays small
	arenaMax   = 64 << 10 // chunks of a large file
)

// clone returns a copy of s that lives in the arena.
func (a *arena) clone(s string) string {
	if s == "" {
		return ""
	}
	if a.b.Cap()-a.b.Len() < len(s) {
		if a.next == 0 {
			a.next = arenaFirst
		}
		a.b = strings.Builder{} // the old chunk stays alive through its strings
		a.b.Grow(max(a.next, len(s)))
		a.next = min(2*a.next, arenaMax)
	}
	off := a.b.Len()
	a.b.WriteString(s)
	return a.b.String()[off:]
}
