package ssh

import (
	"context"
	"net"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

func TestParseSocketTableKeepsOnlyListeningSockets(t *testing.T) {
	tcp := `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 100 0 0 10 0
   2: 0100007F:0016 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0000000000000000 100 0 0 10 0
`
	got, err := parseSocketTable([]byte(tcp))
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.AddrPort{netip.MustParseAddrPort("0.0.0.0:22"), netip.MustParseAddrPort("127.0.0.1:3306")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseSocketTable = %v; want %v", got, want)
	}
	tcp6 := "  sl  local_address remote_address st\n   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A\n"
	got, err = parseSocketTable([]byte(tcp6))
	if err != nil || len(got) != 1 || got[0].String() != "[::1]:22" {
		t.Errorf("parseSocketTable(tcp6) = %v, %v; want [::1]:22", got, err)
	}
	if _, err := parseSocketTable([]byte("header\n 0: zz:0016 0:0 0A\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("parseSocketTable(garbage) error = %v; want one naming line 2", err)
	}
}

func TestProbeAddrs(t *testing.T) {
	ls := func(s ...string) []netip.AddrPort {
		var out []netip.AddrPort
		for _, a := range s {
			out = append(out, netip.MustParseAddrPort(a))
		}
		return out
	}
	tests := []struct {
		name      string
		config    []string
		listening []netip.AddrPort
		want      []string
	}{
		{"wildcard on both families probes IPv4 loopback once", []string{"[::]:22", "0.0.0.0:22"}, ls("0.0.0.0:22", "[::]:22"), []string{"127.0.0.1:22"}},
		{"IPv6 only probes ::1", []string{"[::]:2222"}, ls("[::]:2222"), []string{"[::1]:2222"}},
		{"not listening probes nothing", []string{"0.0.0.0:22"}, ls("127.0.0.1:3306"), nil},
		{"specific address is dialled as configured", []string{"10.1.2.3:22"}, ls("10.1.2.3:22"), []string{"10.1.2.3:22"}},
		{"two ports probe twice", []string{"0.0.0.0:22", "0.0.0.0:2222"}, ls("0.0.0.0:22", "0.0.0.0:2222"), []string{"127.0.0.1:22", "127.0.0.1:2222"}},
		{"a different address on the port is not sshd", []string{"10.1.2.3:22"}, ls("10.9.9.9:22"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := probeAddrs(tc.config, tc.listening); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("probeAddrs(%q) = %q; want %q", tc.config, got, tc.want)
			}
		})
	}
}

func TestScannerAppliesToMachinesAndSSHEndpoints(t *testing.T) {
	s := New()
	dt, err := target.NewDir(t.TempDir(), "dir:x")
	if err != nil {
		t.Fatal(err)
	}
	sshEP, _ := target.NewEndpoint("ssh://127.0.0.1:2222", "")
	httpsEP, _ := target.NewEndpoint("https://127.0.0.1:8443", "")
	for _, c := range []struct {
		t    target.Target
		want bool
	}{{target.NewLocal(), true}, {dt, true}, {sshEP, true}, {httpsEP, false}} {
		if got := s.Applies(c.t); got != c.want {
			t.Errorf("Applies(%s) = %v; want %v", c.t.Info().Name, got, c.want)
		}
	}
}

func TestScanEndpointTargetRecordsProbeError(t *testing.T) {
	addr := hostile(t, func(c net.Conn) { c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n")) })
	ep, err := target.NewEndpoint("ssh://"+addr, "")
	if err != nil {
		t.Fatal(err)
	}
	c := scanners.NewCollection(time.Unix(0, 0))
	v, err := New().WithProbeOptions(ProbeOptions{Timeout: 2 * time.Second}).Scan(context.Background(), ep, c)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	f := v.(*Facts)
	if f.Endpoints != nil || f.Config != nil {
		t.Errorf("facts = %+v; want no endpoints and no config", f)
	}
	if msg := c.Errors()["ssh.endpoints"]; !strings.Contains(msg, addr) {
		t.Errorf("errors[ssh.endpoints] = %q; want the reason naming %s", msg, addr)
	}
	if _, ok := c.Errors()["ssh.config"]; ok {
		t.Errorf("an endpoint has no config to collect, yet ssh.config was reported missing: %v", c.Errors())
	}
}
