package tls

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Defaults for Options.
const (
	DefaultTimeout     = 5 * time.Second
	DefaultConcurrency = 8
)

// Options tunes an endpoint scan. The zero value is ready to use.
type Options struct {
	// Timeout bounds every connection, from dial to last byte read; a server
	// that never answers, or drips, costs at most this long. Default 5 s.
	Timeout time.Duration
	// Concurrency is the most connections open to one endpoint at once.
	// Default 8.
	Concurrency int
	// Roots verifies certificate chains; nil means the system bundle.
	Roots *x509.CertPool
	// RootsName names Roots in the facts (chain.roots), e.g. its file;
	// empty means "custom".
	RootsName string
	// Now is the time certificates are judged at; zero means the wall clock.
	Now time.Time
	// Dial opens TCP connections; nil means a net.Dialer.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Endpoint is a TLS server to scan.
type Endpoint struct {
	Host string // name or IP address to connect to
	Port int
	// SNI is the server name sent and matched against the certificate; empty
	// means Host, unless Host is an IP address.
	SNI string
}

// String renders the endpoint as host:port.
func (e Endpoint) String() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.Port)) }

// ParseEndpoint reads "https://host[:port][/path]" or "host[:port]"; the port
// defaults to 443.
func ParseEndpoint(s string) (Endpoint, error) {
	raw := s
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		if u.Scheme != "https" {
			return Endpoint{}, fmt.Errorf("parse endpoint %q: scheme %q is not https", raw, u.Scheme)
		}
		s = u.Host
	}
	host, port := s, "443"
	if h, p, err := net.SplitHostPort(s); err == nil {
		host, port = h, p
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 || host == "" {
		return Endpoint{}, fmt.Errorf("parse endpoint %q: want https://host[:port]", raw)
	}
	return Endpoint{Host: host, Port: n}, nil
}

// accepted is a suite the server chose in one probe, with its key exchange.
type accepted struct {
	suite Suite
	kx    keyExchange
	group uint16 // TLS 1.3 key_share group
}

// versionResult is the enumeration of one protocol version.
type versionResult struct {
	version     uint16
	suites      []accepted
	serverOrder *bool
	first       *flight // the first accepted flight, for certificates and renegotiation
}

// scan is the state of one endpoint scan.
type scan struct {
	p     *prober
	ep    Endpoint
	opts  Options
	mu    sync.Mutex
	facts *Facts
}

func (s *scan) errorf(path string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.facts.Errors == nil {
		s.facts.Errors = map[string]string{}
	}
	s.facts.Errors[path] = err.Error()
}

// ScanEndpoint enumerates what the endpoint accepts: protocol versions SSLv2 to
// TLS 1.3 with their suites in preference order, groups, the certificate chain
// and the vulnerability probes. It fails only when the endpoint does not talk
// TLS at all (refused, silent, garbage, reset); smaller failures are recorded in
// Facts.Errors.
func ScanEndpoint(ctx context.Context, ep Endpoint, opts Options) (*Facts, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	dial := opts.Dial
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	sni := ep.SNI
	if sni == "" && net.ParseIP(ep.Host) == nil {
		sni = ep.Host
	}
	s := &scan{
		p: &prober{
			addr: ep.String(), sni: sni, timeout: opts.Timeout,
			sem: make(chan struct{}, opts.Concurrency), random: rand.Reader, dial: dial,
		},
		ep:    ep,
		opts:  opts,
		facts: &Facts{Host: ep.Host, Port: ep.Port, SNI: sni},
	}
	// One ordinary hello first: a server that does not talk TLS fails the scan
	// within one timeout instead of once per probe.
	if _, err := s.p.hello(ctx, s.modernHello()); err != nil {
		var a *alertError
		if !errors.As(err, &a) {
			return nil, fmt.Errorf("scan %s: %w", ep, err)
		}
	}

	legacy := []uint16{VersionSSL30, VersionTLS10, VersionTLS11, VersionTLS12}
	results := make(map[uint16]*versionResult)
	var (
		wg    sync.WaitGroup
		resMu sync.Mutex
		certs *certResult
	)
	record := func(v uint16, r *versionResult, err error) {
		if err != nil {
			s.errorf("protocols."+VersionName(v), err)
		}
		if r != nil && len(r.suites) > 0 {
			resMu.Lock()
			results[v] = r
			resMu.Unlock()
		}
	}
	for _, v := range legacy {
		wg.Go(func() {
			r, err := s.enumerateLegacy(ctx, v)
			record(v, r, err)
		})
	}
	wg.Go(func() {
		r, err := s.enumerateTLS13(ctx)
		record(VersionTLS13, r, err)
	})
	wg.Go(func() {
		r, err := s.probeSSLv2(ctx)
		record(VersionSSL20, r, err)
	})
	wg.Go(func() { certs = s.fetchCertificates(ctx) })
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan %s: %w", ep, err)
	}

	f := s.facts
	f.Protocols = []Protocol{}
	for _, v := range []uint16{VersionTLS13, VersionTLS12, VersionTLS11, VersionTLS10, VersionSSL30, VersionSSL20} {
		r := results[v]
		if r == nil {
			continue
		}
		p := Protocol{Version: VersionName(v), ServerOrder: r.serverOrder, Suites: []AcceptedSuite{}}
		for _, a := range r.suites {
			p.Suites = append(p.Suites, a.fact(v))
		}
		f.Protocols = append(f.Protocols, p)
	}

	// Second phase: probes that need to know what the server accepts.
	var groups []Group
	var vulns Vulnerabilities
	wg.Go(func() { groups = s.enumerateGroups(ctx, results) })
	wg.Go(func() { vulns = s.probeVulnerabilities(ctx, results) })
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan %s: %w", ep, err)
	}
	f.Groups = groups
	f.Vulnerabilities = &vulns
	s.applyCertificates(certs, results)
	return f, nil
}

