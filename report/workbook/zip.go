package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"sort"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer excelize saves through. excelize writes the
// Default entries of [Content_Types].xml in Go map order, so two saves of
// the same workbook differ; this writer holds that part back until the
// next part starts and writes it with its entries sorted.
type sortedZip struct {
	zw      *zip.Writer
	pending *bytes.Buffer
}

const contentTypes = "[Content_Types].xml"

func newSortedZip(w io.Writer) excelize.ZipWriter { return &sortedZip{zw: zip.NewWriter(w)} }

func (z *sortedZip) flush() error {
	if z.pending == nil {
		return nil
	}
	data, err := sortContentTypes(z.pending.Bytes())
	z.pending = nil
	if err != nil {
		return err
	}
	w, err := z.zw.Create(contentTypes)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	if name == contentTypes {
		z.pending = &bytes.Buffer{}
		return z.pending, nil
	}
	return z.zw.Create(name)
}

func (z *sortedZip) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *sortedZip) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.Close()
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
