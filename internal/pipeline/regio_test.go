package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"beschut/ingest"
	"beschut/internal/fixture"
	"beschut/report"
	"beschut/samples"
	"beschut/samples/generate/generator"
)

// gemeenteName is a renderer that writes only the gemeente's name, so the
// test runs the pipeline without the cost of the real documents.
var gemeenteName = Renderer{Kind: "naam", Suffix: ".txt", Render: func(w io.Writer, r *report.Report) error {
	_, err := fmt.Fprint(w, r.Gemeente)
	return err
}}

func regioOptions(t *testing.T) Options {
	t.Helper()
	dir := filepath.Join("..", "..", "samples", "regio")
	params, err := os.ReadFile(filepath.Join(dir, "parameters.conf"))
	if err != nil {
		t.Fatal(err)
	}
	return Options{Inputs: []string{dir}, Params: params, ParamsName: filepath.Join(dir, "parameters.conf"), Out: t.TempDir(), Renderers: []Renderer{gemeenteName}, Overview: true}
}

// regioRun runs the example region once and reads its history again, as a
// scheduled run that follows it would: the options, the first run's
// manifest, the parameters and the history.
func regioRun(t *testing.T) (Options, *Manifest, *report.Params, *ingest.History) {
	t.Helper()
	o := regioOptions(t)
	first, err := Run(o)
	if err != nil {
		t.Fatal(err)
	}
	params, err := report.ParseParams(o.ParamsName, o.Params)
	if err != nil {
		t.Fatal(err)
	}
	h, err := Load(o, params)
	if err != nil {
		t.Fatal(err)
	}
	return o, first, params, h
}

