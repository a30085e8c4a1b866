package ssh

import (
	"bufio"
	"bytes"
	"context"
	"crypto/dsa" //nolint:staticcheck // DSA host keys are what SSH-007 looks for.
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	xssh "golang.org/x/crypto/ssh"
)

// DefaultProbeTimeout bounds everything Probe does for one endpoint.
const DefaultProbeTimeout = 5 * time.Second

// Limits on what a server may send before and in its KEXINIT (RFC 4253).
const (
	maxBannerLen    = 255   // §4.2: the identification line, CR LF included
	maxPreBanner    = 64    // other lines a server may send first
	maxPreBannerLen = 8192  // and their total size
	maxPacketLen    = 35000 // §6.1: packets every implementation must accept
	maxSkipped      = 16    // IGNORE/DEBUG messages tolerated before KEXINIT
)

const (
	msgIgnore  = 2
	msgDebug   = 4
	msgKexInit = 20
)

// StrictKexServer is the pseudo-algorithm a server lists in its KEXINIT when
// it implements strict key exchange (the Terrapin countermeasure).
const StrictKexServer = "kex-strict-s-v00@openssh.com"

// NonexistentUser is the account name Probe asks about to see what a server
// offers for a user it does not know.
const NonexistentUser = "vouch-no-such-user"

// ProbeOptions tune Probe.
type ProbeOptions struct {
	// Timeout bounds the whole probe of one endpoint; zero means DefaultProbeTimeout.
	Timeout time.Duration
	// SkipHostKeys leaves out the handshakes that collect host keys.
	SkipHostKeys bool
	// SkipAuth leaves out the handshakes that ask which methods are offered.
	SkipAuth bool
	// Dialer connects to the endpoint; nil means a net.Dialer.
	Dialer interface {
		DialContext(ctx context.Context, network, addr string) (net.Conn, error)
	}
}

// Endpoint is what a live SSH server shows a client before authentication.
// Algorithm lists keep the order the server sent.
type Endpoint struct {
	Address           string   `json:"address"`
	Banner            string   `json:"banner"`
	KexAlgorithms     []string `json:"kex_algorithms"`
	HostKeyAlgorithms []string `json:"host_key_algorithms"`
	// Ciphers and MACs are the server-to-client lists; the client-to-server
	// ones are kept only when they differ.
	Ciphers               []string `json:"ciphers"`
	CiphersClientToServer []string `json:"ciphers_client_to_server,omitempty"`
	MACs                  []string `json:"macs"`
	MACsClientToServer    []string `json:"macs_client_to_server,omitempty"`
	Compression           []string `json:"compression"`
	// HostKeys holds one entry per distinct key the server proved it holds.
	HostKeys []ProbedKey `json:"host_keys"`
	// AuthMethods maps "root" and "nonexistent" to the methods the server
	// lists after a "none" request, in its order; ["none"] means the server
	// let the user in without authenticating.
	AuthMethods map[string][]string `json:"auth_methods,omitzero"`
	StrictKex   bool                `json:"strict_kex"`
	// Errors holds what part of the probe failed and why ("host_key ssh-dss",
	// "auth root"), so a missing entry is never mistaken for a clean answer.
	Errors map[string]string `json:"errors,omitzero"`
}

// ProbedKey is a host key seen in a handshake.
type ProbedKey struct {
	Type        string `json:"type"` // key type: ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256, ssh-dss
	Bits        int    `json:"bits"`
	Fingerprint string `json:"fingerprint"` // SHA256:base64, as ssh-keygen -l prints
}

// KexInit is the server's SSH_MSG_KEXINIT (RFC 4253 §7.1).
type KexInit struct {
	Cookie                  [16]byte
	KexAlgorithms           []string
	HostKeyAlgorithms       []string
	CiphersClientToServer   []string
	CiphersServerToClient   []string
	MACsClientToServer      []string
	MACsServerToClient      []string
	CompressionClientServer []string
	CompressionServerClient []string
	LanguagesClientServer   []string
	LanguagesServerClient   []string
	FirstKexFollows         bool
}

