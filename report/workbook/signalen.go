package workbook

import (
	"beschut/internal/value"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"beschut/report"
)

// The confidential signal file: the persons behind the Signalen counts,
// for the uitvoering (the SW-bedrijf and the consulent) only. It is never
// written next to the public documents (pipeline.Renderer.Confidential).
const (
	SignalenKind   = "signalen"
	SignalenSuffix = "_signalen_VERTROUWELIJK.xlsx"
	// Vertrouwelijk heads the file, its print header and its properties.
	Vertrouwelijk = "VERTROUWELIJK — alleen voor de uitvoering"
)

// WriteSignalen renders the confidential per-person signal list of r:
// loonwaarde under 30%, persons gone without an uitstroom row, and steps
// back in fase, by pseudonymous clientnummer.
func WriteSignalen(w io.Writer, r *report.Report) error {
	b := newBuilder(r)
	defer b.f.Close()
	b.sheets(SheetSignalen)
	b.emit(b.signalenPersonen())
	return b.save(w, &excelize.DocProperties{
		Title:       fmt.Sprintf("%s: signalen beschut werk %s %d-K%d", Vertrouwelijk, b.naam(), r.Current.Jaar, r.Current.Kwartaal),
		Subject:     "Signalen per persoon, peildatum " + value.FormatDate(r.Peildatum),
		Keywords:    "vertrouwelijk; beschut werk; signalen",
		Description: Vertrouwelijk + ". Persoonsgegevens op gepseudonimiseerd clientnummer: niet doorsturen aan financiën, de griffie of de raad.",
		Category:    "Vertrouwelijk",
	})
}

func (b *builder) signalenPersonen() *grid {
	g, r, sg := newGrid(SheetSignalen), b.r, b.r.Signalen
	g.put(1, 1, cell{Vertrouwelijk, "title"})
	g.put(2, 1, txt(fmt.Sprintf("Signalen beschut werk %s per persoon, peildatum %s, voor het gesprek tussen %s en de consulent. Niet doorsturen.",
		b.naam(), value.FormatDate(r.Peildatum), r.Settings.UitvoerderNaam())))
	row := 4
	section := func(title string, head []cell, n int, line func(i int) []cell) {
		g.put(row, 1, cell{fmt.Sprintf("%s (%d)", title, n), "bold"})
		row++
		g.put(row, 1, head...)
		for i := 0; i < n; i++ {
			row++
			g.put(row, 1, line(i)...)
		}
		if n == 0 {
			row++
			g.put(row, 1, txt("geen"))
		}
		row += 2
	}
	counts := signalCounts(r)
	section(counts[0].label, []cell{hdr("Clientnummer"), hdr("Fase"), hdr("Werkplek"), hdr("Loonwaarde")}, len(sg.LoonwaardeOnder30), func(i int) []cell {
		p := sg.LoonwaardeOnder30[i]
		return []cell{txt(p.Clientnummer), txt(p.Fase), txt(p.Werkplek), {p.Loonwaarde, "pct"}}
	})
	if r.Previous == nil {
		g.put(row, 1, txt("Vergelijking met het vorige kwartaal niet gemaakt: de export van het vorige kwartaal ontbreekt."))
	} else {
		section(counts[1].label, []cell{hdr("Clientnummer"), hdr("Fase vorig kwartaal")}, len(sg.Verdwenen), func(i int) []cell {
			return []cell{txt(sg.Verdwenen[i].Clientnummer), txt(sg.Verdwenen[i].Van)}
		})
		section(counts[2].label, []cell{hdr("Clientnummer"), hdr("Fase vorig kwartaal"), hdr("Fase nu")}, len(sg.Terugval), func(i int) []cell {
			return []cell{txt(sg.Terugval[i].Clientnummer), txt(sg.Terugval[i].Van), txt(sg.Terugval[i].Fase)}
		})
	}
	g.widths = []float64{24, 22, 20, 12}
	g.print = printSetup{titleRows: [2]int{1, 1}, confidential: true}
	return g
}
