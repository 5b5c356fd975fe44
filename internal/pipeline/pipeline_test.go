package pipeline

import (
	"beschut/internal/value"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"beschut/ingest"
	"beschut/report"
	"beschut/samples"
)

func TestSafeGemeente(t *testing.T) {
	long := strings.Repeat("Abcdefghij", 30) // 300 bytes
	tag := func(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:4]) }
	tests := []struct{ in, want string }{
		{"Deventer", "Deventer"},
		{"'s-Hertogenbosch", "s-Hertogenbosch"},
		{"Súdwest-Fryslân", "Sudwest-Fryslan"},
		{"Den Haag", "Den-Haag"},
		{"Bergen (NH.)", "Bergen-NH"},
		{"..verborgen", "verborgen"},
		{"--optie", "optie"},
		{"", "gemeente-" + tag("")},
		{"???", "gemeente-" + tag("???")},
		{strings.Repeat("a", maxGemeentePart), strings.Repeat("a", maxGemeentePart)},                                                         // at the bound: kept
		{strings.Repeat("a", maxGemeentePart+1), strings.Repeat("a", maxGemeentePart-9) + "-" + tag(strings.Repeat("a", maxGemeentePart+1))}, // one over: cut and tagged
		{long, long[:maxGemeentePart-9] + "-" + tag(long)},
	}
	for _, tt := range tests {
		if got := safeGemeente(tt.in); got != tt.want {
			t.Errorf("safeGemeente(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBaseName(t *testing.T) {
	tests := []struct {
		code, gemeente, want string
	}{
		{"", "Deventer", "Deventer_2023-K2"},
		{"GM0150", "Deventer", "GM0150_Deventer_2023-K2"},
		{"gm 0796", "'s-Hertogenbosch", "GM0796_s-Hertogenbosch_2023-K2"},
		{"../GM0150", "Deventer", "GM0150_Deventer_2023-K2"},
	}
	for _, tt := range tests {
		if got := BaseName(report.GemeenteSettings{CBSCode: tt.code}, tt.gemeente, 2023, 2); got != tt.want {
			t.Errorf("BaseName(%q, %q) = %q, want %q", tt.code, tt.gemeente, got, tt.want)
		}
	}
	long := BaseName(report.GemeenteSettings{CBSCode: strings.Repeat("GM", 40)}, strings.Repeat("x", 300), 2023, 2)
	if len(long) != 16+1+maxGemeentePart+len("_2023-K2") { // code, gemeente part and quarter at their bounds
		t.Errorf("name %d bytes: %s", len(long), long)
	}
}

func sampleParams(t *testing.T) *report.Params {
	t.Helper()
	p, err := report.ParseParams("samples/parameters.conf", samples.Parameters)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestClashes(t *testing.T) {
	p := sampleParams(t)
	tests := []struct {
		gemeenten []string
		kept      []string
		want      map[string]string // gemeente → the error
	}{
		{[]string{"Deventer", "Olst-Wijhe"}, nil, map[string]string{}},
		{[]string{"Den Haag", "Den-Haag"}, nil, map[string]string{
			"Den Haag": `gemeenten "Den Haag" en "Den-Haag" krijgen dezelfde bestandsnaam Den-Haag…: geef ze elk een CBS-code in het parameterbestand`,
			"Den-Haag": `gemeenten "Den Haag" en "Den-Haag" krijgen dezelfde bestandsnaam Den-Haag…: geef ze elk een CBS-code in het parameterbestand`}},
		{[]string{"deventer"}, []string{"Deventer"}, map[string]string{ // case: a Windows share sees one name
			"deventer": `gemeenten "Deventer" en "deventer" krijgen dezelfde bestandsnaam deventer…: geef ze elk een CBS-code in het parameterbestand`}},
		{[]string{"Deventer"}, []string{"Deventer"}, map[string]string{}}, // the same gemeente again
	}
	for _, tt := range tests {
		var kept []Output
		for _, g := range tt.kept {
			kept = append(kept, Output{Gemeente: g})
		}
		failed := map[string]error{}
		clashes(p, tt.gemeenten, kept, failed)
		if len(failed) != len(tt.want) {
			t.Errorf("%v + %v: failed %v, want %v", tt.gemeenten, tt.kept, failed, tt.want)
			continue
		}
		for g, want := range tt.want {
			var clash *ClashError
			if err := failed[g]; !errors.As(err, &clash) || err.Error() != want {
				t.Errorf("%s: %v, want %s", g, err, want)
			}
		}
	}
}

func TestConfidentialDir(t *testing.T) {
	tests := []struct {
		out, conf, want string
		fails           bool
	}{
		{"uit", "", "uit-vertrouwelijk", false},
		{"a/uit/", "", "a/uit-vertrouwelijk", false},
		{"uit", "geheim", "geheim", false},
		{"uit", "uit", "", true},
		{"uit", "uit/geheim", "", true},
		{"uit/sub", "uit", "", true},
		{"uit", "./uit/", "", true},
	}
	for _, tt := range tests {
		got, err := ConfidentialDir(tt.out, tt.conf)
		var de *ConfidentialDirError
		if tt.fails != errors.As(err, &de) || got != tt.want {
			t.Errorf("ConfidentialDir(%q, %q) = %q, %v", tt.out, tt.conf, got, err)
		}
	}
}

// readSet reads the set a reader sees in dir: its manifest and files.
func readSet(t *testing.T, dir string) (Manifest, map[string]string) {
	t.Helper()
	files := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		files[e.Name()] = hex.EncodeToString(sum[:])
	}
	var m Manifest
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m, files
}

func commitSet(t *testing.T, path string, confidential bool, files map[string]string) {
	t.Helper()
	f, err := OpenFolder(path, confidential)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	for name, content := range files {
		if _, err := f.Create(name, func(w io.Writer) error { _, err := io.WriteString(w, content); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Commit([]byte("{}\n"), func(string) {}); err != nil {
		t.Fatal(err)
	}
}

// TestFolderGenerations: each commit is a new generation behind the link;
// the two before stay, older ones go; an unfinished generation (a crash
// before the switch) and a leftover switch link are removed by the next
// open; a second writer is refused.
func TestFolderGenerations(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "uitvoer")
	for i := 1; i <= 5; i++ {
		commitSet(t, out, false, map[string]string{"a.txt": fmt.Sprint(i)})
		if data, _ := os.ReadFile(filepath.Join(out, "a.txt")); string(data) != fmt.Sprint(i) {
			t.Fatalf("after commit %d the link shows %q", i, data)
		}
	}
	gens, _ := filepath.Glob(filepath.Join(root, ".uitvoer.generaties", "0*"))
	if want := []string{"000003", "000004", "000005"}; fmt.Sprint(bases(gens)) != fmt.Sprint(want) {
		t.Errorf("generations %v, want %v", bases(gens), want)
	}
	if target, _ := os.Readlink(out); target != filepath.Join(".uitvoer.generaties", "000005") {
		t.Errorf("link %q", target)
	}
	// A crash: a half-written generation and a switch link.
	os.MkdirAll(filepath.Join(root, ".uitvoer.generaties", "000006"), 0o755)
	os.WriteFile(filepath.Join(root, ".uitvoer.generaties", "000006", "half.txt"), []byte("x"), 0o644)
	os.Symlink(filepath.Join(".uitvoer.generaties", "000006"), switchTemp(out))
	if u := Unfinished(out); len(u) != 2 {
		t.Errorf("unfinished %v, want the generation and the link", u)
	}
	f, err := OpenFolder(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFolder(out, false); !errors.As(err, new(*BusyError)) {
		t.Errorf("second writer: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, ".uitvoer.generaties", "000006", "half.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("unfinished generation not removed: %v", err)
	}
	f.Abort()
	if u := Unfinished(out); len(u) != 0 {
		t.Errorf("after abort: %v", u)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "a.txt")); string(data) != "5" {
		t.Errorf("abort changed the set: %q", data)
	}
}

// TestFolderNeedsAName: the current folder or the root cannot become a link.
func TestFolderNeedsAName(t *testing.T) {
	for _, path := range []string{".", "/", "a/..", "./"} {
		if f, err := OpenFolder(path, false); err == nil || !strings.Contains(err.Error(), "geef een map met een eigen naam") {
			f.Abort()
			t.Errorf("%q: %v", path, err)
		}
	}
}

func bases(paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Base(p))
	}
	return out
}

// TestFolderFromPlainFolder: a plain output folder of an older version is
// replaced by the link in one step, and its temporary files are gone.
func TestFolderFromPlainFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "uitvoer")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "oud.pdf"), []byte("oud"), 0o644)
	os.WriteFile(filepath.Join(out, ".oud.pdf.123.tmp"), []byte("half"), 0o644)
	commitSet(t, out, false, map[string]string{"nieuw.pdf": "nieuw"})
	info, err := os.Lstat(out)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("not a link: %v %v", info, err)
	}
	entries, _ := os.ReadDir(out)
	if got := fmt.Sprint(names(entries)); got != "[manifest.json nieuw.pdf]" {
		t.Errorf("files %s", got)
	}
	if u := Unfinished(out); len(u) != 0 {
		t.Errorf("unfinished %v", u)
	}
}

