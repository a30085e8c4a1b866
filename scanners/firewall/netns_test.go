package firewall

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// These tests build a "host" network namespace with real listeners, load a
// ruleset with the real nft or iptables (nf_tables back end) and connect to
// every port from an "internet" namespace over a veth pair. The scanner's
// exposed list must equal what the connection attempts prove.

// needNetns returns when network namespaces, ip, nft and iptables are usable,
// installing nftables, iptables and iproute2 as root on Debian if missing.
func needNetns(t *testing.T) {
	t.Helper()
	if reason := netnsUnavailable(); reason != "" {
		if os.Getenv("VOUCH_INTEGRATION") == "required" {
			t.Fatalf("network namespaces with nft and iptables are required (VOUCH_INTEGRATION=required) but unavailable: %s", reason)
		}
		t.Skipf("network namespace tests unavailable: %s", reason)
	}
}

var netnsOnce struct {
	sync.Once
	reason string
}

func netnsUnavailable() string {
	netnsOnce.Do(func() {
		if os.Geteuid() != 0 {
			netnsOnce.reason = "creating network namespaces needs root"
			return
		}
		tools := map[string]string{"ip": "iproute2", "nft": "nftables", "iptables": "iptables"}
		var missing []string
		for cmd, pkg := range tools {
			if _, err := exec.LookPath(cmd); err != nil {
				missing = append(missing, pkg)
			}
		}
		if len(missing) > 0 {
			if _, err := exec.LookPath("apt-get"); err != nil {
				netnsOnce.reason = "missing " + strings.Join(missing, ", ") + " and apt-get is not available"
				return
			}
			slices.Sort(missing)
			out, err := exec.Command("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "+strings.Join(missing, " ")).CombinedOutput()
			if err != nil {
				netnsOnce.reason = fmt.Sprintf("apt-get install %s: %v: %s", strings.Join(missing, " "), err, out)
				return
			}
		}
		name := fmt.Sprintf("vfwprobe%d", os.Getpid())
		if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
			netnsOnce.reason = fmt.Sprintf("ip netns add: %v: %s", err, out)
			return
		}
		exec.Command("ip", "netns", "del", name).Run()
	})
	return netnsOnce.reason
}

var nsCounter atomic.Int32

func sh(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", strings.Join(args, " "), err, out)
	}
}

func nsSh(t *testing.T, ns string, stdin string, args ...string) {
	t.Helper()
	cmd := exec.Command("ip", append([]string{"netns", "exec", ns}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ip netns exec %s %s: %v: %s", ns, strings.Join(args, " "), err, out)
	}
}

// inNS runs fn on an OS thread moved into the named network namespace.
// Sockets fn creates stay in that namespace.
func inNS(ns string, fn func() error) error {
	runtime.LockOSThread()
	orig, err := os.Open(fmt.Sprintf("/proc/thread-self/ns/net"))
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer orig.Close()
	f, err := os.Open("/var/run/netns/" + ns)
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer f.Close()
	if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("setns %s: %w", ns, err)
	}
	ferr := fn()
	if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
		// The thread stays locked and dies with this goroutine.
		return fmt.Errorf("restore network namespace: %w", err)
	}
	runtime.UnlockOSThread()
	return ferr
}

// lab is a host namespace wired to an internet namespace and a container
// namespace behind a bridge-like veth named docker0.
type lab struct {
	host, inet, ctr string
}

