package tls

import (
	"crypto/ecdh"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
)

// Extension code points.
const (
	extServerName          uint16 = 0
	extStatusRequest       uint16 = 5
	extSupportedGroups     uint16 = 10
	extECPointFormats      uint16 = 11
	extSignatureAlgorithms uint16 = 13
	extHeartbeat           uint16 = 15
	extPadding             uint16 = 21
	extSupportedVersions   uint16 = 43
	extPSKModes            uint16 = 45
	extKeyShare            uint16 = 51
	extRenegotiationInfo   uint16 = 0xff01
)

// Compression methods.
const (
	compressionNull    uint8 = 0
	compressionDeflate uint8 = 1
)

// maxHelloSuites is the most suites put in one ClientHello: some servers
// (older F5, IIS) drop hellos that offer 128 or more.
const maxHelloSuites = 127

// helloRetryRandom marks a ServerHello that is a HelloRetryRequest (RFC 8446 §4.1.3).
var helloRetryRandom = [32]byte{
	0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
	0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
}

// signatureSchemes offered in TLS 1.2 and 1.3 hellos: everything a server might
// sign with, SHA-1 included, so the offer never limits what the server can pick.
var signatureSchemes = []uint16{
	0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b,
	0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202,
}

// clientHello is what vouch puts in one hand-built ClientHello.
type clientHello struct {
	version     uint16   // legacy_version
	suites      []uint16 // in preference order
	compression []uint8  // nil means null only
	serverName  string   // SNI; empty for none
	groups      []uint16
	// tls13 adds supported_versions (versions) and key_share (keyShares).
	versions  []uint16
	keyShares []keyShare
	heartbeat bool // RFC 6520 heartbeat extension, peer_allowed_to_send
	random    io.Reader
}

// keyShare is one client key share: a group and its public value.
type keyShare struct {
	group uint16
	data  []byte
}

// newKeyShare generates an ephemeral key for group, if crypto/ecdh supports it.
func newKeyShare(group uint16, random io.Reader) (keyShare, bool, error) {
	var curve ecdh.Curve
	switch group {
	case 23:
		curve = ecdh.P256()
	case 24:
		curve = ecdh.P384()
	case 25:
		curve = ecdh.P521()
	case 29:
		curve = ecdh.X25519()
	default:
		return keyShare{}, false, nil
	}
	k, err := curve.GenerateKey(random)
	if err != nil {
		return keyShare{}, false, fmt.Errorf("generate key share: %w", err)
	}
	return keyShare{group: group, data: k.PublicKey().Bytes()}, true, nil
}

// builder appends length-prefixed TLS vectors.
type builder struct{ b []byte }

func (w *builder) u8(v uint8)   { w.b = append(w.b, v) }
func (w *builder) u16(v uint16) { w.b = binary.BigEndian.AppendUint16(w.b, v) }
func (w *builder) u24(v int)    { w.b = append(w.b, byte(v>>16), byte(v>>8), byte(v)) }
func (w *builder) raw(p []byte) { w.b = append(w.b, p...) }

// vec writes a vector with a length prefix of n bytes, filled by f.
func (w *builder) vec(n int, f func()) {
	start := len(w.b)
	w.b = append(w.b, make([]byte, n)...)
	f()
	l := len(w.b) - start - n
	for i := range n {
		w.b[start+i] = byte(l >> (8 * (n - 1 - i)))
	}
}