// ParseAddr turns "ssh://host[:port]", "host:port" or "host" into a dial address.
func ParseAddr(addr string) (string, error) {
	a := strings.TrimPrefix(addr, "ssh://")
	a = strings.TrimSuffix(a, "/")
	if i := strings.LastIndex(a, "@"); i >= 0 {
		a = a[i+1:]
	}
	if a == "" {
		return "", fmt.Errorf("parse ssh address %q: empty host", addr)
	}
	if _, _, err := net.SplitHostPort(a); err != nil {
		if strings.Count(a, ":") > 1 && !strings.HasPrefix(a, "[") {
			return net.JoinHostPort(a, "22"), nil
		}
		if strings.HasPrefix(a, "[") && strings.HasSuffix(a, "]") {
			return net.JoinHostPort(a[1:len(a)-1], "22"), nil
		}
		if strings.Contains(a, ":") {
			return "", fmt.Errorf("parse ssh address %q: %w", addr, err)
		}
		return net.JoinHostPort(a, "22"), nil
	}
	return a, nil
}

// Probe connects to an SSH server and reports its banner, KEXINIT lists,
// host keys and the authentication methods it offers to root and to a user
// that does not exist. It never authenticates. Everything is bounded by
// opts.Timeout; a part that fails after the KEXINIT was read is recorded in
// Endpoint.Errors and the rest is still returned.
func Probe(ctx context.Context, addr string, opts ProbeOptions) (*Endpoint, error) {
	hostport, err := ParseAddr(addr)
	if err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultProbeTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	banner, ki, conn, err := readKexInit(ctx, opts, hostport)
	if err != nil {
		return nil, fmt.Errorf("probe ssh %s: %w", hostport, err)
	}
	defer conn.Close()
	ep := &Endpoint{
		Address:           hostport,
		Banner:            banner,
		KexAlgorithms:     ki.KexAlgorithms,
		HostKeyAlgorithms: ki.HostKeyAlgorithms,
		Ciphers:           ki.CiphersServerToClient,
		MACs:              ki.MACsServerToClient,
		Compression:       ki.CompressionServerClient,
		HostKeys:          []ProbedKey{},
		StrictKex:         contains(ki.KexAlgorithms, StrictKexServer),
	}
	if !equalStrings(ki.CiphersClientToServer, ki.CiphersServerToClient) {
		ep.CiphersClientToServer = ki.CiphersClientToServer
	}
	if !equalStrings(ki.MACsClientToServer, ki.MACsServerToClient) {
		ep.MACsClientToServer = ki.MACsClientToServer
	}
	fail := func(part string, err error) {
		if ep.Errors == nil {
			ep.Errors = map[string]string{}
		}
		ep.Errors[part] = err.Error()
	}
	probeAfterKexInit(ctx, opts, hostport, ki, conn, ep, fail)
	if ctx.Err() != nil {
		return ep, fmt.Errorf("probe ssh %s: %w", hostport, ctx.Err())
	}
	return ep, nil
}

// Result is one endpoint's outcome in ProbeAll.
type Result struct {
	Addr     string
	Endpoint *Endpoint
	Err      error
}

// ProbeAll probes addrs with at most limit probes at once (limit < 1 means 1)
// and returns the results in the order of addrs.
func ProbeAll(ctx context.Context, addrs []string, limit int, opts ProbeOptions) []Result {
	out := make([]Result, len(addrs))
	sem := make(chan struct{}, max(1, limit))
	var wg sync.WaitGroup
	for i, a := range addrs {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				out[i] = Result{Addr: a, Err: fmt.Errorf("probe ssh %s: %w", a, ctx.Err())}
				return
			}
			defer func() { <-sem }()
			ep, err := Probe(ctx, a, opts)
			out[i] = Result{Addr: a, Endpoint: ep, Err: err}
		})
	}
	wg.Wait()
	return out
}

