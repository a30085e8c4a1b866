package target

import (
	"encoding/binary"
	"net/netip"
	"os"
	"syscall"
)

// interfaceAddrs dumps every address (RTM_GETADDR) and groups them by
// interface index, in the kernel's order. An address on a point-to-point
// link is its local end (IFA_LOCAL), as ip and package net show it.
func interfaceAddrs() (map[int][]netip.Prefix, error) {
	rib, err := syscall.NetlinkRIB(syscall.RTM_GETADDR, syscall.AF_UNSPEC)
	if err != nil {
		return nil, os.NewSyscallError("netlinkrib", err)
	}
	msgs, err := syscall.ParseNetlinkMessage(rib)
	if err != nil {
		return nil, os.NewSyscallError("parsenetlinkmessage", err)
	}
	out := map[int][]netip.Prefix{}
	for _, m := range msgs {
		if m.Header.Type == syscall.NLMSG_DONE {
			break
		}
		if m.Header.Type != syscall.RTM_NEWADDR || len(m.Data) < syscall.SizeofIfAddrmsg {
			continue
		}
		attrs, err := syscall.ParseNetlinkRouteAttr(&m)
		if err != nil {
			return nil, os.NewSyscallError("parsenetlinkrouteattr", err)
		}
		family, bits, index := m.Data[0], int(m.Data[1]), int(binary.NativeEndian.Uint32(m.Data[4:8]))
		var addr, local []byte
		for _, a := range attrs {
			switch a.Attr.Type {
			case syscall.IFA_ADDRESS:
				addr = a.Value
			case syscall.IFA_LOCAL:
				local = a.Value
			}
		}
		if local != nil {
			addr = local
		}
		ip, ok := netip.AddrFromSlice(addr)
		if !ok || (family == syscall.AF_INET) != ip.Is4() {
			continue
		}
		out[index] = append(out[index], netip.PrefixFrom(ip, bits))
	}
	return out, nil
}
