package ttf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// W is the value of the CIDFont's /W entry, "[ … ]", for the subset, from
// the widths cw by rune that fpdf keeps for the font (fontDefType.Cw): a
// port of fpdf's generateCIDFontMap, with its rules for runs of equal
// widths and for merging ranges. Every rune up to 255 with a width is in
// it, used or not; above 255 only the runes asked.
func (s *Subset) W(cw []int) (string, error) {
	if s.LastRune >= len(cw) {
		return "", fmt.Errorf("teken U+%04X valt buiten de %d breedtes van het lettertype", s.LastRune, len(cw))
	}
	used := func(cid int) bool {
		_, ok := slices.BinarySearch(s.runes, rune(cid))
		return ok
	}
	rangeID := 0
	cidArray := map[int]*keyMap{}
	var cidArrayKeys []int
	prevCid, prevWidth := -2, -1
	interval := false
	newRange := func(id int) {
		rangeID = id
		cidArray[rangeID] = &keyMap{}
		cidArrayKeys = append(cidArrayKeys, rangeID)
	}
	for cid := 1; cid <= s.LastRune; cid++ {
		if cw[cid] == 0 {
			continue
		}
		width := cw[cid]
		if width == 65535 {
			width = 0
		}
		if cid > 255 && !used(cid) {
			continue
		}
		switch {
		case cid == prevCid+1 && width == prevWidth:
			if width == cidArray[rangeID].get(0) {
				cidArray[rangeID].append(width)
			} else {
				cidArray[rangeID].pop()
				newRange(prevCid)
				cidArray[rangeID].append(prevWidth)
				cidArray[rangeID].append(width)
			}
			interval = true
			cidArray[rangeID].put(intervalKey, 1)
		case cid == prevCid+1:
			if interval {
				newRange(cid)
			}
			cidArray[rangeID].append(width)
			interval = false
		default:
			newRange(cid)
			cidArray[rangeID].append(width)
			interval = false
		}
		prevCid, prevWidth = cid, width
	}

	previousKey, nextKey := -1, -1
	isInterval := false
	for g := 0; g < len(cidArrayKeys); {
		key := cidArrayKeys[g]
		ws := *cidArray[key] // shares its arrays with cidArray[key], as in fpdf
		cws := len(ws.keys)
		if key == nextKey && !isInterval && (ws.index(intervalKey) < 0 || cws < 4) {
			if cidArray[key].index(intervalKey) >= 0 {
				cidArray[key].delete(intervalKey)
			}
			cidArray[previousKey] = merge(cidArray[previousKey], cidArray[key])
			cidArrayKeys = removeKey(cidArrayKeys, key)
		} else {
			g++
			previousKey = key
		}
		nextKey = key + cws
		if ws.index(intervalKey) >= 0 {
			isInterval = cws > 3
			cidArray[key].delete(intervalKey)
			nextKey--
		} else {
			isInterval = false
		}
	}

	var w strings.Builder
	w.WriteString("[")
	for _, k := range cidArrayKeys {
		ws := cidArray[k]
		if allEqual(ws.values) {
			fmt.Fprintf(&w, " %d %d %d", k, k+len(ws.values)-1, ws.get(0))
			continue
		}
		fmt.Fprintf(&w, " %d [ ", k)
		for i, v := range ws.values {
			if i > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(strconv.Itoa(v))
		}
		w.WriteString(" ]\n")
	}
	w.WriteString(" ]")
	return w.String(), nil
}

// allEqual: values has exactly one distinct value (fpdf's
// len(arrayCountValues(values)) == 1).
func allEqual(values []int) bool {
	if len(values) == 0 {
		return false
	}
	for _, v := range values[1:] {
		if v != values[0] {
			return false
		}
	}
	return true
}

// keyMap is fpdf's untypedKeyMap (© 2019 Arteom Korotkiy): an imitation of
// a PHP array, with int keys and the key "interval" (here intervalKey, as
// fpdf's keys are any). Its methods are kept as they are, slice sharing
// included, because generateCIDFontMap's output depends on them.
type keyMap struct {
	keys   []int
	values []int
}

// intervalKey is fpdf's key "interval": no int key put by append is
// negative.
const intervalKey = -1

func (m *keyMap) index(key int) int {
	for i, k := range m.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// append appends value under the smallest unused non-negative key (fpdf's
// put with a nil key).
func (m *keyMap) append(value int) {
	key := 0
	for m.index(key) >= 0 {
		key++
	}
	m.keys = append(m.keys, key)
	m.values = append(m.values, value)
}

// put sets key to value.
func (m *keyMap) put(key int, value int) {
	if i := m.index(key); i >= 0 {
		m.values[i] = value
		return
	}
	m.keys = append(m.keys, key)
	m.values = append(m.values, value)
}

func (m *keyMap) delete(key int) {
	if m == nil || m.keys == nil || m.values == nil {
		return
	}
	i := m.index(key)
	switch {
	case i < 0:
	case i == 0:
		m.keys, m.values = m.keys[1:], m.values[1:]
	case i == len(m.keys)-1:
		m.keys, m.values = m.keys[:len(m.keys)-1], m.values[:len(m.values)-1]
	default:
		m.keys = append(m.keys[:i], m.keys[i+1:]...)
		m.values = append(m.values[:i], m.values[i+1:]...)
	}
}

func (m *keyMap) get(key int) int {
	if i := m.index(key); i >= 0 {
		return m.values[i]
	}
	return 0
}

func (m *keyMap) pop() {
	m.keys, m.values = m.keys[:len(m.keys)-1], m.values[:len(m.values)-1]
}

// merge is fpdf's arrayMerge (PHP's array_merge).
func merge(a, b *keyMap) *keyMap {
	switch {
	case a == nil && b == nil:
		return &keyMap{keys: []int{}, values: []int{}}
	case b == nil:
		return &keyMap{keys: a.keys[:], values: a.values[:]}
	case a == nil:
		return &keyMap{keys: b.keys[:], values: b.values[:]}
	}
	m := &keyMap{keys: a.keys[:], values: a.values[:]}
	for i := range b.keys {
		if b.keys[i] == intervalKey {
			if a.index(intervalKey) < 0 {
				m.put(intervalKey, b.values[i])
			}
		} else {
			m.append(b.values[i])
		}
	}
	return m
}

// removeKey is fpdf's remove: it drops the last occurrence of key, and the
// first element when key is absent.
func removeKey(keys []int, key int) []int {
	n := 0
	for i, k := range keys {
		if k == key {
			n = i
		}
	}
	switch {
	case n == 0:
		return keys[1:]
	case n == len(keys)-1:
		return keys[:len(keys)-1]
	}
	return append(keys[:n], keys[n+1:]...)
}