func dial(ctx context.Context, opts ProbeOptions, hostport string) (net.Conn, error) {
	var d interface {
		DialContext(ctx context.Context, network, addr string) (net.Conn, error)
	} = &net.Dialer{}
	if opts.Dialer != nil {
		d = opts.Dialer
	}
	c, err := d.DialContext(ctx, "tcp", hostport)
	if err != nil {
		return nil, fmt.Errorf("dial: %w", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	}
	// Closing the connection when the context ends unblocks any read.
	stop := context.AfterFunc(ctx, func() { _ = c.SetDeadline(time.Unix(1, 0)) })
	return &ctxConn{Conn: c, stop: stop}, nil
}

type ctxConn struct {
	net.Conn
	stop func() bool
}

func (c *ctxConn) Close() error {
	c.stop()
	return c.Conn.Close()
}

// readKexInit exchanges identification lines and reads the server's first
// binary packet without sending anything but our own identification. The
// connection comes back ready for one handshake: what was read is replayed to
// it, and our identification, already sent, is not sent twice. Reusing it
// spares the server one connection per probe, which is what a fleet scan of
// sshd (one re-exec per connection) mostly waits on. The caller closes it.
func readKexInit(ctx context.Context, opts ProbeOptions, hostport string) (string, *KexInit, net.Conn, error) {
	c, err := dial(ctx, opts, hostport)
	if err != nil {
		return "", nil, nil, err
	}
	ok := false
	defer func() {
		if !ok {
			c.Close()
		}
	}()
	if _, err := io.WriteString(c, probeIdent+"\r\n"); err != nil {
		return "", nil, nil, fmt.Errorf("send identification: %w", err)
	}
	rec := &recorder{r: c}
	r := bufio.NewReaderSize(rec, 4096)
	banner, err := ReadBanner(r)
	if err != nil {
		return "", nil, nil, timeoutReason(ctx, err)
	}
	for skipped := 0; ; skipped++ {
		payload, err := ReadPacket(r)
		if err != nil {
			return banner, nil, nil, timeoutReason(ctx, fmt.Errorf("read kexinit: %w", err))
		}
		if len(payload) > 0 && (payload[0] == msgIgnore || payload[0] == msgDebug) && skipped < maxSkipped {
			continue
		}
		ki, err := ParseKexInit(payload)
		if err != nil {
			return banner, nil, nil, err
		}
		ok = true
		return banner, ki, &replayConn{Conn: c, replay: rec.buf, sentIdent: []byte(probeIdent + "\r\n")}, nil
	}
}

// probeIdent is the identification the probe sends (RFC 4253 section 4.2).
const probeIdent = "SSH-2.0-vouch_probe"

// recorder keeps every byte read through it, bounded by what ReadBanner and
// ReadPacket accept (a few hundred KB at most).
type recorder struct {
	r   io.Reader
	buf []byte
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.buf = append(r.buf, p[:n]...)
	return n, err
}

// replayConn hands a handshake the server's bytes already read, then the
// live stream, and swallows the identification line it would send again.
type replayConn struct {
	net.Conn
	replay    []byte
	sentIdent []byte
}

func (c *replayConn) Read(p []byte) (int, error) {
	if len(c.replay) > 0 {
		n := copy(p, c.replay)
		c.replay = c.replay[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

func (c *replayConn) Write(p []byte) (int, error) {
	if c.sentIdent != nil {
		ident := c.sentIdent
		c.sentIdent = nil
		if bytes.Equal(p, ident) {
			return len(p), nil
		}
	}
	return c.Conn.Write(p)
}

// timeoutReason says "timed out" when the deadline, not the server, ended a read.
func timeoutReason(ctx context.Context, err error) error {
	var ne net.Error
	if ctx.Err() != nil || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("timed out: %w", err)
	}
	return err
}

// ReadBanner reads the server's identification string (RFC 4253 §4.2),
// skipping up to a bounded number of other lines sent before it. It returns
// the line without CR LF.
func ReadBanner(r *bufio.Reader) (string, error) {
	total := 0
	for n := 0; n <= maxPreBanner; n++ {
		line, err := readLine(r, maxBannerLen)
		if err != nil {
			return "", fmt.Errorf("read banner: %w", err)
		}
		if strings.HasPrefix(line, "SSH-") {
			if !strings.HasPrefix(line, "SSH-2.0-") && !strings.HasPrefix(line, "SSH-1.99-") {
				return "", fmt.Errorf("read banner: unsupported protocol version in %q", truncate(line, 64))
			}
			return line, nil
		}
		total += len(line) + 2
		if total > maxPreBannerLen {
			break
		}
	}
	return "", fmt.Errorf("read banner: no SSH identification within %d lines or %d bytes", maxPreBanner, maxPreBannerLen)
}

// readLine reads one LF-terminated line of at most max bytes, CR LF included.
func readLine(r *bufio.Reader, max int) (string, error) {
	var b []byte
	for {
		c, err := r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", fmt.Errorf("connection closed after %d bytes of a line: %w", len(b), io.ErrUnexpectedEOF)
			}
			return "", err
		}
		if c == '\n' {
			return strings.TrimSuffix(string(b), "\r"), nil
		}
		b = append(b, c)
		if len(b) >= max {
			return "", fmt.Errorf("line longer than %d bytes", max)
		}
	}
}

// ReadPacket reads one unencrypted binary packet (RFC 4253 §6) and returns
// its payload.
func ReadPacket(r io.Reader) ([]byte, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("packet header: %w", eofIsUnexpected(err))
	}
	length := binary.BigEndian.Uint32(hdr[:4])
	padding := uint32(hdr[4])
	if length > maxPacketLen {
		return nil, fmt.Errorf("packet length %d exceeds %d", length, maxPacketLen)
	}
	if length < 5 || padding < 4 || padding+1 > length {
		return nil, fmt.Errorf("malformed packet: length %d, padding %d", length, padding)
	}
	body := make([]byte, length-1)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("packet body: %w", eofIsUnexpected(err))
	}
	return body[:length-1-padding], nil
}

func eofIsUnexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// ParseKexInit parses an SSH_MSG_KEXINIT payload.
func ParseKexInit(p []byte) (*KexInit, error) {
	if len(p) == 0 || p[0] != msgKexInit {
		t := -1
		if len(p) > 0 {
			t = int(p[0])
		}
		return nil, fmt.Errorf("parse kexinit: message type %d, want %d", t, msgKexInit)
	}
	p = p[1:]
	if len(p) < 16 {
		return nil, errors.New("parse kexinit: short cookie")
	}
	ki := &KexInit{}
	copy(ki.Cookie[:], p[:16])
	p = p[16:]
	lists := []*[]string{&ki.KexAlgorithms, &ki.HostKeyAlgorithms, &ki.CiphersClientToServer, &ki.CiphersServerToClient,
		&ki.MACsClientToServer, &ki.MACsServerToClient, &ki.CompressionClientServer, &ki.CompressionServerClient,
		&ki.LanguagesClientServer, &ki.LanguagesServerClient}
	names := []string{"kex_algorithms", "server_host_key_algorithms", "encryption_algorithms_client_to_server",
		"encryption_algorithms_server_to_client", "mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
		"compression_algorithms_client_to_server", "compression_algorithms_server_to_client",
		"languages_client_to_server", "languages_server_to_client"}
	for i, l := range lists {
		if len(p) < 4 {
			return nil, fmt.Errorf("parse kexinit: %s: truncated", names[i])
		}
		n := binary.BigEndian.Uint32(p)
		p = p[4:]
		if uint64(n) > uint64(len(p)) {
			return nil, fmt.Errorf("parse kexinit: %s: length %d exceeds the %d bytes left", names[i], n, len(p))
		}
		s := string(p[:n])
		p = p[n:]
		*l = []string{}
		if s == "" {
			continue
		}
		for _, name := range strings.Split(s, ",") {
			if name == "" {
				return nil, fmt.Errorf("parse kexinit: %s: empty name", names[i])
			}
			*l = append(*l, name)
		}
	}
	if len(p) < 5 {
		return nil, errors.New("parse kexinit: truncated after name-lists")
	}
	ki.FirstKexFollows = p[0] != 0
	return ki, nil
}

