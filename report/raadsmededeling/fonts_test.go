package raadsmededeling

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"beschut/internal/fixture"
	"beschut/report"
	"beschut/report/pdfa"
	"beschut/templates"
)

// TestSharedFonts: the fonts made from the generated metrics and shared by
// every document give the same bytes as fonts fpdf parses for the
// document, also when documents render at the same time; and the adapter
// is really used (not the fallback). Both embed the subsets made once
// (TestFontSubsets compares those with fpdf's own).
func TestSharedFonts(t *testing.T) {
	if metricFonts() == nil {
		t.Fatal("the font adapter does not recognise fpdf's fields: update fonts.go and metrics.go for this fpdf version")
	}
	if !copyFonts(fpdf.New("P", "mm", "A4", ""), metricFonts()) {
		t.Fatal("the font adapter falls back to parsing")
	}
	reports, render := deventerPeildata(t)
	shareFonts = false
	var parsed [][]byte
	for _, p := range reports {
		parsed = append(parsed, render(p))
	}
	shareFonts = true
	var wg sync.WaitGroup
	shared := make([][]byte, 2*len(reports))
	for i := range shared {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared[i] = render(reports[i%len(reports)])
		}()
	}
	wg.Wait()
	for i, s := range shared {
		if !bytes.Equal(s, parsed[i%len(reports)]) {
			t.Errorf("document %d: shared fonts give other bytes than parsed fonts", i)
		}
	}
}

// TestFontSubsets: the embedded fonts put in by pdfa.Convert are the
// objects fpdf writes itself for the same characters, and the documents
// read the same; with the printable ASCII added (baseRunes), the documents
// of the two peildata share one subset per font; documents rendered at the
// same time agree.
func TestFontSubsets(t *testing.T) {
	reports, render := deventerPeildata(t)
	fonts := func(pdf []byte) []*pdfa.Font {
		var fs []*pdfa.Font
		for _, name := range []string{"utf8" + font, "utf8" + font + "B"} {
			f, err := pdfa.ExtractFont(pdf, name)
			if err != nil {
				t.Fatal(err)
			}
			fs = append(fs, f)
		}
		return fs
	}

	// Exactly the document's characters: the same fonts as fpdf's own.
	base := baseRunes
	baseRunes = nil
	var exact [][]*pdfa.Font
	for i, r := range reports {
		embedOnce = false
		native := render(r)
		embedOnce = true
		once := render(r)
		if bytes.Equal(native, once) {
			t.Fatalf("document %d: the same bytes with and without the subsets made once: are they used?", i)
		}
		exact = append(exact, fonts(once))
		if !reflect.DeepEqual(fonts(native), fonts(once)) {
			t.Errorf("document %d: the embedded fonts differ from those fpdf writes", i)
		}
		if a, b := pdfText(t, native), pdfText(t, once); a != b {
			t.Errorf("document %d: the text differs:\n%s\n---\n%s", i, a, b)
		}
	}
	baseRunes = base
	if reflect.DeepEqual(exact[0][0], exact[1][0]) {
		t.Fatal("the two documents use the same characters: they cannot show that baseRunes makes them share a subset")
	}

	// With baseRunes: one subset per font for both documents, also when
	// rendered at the same time.
	docs := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i] = render(reports[i%2])
		}()
	}
	wg.Wait()
	if !bytes.Equal(docs[0], docs[2]) || !bytes.Equal(docs[1], docs[3]) {
		t.Error("documents rendered at the same time differ")
	}
	f0, f1 := fonts(docs[0]), fonts(docs[1])
	for i := range f0 {
		if !reflect.DeepEqual(f0[i], f1[i]) {
			t.Errorf("font %s: the two documents have different subsets", f0[i].BaseFont)
		}
	}
}

// pdfText is the text of pdf as pdftotext -layout reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (Debian: poppler-utils): %v", err)
	}
	return string(out)
}

