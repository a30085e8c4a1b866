package tls

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"
	"time"
)

// heartbeatWait bounds how long the heartbeat probe waits for an answer a
// patched server never sends (RFC 6520 §4: silently discard).
const heartbeatWait = 2 * time.Second

// probeVulnerabilities runs the four probes in parallel.
func (s *scan) probeVulnerabilities(ctx context.Context, results map[uint16]*versionResult) Vulnerabilities {
	var supported []uint16 // newest first, SSLv2 excluded
	for _, v := range []uint16{VersionTLS13, VersionTLS12, VersionTLS11, VersionTLS10, VersionSSL30} {
		if results[v] != nil {
			supported = append(supported, v)
		}
	}
	var legacy *versionResult // newest accepted version up to TLS 1.2
	for _, v := range supported {
		if v < VersionTLS13 {
			legacy = results[v]
			break
		}
	}
	var out Vulnerabilities
	if len(supported) == 0 {
		f := Finding{State: NotTested, Reason: "no protocol version accepted"}
		return Vulnerabilities{f, f, f, f}
	}
	if legacy == nil {
		out.SecureRenegotiation = Finding{NotVulnerable, "only TLS 1.3 accepted, which has no renegotiation"}
		out.Compression = Finding{NotVulnerable, "only TLS 1.3 accepted, which has no compression"}
		out.Heartbleed = Finding{NotVulnerable, "only TLS 1.3 accepted; no TLS 1.2 or older heartbeat to probe"}
	} else {
		out.SecureRenegotiation = renegotiation(legacy)
	}
	var wg sync.WaitGroup
	if legacy != nil {
		wg.Go(func() { out.Compression = s.probeCompression(ctx, legacy) })
		wg.Go(func() { out.Heartbleed = s.probeHeartbleed(ctx, legacy) })
	}
	wg.Go(func() { out.FallbackSCSV = s.probeFallback(ctx, supported, results) })
	wg.Wait()
	return out
}

func suiteCodes(r *versionResult) []uint16 {
	out := make([]uint16, len(r.suites))
	for i, a := range r.suites {
		out[i] = a.suite.Code
	}
	return out
}

// renegotiation reads RFC 5746 support from a ServerHello already received.
func renegotiation(r *versionResult) Finding {
	if r.first == nil || r.first.hello == nil {
		return Finding{NotTested, "no ServerHello recorded for " + VersionName(r.version)}
	}
	if r.first.hello.secureReneg {
		return Finding{NotVulnerable, "ServerHello at " + VersionName(r.version) + " carries renegotiation_info (RFC 5746)"}
	}
	return Finding{Vulnerable, "ServerHello at " + VersionName(r.version) + " lacks renegotiation_info: RFC 5746 secure renegotiation not supported"}
}

// probeCompression offers DEFLATE before null compression (CRIME).
func (s *scan) probeCompression(ctx context.Context, r *versionResult) Finding {
	ch := s.legacyHello(r.version, suiteCodes(r), defaultGroups)
	ch.compression = []uint8{compressionDeflate, compressionNull}
	f, err := s.p.hello(ctx, ch)
	switch {
	case err != nil:
		return Finding{NotTested, "hello offering DEFLATE failed: " + err.Error()}
	case f.hello.compression == compressionDeflate:
		return Finding{Vulnerable, "server chose DEFLATE compression at " + VersionName(r.version)}
	case f.hello.compression == compressionNull:
		return Finding{NotVulnerable, "server chose no compression with DEFLATE offered at " + VersionName(r.version)}
	}
	return Finding{Vulnerable, fmt.Sprintf("server chose compression method %d at %s", f.hello.compression, VersionName(r.version))}
}

// probeHeartbleed is the classic pre-handshake probe (CVE-2014-0160): after the
// server's first flight, send a heartbeat request that claims 16384 bytes of
// payload and carries none. A patched server discards it; a vulnerable one
// answers with its memory.
func (s *scan) probeHeartbleed(ctx context.Context, r *versionResult) Finding {
	ch := s.legacyHello(r.version, suiteCodes(r), defaultGroups)
	ch.heartbeat = true
	var out Finding
	err := s.p.exchange(ctx, ch, func(conn net.Conn, rr *recordReader, f *flight) error {
		if !f.hello.heartbeat {
			out = Finding{NotVulnerable, "server does not negotiate the heartbeat extension"}
			return nil
		}
		if f.late != nil {
			out = Finding{NotTested, "read first flight: " + f.late.Error()}
			return nil
		}
		v := f.hello.version
		req := []byte{recordHeartbeat, byte(v >> 8), byte(v), 0, 3, 1, 0x40, 0x00}
		if _, err := conn.Write(req); err != nil {
			out = Finding{NotVulnerable, "server closed the connection on a heartbeat request"}
			return nil
		}
		_ = conn.SetReadDeadline(time.Now().Add(min(heartbeatWait, s.opts.Timeout)))
		for {
			rec, err := rr.readRecord()
			if err != nil {
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					out = Finding{NotVulnerable, "no answer to a heartbeat request with an over-long length"}
				} else {
					out = Finding{NotVulnerable, "heartbeat request refused: " + err.Error()}
				}
				return nil
			}
			switch rec.typ {
			case recordHeartbeat:
				out = Finding{Vulnerable, fmt.Sprintf("server answered a heartbeat claiming 16384 bytes with none sent (%d bytes back)", len(rec.payload))}
				return nil
			case recordAlert:
				out = Finding{NotVulnerable, "server answered the heartbeat request with an alert"}
				return nil
			}
		}
	})
	if err != nil {
		return Finding{NotTested, "hello with the heartbeat extension failed: " + err.Error()}
	}
	return out
}

// probeFallback connects at the second-newest accepted version with
// TLS_FALLBACK_SCSV (RFC 7507); a server that knows better must refuse with
// inappropriate_fallback.
func (s *scan) probeFallback(ctx context.Context, supported []uint16, results map[uint16]*versionResult) Finding {
	if len(supported) < 2 {
		return Finding{NotTested, "only one protocol version accepted"}
	}
	v := supported[1]
	suites := append(suiteCodes(results[v]), scsvFallback)
	ch := s.legacyHello(v, suites, defaultGroups)
	f, err := s.p.hello(ctx, ch)
	var a *alertError
	switch {
	case errors.As(err, &a) && a.Description == alertInappropriateFallback:
		return Finding{NotVulnerable, fmt.Sprintf("inappropriate_fallback alert at %s with %s accepted", VersionName(v), VersionName(supported[0]))}
	case err != nil:
		return Finding{NotTested, fmt.Sprintf("hello at %s with TLS_FALLBACK_SCSV: %v", VersionName(v), err)}
	case f.hello.version == v && slices.Contains(suites, f.hello.suite):
		return Finding{Vulnerable, fmt.Sprintf("server accepted %s with TLS_FALLBACK_SCSV although it supports %s", VersionName(v), VersionName(supported[0]))}
	}
	return Finding{NotTested, fmt.Sprintf("server answered %s to a %s fallback hello", VersionName(f.hello.version), VersionName(v))}
}