// fact renders an accepted suite for the facts document.
func (a accepted) fact(v uint16) AcceptedSuite {
	st := a.suite
	out := AcceptedSuite{
		Name: st.Name, Code: fmt.Sprintf("0x%04X", st.Code), OpenSSL: st.OpenSSL,
		Kex: st.Kex, Auth: st.Auth, Enc: st.Enc, Bits: st.Bits, MAC: st.MAC,
		ForwardSecrecy: st.ForwardSecrecy, AEAD: st.AEAD, Export: st.Export,
		DHBits: a.kx.dhBits,
	}
	switch {
	case a.kx.curve != 0:
		out.Curve = lookupGroup(a.kx.curve).name
	case v == VersionTLS13 && a.group != 0:
		g := lookupGroup(a.group)
		out.Curve = g.name
		out.Kex = "ECDHE"
		if g.code >= 256 && g.code <= 511 {
			out.Kex, out.Curve, out.DHBits = "DHE", "", g.bits
		}
	}
	return out
}

// modernHello offers TLS 1.0 to 1.3 with the commonest suites, as a browser would.
func (s *scan) modernHello() *clientHello {
	suites := tls13SuiteCodes()
	for _, st := range offerList(VersionTLS12) {
		if len(suites) == maxHelloSuites {
			break
		}
		suites = append(suites, st.Code)
	}
	ch := s.tls13Hello(suites, defaultGroups)
	ch.versions = []uint16{VersionTLS13, VersionTLS12, VersionTLS11, VersionTLS10}
	return ch
}

func tls13SuiteCodes() []uint16 {
	var out []uint16
	for _, st := range suiteTable {
		if st.MinVersion == VersionTLS13 {
			out = append(out, st.Code)
		}
	}
	return out
}

// legacyHello offers version v (SSLv3 to TLS 1.2) without supported_versions.
func (s *scan) legacyHello(v uint16, suites []uint16, groups []uint16) *clientHello {
	return &clientHello{version: v, suites: suites, serverName: s.p.sni, groups: groups, random: s.p.random}
}

// tls13Hello offers TLS 1.3 only, with key shares for the first x25519 and
// secp256r1 in groups (other groups get none and may draw a HelloRetryRequest).
func (s *scan) tls13Hello(suites []uint16, groups []uint16) *clientHello {
	ch := &clientHello{
		version: VersionTLS12, suites: suites, serverName: s.p.sni, groups: groups,
		versions: []uint16{VersionTLS13}, random: s.p.random,
	}
	for _, g := range groups {
		if len(ch.keyShares) == 2 || (g != 29 && g != 23 && len(groups) > 1) {
			continue
		}
		if ks, ok, err := newKeyShare(g, s.p.random); err == nil && ok {
			ch.keyShares = append(ch.keyShares, ks)
		}
	}
	return ch
}

