package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// textEncoding is how a file's bytes are to be decoded.
type textEncoding int

const (
	encUTF8        textEncoding = iota
	encUTF8Invalid              // valid multi-byte UTF-8 and invalid bytes: an error per cell
	encWindows1252
	encUTF16LE
	encUTF16BE
)

// input is one export as bytes that can be read more than once: a first
// pass sniffs the encoding, a second the decimal sign, a third decodes.
// Nothing holds the whole file.
type input struct {
	name   string
	ra     io.ReaderAt
	size   int64
	enc    textEncoding
	skip   int64 // bytes of a byte order mark
	sha256 string
	label  string // the encoding as the summary names it
	lines  int    // line ends (LF, or CR when more): to size the records
}

// sniff reads the file once: its SHA-256, its byte order mark, whether it
// is UTF-16 (with or without BOM), and whether it holds valid multi-byte
// UTF-8, invalid UTF-8 bytes or both.
func (in *input) sniff() error {
	head := make([]byte, 512)
	n, err := in.ra.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		in.skip, in.label = 3, "UTF-8 met BOM"
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		in.skip, in.enc, in.label = 2, encUTF16LE, "UTF-16 LE met BOM"
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		in.skip, in.enc, in.label = 2, encUTF16BE, "UTF-16 BE met BOM"
	default:
		switch utf16Order(head) {
		case 'L':
			in.enc, in.label = encUTF16LE, "UTF-16 LE"
		case 'B':
			in.enc, in.label = encUTF16BE, "UTF-16 BE"
		}
	}
	h := sha256.New()
	buf := make([]byte, bufferSize(in.size, 256<<10))
	var multi, invalid bool
	var lf, cr int
	carry := 0
	r := io.NewSectionReader(in.ra, 0, in.size)
	for {
		n, err := io.ReadFull(r, buf[carry:])
		h.Write(buf[carry : carry+n])
		data := buf[:carry+n]
		eof := err != nil
		if !eof {
			// keep an incomplete last rune for the next round
			cut := len(data)
			for k := 1; k <= 3 && k <= len(data); k++ {
				if utf8.RuneStart(data[len(data)-k]) {
					if !utf8.FullRune(data[len(data)-k:]) {
						cut = len(data) - k
					}
					break
				}
			}
			data = data[:cut]
		}
		lf += bytes.Count(data, []byte{'\n'})
		cr += bytes.Count(data, []byte{'\r'})
		if in.enc == encUTF8 && !(multi && invalid) {
			m, i := scanUTF8(data)
			multi, invalid = multi || m, invalid || i
		}
		carry = copy(buf, buf[len(data):carry+n])
		if eof {
			if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
				return err
			}
			break
		}
	}
	in.sha256 = hex.EncodeToString(h.Sum(nil))
	in.lines = max(lf, cr)
	if in.enc != encUTF8 {
		return nil
	}
	switch {
	case invalid && multi:
		in.enc, in.label = encUTF8Invalid, "UTF-8 met ongeldige tekens"
	case invalid:
		in.enc, in.label = encWindows1252, "Windows-1252"
	case in.label == "":
		in.label = "UTF-8"
	}
	return nil
}

// scanUTF8 reports whether data holds valid multi-byte UTF-8 and whether
// it holds bytes that are not UTF-8.
func scanUTF8(data []byte) (multi, invalid bool) {
	if utf8.Valid(data) {
		for _, b := range data {
			if b >= utf8.RuneSelf {
				return true, false
			}
		}
		return false, false
	}
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			invalid = true
		} else {
			multi = true
		}
		i += size
	}
	return multi, invalid
}

// utf16Order recognises UTF-16 without a byte order mark by its zero
// bytes: text in the contract's columns is mostly ASCII, so every other
// byte is zero. A CSV file in UTF-8 or Windows-1252 holds no zero bytes.
func utf16Order(head []byte) byte {
	pairs := len(head) / 2
	if pairs < 2 {
		return 0
	}
	even, odd := 0, 0
	for i := 0; i+1 < len(head); i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*2 >= pairs && even == 0:
		return 'L'
	case even*2 >= pairs && odd == 0:
		return 'B'
	}
	return 0
}

// text returns the file from its start as UTF-8, with every CR that does
// not start a CRLF turned into LF (Excel for Mac ends lines with CR alone).
// A file of encUTF8Invalid is passed as it is; its cells are checked.
func (in *input) text() io.Reader {
	var r io.Reader = io.NewSectionReader(in.ra, in.skip, in.size-in.skip)
	switch in.enc {
	case encWindows1252:
		r = charmap.Windows1252.NewDecoder().Reader(r)
	case encUTF16LE:
		r = transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case encUTF16BE:
		r = transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
	}
	return &crReader{r: bufio.NewReaderSize(r, bufferSize(in.size, 64<<10))}
}

// bufferSize fits a buffer to a small file: the samples are a few KB, and
// every pass allocates its buffers again.
func bufferSize(size int64, most int) int {
	return int(min(max(size+16, 4096), int64(most)))
}

// crReader turns a lone CR into LF and leaves CRLF alone, so encoding/csv
// sees the lines of a CR-only file and counts them as an editor does.
type crReader struct{ r *bufio.Reader }

func (c *crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		j := bytes.IndexByte(p[i:n], '\r') // most files have none, or one per line
		if j < 0 {
			break
		}
		i += j
		if i+1 < n {
			if p[i+1] != '\n' {
				p[i] = '\n'
			}
			continue
		}
		if next, perr := c.r.Peek(1); perr != nil || next[0] != '\n' {
			p[i] = '\n'
		}
	}
	return n, err
}
