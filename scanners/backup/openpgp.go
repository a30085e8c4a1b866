package backup

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// OpenPGP packet tags (RFC 9580 section 5).
const (
	tagPKESK  = 1  // public-key encrypted session key
	tagSKESK  = 3  // symmetric-key (passphrase) encrypted session key
	tagCompr  = 8  // compressed data
	tagSED    = 9  // symmetrically encrypted data (no integrity protection)
	tagMarker = 10 // marker, ignored
	tagLit    = 11 // literal data
	tagSEIPD  = 18 // symmetrically encrypted and integrity protected data
	tagAEAD   = 20 // AEAD encrypted data (LibrePGP)
)

var tagNames = map[int]string{
	1: "public-key encrypted session key", 2: "signature", 3: "symmetric-key encrypted session key",
	4: "one-pass signature", 5: "secret key", 6: "public key", 7: "secret subkey", 8: "compressed data",
	9: "symmetrically encrypted data", 10: "marker", 11: "literal data", 12: "trust", 13: "user id",
	14: "public subkey", 17: "user attribute", 18: "encrypted integrity protected data", 19: "modification detection code",
	20: "AEAD encrypted data",
}

// versioned names a data packet and its version ("... v1"); the usual ones
// are kept, as every archive header names one.
func versioned(name string, v byte) string {
	if v == 1 || v == 2 {
		if n, ok := versionedNames[name][v]; ok {
			return n
		}
	}
	return fmt.Sprintf("%s v%d", name, v)
}

var versionedNames = func() map[string]map[byte]string {
	m := map[string]map[byte]string{}
	for _, t := range []int{tagSEIPD, tagAEAD} {
		n := tagNames[t]
		m[n] = map[byte]string{1: n + " v1", 2: n + " v2"}
	}
	return m
}()

func tagName(t int) string {
	if n, ok := tagNames[t]; ok {
		return n
	}
	return fmt.Sprintf("tag %d", t)
}

// errNotOpenPGP marks data that is not an OpenPGP message at all.
var errNotOpenPGP = errors.New("not an OpenPGP message")

// maxESK caps a session key packet; the largest real ones (RSA-16384) are ~2 KB.
const maxESK = 64 << 10

// message is what the packet structure of an archive tells.
type message struct {
	// Encrypted is set when session key packets are followed by an encrypted
	// data packet.
	Encrypted bool
	// Method is public-key, passphrase, or both ("public-key+passphrase").
	Method string
	// KeyIDs are the recipients' key ids from PKESK packets, hex.
	KeyIDs []string
	// DataPacket names the encrypted data packet and its version.
	DataPacket string
	// First names the first packet when the message is not encrypted.
	First string
}

// pgpReader reads packets and counts the offset for error messages.
type pgpReader struct {
	r   *bufio.Reader
	off int64
}

func (p *pgpReader) byte() (byte, error) {
	b, err := p.r.ReadByte()
	if err == nil {
		p.off++
	}
	return b, err
}

func (p *pgpReader) full(buf []byte) error {
	n, err := io.ReadFull(p.r, buf)
	p.off += int64(n)
	return err
}

func (p *pgpReader) skip(n int64) error {
	m, err := p.r.Discard(int(min(n, 1<<62)))
	p.off += int64(m)
	if err == nil && int64(m) < n {
		return p.skip(n - int64(m))
	}
	return err
}

// header is one packet header: the tag and the first body length. partial means
// more length headers follow the chunk (new format, RFC 9580 4.2.1.4);
// indeterminate (old format type 3) means the body runs to the end of the data.
type header struct {
	tag           int
	length        int64
	partial       bool
	indeterminate bool
	newFormat     bool
	at            int64
}

// readHeader reads a packet header; io.EOF means a clean end between packets.
func (p *pgpReader) readHeader() (header, error) {
	h := header{at: p.off}
	b, err := p.byte()
	if err != nil {
		return h, err
	}
	if b&0x80 == 0 {
		return h, fmt.Errorf("byte 0x%02x at offset %d is not a packet header: %w", b, h.at, errNotOpenPGP)
	}
	if b&0x40 != 0 {
		h.newFormat = true
		h.tag = int(b & 0x3f)
		h.length, h.partial, err = p.newLength()
		if err != nil {
			return h, fmt.Errorf("%s packet at offset %d: length: %w", tagName(h.tag), h.at, eofToTrunc(err))
		}
		return h, nil
	}
	h.tag = int(b>>2) & 0x0f
	var n int
	switch b & 3 {
	case 0:
		n = 1
	case 1:
		n = 2
	case 2:
		n = 4
	case 3:
		h.indeterminate = true
		return h, nil
	}
	var buf [4]byte
	if err := p.full(buf[:n]); err != nil {
		return h, fmt.Errorf("%s packet at offset %d: length: %w", tagName(h.tag), h.at, eofToTrunc(err))
	}
	for _, c := range buf[:n] {
		h.length = h.length<<8 | int64(c)
	}
	return h, nil
}