// offerList is every suite worth offering at version v, commonest first, so
// the first hello of at most 127 suites usually holds all the server accepts.
func offerList(v uint16) []Suite {
	var out []Suite
	for _, st := range suiteTable {
		if st.MinVersion <= v && st.MinVersion != VersionTLS13 {
			out = append(out, st)
		}
	}
	slices.SortStableFunc(out, func(a, b Suite) int {
		return cmp.Or(
			cmp.Compare(suiteRank(a), suiteRank(b)),
			cmp.Compare(kexRank(a.Kex), kexRank(b.Kex)),
			cmp.Compare(b.Bits, a.Bits),
		)
	})
	return out
}

func suiteRank(st Suite) int {
	switch {
	case st.Kex == "PSK" || st.Kex == "DHEPSK" || st.Kex == "ECDHEPSK" || st.Kex == "RSAPSK" ||
		st.Kex == "SRP" || st.Kex == "KRB5" || st.Kex == "DH" || st.Kex == "ECDH":
		return 5
	case st.Export || st.Auth == "NONE" || st.Enc == "NULL":
		return 4
	case st.Enc != "AESGCM" && st.Enc != "AES" && st.Enc != "CHACHA20POLY1305" && st.Enc != "AESCCM":
		return 3
	case !st.ForwardSecrecy:
		return 2
	case !st.AEAD:
		return 1
	}
	return 0
}

func kexRank(k string) int {
	switch k {
	case "ECDHE":
		return 0
	case "DHE":
		return 1
	}
	return 2
}

func codes(ss []Suite) []uint16 {
	out := make([]uint16, len(ss))
	for i, s := range ss {
		out[i] = s.Code
	}
	return out
}

// choose offers suites at version v and returns what the server picked; ok is
// false when the server declined (an alert, a close, or another version).
func (s *scan) choose(ctx context.Context, v uint16, suites []uint16, groups []uint16) (accepted, *flight, bool, error) {
	var ch *clientHello
	if v == VersionTLS13 {
		ch = s.tls13Hello(suites, groups)
	} else {
		ch = s.legacyHello(v, suites, groups)
	}
	f, err := s.p.hello(ctx, ch)
	if err != nil {
		if rejected(err) {
			return accepted{}, nil, false, nil
		}
		return accepted{}, nil, false, err
	}
	if f.hello.version != v {
		return accepted{}, nil, false, nil
	}
	if !slices.Contains(suites, f.hello.suite) {
		return accepted{}, nil, false, fmt.Errorf("server chose suite 0x%04X, which was not offered", f.hello.suite)
	}
	st, ok := LookupSuite(f.hello.suite)
	if !ok {
		st = Suite{Code: f.hello.suite, Name: fmt.Sprintf("0x%04X", f.hello.suite)}
	}
	return accepted{suite: st, kx: f.kx, group: f.hello.group}, f, true, nil
}

// drain offers suites at v, removing each chosen suite and offering the rest
// until the server declines: the accepted suites in the server's order.
func (s *scan) drain(ctx context.Context, v uint16, suites []uint16) ([]accepted, *flight, error) {
	rest := slices.Clone(suites)
	var out []accepted
	var first *flight
	for len(rest) > 0 {
		a, f, ok, err := s.choose(ctx, v, rest, defaultGroups)
		if err != nil {
			return out, first, err
		}
		if !ok {
			break
		}
		if first == nil {
			first = f
		}
		out = append(out, a)
		rest = slices.DeleteFunc(rest, func(c uint16) bool { return c == a.suite.Code })
	}
	return out, first, nil
}

// serverOrder offers the accepted suites reversed: a server with its own
// preference still picks its favourite, one that follows the client picks our
// first.
func (s *scan) serverOrder(ctx context.Context, v uint16, order []accepted) (*bool, error) {
	if len(order) < 2 {
		return nil, nil
	}
	rev := make([]uint16, len(order))
	for i, a := range order {
		rev[len(order)-1-i] = a.suite.Code
	}
	a, _, ok, err := s.choose(ctx, v, rev, defaultGroups)
	if err != nil || !ok {
		return nil, err
	}
	var b bool
	switch a.suite.Code {
	case order[0].suite.Code:
		b = true
	case order[len(order)-1].suite.Code:
		b = false
	default:
		return nil, nil
	}
	return &b, nil
}

