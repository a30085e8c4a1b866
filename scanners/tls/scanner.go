// Package tls enumerates what a TLS endpoint accepts, the way sslscan and
// testssl.sh do: it writes the first flight of the handshake itself (SSLv2,
// SSLv3, TLS 1.0 to 1.3) so it can offer the RC4, 3DES, export, NULL, anonymous
// and DHE suites crypto/tls cannot, and reads what the server answers. For each
// endpoint it reports the protocol versions and suites accepted in the server's
// preference order, the key-exchange groups and DH sizes, the certificate chain
// as sent and its verdict, and the secure-renegotiation, compression,
// Heartbleed and fallback-SCSV probes. Every connection has a deadline and a
// read budget, so a hostile server costs one timeout, never a hang.
package tls

import (
	"context"
	"sync"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Scanner collects the "tls" section: one Facts per endpoint.
type Scanner struct {
	endpoints []Endpoint
	opts      Options
	// parallel is how many endpoints are scanned at once.
	parallel int
}

var _ scanners.Scanner = (*Scanner)(nil)

// New returns a scanner of the given endpoints. Options.Now is replaced by the
// collection's clock at scan time unless set.
func New(opts Options, endpoints ...Endpoint) *Scanner {
	return &Scanner{endpoints: endpoints, opts: opts, parallel: 4}
}

// Name is the facts section key.
func (*Scanner) Name() string { return "tls" }

// Scan probes every endpoint over the network (the target is not used: TLS
// facts are what a client sees). An endpoint that cannot be scanned is left out
// and its reason recorded under "tls.HOST:PORT".
func (s *Scanner) Scan(ctx context.Context, _ target.Target, c *scanners.Collection) (any, error) {
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = c.Now
	}
	facts := make([]*Facts, len(s.endpoints))
	sem := make(chan struct{}, max(1, s.parallel))
	var wg sync.WaitGroup
	for i, ep := range s.endpoints {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			f, err := ScanEndpoint(ctx, ep, opts)
			if err != nil {
				c.Errorf("tls."+ep.String(), "%v", err)
				return
			}
			facts[i] = f
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := []*Facts{}
	for _, f := range facts {
		if f != nil {
			out = append(out, f)
		}
	}
	return out, nil
}
