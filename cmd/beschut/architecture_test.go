package main

import (
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestArchitecturePicture: the package picture in docs/architecture.md has
// exactly the imports between the binary's packages that go list reports.
func TestArchitecturePicture(t *testing.T) {
	doc, err := os.ReadFile("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(doc), "```mermaid")
	end := strings.Index(string(doc)[start+3:], "```") + start + 3
	if start < 0 || end < start {
		t.Fatal("no mermaid picture")
	}
	node := regexp.MustCompile(`^([\w/]+)(?:\[([\w/]+)\])?$`)
	path := map[string]string{}
	name := func(s string) string {
		m := node.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil {
			t.Fatalf("node %q", s)
		}
		if m[2] != "" {
			path[m[1]] = m[2]
		}
		return m[1]
	}
	var pairs [][2]string
	for _, line := range strings.Split(string(doc)[start:end], "\n") {
		if a, b, ok := strings.Cut(line, "-->"); ok {
			pairs = append(pairs, [2]string{name(a), name(b)})
		}
	}
	var drawn []string
	for _, p := range pairs {
		from, to := p[0], p[1]
		if path[from] != "" {
			from = path[from]
		}
		if path[to] != "" {
			to = path[to]
		}
		drawn = append(drawn, from+" -> "+to)
	}
	out, err := exec.Command("go", "list", "-deps", "-f", `{{if .Module}}{{if eq .Module.Path "beschut"}}{{.ImportPath}}:{{join .Imports " "}}{{end}}{{end}}`, "beschut/cmd/beschut").Output()
	if err != nil {
		t.Fatal(err)
	}
	var real []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "beschut/") {
				real = append(real, strings.TrimPrefix(pkg, "beschut/")+" -> "+strings.TrimPrefix(imp, "beschut/"))
			}
		}
	}
	sort.Strings(drawn)
	sort.Strings(real)
	if strings.Join(drawn, "\n") != strings.Join(real, "\n") {
		t.Errorf("the picture in docs/architecture.md differs from go list:\ndrawn:\n%s\n\ngo list:\n%s", strings.Join(drawn, "\n"), strings.Join(real, "\n"))
	}
}
