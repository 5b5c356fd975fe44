package prose

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"beschut/internal/fixture"
	"beschut/templates"
)

// TestParse: blank lines, "- ", "## " and placeholders become blocks.
func TestParse(t *testing.T) {
	named := func(kind, name string) ([]Block, error) {
		if name == "fout" {
			return nil, errors.New("onbekend")
		}
		return []Block{Table{Name: name}}, nil
	}
	tests := []struct {
		in   string
		want []Block
		err  string
	}{
		{"een\ntwee\n\ndrie", []Block{Paragraph{"een twee"}, Paragraph{"drie"}}, ""},
		{"lijst:\n- a\n  vervolg\n- b", []Block{Paragraph{"lijst:"}, List{[]string{"a vervolg", "b"}}}, ""},
		{"## Kop\ntekst", []Block{Heading{3, "Kop"}, Paragraph{"tekst"}}, ""},
		{"voor\n[[tabel:kosten]]\nna", []Block{Paragraph{"voor"}, Table{Name: "kosten"}, Paragraph{"na"}}, ""},
		{"[[nr:tabel:kosten]] staat hier", []Block{Paragraph{"[[nr:tabel:kosten]] staat hier"}}, ""},
		{"[[tabel:fout]]", nil, "onbekend"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, named)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %#v, %v; want %#v", tt.in, got, err, tt.want)
		}
	}
}

// TestCompose: the document a second renderer would take holds numbered
// tables, figures whose alternative text names their table, and the
// resolved header; no placeholder is left.
func TestCompose(t *testing.T) {
	c, err := New(Settings{}, templates.Default, nil, templates.Names)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.Compose(fixture.Report(t, time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Header.Concept() || doc.Header.Afzender != "Gemeente Deventer" {
		t.Errorf("header %+v", doc.Header)
	}
	var captions, alts []string
	for _, b := range doc.Blocks {
		switch b := b.(type) {
		case Table:
			captions = append(captions, b.Caption)
		case Figure:
			captions = append(captions, b.Caption)
			alts = append(alts, b.Alt)
		}
	}
	want := []string{"Tabel 1: Overzicht kerncijfers beschut werk", "Figuur 1: ", "Tabel 2: Plaatsing", "Tabel 3: Loonwaarde", "Tabel 4: In-, door- en uitstroom",
		"Tabel 5: Begeleidingskosten en loonkostensubsidie", "Tabel 6: Overzicht begeleidingsvergoeding", "Figuur 2: ", "Tabel 7: Begeleidingskosten per jaar"}
	if len(captions) != len(want) {
		t.Fatalf("captions %q", captions)
	}
	for i := range want {
		if !strings.HasPrefix(captions[i], want[i]) {
			t.Errorf("caption %d = %q, want %q…", i, captions[i], want[i])
		}
	}
	if !strings.HasSuffix(alts[0], "De cijfers staan ook in Tabel 1.") || !strings.HasSuffix(alts[1], "De cijfers staan ook in Tabel 7.") {
		t.Errorf("alt texts %q", alts)
	}
	if strings.Contains(doc.Text(), "[[") {
		t.Error("a placeholder is left in the text")
	}
}
