package tls

import "fmt"

// groupInfo names a named group (RFC 8422, RFC 7919, RFC 8446 registry).
type groupInfo struct {
	code uint16
	name string
	bits int
}

// groupTable lists the groups vouch knows, in code order.
var groupTable = [...]groupInfo{
	{1, "sect163k1", 163}, {2, "sect163r1", 163}, {3, "sect163r2", 163},
	{4, "sect193r1", 193}, {5, "sect193r2", 193}, {6, "sect233k1", 233},
	{7, "sect233r1", 233}, {8, "sect239k1", 239}, {9, "sect283k1", 283},
	{10, "sect283r1", 283}, {11, "sect409k1", 409}, {12, "sect409r1", 409},
	{13, "sect571k1", 571}, {14, "sect571r1", 571}, {15, "secp160k1", 160},
	{16, "secp160r1", 160}, {17, "secp160r2", 160}, {18, "secp192k1", 192},
	{19, "secp192r1", 192}, {20, "secp224k1", 224}, {21, "secp224r1", 224},
	{22, "secp256k1", 256}, {23, "secp256r1", 256}, {24, "secp384r1", 384},
	{25, "secp521r1", 521}, {26, "brainpoolP256r1", 256}, {27, "brainpoolP384r1", 384},
	{28, "brainpoolP512r1", 512}, {29, "x25519", 253}, {30, "x448", 448},
	{31, "brainpoolP256r1tls13", 256}, {32, "brainpoolP384r1tls13", 384},
	{33, "brainpoolP512r1tls13", 512},
	{256, "ffdhe2048", 2048}, {257, "ffdhe3072", 3072}, {258, "ffdhe4096", 4096},
	{259, "ffdhe6144", 6144}, {260, "ffdhe8192", 8192},
	{0x11EB, "SecP256r1MLKEM768", 256}, {0x11EC, "X25519MLKEM768", 253},
	{0x11ED, "SecP384r1MLKEM1024", 384},
}

func lookupGroup(code uint16) groupInfo {
	for _, g := range groupTable {
		if g.code == code {
			return g
		}
	}
	return groupInfo{code: code, name: fmt.Sprintf("0x%04X", code)}
}

// defaultGroups is the supported_groups list of an ordinary probe: what
// browsers offer first, then everything else a server might insist on.
var defaultGroups = []uint16{29, 23, 30, 25, 24, 256, 257, 258, 259, 260, 26, 27, 28, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}

// legacyECGroups are tried one by one for ECDHE in TLS 1.2 and older.
var legacyECGroups = []uint16{29, 23, 30, 24, 25, 26, 27, 28, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}

// tls13Groups are tried one by one in TLS 1.3.
var tls13Groups = []uint16{0x11EC, 0x11EB, 0x11ED, 29, 23, 30, 24, 25, 31, 32, 33, 256, 257, 258, 259, 260}
