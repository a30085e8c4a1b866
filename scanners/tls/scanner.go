// Package tls enumerates what a TLS endpoint accepts, the way sslscan and
// testssl.sh do: it writes the first flight of the handshake itself (SSLv2,
// SSLv3, TLS 1.0 to 1.3) so it can offer the RC4, 3DES, export, NULL, anonymous
// and DHE suites crypto/tls cannot, and reads what the server answers. For each
// endpoint it reports the protocol versions and suites accepted in the server's
// preference order, the key-exchange groups and DH sizes, the certificate chain
// as sent and its verdict, the secure-renegotiation, compression, Heartbleed
// and fallback-SCSV probes, the HTTPS response headers, the plain-HTTP answer
// for the same host, and a grade by the SSL Labs rating rules (GRADING.md).
// Every connection has a deadline and a read budget, so a hostile server costs
// one timeout, never a hang.
package tls

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Scanner collects the "tls" section of an https:// endpoint target.
type Scanner struct {
	opts Options
}

var (
	_ scanners.Scanner = (*Scanner)(nil)
	_ scanners.Applier = (*Scanner)(nil)
)

// New returns a scanner. Options.Now is replaced by the collection's clock at
// scan time unless set.
func New(opts Options) *Scanner {
	return &Scanner{opts: opts}
}

// Name is the facts section key.
func (*Scanner) Name() string { return "tls" }

// Applies holds for endpoint targets with the https scheme only: machines have
// no TLS facts of their own (their nginx configuration is the web scanner's).
func (*Scanner) Applies(t target.Target) bool {
	ep, ok := t.(*target.Endpoint)
	return ok && ep.URL.Scheme == "https"
}

// factPaths are the section's facts; a scan that cannot talk TLS at all
// records its reason under each, so every TLS control errors with it.
var factPaths = []string{"protocols", "groups", "certificates", "chain", "ocsp_stapled", "vulnerabilities", "headers", "hsts", "http", "grade"}

// Scan probes the endpoint over the network. An endpoint that does not talk
// TLS (refused, silent, garbage, reset) yields an error, recorded under every
// fact path of the section; smaller failures go to the collection under
// "tls.FACT".
func (s *Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	te, ok := t.(*target.Endpoint)
	if !ok || te.URL.Scheme != "https" {
		return nil, fmt.Errorf("target %s is not an https:// endpoint", t.Info().Name)
	}
	ep, err := endpointOf(te)
	if err != nil {
		return nil, err
	}
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = c.Now
	}
	f, err := Collect(ctx, ep, te.URL.Path, te.HTTPURL, opts)
	if err != nil {
		for _, p := range factPaths {
			c.Errorf("tls."+p, "%v", err)
		}
		return nil, err
	}
	for k, v := range f.Errors {
		c.Errorf("tls."+k, "%s", v)
	}
	f.Errors = nil
	return f, nil
}

// endpointOf turns an endpoint target into the host and port to dial.
func endpointOf(te *target.Endpoint) (Endpoint, error) {
	host, port, err := net.SplitHostPort(te.HostPort())
	if err != nil {
		return Endpoint{}, fmt.Errorf("endpoint %s: %w", te.Info().Name, err)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return Endpoint{}, fmt.Errorf("endpoint %s: bad port %q", te.Info().Name, port)
	}
	return Endpoint{Host: host, Port: n}, nil
}
