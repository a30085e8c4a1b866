package ssh

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"github.com/vouch-audit/vouch/target"
)

// maxSocketTable caps /proc/net/tcp{,6}: a busy host has some thousands of lines.
const maxSocketTable = 16 << 20

// listeningTCP reads the TCP sockets in LISTEN state from /proc/net/tcp and
// /proc/net/tcp6. Either file may be absent (IPv6 off), not both.
func listeningTCP(t target.Target) ([]netip.AddrPort, error) {
	var out []netip.AddrPort
	var errs []error
	read := 0
	for _, p := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := t.ReadFile(p, maxSocketTable)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		read++
		ls, err := parseSocketTable(b)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", p, err)
		}
		out = append(out, ls...)
	}
	if read == 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// parseSocketTable returns the LISTEN (state 0A) local addresses of a
// /proc/net/tcp or tcp6 table.
func parseSocketTable(b []byte) ([]netip.AddrPort, error) {
	var out []netip.AddrPort
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if n == 1 || len(f) < 4 || f[3] != "0A" {
			continue
		}
		ap, err := parseHexAddrPort(f[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, ap)
	}
	return out, sc.Err()
}

// parseHexAddrPort decodes "0100007F:0016" or a 32-digit IPv6 form: the
// address is stored as 32-bit words in host (little-endian) order.
func parseHexAddrPort(s string) (netip.AddrPort, error) {
	h, p, ok := strings.Cut(s, ":")
	if !ok {
		return netip.AddrPort{}, fmt.Errorf("bad socket address %q", s)
	}
	raw, err := hex.DecodeString(h)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return netip.AddrPort{}, fmt.Errorf("bad socket address %q", s)
	}
	for i := 0; i < len(raw); i += 4 {
		raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
	}
	port, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("bad socket port %q", s)
	}
	a, _ := netip.AddrFromSlice(raw)
	return netip.AddrPortFrom(a.Unmap(), uint16(port)), nil
}

// probeAddrs picks one address to dial per configured port that has a
// listening socket: the configured address itself, or loopback for a
// wildcard. IPv4 is preferred when sshd listens on both families.
func probeAddrs(listenAddrs []string, listening []netip.AddrPort) []string {
	var out []string
	seen := map[uint16]bool{}
	pick := func(want func(netip.Addr) bool) {
		for _, la := range listenAddrs {
			host, ps, err := net.SplitHostPort(la)
			if err != nil {
				continue
			}
			port64, err := strconv.ParseUint(ps, 10, 16)
			if err != nil {
				continue
			}
			port := uint16(port64)
			a, err := netip.ParseAddr(host)
			if err != nil || seen[port] || !want(a) {
				continue
			}
			for _, l := range listening {
				if l.Port() != port || (l.Addr() != a && !l.Addr().IsUnspecified()) {
					continue
				}
				dial := a
				if a.IsUnspecified() {
					dial = netip.IPv6Loopback()
					if a.Is4() {
						dial = netip.AddrFrom4([4]byte{127, 0, 0, 1})
					}
				}
				seen[port] = true
				out = append(out, netip.AddrPortFrom(dial, port).String())
				break
			}
		}
	}
	pick(netip.Addr.Is4)
	pick(netip.Addr.Is6)
	return out
}
