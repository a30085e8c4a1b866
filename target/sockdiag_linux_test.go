package target

import (
	"encoding/binary"
	"testing"
)

// TestParseDiagMsg: a wildcard socket is dual-stack only when the kernel
// says IPV6_V6ONLY is off; a short message or a broken attribute is never
// taken for one.
func TestParseDiagMsg(t *testing.T) {
	msg := func(port uint16, addrByte byte, attrs ...[]byte) []byte {
		b := make([]byte, inetDiagMsgLen)
		b[0] = 10 // AF_INET6
		binary.BigEndian.PutUint16(b[4:], port)
		b[23] = addrByte
		for _, a := range attrs {
			b = append(b, a...)
		}
		return b
	}
	v6only := func(v byte, length uint16) []byte {
		a := make([]byte, 8)
		binary.NativeEndian.PutUint16(a[0:], length)
		binary.NativeEndian.PutUint16(a[2:], inetDiagV6Only)
		a[4] = v
		return a
	}
	for _, tc := range []struct {
		name     string
		b        []byte
		port     uint16
		dual, ok bool
	}{
		{"dual wildcard", msg(22, 0, v6only(0, 5)), 22, true, true},
		{"v6only wildcard", msg(22, 0, v6only(1, 5)), 22, false, true},
		{"dual but ::1", msg(8080, 1, v6only(0, 5)), 8080, false, true},
		{"no attribute", msg(53, 0), 53, false, true},
		{"attribute longer than the message", msg(53, 0, v6only(0, 200)), 53, false, true},
		{"short message", make([]byte, 40), 0, false, false},
	} {
		port, dual, ok := parseDiagMsg(tc.b)
		if port != tc.port || dual != tc.dual || ok != tc.ok {
			t.Errorf("%s: port %d dual %v ok %v; want %d %v %v", tc.name, port, dual, ok, tc.port, tc.dual, tc.ok)
		}
	}
}