func newLab(t *testing.T) *lab {
	t.Helper()
	needNetns(t)
	n := nsCounter.Add(1)
	l := &lab{
		host: fmt.Sprintf("vfwh%d-%d", os.Getpid(), n),
		inet: fmt.Sprintf("vfwi%d-%d", os.Getpid(), n),
		ctr:  fmt.Sprintf("vfwc%d-%d", os.Getpid(), n),
	}
	for _, ns := range []string{l.host, l.inet, l.ctr} {
		sh(t, "ip", "netns", "add", ns)
		t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
		sh(t, "ip", "-n", ns, "link", "set", "lo", "up")
	}
	sh(t, "ip", "link", "add", "eth0", "netns", l.host, "type", "veth", "peer", "name", "eth0", "netns", l.inet)
	sh(t, "ip", "link", "add", "docker0", "netns", l.host, "type", "veth", "peer", "name", "eth0", "netns", l.ctr)
	for _, c := range [][]string{
		{l.host, "addr", "add", "198.51.100.1/24", "dev", "eth0"},
		{l.host, "addr", "add", "198.51.100.3/24", "dev", "eth0"},
		{l.host, "-6", "addr", "add", "2001:db8::1/64", "dev", "eth0", "nodad"},
		{l.host, "addr", "add", "172.17.0.1/24", "dev", "docker0"},
		{l.host, "link", "set", "eth0", "up"},
		{l.host, "link", "set", "docker0", "up"},
		{l.inet, "addr", "add", "198.51.100.2/24", "dev", "eth0"},
		{l.inet, "-6", "addr", "add", "2001:db8::2/64", "dev", "eth0", "nodad"},
		{l.inet, "link", "set", "eth0", "up"},
		{l.ctr, "addr", "add", "172.17.0.2/24", "dev", "eth0"},
		{l.ctr, "link", "set", "eth0", "up"},
		{l.ctr, "route", "add", "default", "via", "172.17.0.1"},
	} {
		sh(t, append([]string{"ip", "-n", c[0]}, c[1:]...)...)
	}
	nsSh(t, l.host, "", "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
	return l
}

// listener is one socket the host namespace opens.
type listener struct{ network, addr string }

var hostListeners = []listener{
	{"tcp4", "0.0.0.0:22"}, {"tcp4", "0.0.0.0:80"}, {"tcp4", "0.0.0.0:443"}, {"tcp4", "0.0.0.0:5432"},
	{"tcp4", "0.0.0.0:5100"}, {"tcp4", "127.0.0.1:6379"}, {"tcp4", "198.51.100.3:9000"},
	{"tcp6", "[::]:22"}, {"tcp6", "[::]:8443"}, {"tcp", "[::]:7000"}, // tcp: dual-stack, IPV6_V6ONLY off
	{"udp4", "0.0.0.0:53"}, {"udp4", "0.0.0.0:5353"}, {"udp6", "[::]:53"},
}

// listen opens ls in ns: TCP listeners accept and close, UDP ones echo, so
// an answer proves the packet arrived.
func listen(t *testing.T, ns string, ls []listener) {
	t.Helper()
	err := inNS(ns, func() error {
		for _, l := range ls {
			if strings.HasPrefix(l.network, "tcp") {
				ln, err := net.Listen(l.network, l.addr)
				if err != nil {
					return err
				}
				t.Cleanup(func() { ln.Close() })
				go func() {
					for {
						c, err := ln.Accept()
						if err != nil {
							return
						}
						c.Close()
					}
				}()
				continue
			}
			pc, err := net.ListenPacket(l.network, l.addr)
			if err != nil {
				return err
			}
			t.Cleanup(func() { pc.Close() })
			go func() {
				buf := make([]byte, 512)
				for {
					n, from, err := pc.ReadFrom(buf)
					if err != nil {
						return
					}
					pc.WriteTo(buf[:n], from)
				}
			}()
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listen in %s: %v", ns, err)
	}
}

// reachable tries one connection from the internet namespace.
func (l *lab) reachable(network, addr string) bool {
	ok := false
	err := inNS(l.inet, func() error {
		c, err := net.DialTimeout(network, addr, 400*time.Millisecond)
		if err != nil {
			return nil
		}
		defer c.Close()
		if strings.HasPrefix(network, "tcp") {
			ok = true
			return nil
		}
		c.SetDeadline(time.Now().Add(400 * time.Millisecond))
		if _, err := c.Write([]byte("vouch")); err != nil {
			return nil
		}
		buf := make([]byte, 16)
		n, err := c.Read(buf)
		ok = err == nil && string(buf[:n]) == "vouch"
		return nil
	})
	return err == nil && ok
}

// truth probes every listener (and the published ports) from the internet
// namespace, in parallel, and returns "family proto port address path" keys.
func (l *lab) truth(t *testing.T, published []int) []string {
	t.Helper()
	type probe struct {
		key     string
		network string
		addrs   []string
	}
	var ps []probe
	for _, ln := range hostListeners {
		host, port, _ := net.SplitHostPort(ln.addr)
		fam, proto := "ipv4", ln.network[:3]
		dsts := []string{host}
		if len(ln.network) == 3 { // dual-stack [::]: IPv4 reaches it too
			ps = append(ps, probe{key: fmt.Sprintf("ipv4 %s %s %s input", proto, port, host), network: proto + "4",
				addrs: []string{net.JoinHostPort("198.51.100.1", port)}})
			fam = "ipv6"
		} else if ln.network[3] == '6' {
			fam = "ipv6"
		}
		switch host {
		case "0.0.0.0":
			dsts = []string{"198.51.100.1", "198.51.100.3"}
		case "::":
			dsts = []string{"2001:db8::1"}
		case "127.0.0.1":
			dsts = []string{"198.51.100.1"}
		}
		var addrs []string
		for _, d := range dsts {
			addrs = append(addrs, net.JoinHostPort(d, port))
		}
		ps = append(ps, probe{key: fmt.Sprintf("%s %s %s %s input", fam, proto, port, host), network: ln.network, addrs: addrs})
	}
	for _, p := range published {
		ps = append(ps, probe{key: fmt.Sprintf("ipv4 tcp %d 0.0.0.0 dnat", p), network: "tcp4", addrs: []string{fmt.Sprintf("198.51.100.1:%d", p)}})
	}
	got := make([]bool, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, a := range p.addrs {
				if l.reachable(p.network, a) {
					got[i] = true
				}
			}
		}()
	}
	wg.Wait()
	var out []string
	for i, p := range ps {
		if got[i] {
			out = append(out, p.key)
		}
	}
	slices.Sort(out)
	return out
}

// nsTarget is the local machine seen from inside a network namespace:
// commands run under `ip netns exec NS`, and /proc/net is read by a process
// in the namespace, since /proc/net of this process shows the namespace it
// started in. Process fds (/proc/PID/fd) are not per network namespace and
// are read directly, so sockets keep their owners.
type nsTarget struct {
	*target.Local
	ns string
}

func (n nsTarget) Info() target.Info { return target.Info{Name: "netns:" + n.ns, Kind: "local"} }

// DualStackPorts declines for the same reason: ss runs in the namespace.
func (n nsTarget) DualStackPorts() (map[string]bool, error) {
	return nil, fmt.Errorf("netns %s: %w", n.ns, errors.ErrUnsupported)
}

// NetInterfaces declines: this process's netlink answers for the namespace
// it runs in, so the scanner runs ip inside the namespace instead.
func (n nsTarget) NetInterfaces() ([]target.NetInterface, error) {
	return nil, fmt.Errorf("netns %s: %w", n.ns, errors.ErrUnsupported)
}

func (n nsTarget) ReadFile(path string, max int64) ([]byte, error) {
	if !strings.HasPrefix(path, "/proc/net/") {
		return n.Local.ReadFile(path, max)
	}
	out, err := n.Local.Run(context.Background(), target.Command{Name: "ip", Args: []string{"netns", "exec", n.ns, "cat", path}, MaxOutput: max})
	if err != nil {
		return nil, err
	}
	if out.ExitCode != 0 {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fs.ErrNotExist}
	}
	return out.Stdout, nil
}

func (n nsTarget) Run(ctx context.Context, c target.Command) (target.Output, error) {
	if _, err := exec.LookPath(c.Name); err != nil {
		return target.Output{}, fmt.Errorf("%s: %w", c.Name, exec.ErrNotFound)
	}
	c.Args = append([]string{"netns", "exec", n.ns, c.Name}, c.Args...)
	c.Name = "ip"
	return n.Local.Run(ctx, c)
}

func (l *lab) scan(t *testing.T) (*Facts, map[string]string) {
	t.Helper()
	c := scanners.NewCollection(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
	v, err := New().Scan(context.Background(), nsTarget{Local: target.NewLocal(), ns: l.host}, c)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return v.(*Facts), c.Errors()
}

func keys(es []Exposure) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s %s %d %s %s", e.Family, e.Protocol, e.Port, e.Address, e.Path))
	}
	slices.Sort(out)
	return out
}