func names(entries []os.DirEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestConfidentialPermissions: the confidential folder and its files are
// readable by the owner only.
func TestConfidentialPermissions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "geheim")
	commitSet(t, out, true, map[string]string{"signalen.xlsx": "x"})
	for path, want := range map[string]os.FileMode{
		storeOf(out):                          0o700,
		filepath.Join(out, "signalen.xlsx"):   0o600,
		filepath.Join(out, ManifestName):      0o600,
		filepath.Join(storeOf(out), "000001"): 0o700,
	} {
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: %v %v, want %v", path, info.Mode().Perm(), err, want)
		}
	}
}

// history is the Deventer samples plus a copy for a second gemeente.
func history(t *testing.T, other string) *ingest.History {
	t.Helper()
	var files []*ingest.FileResult
	for _, q := range []string{"2023_K1", "2023_K2"} {
		name := "konnected_beschut_" + q + ".csv"
		data, err := fs.ReadFile(samples.Exports, name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, ingest.ReadFile(name, data, arrivalTime(len(files))))
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		for i := 1; i < len(lines); i++ {
			lines[i] = strings.NewReplacer(";Deventer;", ";"+other+";", "KD-", "OW-").Replace(lines[i])
		}
		files = append(files, ingest.ReadFile("ow_"+name, []byte(strings.Join(lines, "\n")+"\n"), arrivalTime(len(files))))
	}
	h, err := ingest.Combine(files)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func arrivalTime(i int) (t0 time.Time) { return t0.Add(time.Duration(i) * time.Second) }

// text is a renderer writing a line; fail makes it fail for one gemeente.
func text(kind string, confidential bool, fail string) Renderer {
	return Renderer{Kind: kind, Suffix: "_" + kind + ".txt", Confidential: confidential, Render: func(w io.Writer, r *report.Report) error {
		if r.Gemeente == fail {
			return errors.New("kapot")
		}
		_, err := fmt.Fprintf(w, "%s %s %s\n", kind, r.Gemeente, value.FormatDate(r.Peildatum))
		return err
	}}
}

// paramsFor is the sample parameters with the Deventer sections copied for
// other gemeenten too.
func paramsFor(t *testing.T, gemeenten ...string) *report.Params {
	t.Helper()
	var extra strings.Builder
	for _, g := range gemeenten {
		copying := false
		for _, l := range strings.Split(string(samples.Parameters), "\n") {
			if strings.HasPrefix(l, "[") {
				copying = strings.HasPrefix(l, "[Deventer")
				if copying {
					l = strings.Replace(l, "Deventer", g, 1)
				}
			}
			if copying {
				extra.WriteString(l + "\n")
			}
		}
	}
	p, err := report.ParseParams("parameters.conf", append(append([]byte{}, samples.Parameters...), "\n"+extra.String()...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPublishStreams: each document is on disk, complete, before the next
// one is rendered (nothing is held until the end). One worker, so "the
// next" is well defined; TestPublishConcurrent covers more.
func TestPublishStreams(t *testing.T) {
	out := filepath.Join(t.TempDir(), "uitvoer")
	first := text("eerste", false, "")
	var checked int
	second := Renderer{Kind: "tweede", Suffix: "_tweede.txt", Render: func(w io.Writer, r *report.Report) error {
		name := BaseName(r.Settings, r.Gemeente, r.Current.Jaar, r.Current.Kwartaal) + first.Suffix
		data, err := os.ReadFile(filepath.Join(storeOf(out), "000001", name))
		if want := fmt.Sprintf("eerste %s %s\n", r.Gemeente, value.FormatDate(r.Peildatum)); err != nil || string(data) != want {
			return fmt.Errorf("%s not on disk while rendering the next: %q %v", name, data, err)
		}
		checked++
		_, err = io.WriteString(w, "tweede\n")
		return err
	}}
	h := history(t, "Olst-Wijhe")
	m, failed, err := Publish(h, paramsFor(t, "Olst-Wijhe"), Options{Out: out, Renderers: []Renderer{first, second}, Gemeenten: []string{"Deventer"}, Workers: 1})
	if err != nil || len(failed) > 0 || checked != 1 {
		t.Fatalf("%v %v, checked %d", err, failed, checked)
	}
	checkSet(t, out, m, 2)
}

// TestPublishOrder: one worker renders a gemeente's documents before it
// builds the next gemeente's report, so a report lives only until its
// documents are written (memory flat in the number of gemeenten).
func TestPublishOrder(t *testing.T) {
	var mu sync.Mutex
	var order []string
	rd := func(kind string) Renderer {
		return Renderer{Kind: kind, Suffix: "_" + kind + ".txt", Render: func(w io.Writer, r *report.Report) error {
			mu.Lock()
			order = append(order, r.Gemeente+" "+kind)
			mu.Unlock()
			_, err := io.WriteString(w, kind)
			return err
		}}
	}
	out := filepath.Join(t.TempDir(), "uitvoer")
	h := history(t, "Olst-Wijhe")
	if _, _, err := Publish(h, paramsFor(t, "Olst-Wijhe"), Options{Out: out, Renderers: []Renderer{rd("a"), rd("b")}, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if want := "[Deventer a Deventer b Olst-Wijhe a Olst-Wijhe b]"; fmt.Sprint(order) != want {
		t.Errorf("order %v, want %s", order, want)
	}
}

// TestPublishConcurrent: the documents of one gemeente render at the same
// time (each renderer waits until the other has started), and never more
// at once than there are workers, across gemeenten and documents.
func TestPublishConcurrent(t *testing.T) {
	started := map[string]chan struct{}{"a": make(chan struct{}), "b": make(chan struct{})}
	meet := func(kind, other string) Renderer {
		return Renderer{Kind: kind, Suffix: "_" + kind + ".txt", Render: func(w io.Writer, r *report.Report) error {
			close(started[kind])
			select {
			case <-started[other]:
			case <-time.After(20 * time.Second):
				return fmt.Errorf("%s: %s did not start while %s rendered", r.Gemeente, other, kind)
			}
			_, err := io.WriteString(w, kind)
			return err
		}}
	}
	h := history(t, "Olst-Wijhe")
	p := paramsFor(t, "Olst-Wijhe")
	out := filepath.Join(t.TempDir(), "uitvoer")
	m, _, err := Publish(h, p, Options{Out: out, Renderers: []Renderer{meet("a", "b"), meet("b", "a")}, Gemeenten: []string{"Deventer"}, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, out, m, 2)

	for _, workers := range []int{1, 2, 3} {
		var running, most atomic.Int32
		busy := func(kind string) Renderer {
			return Renderer{Kind: kind, Suffix: "_" + kind + ".txt", Render: func(w io.Writer, r *report.Report) error {
				n := running.Add(1)
				defer running.Add(-1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(20 * time.Millisecond)
				_, err := io.WriteString(w, kind)
				return err
			}}
		}
		out := filepath.Join(t.TempDir(), "uitvoer")
		m, _, err := Publish(h, p, Options{Out: out, Renderers: []Renderer{busy("a"), busy("b"), busy("c")}, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		checkSet(t, out, m, 6)
		if got := most.Load(); got > int32(workers) || got < 1 {
			t.Errorf("%d workers: %d documents rendered at once", workers, got)
		}
	}
}

// TestPublishFailsWhole: when one document of a gemeente fails while the
// others render beside it, none of its documents stays in the new
// generation, and the error is that of the first failing renderer.
func TestPublishFailsWhole(t *testing.T) {
	h := history(t, "Olst-Wijhe")
	p := paramsFor(t, "Olst-Wijhe")
	for _, workers := range []int{1, 2, 3} {
		out := filepath.Join(t.TempDir(), "uitvoer")
		rds := []Renderer{text("a", false, ""), text("b", false, "Olst-Wijhe"), text("c", true, "Olst-Wijhe"), text("d", true, "")}
		m, failed, err := Publish(h, p, Options{Out: out, Renderers: rds, Workers: workers, Partial: true, Gemeenten: []string{"Deventer", "Olst-Wijhe"}})
		if err != nil || len(failed) != 1 || failed[0].Gemeente != "Olst-Wijhe" || failed[0].Error() != "b Olst-Wijhe maken: kapot" {
			t.Fatalf("%d workers: %v %v", workers, err, failed)
		}
		checkSet(t, out, m, 2)
		for _, o := range m.Outputs {
			if o.Gemeente != "Deventer" {
				t.Errorf("%d workers: listed %+v", workers, o)
			}
		}
		_, conf := readSet(t, out+"-vertrouwelijk")
		if len(conf) != 3 { // Deventer's c and d, and the manifest
			t.Errorf("%d workers: confidential folder %v", workers, conf)
		}
	}
}

// checkSet: the folder holds exactly the manifest's public outputs (and the
// manifest), each with its sha256, and nothing unfinished.
func checkSet(t *testing.T, out string, want *Manifest, n int) Manifest {
	t.Helper()
	m, files := readSet(t, out)
	public := 0
	for _, o := range m.Outputs {
		if o.Vertrouwelijk {
			continue
		}
		public++
		if files[o.Path] != o.SHA256 {
			t.Errorf("%s: sha256 %s, manifest %s", o.Path, files[o.Path], o.SHA256)
		}
	}
	if len(files) != public+1 || public != n {
		t.Errorf("%d files for %d public outputs, want %d: %v", len(files), public, n, files)
	}
	if want != nil && fmt.Sprint(want.Outputs) != fmt.Sprint(m.Outputs) {
		t.Errorf("manifest on disk %v, returned %v", m.Outputs, want.Outputs)
	}
	if u := Unfinished(out); len(u) > 0 {
		t.Errorf("unfinished: %v", u)
	}
	return m
}

// TestPublishConfidential: a confidential document goes to its own folder,
// never beside the public ones, and both manifests list it with its kind.
func TestPublishConfidential(t *testing.T) {
	root := t.TempDir()
	out, conf := filepath.Join(root, "uitvoer"), filepath.Join(root, "geheim")
	rds := []Renderer{text("raadsmededeling", false, ""), text("signalen", true, "")}
	h := history(t, "Olst-Wijhe")
	m, _, err := Publish(h, paramsFor(t, "Olst-Wijhe"), Options{Out: out, Confidential: conf, Renderers: rds})
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, out, m, 2)
	cm, files := readSet(t, conf)
	if fmt.Sprint(cm.Outputs) != fmt.Sprint(m.Outputs) {
		t.Errorf("confidential manifest differs")
	}
	n := 0
	for _, o := range m.Outputs {
		if o.Kind == "signalen" {
			n++
			if !o.Vertrouwelijk || files[o.Path] != o.SHA256 {
				t.Errorf("%+v: in the confidential folder %s", o, files[o.Path])
			}
			if _, err := os.Stat(filepath.Join(out, o.Path)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s beside the public documents", o.Path)
			}
		}
	}
	if n != 2 || len(files) != 3 {
		t.Errorf("%d confidential outputs, files %v", n, files)
	}
}

// TestPublishPartial: with Partial a failing gemeente keeps its earlier
// documents and the others are rendered; without, the run fails and the
// previous set stays whole.
func TestPublishPartial(t *testing.T) {
	out := filepath.Join(t.TempDir(), "uitvoer")
	h := history(t, "Olst-Wijhe")
	p := paramsFor(t, "Olst-Wijhe")
	first, _, err := Publish(h, p, Options{Out: out, Renderers: []Renderer{text("doc", false, "")}})
	if err != nil {
		t.Fatal(err)
	}
	before := checkSet(t, out, first, 2)

	v2 := Renderer{Kind: "doc", Suffix: "_doc.txt", Render: func(w io.Writer, r *report.Report) error {
		if r.Gemeente == "Olst-Wijhe" {
			return errors.New("kapot")
		}
		_, err := io.WriteString(w, "versie 2\n")
		return err
	}}
	if _, _, err := Publish(h, p, Options{Out: out, Renderers: []Renderer{v2}}); err == nil || !strings.Contains(err.Error(), "doc Olst-Wijhe maken: kapot") {
		t.Fatalf("whole run: %v", err)
	}
	if after := checkSet(t, out, nil, 2); fmt.Sprint(after.Outputs) != fmt.Sprint(before.Outputs) {
		t.Errorf("failed run changed the set")
	}

	m, failed, err := Publish(h, p, Options{Out: out, Renderers: []Renderer{v2}, Keep: first, Partial: true, Gemeenten: []string{"Deventer", "Olst-Wijhe"}})
	if err != nil || len(failed) != 1 || failed[0].Gemeente != "Olst-Wijhe" {
		t.Fatalf("%v %v", err, failed)
	}
	after := checkSet(t, out, m, 2)
	for i, o := range after.Outputs {
		changed := o.SHA256 != before.Outputs[i].SHA256
		if changed != (o.Gemeente == "Deventer") {
			t.Errorf("%s changed %v", o.Path, changed)
		}
	}
	// Partial with no gemeenten renders none and keeps every document.
	m, failed, err = Publish(h, p, Options{Out: out, Renderers: []Renderer{v2}, Keep: m, Partial: true})
	if err != nil || len(failed) != 0 || fmt.Sprint(checkSet(t, out, m, 2).Outputs) != fmt.Sprint(after.Outputs) {
		t.Errorf("empty partial run: %v %v", err, failed)
	}
}

// TestLoadSamples: the embedded samples read in parallel give the history
// ingest.ReadFS gives, and a file that cannot be read stops the load.
func TestLoadSamples(t *testing.T) {
	p := sampleParams(t)
	got, err := Load(Options{Samples: samples.Exports}, p)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ingest.Options{Known: p.Configured}.ReadFS(samples.Exports, "samples/")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(got.Snapshots) < 2 {
		t.Errorf("Load of the samples differs from ingest.ReadFS (%d snapshots, want %d)", len(got.Snapshots), len(want.Snapshots))
	}
	broken := fstest.MapFS{"a.csv": &fstest.MapFile{Mode: fs.ModeDir}}
	if _, err := Load(Options{Samples: broken}, p); err == nil {
		t.Error("an unreadable file was not reported")
	}
}

// TestFolderWriteBuffers: a document that fails half way leaves nothing
// of itself in the buffer the next document reuses, and every document
// is written whole with its own sha256.
func TestFolderWriteBuffers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "uitvoer")
	f, err := OpenFolder(out, false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	if _, err := f.Create("kapot.txt", func(w io.Writer) error {
		io.WriteString(w, "half geschreven")
		return errors.New("kapot")
	}); err == nil {
		t.Fatal("the error was lost")
	}
	big := strings.Repeat("x", 200<<10) // more than one buffer
	want := map[string]string{"a.txt": "a", "b.txt": big, "c.txt": "c"}
	got := map[string]string{}
	var mu sync.Mutex
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		f.Write(name, func(w io.Writer) error { _, err := io.WriteString(w, want[name]); return err }, func(sum string, err error) {
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Error(err)
			}
			got[name] = sum
		})
	}
	if err := f.Commit([]byte("{}\n"), func(string) {}); err != nil {
		t.Fatal(err)
	}
	for name, content := range want {
		data, err := os.ReadFile(filepath.Join(out, name))
		sum := sha256.Sum256(data)
		if err != nil || string(data) != content || got[name] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: %d bytes, %v, sha256 %s", name, len(data), err, got[name])
		}
	}
	if _, err := os.Stat(filepath.Join(out, "kapot.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the failed document stayed: %v", err)
	}
}

// TestPublishRenderPanic: a renderer that panics on one gemeente's
// document (as fpdf does on a character it has no room for) fails that
// gemeente alone, with a *RenderPanic that names the document and holds the
// stack; the other gemeente's documents are written, nothing unfinished is
// left, and the process lives on (the scheduler runs the next job).
func TestPublishRenderPanic(t *testing.T) {
	h := history(t, "Olst-Wijhe")
	p := paramsFor(t, "Olst-Wijhe")
	boom := Renderer{Kind: "b", Suffix: "_b.txt", Render: func(w io.Writer, r *report.Report) error {
		if r.Gemeente == "Olst-Wijhe" {
			var runes []int
			_ = runes[len(r.Gemeente)] // index out of range
		}
		_, err := fmt.Fprintln(w, "b", r.Gemeente)
		return err
	}}
	for _, workers := range []int{1, 2} {
		out := filepath.Join(t.TempDir(), "uitvoer")
		m, failed, err := Publish(h, p, Options{Out: out, Renderers: []Renderer{text("a", false, ""), boom}, Workers: workers, Partial: true, Gemeenten: []string{"Deventer", "Olst-Wijhe"}})
		if err != nil || len(failed) != 1 || failed[0].Gemeente != "Olst-Wijhe" {
			t.Fatalf("%d workers: %v %v", workers, err, failed)
		}
		var rp *RenderPanic
		if !errors.As(failed[0], &rp) || rp.Name != "Olst-Wijhe_2023-K2_b.txt" || !strings.Contains(fmt.Sprint(rp.Value), "index out of range") || !strings.Contains(string(rp.Stack), "TestPublishRenderPanic") {
			t.Fatalf("%d workers: %#v", workers, failed[0])
		}
		if want := "b Olst-Wijhe maken: Olst-Wijhe_2023-K2_b.txt: interne fout tijdens het maken (runtime error: index out of range [10] with length 0); meld dit aan de beheerder van beschut"; failed[0].Error() != want {
			t.Errorf("%d workers:\n%s\nwant\n%s", workers, failed[0].Error(), want)
		}
		checkSet(t, out, m, 2) // Deventer's a and b
		for _, o := range m.Outputs {
			if o.Gemeente != "Deventer" {
				t.Errorf("%d workers: listed %+v", workers, o)
			}
		}
	}
}

// TestRunFailureOrder: Run opens the output folder while it reads the
// exports (a timing, measured in docs/benchmarks.md, not tested here), and
// on failure says what it said when it opened the folder after reading:
// bad exports before a busy folder; a busy folder when the exports are
// good; a failed run leaves the folder's set, no unfinished generation and
// the lock free.
func TestRunFailureOrder(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "uitvoer")
	bad := filepath.Join(root, "kapot.csv")
	if err := os.WriteFile(bad, []byte("x;y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := Options{Samples: samples.Exports, Params: samples.Parameters, ParamsName: "samples/parameters.conf", Out: out, Renderers: []Renderer{gemeenteName}}
	first, err := Run(good)
	if err != nil {
		t.Fatal(err)
	}
	badRun := good
	badRun.Inputs, badRun.Samples = []string{bad}, nil

	// Exports bad, folder free: the exports' errors, the set untouched.
	if _, err := Run(badRun); !errors.As(err, new(*ingest.FileErrors)) {
		t.Fatalf("bad exports: %v, want the file's errors", err)
	}
	if u := Unfinished(out); len(u) != 0 {
		t.Errorf("after a failed run: unfinished %v", u)
	}
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil || !strings.Contains(string(data), first.Outputs[0].SHA256) {
		t.Errorf("the set changed after a failed run: %v", err)
	}

	// Folder busy: bad exports still come first; good ones meet the lock.
	busy, err := OpenFolder(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(badRun); !errors.As(err, new(*ingest.FileErrors)) {
		t.Errorf("bad exports, busy folder: %v, want the file's errors", err)
	}
	if _, err := Run(good); !errors.As(err, new(*BusyError)) {
		t.Errorf("good exports, busy folder: %v, want BusyError", err)
	}
	busy.Abort()
	if _, err := Run(good); err != nil {
		t.Errorf("after the lock is given back: %v", err)
	}
	if u := Unfinished(out); len(u) != 0 {
		t.Errorf("unfinished %v", u)
	}
}
