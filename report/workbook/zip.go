package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"github.com/klauspost/compress/flate"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

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
//
// A part is held compressed, not as its XML: it is deflated as excelize
// writes it (at zipLevel), and written at Close as a raw entry with the
// header and data descriptor that zip.Writer.Create would have written,
// so the bytes are the same as deflating at Close with a compressor of
// that level. The national overview's Data sheet is some 100 MB
// of XML and some 5 MB deflated; holding it as XML made the save cost
// more memory and time than the rest of the run together.
// The two parts rewritten at Close (content types, charts) are small and
// held as they are. As with zip.Writer, a part is written whole before the
// next is created: they share one compressor.
type sortedZip struct {
	w     io.Writer
	parts map[string]*zipPart
	open  *zipPart      // the part being written; closed at the next Create
	fw    *flate.Writer // reused for every part
}

// zipPart is one part: deflated (raw, with its checksum and sizes) or,
// for a part rewritten at Close, as written.
type zipPart struct {
	z     *sortedZip
	data  bytes.Buffer
	plain bool
	crc   hash.Hash32
	size  uint64
}

func (p *zipPart) Write(b []byte) (int, error) {
	if p.plain {
		return p.data.Write(b)
	}
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.z.fw.Write(b)
}

const contentTypes = "[Content_Types].xml"

// zipLevel is the deflate level: flate.BestSpeed. It costs about a fifth
// of the CPU of a workbook less than level 5 (archive/zip's default), for
// files some 20 % larger (docs/workbook.md, "Speed"). The compressor is
// klauspost/compress's flate, a drop-in for compress/flate that deflates
// about twice as fast at this level and writes slightly smaller files.
const zipLevel = flate.BestSpeed

// compressors keeps deflate compressors for the next workbook: one holds
// some 1 MB of tables, and a national run saves some 700 workbooks. Reset
// gives a reused compressor the state of a new one, so the bytes are the
// same; the pool is a cache only.
var compressors = sync.Pool{New: func() any {
	fw, err := flate.NewWriter(io.Discard, zipLevel)
	if err != nil {
		panic(err) // only for a level out of range: a constant here
	}
	return fw
}}

// pooledFlate is a compressor of the pool, back in it when closed.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	p.Writer.Reset(io.Discard) // let go of the zip's writer
	compressors.Put(p.Writer)
	return err
}

// deflate is the zip.Writer compressor of the parts written at Close: the
// same level and pool as the parts deflated as they come.
func deflate(w io.Writer) (io.WriteCloser, error) {
	fw := compressors.Get().(*flate.Writer)
	fw.Reset(w)
	return pooledFlate{fw}, nil
}

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, parts: map[string]*zipPart{}}
}

// rewritten reports whether a part is changed at Close.
func rewritten(name string) bool {
	return name == contentTypes || strings.HasPrefix(name, "xl/charts/chart")
}

// finish closes the compressor of the part being written.
func (z *sortedZip) finish() error {
	p := z.open
	z.open = nil
	if p == nil || p.plain {
		return nil
	}
	return z.fw.Close()
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{z: z, plain: rewritten(name)}
	if !p.plain {
		p.crc = crc32.NewIEEE()
		if z.fw == nil {
			z.fw = compressors.Get().(*flate.Writer)
		}
		z.fw.Reset(&p.data)
	}
	z.parts[name] = p
	z.open = p
	return p, nil
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
		w, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
}

func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	if z.fw != nil {
		z.fw.Reset(io.Discard) // drop the last part's buffer
		compressors.Put(z.fw)
		z.fw = nil
	}
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	sort.Strings(names) // "[Content_Types].xml" sorts first
	zw := zip.NewWriter(z.w)
	zw.RegisterCompressor(zip.Deflate, deflate)
	for _, name := range names {
		p := z.parts[name]
		if p.plain {
			data := p.data.Bytes()
			if name == contentTypes {
				var err error
				if data, err = sortContentTypes(data); err != nil {
					return err
				}
			} else {
				data = chartLanguage(data)
			}
			w, err := zw.Create(name)
			if err != nil {
				return err
			}
			if _, err := w.Write(data); err != nil {
				return err
			}
			continue
		}
		// What zip.Writer.Create writes: version 2.0, sizes in a
		// data descriptor after the data.
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               name,
			Method:             zip.Deflate,
			Flags:              0x8,
			CreatorVersion:     20,
			ReaderVersion:      20,
			CRC32:              p.crc.Sum32(),
			CompressedSize64:   uint64(p.data.Len()),
			UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data.Bytes()); err != nil {
			return err
		}
		delete(z.parts, name) // its memory goes as it is written
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