// newLength reads a new-format length (RFC 9580 4.2.1).
func (p *pgpReader) newLength() (int64, bool, error) {
	o1, err := p.byte()
	if err != nil {
		return 0, false, err
	}
	switch {
	case o1 < 192:
		return int64(o1), false, nil
	case o1 < 224:
		o2, err := p.byte()
		if err != nil {
			return 0, false, err
		}
		return (int64(o1)-192)<<8 + int64(o2) + 192, false, nil
	case o1 == 255:
		var buf [4]byte
		if err := p.full(buf[:]); err != nil {
			return 0, false, err
		}
		return int64(buf[0])<<24 | int64(buf[1])<<16 | int64(buf[2])<<8 | int64(buf[3]), false, nil
	default:
		return 1 << (o1 & 0x1f), true, nil
	}
}

// errTruncated marks data that ends inside a packet.
var errTruncated = errors.New("data ends inside a packet (truncated)")

func eofToTrunc(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errTruncated
	}
	return err
}

// skipBody discards the rest of a body whose first chunk (h.length) has not
// been read yet, following partial length chunks to the last one.
func (p *pgpReader) skipBody(h header, consumed int64) error {
	if h.indeterminate {
		_, err := io.Copy(io.Discard, p.r)
		return err
	}
	n, partial := h.length-consumed, h.partial
	for {
		if err := p.skip(n); err != nil {
			return fmt.Errorf("%s packet at offset %d: body: %w", tagName(h.tag), h.at, eofToTrunc(err))
		}
		if !partial {
			return nil
		}
		var err error
		n, partial, err = p.newLength()
		if err != nil {
			return fmt.Errorf("%s packet at offset %d: partial body length at offset %d: %w", tagName(h.tag), h.at, p.off, eofToTrunc(err))
		}
	}
}

// parseMessage reads the packets of an OpenPGP message. With full unset it
// stops at the encrypted data packet's first bytes (a header check, cheap for
// many files); with full set it reads to the end and fails on any structural
// damage: a truncated packet, a missing final length, data after the
// encrypted packet.
func parseMessage(r *bufio.Reader, full bool) (message, error) {
	var m message
	p := &pgpReader{r: r}
	if armored(r) {
		p.r = bufio.NewReader(base64.NewDecoder(base64.StdEncoding, &armorBody{r: r}))
	}
	var pub, pass bool
	for n := 0; ; n++ {
		h, err := p.readHeader()
		if errors.Is(err, io.EOF) {
			if n == 0 {
				return m, fmt.Errorf("empty file: %w", errNotOpenPGP)
			}
			return m, fmt.Errorf("message ends after %d packets without an encrypted data packet", n)
		}
		if err != nil {
			return m, err
		}
		if n == 0 && !knownTag(h.tag) {
			return m, fmt.Errorf("first byte names packet %s: %w", tagName(h.tag), errNotOpenPGP)
		}
		if h.partial && !dataTag(h.tag) {
			return m, fmt.Errorf("%s packet at offset %d has a partial length, allowed only for data packets", tagName(h.tag), h.at)
		}
		if h.partial && h.length < 512 && full {
			return m, fmt.Errorf("%s packet at offset %d: first partial chunk is %d bytes, below the 512 required", tagName(h.tag), h.at, h.length)
		}
		switch h.tag {
		case tagPKESK, tagSKESK:
			if h.indeterminate || h.length > maxESK {
				return m, fmt.Errorf("%s packet at offset %d: length %d is not a session key", tagName(h.tag), h.at, h.length)
			}
			body := make([]byte, h.length)
			if err := p.full(body); err != nil {
				return m, fmt.Errorf("%s packet at offset %d: body: %w", tagName(h.tag), h.at, eofToTrunc(err))
			}
			if h.tag == tagSKESK {
				pass = true
				continue
			}
			id, err := pkeskKeyID(body)
			if err != nil {
				return m, fmt.Errorf("public-key encrypted session key at offset %d: %w", h.at, err)
			}
			pub = true
			m.KeyIDs = append(m.KeyIDs, id)
		case tagMarker:
			if err := p.skipBody(h, 0); err != nil {
				return m, err
			}
		case tagSED, tagSEIPD, tagAEAD:
			m.DataPacket = tagName(h.tag)
			consumed := int64(0)
			if h.tag != tagSED {
				v, err := p.byte()
				if err != nil {
					return m, fmt.Errorf("%s packet at offset %d: version: %w", tagName(h.tag), h.at, eofToTrunc(err))
				}
				consumed = 1
				m.DataPacket = versioned(m.DataPacket, v)
			}
			switch {
			case pub && pass:
				m.Method = "public-key+passphrase"
			case pub:
				m.Method = "public-key"
			case pass:
				m.Method = "passphrase"
			default:
				return m, fmt.Errorf("%s packet at offset %d has no session key packet before it", tagName(h.tag), h.at)
			}
			m.Encrypted = true
			if !full {
				return m, nil
			}
			if err := p.skipBody(h, consumed); err != nil {
				return m, err
			}
			if _, err := p.byte(); !errors.Is(err, io.EOF) {
				if err != nil {
					return m, fmt.Errorf("after the encrypted data packet: %w", err)
				}
				return m, fmt.Errorf("data follows the encrypted data packet at offset %d", p.off-1)
			}
			return m, nil
		default:
			// A literal, compressed or signed message: OpenPGP, not encrypted.
			m.First = tagName(h.tag)
			return m, nil
		}
	}
}

