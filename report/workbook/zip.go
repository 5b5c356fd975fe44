package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer excelize saves through. It makes the saved
// bytes a function of the workbook alone, and fixes what excelize cannot be
// told:
//
//   - excelize writes its parts in map order (the StreamWriter parts,
//     and the Default entries of [Content_Types].xml), so two saves of the
//     same workbook differ. This writer holds every part back and writes
//     them sorted by name at Close, with the content types sorted.
//   - excelize hardcodes en-US as the language of every chart; the charts
//     of this Dutch workbook declare nl-NL.
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

const contentTypes = "[Content_Types].xml"

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		z.parts[name] = bytes.NewBuffer(data)
		return nil
	})
}

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	sort.Strings(names) // "[Content_Types].xml" sorts first
	zw := zip.NewWriter(z.w)
	for _, name := range names {
		data := z.parts[name].Bytes()
		switch {
		case name == contentTypes:
			var err error
			if data, err = sortContentTypes(data); err != nil {
				return err
			}
		case strings.HasPrefix(name, "xl/charts/chart"):
			data = chartLanguage(data)
		}
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// chartLanguage replaces excelize's en-US with nl-NL: the chart's c:lang
// and the language of its text runs.
func chartLanguage(data []byte) []byte {
	return bytes.ReplaceAll(data, []byte(`"en-US"`), []byte(`"nl-NL"`))
}

type ctTypes struct {
	XMLName   xml.Name     `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []ctDefault  `xml:"Default"`
	Overrides []ctOverride `xml:"Override"`
}

type ctDefault struct {
	Extension   string `xml:",attr"`
	ContentType string `xml:",attr"`
}

type ctOverride struct {
	PartName    string `xml:",attr"`
	ContentType string `xml:",attr"`
}

func sortContentTypes(data []byte) ([]byte, error) {
	var t ctTypes
	if err := xml.Unmarshal(data, &t); err != nil {
		return nil, err
	}
	sort.Slice(t.Defaults, func(i, j int) bool { return t.Defaults[i].Extension < t.Defaults[j].Extension })
	sort.Slice(t.Overrides, func(i, j int) bool { return t.Overrides[i].PartName < t.Overrides[j].PartName })
	out, err := xml.Marshal(t)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}
