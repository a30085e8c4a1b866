package target

import (
	"fmt"
	"net"
	"net/netip"
)

// NetInterface is a network interface and the addresses on it.
type NetInterface struct {
	Name     string
	Up       bool // IFF_UP
	Loopback bool // IFF_LOOPBACK
	// Addrs are the interface's addresses with their prefix length, the local
	// end for a point-to-point link, in the kernel's order.
	Addrs []netip.Prefix
}

// Interfacer is implemented by targets that list their network interfaces
// themselves (the local machine asks its kernel over netlink, what
// `ip -j addr` asks); the others answer from the recorded `ip -j addr`.
// A target may decline with an error wrapping errors.ErrUnsupported, and is
// then asked to run ip.
type Interfacer interface {
	NetInterfaces() ([]NetInterface, error)
}

var _ Interfacer = (*Local)(nil)

// NetInterfaces lists this machine's interfaces in index order, as the
// network namespace of this process sees them: one dump of the links and
// one of every address (net.Interface.Addrs would dump every address once
// per interface, and a Docker host has one per container).
func (*Local) NetInterfaces() ([]NetInterface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("list network interfaces: %w", err)
	}
	addrs, err := interfaceAddrs()
	if err != nil {
		return nil, fmt.Errorf("list interface addresses: %w", err)
	}
	out := make([]NetInterface, 0, len(ifs))
	for _, ifc := range ifs {
		ni := NetInterface{Name: ifc.Name, Up: ifc.Flags&net.FlagUp != 0, Loopback: ifc.Flags&net.FlagLoopback != 0, Addrs: addrs[ifc.Index]}
		if ni.Addrs == nil {
			ni.Addrs = []netip.Prefix{}
		}
		out = append(out, ni)
	}
	return out, nil
}
