package ingest

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestArena: clones are equal to their source, do not share its memory,
// survive the arena moving to a new chunk, and a long value gets a chunk of
// its own size.
func TestArena(t *testing.T) {
	var a arena
	line := "30-06-2023;Deventer;KD-00001;pro"
	src := line[20:28]
	first := a.clone(src)
	if first != "KD-00001" || unsafe.StringData(first) == unsafe.StringData(src) {
		t.Fatalf("clone %q shares the line's memory or differs", first)
	}
	var all []string
	var want []string
	for i := 0; i < 20000; i++ {
		s := strings.Repeat(string(rune('a'+i%26)), 1+i%13)
		all = append(all, a.clone(s))
		want = append(want, s)
	}
	long := strings.Repeat("x", 3*arenaMax)
	all, want = append(all, a.clone(long)), append(want, long)
	all, want = append(all, a.clone("after")), append(want, "after")
	for i := range all {
		if all[i] != want[i] {
			t.Fatalf("clone %d = %q, want %q", i, all[i], want[i])
		}
	}
	if first != "KD-00001" {
		t.Fatalf("the first clone changed: %q", first)
	}
	if a.clone("") != "" {
		t.Fatal("empty clone")
	}
	// Two consecutive clones in one chunk are adjacent: one allocation.
	x, y := a.clone("ab"), a.clone("cd")
	if unsafe.StringData(y) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(x)), 2)) {
		t.Error("consecutive clones are not in one chunk")
	}
}

// TestCRReader: a lone CR becomes LF, CRLF stays, also when the CR is the
// last byte of a read (p of one byte, or of three) and at the end.
func TestCRReader(t *testing.T) {
	in := "a\rb\r\nc\r\r\nd\r"
	want := "a\nb\r\nc\n\r\nd\n"
	for _, size := range []int{1, 2, 3, 64} {
		c := &crReader{r: bufio.NewReaderSize(strings.NewReader(in), 16)}
		var out []byte
		p := make([]byte, size)
		for {
			n, err := c.Read(p)
			out = append(out, p[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if string(out) != want {
			t.Errorf("read by %d: %q, want %q", size, out, want)
		}
	}
}

// TestHistoryOf: the snapshots of one gemeente, oldest first, for the
// first, a middle and the last gemeente, and none for an absent one
// (before, between and after the others).
func TestHistoryOf(t *testing.T) {
	d := func(y int) time.Time { return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC) }
	var files []*FileResult
	for _, g := range []string{"Zwolle", "Almelo", "Deventer"} {
		for y := 2021; y <= 2023; y++ {
			files = append(files, &FileResult{Source: &Source{Name: g}, Snapshots: []*Snapshot{{Gemeente: g, Peildatum: d(y), Source: &Source{Name: g}}}})
		}
	}
	h, err := Combine(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"Almelo", "Deventer", "Zwolle"} {
		got := h.Of(g)
		if len(got) != 3 {
			t.Fatalf("%s: %d snapshots", g, len(got))
		}
		for i, s := range got {
			if s.Gemeente != g || !s.Peildatum.Equal(d(2021+i)) {
				t.Errorf("%s %d: %s %s", g, i, s.Gemeente, s.Peildatum)
			}
		}
	}
	for _, g := range []string{"Aa", "Boxtel", "Zz", ""} {
		if got := h.Of(g); got != nil {
			t.Errorf("%s: %d snapshots", g, len(got))
		}
	}
	// The result is a copy: appending to it does not touch the history.
	_ = append(h.Of("Almelo"), &Snapshot{Gemeente: "X"})
	if h.Snapshots[3].Gemeente != "Deventer" {
		t.Error("Of shares the history's slice")
	}
}
