package target

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"syscall"
)

// sock_diag(7) constants the syscall package lacks.
const (
	sockDiagByFamily = 20 // SOCK_DIAG_BY_FAMILY
	inetDiagV6Only   = 11 // INET_DIAG_SKV6ONLY
	tcpListen        = 10 // TCP_LISTEN
	tcpClose         = 7  // TCP_CLOSE: an unconnected UDP socket
	inetDiagMsgLen   = 72 // struct inet_diag_msg
	inetDiagReqLen   = 56 // struct inet_diag_req_v2
)

func dualStackPorts() (map[string]bool, error) {
	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC, syscall.NETLINK_INET_DIAG)
	if err != nil {
		return nil, fmt.Errorf("sock_diag: %w", os.NewSyscallError("socket", err))
	}
	defer syscall.Close(fd)
	tv := syscall.Timeval{Sec: 5}
	if err := syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv); err != nil {
		return nil, fmt.Errorf("sock_diag: %w", os.NewSyscallError("setsockopt", err))
	}
	out := map[string]bool{}
	for _, q := range []struct {
		proto  string
		number uint8
		state  uint32
	}{{"tcp", syscall.IPPROTO_TCP, tcpListen}, {"udp", syscall.IPPROTO_UDP, tcpClose}} {
		if err := dumpDualStack(fd, q.number, q.state, uint32(q.number), func(port uint16) {
			out[fmt.Sprintf("%s/%d", q.proto, port)] = true
		}); err != nil {
			return nil, fmt.Errorf("sock_diag %s: %w", q.proto, err)
		}
	}
	return out, nil
}

// dumpDualStack asks for every AF_INET6 socket of protocol in state and
// calls found with the port of each wildcard one that is not IPv6-only.
func dumpDualStack(fd int, protocol uint8, state, seq uint32, found func(port uint16)) error {
	req := make([]byte, syscall.NLMSG_HDRLEN+inetDiagReqLen)
	ne := binary.NativeEndian
	ne.PutUint32(req[0:], uint32(len(req)))
	ne.PutUint16(req[4:], sockDiagByFamily)
	ne.PutUint16(req[6:], syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP)
	ne.PutUint32(req[8:], seq)
	r := req[syscall.NLMSG_HDRLEN:]
	r[0], r[1] = syscall.AF_INET6, protocol
	ne.PutUint32(r[4:], 1<<state)
	if err := syscall.Sendto(fd, req, 0, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		return os.NewSyscallError("sendto", err)
	}
	buf := make([]byte, 32<<10)
	for {
		n, _, err := syscall.Recvfrom(fd, buf, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return os.NewSyscallError("recvfrom", err)
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:n])
		if err != nil {
			return fmt.Errorf("parse reply: %w", err)
		}
		for _, m := range msgs {
			if m.Header.Seq != seq {
				continue
			}
			switch m.Header.Type {
			case syscall.NLMSG_DONE:
				return nil
			case syscall.NLMSG_ERROR:
				if len(m.Data) >= 4 {
					if errno := -int32(ne.Uint32(m.Data)); errno != 0 {
						return syscall.Errno(errno)
					}
				}
				return errors.New("error reply")
			case sockDiagByFamily:
				if port, dual, ok := parseDiagMsg(m.Data); ok && dual {
					found(port)
				}
			}
		}
	}
}

// parseDiagMsg reads an inet_diag_msg and its attributes: the local port,
// and whether the socket is bound to :: and accepts IPv4 too.
func parseDiagMsg(b []byte) (port uint16, dual, ok bool) {
	if len(b) < inetDiagMsgLen {
		return 0, false, false
	}
	port = binary.BigEndian.Uint16(b[4:6])
	wildcard := true
	for _, c := range b[8:24] { // id.idiag_src
		wildcard = wildcard && c == 0
	}
	v6only := true // unknown counts as IPv6-only, as ss's "[::]" would
	for attrs := b[inetDiagMsgLen:]; len(attrs) >= 4; {
		l := int(binary.NativeEndian.Uint16(attrs[0:2]))
		typ := binary.NativeEndian.Uint16(attrs[2:4])
		if l < 4 || l > len(attrs) {
			break
		}
		if typ == inetDiagV6Only && l >= 5 {
			v6only = attrs[4] != 0
		}
		attrs = attrs[min((l+3)&^3, len(attrs)):]
	}
	return port, wildcard && !v6only, true
}
