//go:build !linux

package target

import (
	"net"
	"net/netip"
)

// interfaceAddrs asks package net for each interface's addresses.
func interfaceAddrs() (map[int][]netip.Prefix, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	out := map[int][]netip.Prefix{}
	for _, ifc := range ifs {
		addrs, err := ifc.Addrs()
		if err != nil {
			return nil, err
		}
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok {
				if ip, ok := netip.AddrFromSlice(ipn.IP); ok {
					bits, _ := ipn.Mask.Size()
					if len(ipn.Mask) == net.IPv4len {
						ip = ip.Unmap()
					}
					out[ifc.Index] = append(out[ifc.Index], netip.PrefixFrom(ip, bits))
				}
			}
		}
	}
	return out, nil
}