// TestOverviewRegio: a run on the example region writes, next to the
// gemeenten's documents, the overview named after the regio, listed in the
// manifest; its total is 004's taakstelling of 102.
func TestOverviewRegio(t *testing.T) {
	o := regioOptions(t)
	m, err := Run(o)
	if err != nil {
		t.Fatal(err)
	}
	var overviews, pdfs []Output
	for _, out := range m.Outputs {
		switch out.Kind {
		case OverzichtKind:
			overviews = append(overviews, out)
		case OverzichtPDFKind:
			pdfs = append(pdfs, out)
		}
	}
	if len(m.Outputs) != 10 || len(overviews) != 1 || len(pdfs) != 1 {
		t.Fatalf("outputs %+v", m.Outputs)
	}
	ov := overviews[0]
	if ov.Path != "Zaanstreek-Waterland_2018-K4_overzicht.xlsx" || ov.Gemeente != "Zaanstreek-Waterland" || ov.Peildatum != "31-12-2018" {
		t.Errorf("overview %+v", ov)
	}
	pdf := pdfs[0]
	if pdf.Path != "Zaanstreek-Waterland_2018-K4_overzicht.pdf" || pdf.Gemeente != "Zaanstreek-Waterland" || pdf.Peildatum != "31-12-2018" || pdf.Vertrouwelijk {
		t.Errorf("overview pdf %+v", pdf)
	}
	raw, err := os.ReadFile(filepath.Join(o.Out, pdf.Path))
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != pdf.SHA256 {
		t.Errorf("manifest sha256 %s does not match the file", pdf.SHA256)
	}
	if !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Errorf("not a PDF: %q", raw[:min(len(raw), 8)])
	}
	f, err := excelize.OpenFile(filepath.Join(o.Out, ov.Path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Overzicht", excelize.Options{RawCellValue: true})
	if total := rows[len(rows)-1]; total[0] != "Totaal regio Zaanstreek-Waterland" || total[2] != "102" {
		t.Errorf("total row %v", total)
	}
}

// TestOverviewWholeHistory: a run that renders only some gemeenten (the
// scheduled job renders the changed ones) still totals all of them.
func TestOverviewWholeHistory(t *testing.T) {
	o := regioOptions(t)
	o.Gemeenten = []string{"Zaanstad"}
	m, err := Run(o)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, out := range m.Outputs {
		kinds[out.Kind] = out.Path
	}
	if len(m.Outputs) != 3 || kinds[OverzichtKind] == "" || kinds[OverzichtPDFKind] == "" {
		t.Fatalf("outputs %+v", m.Outputs)
	}
	f, err := excelize.OpenFile(filepath.Join(o.Out, kinds[OverzichtKind]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Overzicht", excelize.Options{RawCellValue: true})
	if len(rows) != 3+8+1 || rows[len(rows)-1][2] != "102" {
		t.Errorf("%d rows, total %v", len(rows), rows[len(rows)-1])
	}
}

// TestNoOverviewForOneGemeente: one gemeente, or a run that writes no
// documents, gives no overview.
func TestNoOverviewForOneGemeente(t *testing.T) {
	m, err := Run(Options{Samples: samples.Exports, Params: samples.Parameters, ParamsName: "samples/parameters.conf", Out: t.TempDir(), Renderers: []Renderer{gemeenteName}, Overview: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Outputs) != 1 || m.Outputs[0].Kind != "naam" {
		t.Errorf("outputs %+v", m.Outputs)
	}
	o := regioOptions(t)
	o.Overview = false
	if m, err = Run(o); err != nil || len(m.Outputs) != 8 {
		t.Errorf("without Overview: %v %+v", err, m.Outputs)
	}
}

// TestOverviewReplacesBoth: a scheduled run (Partial, one gemeente
// rendered) that makes a new overview replaces the earlier workbook and
// PDF, each once; a run that makes none keeps both.
func TestOverviewReplacesBoth(t *testing.T) {
	o, first, params, h := regioRun(t)
	kinds := func(m *Manifest) map[string]int {
		n := map[string]int{}
		for _, out := range m.Outputs {
			n[out.Kind]++
			if _, err := os.Stat(filepath.Join(o.Out, out.Path)); err != nil {
				t.Error(err)
			}
		}
		return n
	}
	for _, overview := range []bool{true, false} {
		p := o
		p.Keep, p.Partial, p.Gemeenten, p.Overview = first, true, []string{"Zaanstad"}, overview
		m, failed, err := Publish(h, params, p)
		if err != nil || len(failed) != 0 {
			t.Fatalf("overview %v: %v %v", overview, err, failed)
		}
		n := kinds(m)
		if len(m.Outputs) != 10 || n[OverzichtKind] != 1 || n[OverzichtPDFKind] != 1 || n["naam"] != 8 {
			t.Errorf("overview %v: kinds %v in %d outputs", overview, n, len(m.Outputs))
		}
		first = m
	}
}

// TestOverviewPart: the overview built from the parts of the reports the
// run keeps is the overview of the whole reports, on the example region
// and on a small generated national set (a field BuildOverzicht starts to
// read and OverzichtPart does not copy makes this fail).
func TestOverviewPart(t *testing.T) {
	check := func(name string, want *report.Overzicht, reports []*report.Report, p *report.Params) {
		t.Helper()
		var parts []*report.Report
		for _, r := range reports {
			parts = append(parts, r.OverzichtPart())
		}
		got, err := report.BuildOverzicht(parts, p)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the overview of the parts differs from that of the reports", name)
		}
	}
	p := fixture.RegioParams(t, "../..")
	ov, reports := fixture.Overzicht(t, []string{fixture.RegioDir("../..")}, p)
	check("regio", ov, reports, p)
	n := generator.National{Gemeenten: 12, LastYear: 2019, LastQuarter: 2, Scale: 0.05, Seed: 7}
	ov, reports = fixture.National(t, n)
	np, err := report.ParseParams("national.conf", generator.NationalParams(n))
	if err != nil {
		t.Fatal(err)
	}
	check("national", ov, reports, np)
}

// TestOverviewFailsWhole: when the overview's PDF fails after its workbook
// is written, the scheduled run keeps the earlier pair, says why, and
// leaves no new overview workbook in the folder.
func TestOverviewFailsWhole(t *testing.T) {
	o, first, params, h := regioRun(t)
	saved := overviewDocs[1].write
	defer func() { overviewDocs[1].write = saved }()
	overviewDocs[1].write = func(w io.Writer, ov *report.Overzicht) error {
		io.WriteString(w, "%PDF-half")
		return fmt.Errorf("kapot")
	}
	p := o
	p.Keep, p.Partial, p.Gemeenten = first, true, []string{"Zaanstad"}
	p.Workers = 2
	m, failed, err := Publish(h, params, p)
	if err != nil || len(failed) != 0 {
		t.Fatalf("%v %v", err, failed)
	}
	if len(m.Warnings) == 0 || !strings.Contains(m.Warnings[len(m.Warnings)-1], "het overzicht van alle gemeenten is niet bijgewerkt: overzicht-pdf Zaanstreek-Waterland maken: kapot") {
		t.Errorf("warnings %q", m.Warnings)
	}
	before := map[string]string{}
	for _, out := range first.Outputs {
		before[out.Path] = out.SHA256
	}
	for _, out := range m.Outputs {
		if IsOverzichtKind(out.Kind) && before[out.Path] != out.SHA256 {
			t.Errorf("%s changed", out.Path)
		}
	}
	// The folder holds exactly what the manifest lists: no new workbook.
	got, files := readSet(t, o.Out)
	if len(files) != len(got.Outputs)+1 || len(got.Outputs) != 10 {
		t.Errorf("%d files for %d outputs", len(files), len(got.Outputs))
	}
}