// marshal returns the ClientHello as one or more handshake records.
func (ch *clientHello) marshal() ([]byte, error) {
	var rnd [32]byte
	if _, err := io.ReadFull(ch.random, rnd[:]); err != nil {
		return nil, fmt.Errorf("read client random: %w", err)
	}
	body := func(padTo int) []byte {
		w := &builder{}
		w.u16(ch.version)
		w.raw(rnd[:])
		w.vec(1, func() {
			if len(ch.versions) > 0 { // TLS 1.3 middlebox compatibility mode
				w.raw(rnd[:])
			}
		})
		w.vec(2, func() {
			for _, s := range ch.suites {
				w.u16(s)
			}
		})
		w.vec(1, func() {
			for _, c := range ch.compression {
				w.u8(c)
			}
			if len(ch.compression) == 0 {
				w.u8(compressionNull)
			}
		})
		w.vec(2, func() { ch.extensions(w, padTo) })
		return w.b
	}
	b := body(0)
	// RFC 7685 §4: hellos of 256 to 511 bytes (with the handshake header) hang
	// some servers; pad them to 512.
	if n := len(b) + 4; n >= 256 && n < 512 {
		b = body(512 - n)
	}
	w := &builder{}
	w.u8(typeClientHello)
	w.u24(len(b))
	w.raw(b)
	msg := w.b
	recVersion := VersionTLS10
	if ch.version < VersionTLS10 {
		recVersion = ch.version
	}
	var out []byte
	for len(msg) > 0 {
		n := min(len(msg), 16384)
		out = append(out, recordHandshake, byte(recVersion>>8), byte(recVersion), byte(n>>8), byte(n))
		out = append(out, msg[:n]...)
		msg = msg[n:]
	}
	return out, nil
}

// extensions writes the extension block; padTo > 0 adds a padding extension
// whose total size (4-byte header included) is padTo.
func (ch *clientHello) extensions(w *builder, padTo int) {
	ext := func(typ uint16, f func()) {
		w.u16(typ)
		w.vec(2, f)
	}
	if ch.serverName != "" {
		ext(extServerName, func() {
			w.vec(2, func() {
				w.u8(0) // host_name
				w.vec(2, func() { w.raw([]byte(ch.serverName)) })
			})
		})
	}
	ext(extRenegotiationInfo, func() { w.u8(0) })
	if len(ch.groups) > 0 {
		ext(extSupportedGroups, func() {
			w.vec(2, func() {
				for _, g := range ch.groups {
					w.u16(g)
				}
			})
		})
		ext(extECPointFormats, func() { w.vec(1, func() { w.u8(0) }) })
	}
	if ch.version >= VersionTLS12 || len(ch.versions) > 0 {
		ext(extSignatureAlgorithms, func() {
			w.vec(2, func() {
				for _, s := range signatureSchemes {
					w.u16(s)
				}
			})
		})
	}
	ext(extStatusRequest, func() { w.u8(1); w.u16(0); w.u16(0) })
	if ch.heartbeat {
		ext(extHeartbeat, func() { w.u8(1) })
	}
	if len(ch.versions) > 0 {
		ext(extSupportedVersions, func() {
			w.vec(1, func() {
				for _, v := range ch.versions {
					w.u16(v)
				}
			})
		})
		ext(extPSKModes, func() { w.vec(1, func() { w.u8(1) }) })
		ext(extKeyShare, func() {
			w.vec(2, func() {
				for _, ks := range ch.keyShares {
					w.u16(ks.group)
					w.vec(2, func() { w.raw(ks.data) })
				}
			})
		})
	}
	if padTo >= 4 {
		ext(extPadding, func() { w.raw(make([]byte, padTo-4)) })
	}
}

// serverHello is the part of a ServerHello (or HelloRetryRequest) vouch reads.
type serverHello struct {
	legacyVersion uint16
	version       uint16 // negotiated: supported_versions if present, else legacyVersion
	random        [32]byte
	suite         uint16
	compression   uint8
	retry         bool   // a HelloRetryRequest
	group         uint16 // TLS 1.3 key_share group (selected_group in a retry)
	secureReneg   bool   // renegotiation_info extension present
	heartbeat     bool   // heartbeat extension present
	extensions    []uint16
}

// reader consumes TLS vectors, failing with errShort on truncation.
type reader struct{ b []byte }

var errShort = errors.New("message truncated")