const dockerRules = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A DOCKER -i docker0 -j RETURN
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -i lo -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
%s-A DOCKER-USER -j RETURN
COMMIT
`

func TestExposureMatchesRealConnections(t *testing.T) {
	tests := []struct {
		name      string
		nft       string // loaded with nft -f
		iptables  string // loaded with iptables-restore (nf_tables back end)
		ip6tables string
		legacy    string // loaded with iptables-legacy-restore (x_tables, beside nf_tables)
		published []int  // DNAT'ed ports to probe
		want      []string
	}{
		{
			name: "default drop with 22, 80 and 443 allowed",
			nft: `table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		iifname "lo" accept
		meta l4proto ipv6-icmp accept
		tcp dport { 22, 80, 443 } accept
	}
}`,
			want: []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 443 0.0.0.0 input", "ipv4 tcp 80 0.0.0.0 input", "ipv6 tcp 22 :: input"},
		},
		{
			name: "accept all",
			want: []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 443 0.0.0.0 input", "ipv4 tcp 5100 0.0.0.0 input", "ipv4 tcp 5432 0.0.0.0 input",
				"ipv4 tcp 80 0.0.0.0 input", "ipv4 tcp 9000 198.51.100.3 input", "ipv4 udp 53 0.0.0.0 input", "ipv4 udp 5353 0.0.0.0 input",
				"ipv6 tcp 22 :: input", "ipv6 tcp 8443 :: input", "ipv6 udp 53 :: input", "ipv4 tcp 7000 :: input", "ipv6 tcp 7000 :: input"},
		},
		{
			name: "iptables-nft rules with multiport and conntrack",
			iptables: `*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -i lo -j ACCEPT
