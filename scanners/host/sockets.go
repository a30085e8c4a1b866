package host

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// socketTables are the kernel's socket tables (proc_net(5)), with the state
// that means "accepting": LISTEN (0A) for TCP, and for UDP a socket in CLOSE
// (07) with no remote address, i.e. bound but not connected.
var socketTables = []struct {
	file, protocol, family, state string
}{
	{"/proc/net/tcp", "tcp", "ipv4", "0A"},
	{"/proc/net/tcp6", "tcp", "ipv6", "0A"},
	{"/proc/net/udp", "udp", "ipv4", "07"},
	{"/proc/net/udp6", "udp", "ipv6", "07"},
}

// collectSockets lists listening TCP and bound UDP sockets and the process
// owning each, found through the socket:[INODE] links in /proc/PID/fd.
func collectSockets(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	r := sharedSockets(ctx, t)
	f.Sockets = r.Sockets
	r.replay(c)
}

// sharedSockets reads the sockets and their owners once for the collection.
func sharedSockets(ctx context.Context, t target.Target) sharedRead {
	return scanners.Shared(ctx, t, "host.sockets", func() sharedRead {
		c := scanners.NewCollection(time.Time{})
		f := &Facts{Processes: sharedProcesses(ctx, t).Processes}
		readSockets(ctx, t, c, f)
		return sharedRead{Sockets: f.Sockets, errs: c.Errors()}
	})
}

func readSockets(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.sockets"}
	defer n.flush(c)
	out := []Socket{}
	read := 0
	var firstErr error
	for _, tab := range socketTables {
		b, err := t.ReadFile(tab.file, capLarge)
		if err != nil {
			// tcp6 and udp6 are absent when IPv6 is disabled at boot.
			if firstErr == nil && !isMissing(err) {
				firstErr = err
			}
			continue
		}
		read++
		out = append(out, parseSocketTable(b, tab.file, tab.protocol, tab.family, tab.state, n)...)
	}
	if read == 0 {
		if firstErr == nil {
			firstErr = fmt.Errorf("no /proc/net/tcp, tcp6, udp or udp6")
		}
		c.Errorf("host.sockets", "read socket tables: %v", firstErr)
		return
	}
	if len(out) > 0 {
		owners := socketOwners(t, f.Processes, out)
		names := map[int]string{}
		for _, p := range f.Processes {
			names[p.PID] = p.Name
		}
		for i := range out {
			if pid, ok := owners[out[i].Inode]; ok {
				out[i].PID, out[i].Process = pid, names[pid]
			}
		}
	}
	slices.SortFunc(out, func(a, b Socket) int {
		return cmp.Or(cmp.Compare(a.Protocol, b.Protocol), cmp.Compare(a.Family, b.Family),
			cmp.Compare(a.Port, b.Port), cmp.Compare(a.Address, b.Address))
	})
	f.Sockets = out
}

// ListSockets reads t's listening TCP and bound UDP sockets with the process
// owning each, exactly as the host.sockets fact is collected, for scanners that
// reason about exposure. notes lists the table lines that were skipped; err says
// why no socket table could be read.
//
// Within a collection (scanners.WithShared) the host scanner's own reading is
// returned, not a second one: the slice must not be changed.
func ListSockets(ctx context.Context, t target.Target) (socks []Socket, notes string, err error) {
	r := sharedSockets(ctx, t)
	if r.Sockets == nil {
		return nil, "", errors.New(r.errs["host.sockets"])
	}
	return r.Sockets, r.errs["host.sockets.notes"], nil
}

// parseSocketTable reads one /proc/net table: a header, then lines of
// "sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...". A line that is
// short (a truncated read) or not hex is noted with its number and skipped.
func parseSocketTable(b []byte, file, protocol, family, listenState string, n *notes) []Socket {
	var out []Socket
	for i, line := range lines(b) {
		fs := strings.Fields(line)
		if i == 0 && len(fs) > 0 && fs[0] == "sl" || len(fs) == 0 {
			continue
		}
		if len(fs) < 10 {
			n.add("%s:%d: %d fields, want at least 10", file, i+1, len(fs))
			continue
		}
		if !strings.EqualFold(fs[3], listenState) {
			continue
		}
		local, lport, err := parseHexEndpoint(fs[1])
		if err != nil {
			n.add("%s:%d: local address: %v", file, i+1, err)
			continue
		}
		if protocol == "udp" {
			_, rport, err := parseHexEndpoint(fs[2])
			if err != nil {
				n.add("%s:%d: remote address: %v", file, i+1, err)
				continue
			}
			if rport != 0 {
				continue // connected
			}
		}
		inode, err := strconv.ParseUint(fs[9], 10, 64)
		if err != nil {
			n.add("%s:%d: inode %q", file, i+1, fs[9])
			continue
		}
		out = append(out, Socket{Protocol: protocol, Family: family, Address: local.String(), Port: lport, Inode: inode})
	}
	return out
}

// parseHexEndpoint decodes "0100007F:0016". The kernel prints an IPv4 address
// as one 32-bit word and an IPv6 address as four, each in host byte order
// (little-endian on the machines vouch audits); the port is big-endian hex.
func parseHexEndpoint(s string) (netip.Addr, int, error) {
	a, p, ok := strings.Cut(s, ":")
	if !ok {
		return netip.Addr{}, 0, fmt.Errorf("%q: no ':'", s)
	}
	port, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return netip.Addr{}, 0, fmt.Errorf("%q: port: %w", s, err)
	}
	raw, err := hex.DecodeString(a)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return netip.Addr{}, 0, fmt.Errorf("%q: want 8 or 32 hex digits", s)
	}
	var buf [16]byte
	for w := 0; w < len(raw)/4; w++ {
		binary.LittleEndian.PutUint32(buf[w*4:], binary.BigEndian.Uint32(raw[w*4:]))
	}
	if len(raw) == 4 {
		return netip.AddrFrom4([4]byte(buf[:4])), int(port), nil
	}
	return netip.AddrFrom16(buf), int(port), nil
}

// socketOwners maps socket inodes to the pid holding them, stopping once every
// wanted inode is found. Without privileges other users' fds are unreadable;
// their sockets keep no pid.
func socketOwners(t target.Target, procs []Process, socks []Socket) map[uint64]int {
	want := map[uint64]bool{}
	for _, s := range socks {
		if s.Inode != 0 {
			want[s.Inode] = true
		}
	}
	var pids []int
	if procs != nil {
		for _, p := range procs {
			pids = append(pids, p.PID)
		}
	} else {
		pids, _ = listPIDs(t)
	}
	owners := map[uint64]int{}
	for _, pid := range pids {
		if len(owners) == len(want) {
			break
		}
		dir := "/proc/" + strconv.Itoa(pid) + "/fd"
		fds, err := t.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, fd := range fds {
			dest, err := t.Readlink(dir + "/" + fd.Name())
			if err != nil {
				continue
			}
			num, ok := strings.CutPrefix(dest, "socket:[")
			if !ok {
				continue
			}
			inode, err := strconv.ParseUint(strings.TrimSuffix(num, "]"), 10, 64)
			if err != nil || !want[inode] {
				continue
			}
			if _, seen := owners[inode]; !seen {
				owners[inode] = pid // lowest pid: the parent that opened it
			}
		}
	}
	return owners
}