// BenchmarkFonts renders one document with the fonts parsed per document
// and with the fonts copied from the prototype.
func BenchmarkFonts(b *testing.B) {
	rd, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		b.Fatal(err)
	}
	r := fixture.Report(b, time.Time{})
	for _, share := range []bool{false, true} {
		name := map[bool]string{false: "parsed", true: "shared"}[share]
		b.Run(name, func(b *testing.B) {
			shareFonts = share
			defer func() { shareFonts = true }()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := rd.Write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// deventerPeildata are Deventer's reports of 30-06-2023 and 31-12-2022, and
// a function that renders one with the default templates. It reports a
// failure with t.Error, so goroutines may call it.
func deventerPeildata(t *testing.T) ([]*report.Report, func(*report.Report) []byte) {
	t.Helper()
	rd, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	reports := []*report.Report{fixture.Report(t, time.Time{}), fixture.Report(t, time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC))}
	return reports, func(r *report.Report) []byte {
		var b bytes.Buffer
		if err := rd.Write(&b, r); err != nil {
			t.Error(err)
		}
		return b.Bytes()
	}
}

// TestPlaceholderFontsBesideOthers: the fonts made from the metrics have no
// parsed file, so fpdf must never embed them itself. A document that also
// uses a core font (which fpdf writes itself), or whose subsets are not
// made once (embedOnce off), still gets both fonts replaced, and fpdf
// writes the file instead of dereferencing the missing parsed file.
func TestPlaceholderFontsBesideOthers(t *testing.T) {
	for _, tc := range []struct {
		name      string
		core      bool
		embedOnce bool
	}{
		{"a core font too", true, true},
		{"subsets not made once", false, false},
		{"both", true, false},
		{"neither", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pdf := fpdf.New("P", "mm", "A4", "")
			addFonts(pdf)
			pdf.AddPage()
			pdf.SetFont(font, "", 10)
			pdf.Cell(40, 10, "Deventer é")
			pdf.SetFont(font, "B", 10)
			pdf.Cell(40, 10, "Zwolle €")
			if tc.core {
				pdf.SetFont("Helvetica", "", 10)
				pdf.Cell(40, 10, "core")
			}
			embedOnce = tc.embedOnce
			fonts, err := placeholderFonts(pdf)
			embedOnce = true
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range fonts {
				names = append(names, f.BaseFont)
			}
			if want := []string{"utf8" + font, "utf8" + font + "B"}; !reflect.DeepEqual(names, want) {
				t.Errorf("placeholders for %q, want %q", names, want)
			}
			var raw bytes.Buffer
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("fpdf panics writing the file: %v\n%s", r, debug.Stack())
					}
				}()
				if err := pdf.Output(&raw); err != nil {
					t.Fatal(err)
				}
			}()
			for _, name := range []string{"Helvetica", "utf8" + font, "utf8" + font + "B"} {
				want := 1
				if name == "Helvetica" && !tc.core {
					want = 0
				}
				if n := bytes.Count(raw.Bytes(), []byte("/BaseFont /"+name+"\n")); n != want {
					t.Errorf("font dictionaries of %s: %d, want %d", name, n, want)
				}
			}
		})
	}
}

// TestFontSubsetsUnusualNames: a gemeente name with characters a user can
// type (accents of all Latin Extended-A, typographic signs, Greek,
// Cyrillic, Hebrew and Arabic, CJK and Hangul the font lacks, soft hyphen,
// zero-width and replacement characters) gives, with exactly the
// document's characters, the embedded fonts fpdf writes itself.
func TestFontSubsetsUnusualNames(t *testing.T) {
	rd, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	base := baseRunes
	baseRunes = nil
	defer func() { baseRunes = base }()
	for _, name := range []string{
		"Súdwest-Fryslân",
		"’s-Hertogenbosch ‰ † ‡ « » ‹ › Ÿ ÿ",
		"ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ",
		"ΑΒΓΔ абвгд ئ ש Ṁ ẞ ₿ ℃ ⅓ ← ∞ ≠ ■ ◊ ♥ ✓ ﬀ ﬁ ǅ",
		"中文 한국 x\u00ad\u200b\u2011\ufeff\ufffd",
	} {
		r := fixture.Report(t, time.Time{})
		r.Gemeente = name
		render := func() []byte {
			var b bytes.Buffer
			if err := rd.Write(&b, r); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
		embedOnce = false
		native := render()
		embedOnce = true
		once := render()
		if bytes.Equal(native, once) {
			t.Fatalf("%q: the same bytes with and without the subsets made once", name)
		}
		word := []rune(strings.Fields(name)[0])
		if word := string(word[:min(len(word), 8)]); !strings.Contains(pdfText(t, once), word) {
			t.Fatalf("%q: the document does not show %q", name, word)
		}
		for _, fn := range []string{"utf8" + font, "utf8" + font + "B"} {
			want, err := pdfa.ExtractFont(native, fn)
			if err != nil {
				t.Fatal(err)
			}
			got, err := pdfa.ExtractFont(once, fn)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q, %s: the embedded font differs from fpdf's: %s", name, fn, firstDifference(got, want))
			}
		}
	}
}

// TestFallbackWithoutMetrics: when the adapter cannot make fonts from the
// metrics (a future fpdf with other fields), the documents get fonts
// parsed by fpdf and fpdf embeds them itself, as with embedOnce off,
// instead of failing on the missing prototype.
func TestFallbackWithoutMetrics(t *testing.T) {
	reports, render := deventerPeildata(t)
	embedOnce = false
	want := render(reports[0])
	embedOnce = true

	proto, embed := metricFonts, embedFonts
	subsets.Lock()
	cache := subsets.m
	subsets.m = map[string]*subsetEntry{}
	subsets.Unlock()
	metricFonts = func() *fpdf.Fpdf { return nil }
	embedFonts = sync.OnceValues(loadEmbedFonts)
	defer func() {
		metricFonts, embedFonts = proto, embed
		subsets.Lock()
		subsets.m = cache
		subsets.Unlock()
	}()
	var b bytes.Buffer
	rd, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	if err := rd.Write(&b, reports[0]); err != nil {
		t.Fatalf("without the metrics: %v", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Error("without the metrics the document differs from the one with fpdf's own embedding")
	}
}