// hostKeyFamily groups host key algorithms by the key they need: rsa-sha2-256,
// rsa-sha2-512 and ssh-rsa all prove the same RSA key. "" means the probe
// cannot handshake with the algorithm.
func hostKeyFamily(alg string) string {
	switch alg {
	case xssh.KeyAlgoRSA, xssh.KeyAlgoRSASHA256, xssh.KeyAlgoRSASHA512:
		return "rsa"
	case xssh.InsecureKeyAlgoDSA, xssh.KeyAlgoECDSA256, xssh.KeyAlgoECDSA384, xssh.KeyAlgoECDSA521, xssh.KeyAlgoED25519:
		return alg
	}
	return ""
}

// hostKeyProbes picks one algorithm per key the server may hold, in the
// server's order.
func hostKeyProbes(algs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range algs {
		f := hostKeyFamily(a)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, a)
	}
	return out
}

// probeJob is one handshake after the KEXINIT: it proves the host key of
// alg (when set) and asks which methods user (when set) may use, so a server
// with two keys is probed with two connections, not four.
type probeJob struct {
	alg         string
	label, user string
	key         *ProbedKey
	methods     []string
	err         error
}

// probeAfterKexInit runs the host-key and authentication handshakes at once
// and records what each found, keys in the server's algorithm order. The
// first handshake continues on first, the connection the KEXINIT came on.
func probeAfterKexInit(ctx context.Context, opts ProbeOptions, hostport string, ki *KexInit, first net.Conn, ep *Endpoint, fail func(string, error)) {
	var algs []string
	if !opts.SkipHostKeys {
		algs = hostKeyProbes(ki.HostKeyAlgorithms)
		for _, alg := range ki.HostKeyAlgorithms {
			if hostKeyFamily(alg) == "" && !strings.Contains(alg, "-cert-") {
				fail("host_key "+alg, errors.New("algorithm not supported by the probe"))
			}
		}
	}
	var users [][2]string
	if !opts.SkipAuth {
		users = [][2]string{{"root", "root"}, {"nonexistent", NonexistentUser}}
		ep.AuthMethods = map[string][]string{}
	}
	jobs := make([]*probeJob, max(len(algs), len(users)))
	for i := range jobs {
		j := &probeJob{}
		if i < len(algs) {
			j.alg = algs[i]
		}
		if i < len(users) {
			j.label, j.user = users[i][0], users[i][1]
		}
		jobs[i] = j
	}
	var wg sync.WaitGroup
	for i, j := range jobs {
		var conn net.Conn
		if i == 0 {
			conn = first
		}
		wg.Go(func() { j.run(ctx, opts, hostport, conn) })
	}
	wg.Wait()
	for _, j := range jobs {
		if j.alg != "" {
			switch {
			case j.key != nil:
				if !containsKey(ep.HostKeys, *j.key) {
					ep.HostKeys = append(ep.HostKeys, *j.key)
				}
			case j.err != nil:
				fail("host_key "+j.alg, j.err)
			default:
				fail("host_key "+j.alg, errors.New("handshake ended without a host key"))
			}
		}
		if j.user == "" {
			continue
		}
		if j.methods == nil && j.alg != "" && j.key == nil && ctx.Err() == nil {
			// The host key algorithm failed the handshake; ask again
			// with any algorithm so the methods are still known.
			retry := &probeJob{label: j.label, user: j.user}
			retry.run(ctx, opts, hostport, nil)
			j.methods, j.err = retry.methods, retry.err
		}
		if j.methods == nil {
			err := j.err
			if err == nil {
				err = errors.New("handshake ended before authentication")
			}
			fail("auth "+j.label, err)
			continue
		}
		ep.AuthMethods[j.label] = j.methods
	}
}

