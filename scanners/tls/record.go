package tls

import (
	"errors"
	"fmt"
	"io"
)

// Record content types (RFC 8446 §5.1, RFC 6520 for heartbeat).
const (
	recordChangeCipherSpec uint8 = 20
	recordAlert            uint8 = 21
	recordHandshake        uint8 = 22
	recordApplicationData  uint8 = 23
	recordHeartbeat        uint8 = 24
)

// Handshake message types.
const (
	typeClientHello       uint8 = 1
	typeServerHello       uint8 = 2
	typeCertificate       uint8 = 11
	typeServerKeyExchange uint8 = 12
	typeCertificateReq    uint8 = 13
	typeServerHelloDone   uint8 = 14
	typeCertificateStatus uint8 = 22
)

// Limits on what a server may make us read.
const (
	// maxRecordLen is the largest record payload accepted: 2^14 plaintext plus
	// the 2048 bytes of expansion RFC 5246 §6.2.3 allows a ciphertext.
	maxRecordLen = 16384 + 2048
	// maxHandshakeLen bounds one handshake message (a certificate chain is the
	// largest a server sends before ServerHelloDone).
	maxHandshakeLen = 256 << 10
	// maxConnBytes caps everything read from one connection.
	maxConnBytes = 1 << 20
)

// Alert descriptions vouch reacts to (RFC 8446 §6, RFC 7507).
const (
	alertHandshakeFailure      uint8 = 40
	alertProtocolVersion       uint8 = 70
	alertInsufficientSecurity  uint8 = 71
	alertInappropriateFallback uint8 = 86
)

// errClosed means the server closed the connection without answering.
var errClosed = errors.New("connection closed by server")

// alertError is a TLS alert received instead of the expected message.
type alertError struct {
	Level       uint8
	Description uint8
}

func (e *alertError) Error() string {
	return fmt.Sprintf("tls alert %d (%s)", e.Description, alertName(e.Description))
}

func alertName(d uint8) string {
	switch d {
	case 0:
		return "close_notify"
	case 10:
		return "unexpected_message"
	case 20:
		return "bad_record_mac"
	case alertHandshakeFailure:
		return "handshake_failure"
	case 47:
		return "illegal_parameter"
	case 50:
		return "decode_error"
	case alertProtocolVersion:
		return "protocol_version"
	case alertInsufficientSecurity:
		return "insufficient_security"
	case 80:
		return "internal_error"
	case alertInappropriateFallback:
		return "inappropriate_fallback"
	case 112:
		return "unrecognized_name"
	}
	return "unknown"
}

// record is one TLS record as read from the wire.
type record struct {
	typ     uint8
	version uint16
	payload []byte
}

// recordReader reads records and reassembles handshake messages from a
// connection, never reading more than its budget. It copes with records split
// over many TCP reads (io.ReadFull) and with handshake messages split over
// several records or several messages packed into one record.
type recordReader struct {
	r      io.Reader
	budget int
	read   int    // bytes read so far
	hs     []byte // handshake bytes not yet returned
}

func newRecordReader(r io.Reader, budget int) *recordReader {
	return &recordReader{r: r, budget: budget}
}

func (rr *recordReader) readFull(n int) ([]byte, error) {
	if rr.read+n > rr.budget {
		return nil, fmt.Errorf("read %d bytes: connection read budget of %d bytes exhausted", n, rr.budget)
	}
	b := make([]byte, n)
	got, err := io.ReadFull(rr.r, b)
	rr.read += got
	if err != nil {
		return nil, err
	}
	return b, nil
}

// readRecord reads one record. A connection closed before the first byte of a
// record yields errClosed.
func (rr *recordReader) readRecord() (record, error) {
	hdr, err := rr.readFull(5)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return record{}, errClosed
		}
		return record{}, fmt.Errorf("read record header: %w", err)
	}
	if hdr[0] < recordChangeCipherSpec || hdr[0] > recordHeartbeat || hdr[1] != 3 {
		return record{}, fmt.Errorf("read record header: % x is not a TLS record%s", hdr, notTLSHint(hdr))
	}
	n := int(hdr[3])<<8 | int(hdr[4])
	if n > maxRecordLen {
		return record{}, fmt.Errorf("read record: length %d exceeds %d", n, maxRecordLen)
	}
	payload, err := rr.readFull(n)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return record{}, fmt.Errorf("read record payload: %w", err)
	}
	return record{typ: hdr[0], version: uint16(hdr[1])<<8 | uint16(hdr[2]), payload: payload}, nil
}

func notTLSHint(hdr []byte) string {
	if string(hdr[:4]) == "HTTP" || string(hdr[:4]) == "<htm" || string(hdr[:4]) == "<!DO" {
		return " (plain HTTP?)"
	}
	if string(hdr[:4]) == "SSH-" {
		return " (SSH?)"
	}
	return ""
}

// readHandshake returns the next handshake message. An alert becomes an
// *alertError; ChangeCipherSpec records (TLS 1.3 middlebox compatibility) are
// skipped; any other record type is an error.
func (rr *recordReader) readHandshake() (typ uint8, body []byte, err error) {
	for {
		if len(rr.hs) >= 4 {
			n := int(rr.hs[1])<<16 | int(rr.hs[2])<<8 | int(rr.hs[3])
			if n > maxHandshakeLen {
				return 0, nil, fmt.Errorf("read handshake: message length %d exceeds %d", n, maxHandshakeLen)
			}
			if len(rr.hs) >= 4+n {
				typ, body = rr.hs[0], rr.hs[4:4+n]
				rr.hs = rr.hs[4+n:]
				return typ, body, nil
			}
		}
		rec, err := rr.readRecord()
		if err != nil {
			if errors.Is(err, errClosed) && len(rr.hs) > 0 {
				return 0, nil, fmt.Errorf("read handshake: %w", io.ErrUnexpectedEOF)
			}
			return 0, nil, err
		}
		switch rec.typ {
		case recordHandshake:
			if len(rec.payload) == 0 {
				return 0, nil, errors.New("read handshake: empty handshake record")
			}
			rr.hs = append(rr.hs, rec.payload...)
		case recordAlert:
			if len(rec.payload) < 2 {
				return 0, nil, errors.New("read alert: short alert record")
			}
			return 0, nil, &alertError{Level: rec.payload[0], Description: rec.payload[1]}
		case recordChangeCipherSpec:
			// TLS 1.3 servers may send one after ServerHello; nothing to learn.
		default:
			return 0, nil, fmt.Errorf("read handshake: unexpected record type %d", rec.typ)
		}
	}
}