// enumerateLegacy finds the suites accepted at v (SSLv3 to TLS 1.2). Offers are
// split into hellos of at most 127 suites, drained in parallel; when more than
// one hello found suites, one more drain of the union gives the overall order.
func (s *scan) enumerateLegacy(ctx context.Context, v uint16) (*versionResult, error) {
	chunks := slices.Collect(slices.Chunk(codes(offerList(v)), maxHelloSuites))
	found := make([][]accepted, len(chunks))
	firsts := make([]*flight, len(chunks))
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	for i, c := range chunks {
		wg.Go(func() { found[i], firsts[i], errs[i] = s.drain(ctx, v, c) })
	}
	wg.Wait()
	r := &versionResult{version: v}
	hits := 0
	for i := range chunks {
		if len(found[i]) > 0 {
			hits++
			r.suites = append(r.suites, found[i]...)
			if r.first == nil {
				r.first = firsts[i]
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return r, err
	}
	if hits > 1 && len(r.suites) <= maxHelloSuites {
		byCode := map[uint16]accepted{}
		var all []uint16
		for _, a := range r.suites {
			byCode[a.suite.Code] = a
			all = append(all, a.suite.Code)
		}
		ordered, _, err := s.drain(ctx, v, all)
		if err != nil {
			return r, err
		}
		if len(ordered) == len(r.suites) {
			for i, a := range ordered {
				if a.kx == (keyExchange{}) {
					a.kx = byCode[a.suite.Code].kx
				}
				ordered[i] = a
			}
			r.suites = ordered
		}
	}
	var err error
	r.serverOrder, err = s.serverOrder(ctx, v, r.suites)
	return r, err
}

// enumerateTLS13 offers each TLS 1.3 suite alone, then orders the accepted ones.
func (s *scan) enumerateTLS13(ctx context.Context) (*versionResult, error) {
	all := tls13SuiteCodes()
	got := make([]*accepted, len(all))
	errs := make([]error, len(all))
	var wg sync.WaitGroup
	for i, c := range all {
		wg.Go(func() {
			a, _, ok, err := s.choose(ctx, VersionTLS13, []uint16{c}, defaultGroups)
			if ok {
				got[i] = &a
			}
			errs[i] = err
		})
	}
	wg.Wait()
	r := &versionResult{version: VersionTLS13}
	var codes []uint16
	byCode := map[uint16]accepted{}
	for _, a := range got {
		if a != nil {
			codes = append(codes, a.suite.Code)
			byCode[a.suite.Code] = *a
		}
	}
	if err := errors.Join(errs...); err != nil {
		for _, c := range codes {
			r.suites = append(r.suites, byCode[c])
		}
		return r, err
	}
	if len(codes) < 2 {
		for _, c := range codes {
			r.suites = append(r.suites, byCode[c])
		}
		return r, nil
	}
	ordered, _, err := s.drain(ctx, VersionTLS13, codes)
	if err != nil || len(ordered) != len(codes) {
		for _, c := range codes {
			r.suites = append(r.suites, byCode[c])
		}
		if err == nil {
			err = fmt.Errorf("order TLS 1.3 suites: server accepted %d of %d suites offered together", len(ordered), len(codes))
		}
		return r, err
	}
	r.suites = ordered
	r.serverOrder, err = s.serverOrder(ctx, VersionTLS13, ordered)
	return r, err
}

// probeSSLv2 sends an SSLv2 CLIENT-HELLO; a SERVER-HELLO means SSLv2 is on.
func (s *scan) probeSSLv2(ctx context.Context) (*versionResult, error) {
	msg, err := sslv2ClientHello(s.p.random)
	if err != nil {
		return nil, err
	}
	conn, done, err := s.p.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	if _, err := conn.Write(msg); err != nil {
		return nil, nil // a server that hangs up on SSLv2 does not speak it
	}
	buf := make([]byte, 2, 2+32767)
	if _, err := readFull(conn, buf); err != nil || buf[0]&0x80 == 0 {
		return nil, nil
	}
	n := int(buf[0]&0x7f)<<8 | int(buf[1])
	buf = buf[:2+n]
	if _, err := readFull(conn, buf[2:]); err != nil {
		return nil, nil
	}
	sh, err := parseSSLv2ServerHello(buf)
	if err != nil || len(sh.ciphers) == 0 {
		return nil, nil
	}
	r := &versionResult{version: VersionSSL20}
	for _, c := range sh.ciphers {
		r.suites = append(r.suites, accepted{suite: sslv2Suite(c)})
	}
	r.first = &flight{certs: [][]byte{sh.cert}}
	return r, nil
}

func readFull(conn net.Conn, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := conn.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// sslv2Suite describes an SSLv2 cipher kind.
func sslv2Suite(c uint32) Suite {
	st := Suite{Kex: "RSA", Auth: "RSA", MAC: "MD5", MinVersion: VersionSSL20}
	switch c {
	case 0x010080:
		st.Name, st.OpenSSL, st.Enc, st.Bits = "SSL_CK_RC4_128_WITH_MD5", "RC4-MD5", "RC4", 128
	case 0x020080:
		st.Name, st.OpenSSL, st.Enc, st.Bits, st.Export = "SSL_CK_RC4_128_EXPORT40_WITH_MD5", "EXP-RC4-MD5", "RC4", 40, true
	case 0x030080:
		st.Name, st.OpenSSL, st.Enc, st.Bits = "SSL_CK_RC2_128_CBC_WITH_MD5", "RC2-CBC-MD5", "RC2", 128
	case 0x040080:
		st.Name, st.OpenSSL, st.Enc, st.Bits, st.Export = "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5", "EXP-RC2-CBC-MD5", "RC2", 40, true
	case 0x050080:
		st.Name, st.OpenSSL, st.Enc, st.Bits = "SSL_CK_IDEA_128_CBC_WITH_MD5", "IDEA-CBC-MD5", "IDEA", 128
	case 0x060040:
		st.Name, st.OpenSSL, st.Enc, st.Bits = "SSL_CK_DES_64_CBC_WITH_MD5", "DES-CBC-MD5", "DES", 56
	case 0x0700c0:
		st.Name, st.OpenSSL, st.Enc, st.Bits = "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "DES-CBC3-MD5", "3DES", 112
	default:
		st.Name, st.Enc = fmt.Sprintf("SSL_CK_0x%06X", c), "UNKNOWN"
	}
	st.Code = uint16(c >> 8) // informative only: SSLv2 kinds are 3 bytes
	return st
}

// enumerateGroups offers one group at a time: ECDHE groups at the newest
// version up to TLS 1.2 with ECDHE suites, and every group at TLS 1.3.
func (s *scan) enumerateGroups(ctx context.Context, results map[uint16]*versionResult) []Group {
	type hit struct {
		code    uint16
		version uint16
	}
	var (
		mu   sync.Mutex
		hits []hit
		wg   sync.WaitGroup
	)
	for _, v := range []uint16{VersionTLS12, VersionTLS11, VersionTLS10, VersionSSL30} {
		r := results[v]
		if r == nil {
			continue
		}
		var ec []uint16
		for _, a := range r.suites {
			if a.suite.Kex == "ECDHE" || a.suite.Kex == "ECDHEPSK" {
				ec = append(ec, a.suite.Code)
			}
		}
		if len(ec) == 0 {
			continue
		}
		for _, g := range legacyECGroups {
			wg.Go(func() {
				a, f, ok, err := s.choose(ctx, v, ec, []uint16{g})
				if err != nil {
					s.errorf("groups", err)
					return
				}
				if ok && f.kx.curve == g && a.kx.curve == g {
					mu.Lock()
					hits = append(hits, hit{g, v})
					mu.Unlock()
				}
			})
		}
		break
	}
	if r := results[VersionTLS13]; r != nil {
		suites := make([]uint16, 0, len(r.suites))
		for _, a := range r.suites {
			suites = append(suites, a.suite.Code)
		}
		for _, g := range tls13Groups {
			wg.Go(func() {
				_, f, ok, err := s.choose(ctx, VersionTLS13, suites, []uint16{g})
				if err != nil {
					s.errorf("groups", err)
					return
				}
				if ok && f.hello.group == g {
					mu.Lock()
					hits = append(hits, hit{g, VersionTLS13})
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	groups := []Group{}
	order := func(code uint16) int {
		if i := slices.Index(tls13Groups, code); i >= 0 {
			return i
		}
		return len(tls13Groups) + slices.Index(legacyECGroups, code)
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(order(a.code), order(b.code)), cmp.Compare(b.version, a.version))
	})
	for _, h := range hits {
		if n := len(groups); n > 0 && groups[n-1].Code == fmt.Sprintf("0x%04X", h.code) {
			groups[n-1].Versions = append(groups[n-1].Versions, VersionName(h.version))
			continue
		}
		g := lookupGroup(h.code)
		groups = append(groups, Group{Name: g.name, Code: fmt.Sprintf("0x%04X", g.code), Bits: g.bits, Versions: []string{VersionName(h.version)}})
	}
	return groups
}
