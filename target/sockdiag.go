package target

// DualStackLister is implemented by targets that can say which IPv6
// wildcard sockets also accept IPv4 (IPV6_V6ONLY off) themselves; the local
// machine asks its kernel's sock_diag, which is what `ss -l` asks. The others
// answer from the recorded ss output. A target may decline with an error
// wrapping errors.ErrUnsupported.
type DualStackLister interface {
	// DualStackPorts returns "tcp/PORT" and "udp/PORT" for every listening
	// TCP socket and unconnected UDP socket bound to [::] that accepts IPv4.
	DualStackPorts() (map[string]bool, error)
}

var _ DualStackLister = (*Local)(nil)

// DualStackPorts asks this process's network namespace.
func (*Local) DualStackPorts() (map[string]bool, error) { return dualStackPorts() }
