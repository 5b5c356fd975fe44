package ingest

import (
	"hash/fnv"
	"testing"
)

// TestClientKeyIsFNV128a: the hand-written hash equals the standard library's.
func TestClientKeyIsFNV128a(t *testing.T) {
	for _, p := range [][2]string{{"Deventer", "KD-1"}, {"", ""}, {"Súdwest-Fryslân", "G001-00002"}, {"a", "b\x00c"}} {
		f := fnv.New128a()
		f.Write([]byte(p[0] + "\x00" + p[1]))
		sum := f.Sum(nil)
		var want clientKey
		for i := 0; i < 8; i++ {
			want[0] = want[0]<<8 | uint64(sum[i])
			want[1] = want[1]<<8 | uint64(sum[8+i])
		}
		if got := makeClientKey(p[0], p[1]); got != want {
			t.Errorf("%q: %x, want %x", p, got, want)
		}
	}
	if makeClientKey("ab", "c") == makeClientKey("a", "bc") {
		t.Error("the separator does not separate")
	}
}