// run performs the job's handshake, on conn when given, else on a new
// connection. Only a "none" request is ever sent.
func (j *probeJob) run(ctx context.Context, opts ProbeOptions, hostport string, conn net.Conn) {
	user := j.user
	if user == "" {
		user = "root"
	}
	cfg := clientConfig(user)
	if j.alg != "" {
		cfg.HostKeyAlgorithms = []string{j.alg}
	}
	cfg.HostKeyCallback = func(_ string, _ net.Addr, key xssh.PublicKey) error {
		k := describeKey(key)
		j.key = &k
		if j.user == "" {
			return errProbeDone
		}
		return nil // nothing is sent that needs a trusted server
	}
	asked := false
	cfg.AuthCallback = func(ac *xssh.ClientAuthContext) (xssh.AuthMethod, error) {
		j.methods = append([]string{}, ac.AllowedMethods...)
		asked = true
		return nil, errProbeDone
	}
	err := handshake(ctx, opts, hostport, cfg, conn)
	if j.user != "" && !asked && err == nil {
		j.methods = []string{"none"} // the server let the user in without authenticating
	}
	j.err = err
}

// errProbeDone ends a handshake once the probe has what it came for.
var errProbeDone = errors.New("probe done")

// clientConfig accepts every algorithm x/crypto implements, so a server with
// only legacy algorithms can still be probed.
func clientConfig(user string) *xssh.ClientConfig {
	sup, insec := xssh.SupportedAlgorithms(), xssh.InsecureAlgorithms()
	cfg := &xssh.ClientConfig{
		User:          user,
		ClientVersion: probeIdent,
	}
	cfg.KeyExchanges = append(sup.KeyExchanges, insec.KeyExchanges...)
	cfg.Ciphers = append(sup.Ciphers, insec.Ciphers...)
	cfg.MACs = append(sup.MACs, insec.MACs...)
	return cfg
}

func handshake(ctx context.Context, opts ProbeOptions, hostport string, cfg *xssh.ClientConfig, c net.Conn) error {
	if c == nil {
		var err error
		if c, err = dial(ctx, opts, hostport); err != nil {
			return err
		}
	}
	defer c.Close()
	sc, chans, reqs, err := xssh.NewClientConn(c, hostport, cfg)
	if err != nil {
		if errors.Is(err, errProbeDone) {
			return nil
		}
		return timeoutReason(ctx, err)
	}
	go xssh.DiscardRequests(reqs)
	go func() {
		for ch := range chans {
			_ = ch.Reject(xssh.Prohibited, "")
		}
	}()
	return sc.Close()
}

// describeKey returns a key's type, size and SHA256 fingerprint.
func describeKey(key xssh.PublicKey) ProbedKey {
	k := ProbedKey{Type: key.Type(), Fingerprint: xssh.FingerprintSHA256(key)}
	if cpk, ok := key.(xssh.CryptoPublicKey); ok {
		switch pk := cpk.CryptoPublicKey().(type) {
		case *rsa.PublicKey:
			k.Bits = pk.N.BitLen()
		case *ecdsa.PublicKey:
			k.Bits = pk.Curve.Params().BitSize
		case ed25519.PublicKey:
			k.Bits = 256
		case *dsa.PublicKey:
			k.Bits = pk.P.BitLen()
		}
	}
	return k
}

func containsKey(ks []ProbedKey, k ProbedKey) bool {
	for _, x := range ks {
		if x.Fingerprint == k.Fingerprint {
			return true
		}
	}
	return false
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