func knownTag(t int) bool { _, ok := tagNames[t]; return ok }

func dataTag(t int) bool {
	return t == tagCompr || t == tagSED || t == tagLit || t == tagSEIPD || t == tagAEAD
}

// pkeskKeyID reads the recipient from a PKESK body: v3 carries an 8-byte key
// id (RFC 9580 5.1.1), v6 a key version and fingerprint (5.1.2).
func pkeskKeyID(b []byte) (string, error) {
	if len(b) < 1 {
		return "", errors.New("empty body")
	}
	switch b[0] {
	case 3:
		if len(b) < 10 {
			return "", fmt.Errorf("v3 body of %d bytes is shorter than version, key id and algorithm", len(b))
		}
		return strings.ToUpper(hex.EncodeToString(b[1:9])), nil
	case 6:
		if len(b) < 2 {
			return "", errors.New("v6 body without recipient length")
		}
		n := int(b[1])
		if n == 0 {
			return "0000000000000000", nil // anonymous recipient
		}
		if len(b) < 2+n || n < 2 {
			return "", fmt.Errorf("v6 recipient of %d bytes overruns the body", n)
		}
		fp := b[3 : 2+n]
		if b[2] == 6 && len(fp) >= 8 {
			return strings.ToUpper(hex.EncodeToString(fp[:8])), nil
		}
		if len(fp) >= 8 {
			return strings.ToUpper(hex.EncodeToString(fp[len(fp)-8:])), nil
		}
		return "", fmt.Errorf("v6 recipient fingerprint of %d bytes", len(fp))
	}
	return "", fmt.Errorf("unknown version %d", b[0])
}

const armorBegin = "-----BEGIN PGP MESSAGE-----"

func armored(r *bufio.Reader) bool {
	b, _ := r.Peek(len(armorBegin))
	return string(b) == armorBegin
}

// armorBody yields the base64 text of an ASCII-armored message (RFC 9580
// 6.2): the lines after the armor headers, up to the checksum or END line.
type armorBody struct {
	r      *bufio.Reader
	inBody bool
	done   bool
	buf    []byte
}

func (a *armorBody) Read(p []byte) (int, error) {
	for len(a.buf) == 0 {
		if a.done {
			return 0, io.EOF
		}
		line, err := a.r.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			return 0, io.ErrUnexpectedEOF
		}
		line = bytes.TrimRight(line, "\r\n \t")
		switch {
		case !a.inBody:
			if len(line) == 0 {
				a.inBody = true
			}
		case bytes.HasPrefix(line, []byte("-----END")), bytes.HasPrefix(line, []byte("=")):
			a.done = true
		default:
			a.buf = append(a.buf[:0], line...)
		}
		if err != nil && len(a.buf) == 0 && !a.done {
			return 0, io.ErrUnexpectedEOF
		}
	}
	n := copy(p, a.buf)
	a.buf = a.buf[n:]
	return n, nil
}

// sniff names a few unencrypted formats by their magic bytes, for the message
// of a failing BAK-002.
func sniff(r *bufio.Reader) string {
	b, _ := r.Peek(262)
	switch {
	case len(b) == 0:
		return "empty file"
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		return "gzip data"
	case bytes.HasPrefix(b, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return "xz data"
	case bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return "zstd data"
	case bytes.HasPrefix(b, []byte("BZh")):
		return "bzip2 data"
	case len(b) >= 262 && string(b[257:262]) == "ustar":
		return "tar archive"
	}
	return "unrecognised data"
}