-A INPUT -p tcp -m multiport --dports 22,443 -m conntrack --ctstate NEW -j ACCEPT
-A INPUT -p udp -m udp --dport 53 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 5432 -j REJECT --reject-with tcp-reset
COMMIT
`,
			ip6tables: `*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m tcp --dport 8443 -m comment --comment "web admin" -j ACCEPT
COMMIT
`,
			want: []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 443 0.0.0.0 input", "ipv4 udp 53 0.0.0.0 input", "ipv6 tcp 8443 :: input"},
		},
		{
			name: "named sets, intervals and a verdict map",
			nft: `table inet filter {
	set web { type inet_service; flags interval; elements = { 80, 5000-5200 } }
	set blocked { type ipv4_addr; flags interval; elements = { 203.0.113.0/24 } }
	chain input {
		type filter hook input priority filter; policy drop;
		ip saddr @blocked drop
		tcp dport @web counter accept
		udp dport vmap { 53 : accept, 5353 : drop }
	}
}`,
			want: []string{"ipv4 tcp 5100 0.0.0.0 input", "ipv4 tcp 80 0.0.0.0 input", "ipv4 udp 53 0.0.0.0 input", "ipv6 udp 53 :: input"},
		},
		{
			name: "jumps and gotos into user chains",
			nft: `table ip filter {
	chain services {
		tcp dport 22 accept
		tcp dport 9000 goto admin
		return
	}
	chain admin {
		ip daddr 198.51.100.3 accept
	}
	chain input {
		type filter hook input priority filter; policy drop;
		jump services
		tcp dport 80 log prefix "web " accept
	}
}
table ip6 filter {
	chain input {
		type filter hook input priority filter; policy drop;
		tcp dport != 8443 drop
		jump six
	}
	chain six {
		accept
	}
}`,
			// tcp dport != 8443 implies tcp: UDP and ICMPv6 go on to the accept.
			want: []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 80 0.0.0.0 input", "ipv4 tcp 9000 198.51.100.3 input", "ipv6 tcp 8443 :: input", "ipv6 udp 53 :: input"},
		},
		{
			name: "iifname lo accept only",
			nft: `table inet filter {
	chain input {
		type filter hook input priority 0; policy drop;
		iifname "lo" accept
	}
}`,
			want: nil,
		},
		{
			name: "management port allowed only from a private prefix",
			nft: `table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
		tcp dport 22 accept
		ip saddr 10.0.0.0/8 tcp dport 5432 accept
		ip saddr != 10.0.0.0/8 tcp dport 5100 drop
		tcp dport 5100 accept
	}
}`,
			want: []string{"ipv4 tcp 22 0.0.0.0 input", "ipv6 tcp 22 :: input"},
		},
		{
			name: "IPv6 open while IPv4 is closed",
			nft: `table ip filter {
	chain input {
		type filter hook input priority filter; policy drop;
	}
}`,
			want: []string{"ipv6 tcp 22 :: input", "ipv6 tcp 8443 :: input", "ipv6 udp 53 :: input", "ipv6 tcp 7000 :: input"},
		},
		{
			name:      "DNAT'ed port with an empty DOCKER-USER",
			iptables:  fmt.Sprintf(dockerRules, ""),
			ip6tables: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n",
			published: []int{8080},
			want:      []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 8080 0.0.0.0 dnat"},
		},
		{
			name:      "DNAT'ed port with a DOCKER-USER drop",
			iptables:  fmt.Sprintf(dockerRules, "-A DOCKER-USER -i eth0 -j DROP\n"),
			ip6tables: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n",
			published: []int{8080},
			want:      []string{"ipv4 tcp 22 0.0.0.0 input"},
		},
		{
			name: "prerouting drop and an nft DNAT",
			nft: `table ip raw {
	chain pre {
		type filter hook prerouting priority raw; policy accept;
		tcp dport 443 drop
	}
}
table ip nat {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		iifname "eth0" tcp dport 8080 dnat to 172.17.0.2:80
	}
}
table ip filter {
	chain input {
		type filter hook input priority filter; policy accept;
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		iifname "docker0" accept
		ct status dnat tcp dport 80 accept
	}
}
table ip6 filter {
	chain input {
		type filter hook input priority filter; policy drop;
	}
}`,
			published: []int{8080},
			want: []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 tcp 5100 0.0.0.0 input", "ipv4 tcp 5432 0.0.0.0 input", "ipv4 tcp 80 0.0.0.0 input",
				"ipv4 tcp 8080 0.0.0.0 dnat", "ipv4 tcp 9000 198.51.100.3 input", "ipv4 udp 53 0.0.0.0 input", "ipv4 udp 5353 0.0.0.0 input", "ipv4 tcp 7000 :: input"},
		},
		{
			name: "legacy iptables drop beside an accepting nft table",
			nft: `table inet filter {
	chain input {
		type filter hook input priority filter; policy accept;
	}
}`,
			legacy: "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -p udp -m multiport --dports 53,5353 -j ACCEPT\nCOMMIT\n",
			want: []string{"ipv4 tcp 22 0.0.0.0 input", "ipv4 udp 53 0.0.0.0 input", "ipv4 udp 5353 0.0.0.0 input",
				"ipv6 tcp 22 :: input", "ipv6 tcp 8443 :: input", "ipv6 udp 53 :: input", "ipv6 tcp 7000 :: input"},
		},
	}
	l := newLab(t)
	listen(t, l.host, hostListeners)
	listen(t, l.ctr, []listener{{"tcp4", "0.0.0.0:80"}})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nsSh(t, l.host, "", "nft", "flush", "ruleset")
			if tc.nft != "" {
				nsSh(t, l.host, tc.nft, "nft", "-f", "-")
			}
			if tc.iptables != "" {
				nsSh(t, l.host, tc.iptables, "iptables-restore")
			}
			if tc.ip6tables != "" {
				nsSh(t, l.host, tc.ip6tables, "ip6tables-restore")
			}
			if tc.legacy != "" {
				nsSh(t, l.host, tc.legacy, "iptables-legacy-restore")
				t.Cleanup(func() {
					nsSh(t, l.host, "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n", "iptables-legacy-restore")
				})
			}
			slices.Sort(tc.want)
			truth := l.truth(t, tc.published)
			if !slices.Equal(truth, tc.want) {
				t.Fatalf("the lab itself is off: connections reached %q; want %q", truth, tc.want)
			}
			f, errs := l.scan(t)
			if f.Exposed == nil {
				t.Fatalf("no exposed list; errors %v", errs)
			}
			for _, e := range f.Exposed {
				if e.State != "exposed" {
					t.Errorf("%s %s/%d is %s (rule %q); want every rule understood", e.Family, e.Protocol, e.Port, e.State, e.Rule)
				}
			}
			if got := keys(f.Exposed); !slices.Equal(got, truth) {
				t.Errorf("exposed = %q\nreal connections reached %q\nerrors %v", got, truth, errs)
			}
		})
	}
}