func (r *reader) u8() (uint8, error) {
	if len(r.b) < 1 {
		return 0, errShort
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v, nil
}

func (r *reader) u16() (uint16, error) {
	if len(r.b) < 2 {
		return 0, errShort
	}
	v := binary.BigEndian.Uint16(r.b)
	r.b = r.b[2:]
	return v, nil
}

func (r *reader) bytes(n int) ([]byte, error) {
	if n < 0 || len(r.b) < n {
		return nil, errShort
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v, nil
}

// vec reads a vector with an n-byte length prefix.
func (r *reader) vec(n int) ([]byte, error) {
	lb, err := r.bytes(n)
	if err != nil {
		return nil, err
	}
	l := 0
	for _, c := range lb {
		l = l<<8 | int(c)
	}
	return r.bytes(l)
}

// parseServerHello parses a ServerHello body (without the handshake header).
func parseServerHello(body []byte) (*serverHello, error) {
	sh, err := parseServerHelloFields(body)
	if err != nil {
		return nil, fmt.Errorf("parse server hello: %w", err)
	}
	return sh, nil
}

func parseServerHelloFields(body []byte) (*serverHello, error) {
	r := &reader{b: body}
	sh := &serverHello{}
	var err error
	if sh.legacyVersion, err = r.u16(); err != nil {
		return nil, err
	}
	sh.version = sh.legacyVersion
	rnd, err := r.bytes(32)
	if err != nil {
		return nil, err
	}
	copy(sh.random[:], rnd)
	sh.retry = sh.random == helloRetryRandom
	sid, err := r.vec(1)
	if err != nil {
		return nil, err
	}
	if len(sid) > 32 {
		return nil, fmt.Errorf("session id of %d bytes", len(sid))
	}
	if sh.suite, err = r.u16(); err != nil {
		return nil, err
	}
	if sh.compression, err = r.u8(); err != nil {
		return nil, err
	}
	if len(r.b) == 0 { // SSLv3 and early TLS may omit extensions
		return sh, nil
	}
	exts, err := r.vec(2)
	if err != nil {
		return nil, err
	}
	er := &reader{b: exts}
	for len(er.b) > 0 {
		typ, err := er.u16()
		if err != nil {
			return nil, err
		}
		data, err := er.vec(2)
		if err != nil {
			return nil, err
		}
		sh.extensions = append(sh.extensions, typ)
		d := &reader{b: data}
		switch typ {
		case extRenegotiationInfo:
			sh.secureReneg = true
		case extHeartbeat:
			sh.heartbeat = true
		case extSupportedVersions:
			if sh.version, err = d.u16(); err != nil {
				return nil, fmt.Errorf("supported_versions: %w", err)
			}
		case extKeyShare:
			// ServerHello: KeyShareEntry; HelloRetryRequest: selected_group.
			if sh.group, err = d.u16(); err != nil {
				return nil, fmt.Errorf("key_share: %w", err)
			}
		}
	}
	return sh, nil
}

// parseCertificates parses a TLS 1.2 (or older) Certificate message body into
// DER certificates.
func parseCertificates(body []byte) ([][]byte, error) {
	r := &reader{b: body}
	list, err := r.vec(3)
	if err != nil {
		return nil, fmt.Errorf("parse certificate message: %w", err)
	}
	lr := &reader{b: list}
	var certs [][]byte
	for len(lr.b) > 0 {
		der, err := lr.vec(3)
		if err != nil {
			return nil, fmt.Errorf("parse certificate message: %w", err)
		}
		certs = append(certs, der)
	}
	return certs, nil
}

// keyExchange is what a ServerKeyExchange says about the ephemeral key.
type keyExchange struct {
	dhBits int    // length of the DH prime p in bits
	curve  uint16 // named curve of an ECDHE key
}

// parseServerKeyExchange reads the group from a ServerKeyExchange body for a
// suite with the given key exchange.
func parseServerKeyExchange(body []byte, kex string) (keyExchange, error) {
	r := &reader{b: body}
	if kex == "DHEPSK" || kex == "ECDHEPSK" {
		if _, err := r.vec(2); err != nil { // psk_identity_hint
			return keyExchange{}, fmt.Errorf("parse server key exchange: %w", err)
		}
	}
	switch kex {
	case "DHE", "DHEPSK":
		p, err := r.vec(2)
		if err != nil {
			return keyExchange{}, fmt.Errorf("parse server key exchange: %w", err)
		}
		return keyExchange{dhBits: new(big.Int).SetBytes(p).BitLen()}, nil
	case "ECDHE", "ECDHEPSK":
		ct, err := r.u8()
		if err != nil {
			return keyExchange{}, fmt.Errorf("parse server key exchange: %w", err)
		}
		if ct != 3 {
			return keyExchange{}, fmt.Errorf("parse server key exchange: curve type %d is not named_curve", ct)
		}
		c, err := r.u16()
		if err != nil {
			return keyExchange{}, fmt.Errorf("parse server key exchange: %w", err)
		}
		return keyExchange{curve: c}, nil
	}
	return keyExchange{}, nil
}

// SSLv2 cipher kinds offered in the SSLv2 probe (draft-hickman-netscape-ssl-00).
var sslv2Ciphers = []uint32{0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700c0}

// sslv2ClientHello builds an SSLv2 CLIENT-HELLO offering every SSLv2 cipher.
func sslv2ClientHello(random io.Reader) ([]byte, error) {
	challenge := make([]byte, 16)
	if _, err := io.ReadFull(random, challenge); err != nil {
		return nil, fmt.Errorf("read challenge: %w", err)
	}
	w := &builder{}
	w.u8(1) // CLIENT-HELLO
	w.u16(VersionSSL20)
	w.u16(uint16(3 * len(sslv2Ciphers)))
	w.u16(0) // session id length
	w.u16(uint16(len(challenge)))
	for _, c := range sslv2Ciphers {
		w.raw([]byte{byte(c >> 16), byte(c >> 8), byte(c)})
	}
	w.raw(challenge)
	n := len(w.b)
	return append([]byte{0x80 | byte(n>>8), byte(n)}, w.b...), nil
}

// sslv2ServerHello is what an SSLv2 SERVER-HELLO tells.
type sslv2ServerHello struct {
	cert    []byte
	ciphers []uint32
}

// parseSSLv2ServerHello parses an SSLv2 record holding a SERVER-HELLO,
// header included.
func parseSSLv2ServerHello(b []byte) (*sslv2ServerHello, error) {
	if len(b) < 2 || b[0]&0x80 == 0 {
		return nil, errors.New("parse sslv2 server hello: not an SSLv2 record")
	}
	n := int(b[0]&0x7f)<<8 | int(b[1])
	r := &reader{b: b[2:]}
	msg, err := r.bytes(n)
	if err != nil {
		return nil, fmt.Errorf("parse sslv2 server hello: %w", err)
	}
	r = &reader{b: msg}
	hdr, err := r.bytes(11)
	if err != nil {
		return nil, fmt.Errorf("parse sslv2 server hello: %w", err)
	}
	if hdr[0] != 4 {
		return nil, fmt.Errorf("parse sslv2 server hello: message type %d", hdr[0])
	}
	if v := binary.BigEndian.Uint16(hdr[3:]); v != VersionSSL20 {
		return nil, fmt.Errorf("parse sslv2 server hello: version 0x%04x", v)
	}
	certLen := int(binary.BigEndian.Uint16(hdr[5:]))
	specLen := int(binary.BigEndian.Uint16(hdr[7:]))
	sh := &sslv2ServerHello{}
	if sh.cert, err = r.bytes(certLen); err != nil {
		return nil, fmt.Errorf("parse sslv2 server hello: %w", err)
	}
	specs, err := r.bytes(specLen)
	if err != nil || specLen%3 != 0 {
		return nil, fmt.Errorf("parse sslv2 server hello: bad cipher specs (%d bytes)", specLen)
	}
	for s := range slices.Chunk(specs, 3) {
		sh.ciphers = append(sh.ciphers, uint32(s[0])<<16|uint32(s[1])<<8|uint32(s[2]))
	}
	return sh, nil
}
