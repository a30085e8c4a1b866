package tls

import (
	"fmt"
	"sort"
)

// Protocol versions as they appear on the wire.
const (
	VersionSSL20 uint16 = 0x0002
	VersionSSL30 uint16 = 0x0300
	VersionTLS10 uint16 = 0x0301
	VersionTLS11 uint16 = 0x0302
	VersionTLS12 uint16 = 0x0303
	VersionTLS13 uint16 = 0x0304
)

// VersionName is the facts name of a wire version ("TLS1.2"), or "0xNNNN".
func VersionName(v uint16) string {
	switch v {
	case VersionSSL20:
		return "SSLv2"
	case VersionSSL30:
		return "SSLv3"
	case VersionTLS10:
		return "TLS1.0"
	case VersionTLS11:
		return "TLS1.1"
	case VersionTLS12:
		return "TLS1.2"
	case VersionTLS13:
		return "TLS1.3"
	}
	return fmt.Sprintf("0x%04X", v)
}

// Suite describes one cipher suite. Names of key exchanges, ciphers and MACs
// follow OpenSSL's classes without the bit counts: Kex is RSA, DH (static), DHE,
// ECDH (static), ECDHE, PSK, DHEPSK, ECDHEPSK, RSAPSK, SRP, KRB5 or ANY (TLS 1.3,
// negotiated separately); Auth is RSA, DSS, ECDSA, PSK, SRP, KRB5, NONE
// (anonymous) or ANY; Enc is AESGCM, AESCCM, AESCCM8, AES (CBC),
// CHACHA20POLY1305, CAMELLIA, ARIA, ARIAGCM, SEED, IDEA, 3DES, DES, RC4, RC2 or
// NULL; MAC is AEAD, SHA1, SHA256, SHA384 or MD5.
type Suite struct {
	Code           uint16 // IANA code point
	Name           string // IANA name (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
	OpenSSL        string // OpenSSL name (ECDHE-RSA-AES128-GCM-SHA256)
	Kex            string
	Auth           string
	Enc            string
	Bits           int // effective symmetric key bits (3DES counts 112)
	MAC            string
	ForwardSecrecy bool
	AEAD           bool
	Export         bool   // an export-grade suite (40- or 56-bit, weak key exchange)
	MinVersion     uint16 // oldest protocol version that may negotiate it
}

// Suites returns every suite vouch knows, ordered by code. The table holds every
// suite OpenSSL 1.0 through 3.x can name (including the export, RC4, DES, IDEA,
// static DH and Kerberos suites later versions dropped) and the TLS 1.3 suites.
func Suites() []Suite {
	out := make([]Suite, len(suiteTable))
	copy(out, suiteTable[:])
	return out
}

// LookupSuite finds a suite by its code.
func LookupSuite(code uint16) (Suite, bool) {
	i := sort.Search(len(suiteTable), func(i int) bool { return suiteTable[i].Code >= code })
	if i < len(suiteTable) && suiteTable[i].Code == code {
		return suiteTable[i], true
	}
	return Suite{}, false
}

// Signalling cipher suite values; they are never negotiated.
const (
	scsvRenegotiation uint16 = 0x00FF // RFC 5746 TLS_EMPTY_RENEGOTIATION_INFO_SCSV
	scsvFallback      uint16 = 0x5600 // RFC 7507 TLS_FALLBACK_SCSV
)

// suiteTable is sorted by code; LookupSuite relies on it.
var suiteTable = [...]Suite{
	{Code: 0x0001, Name: "TLS_RSA_WITH_NULL_MD5", OpenSSL: "NULL-MD5", Kex: "RSA", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0002, Name: "TLS_RSA_WITH_NULL_SHA", OpenSSL: "NULL-SHA", Kex: "RSA", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0003, Name: "TLS_RSA_EXPORT_WITH_RC4_40_MD5", OpenSSL: "EXP-RC4-MD5", Kex: "RSA", Auth: "RSA", Enc: "RC4", Bits: 40, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0004, Name: "TLS_RSA_WITH_RC4_128_MD5", OpenSSL: "RC4-MD5", Kex: "RSA", Auth: "RSA", Enc: "RC4", Bits: 128, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0005, Name: "TLS_RSA_WITH_RC4_128_SHA", OpenSSL: "RC4-SHA", Kex: "RSA", Auth: "RSA", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0006, Name: "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", OpenSSL: "EXP-RC2-CBC-MD5", Kex: "RSA", Auth: "RSA", Enc: "RC2", Bits: 40, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0007, Name: "TLS_RSA_WITH_IDEA_CBC_SHA", OpenSSL: "IDEA-CBC-SHA", Kex: "RSA", Auth: "RSA", Enc: "IDEA", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0008, Name: "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", OpenSSL: "EXP-DES-CBC-SHA", Kex: "RSA", Auth: "RSA", Enc: "DES", Bits: 40, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0009, Name: "TLS_RSA_WITH_DES_CBC_SHA", OpenSSL: "DES-CBC-SHA", Kex: "RSA", Auth: "RSA", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x000A, Name: "TLS_RSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "DES-CBC3-SHA", Kex: "RSA", Auth: "RSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x000B, Name: "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA", OpenSSL: "EXP-DH-DSS-DES-CBC-SHA", Kex: "DH", Auth: "DSS", Enc: "DES", Bits: 40, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x000C, Name: "TLS_DH_DSS_WITH_DES_CBC_SHA", OpenSSL: "DH-DSS-DES-CBC-SHA", Kex: "DH", Auth: "DSS", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x000D, Name: "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA", OpenSSL: "DH-DSS-DES-CBC3-SHA", Kex: "DH", Auth: "DSS", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x000E, Name: "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA", OpenSSL: "EXP-DH-RSA-DES-CBC-SHA", Kex: "DH", Auth: "RSA", Enc: "DES", Bits: 40, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x000F, Name: "TLS_DH_RSA_WITH_DES_CBC_SHA", OpenSSL: "DH-RSA-DES-CBC-SHA", Kex: "DH", Auth: "RSA", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0010, Name: "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "DH-RSA-DES-CBC3-SHA", Kex: "DH", Auth: "RSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0011, Name: "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", OpenSSL: "EXP-DHE-DSS-DES-CBC-SHA", Kex: "DHE", Auth: "DSS", Enc: "DES", Bits: 40, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0012, Name: "TLS_DHE_DSS_WITH_DES_CBC_SHA", OpenSSL: "EDH-DSS-DES-CBC-SHA", Kex: "DHE", Auth: "DSS", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0013, Name: "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", OpenSSL: "DHE-DSS-DES-CBC3-SHA", Kex: "DHE", Auth: "DSS", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0014, Name: "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", OpenSSL: "EXP-DHE-RSA-DES-CBC-SHA", Kex: "DHE", Auth: "RSA", Enc: "DES", Bits: 40, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0015, Name: "TLS_DHE_RSA_WITH_DES_CBC_SHA", OpenSSL: "EDH-RSA-DES-CBC-SHA", Kex: "DHE", Auth: "RSA", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0016, Name: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "DHE-RSA-DES-CBC3-SHA", Kex: "DHE", Auth: "RSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0017, Name: "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5", OpenSSL: "EXP-ADH-RC4-MD5", Kex: "DHE", Auth: "NONE", Enc: "RC4", Bits: 40, MAC: "MD5", ForwardSecrecy: true, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0018, Name: "TLS_DH_anon_WITH_RC4_128_MD5", OpenSSL: "ADH-RC4-MD5", Kex: "DHE", Auth: "NONE", Enc: "RC4", Bits: 128, MAC: "MD5", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0019, Name: "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA", OpenSSL: "EXP-ADH-DES-CBC-SHA", Kex: "DHE", Auth: "NONE", Enc: "DES", Bits: 40, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x001A, Name: "TLS_DH_anon_WITH_DES_CBC_SHA", OpenSSL: "ADH-DES-CBC-SHA", Kex: "DHE", Auth: "NONE", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x001B, Name: "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", OpenSSL: "ADH-DES-CBC3-SHA", Kex: "DHE", Auth: "NONE", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x001E, Name: "TLS_KRB5_WITH_DES_CBC_SHA", OpenSSL: "KRB5-DES-CBC-SHA", Kex: "KRB5", Auth: "KRB5", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x001F, Name: "TLS_KRB5_WITH_3DES_EDE_CBC_SHA", OpenSSL: "KRB5-DES-CBC3-SHA", Kex: "KRB5", Auth: "KRB5", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0020, Name: "TLS_KRB5_WITH_RC4_128_SHA", OpenSSL: "KRB5-RC4-SHA", Kex: "KRB5", Auth: "KRB5", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0021, Name: "TLS_KRB5_WITH_IDEA_CBC_SHA", OpenSSL: "KRB5-IDEA-CBC-SHA", Kex: "KRB5", Auth: "KRB5", Enc: "IDEA", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0022, Name: "TLS_KRB5_WITH_DES_CBC_MD5", OpenSSL: "KRB5-DES-CBC-MD5", Kex: "KRB5", Auth: "KRB5", Enc: "DES", Bits: 56, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0023, Name: "TLS_KRB5_WITH_3DES_EDE_CBC_MD5", OpenSSL: "KRB5-DES-CBC3-MD5", Kex: "KRB5", Auth: "KRB5", Enc: "3DES", Bits: 112, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0024, Name: "TLS_KRB5_WITH_RC4_128_MD5", OpenSSL: "KRB5-RC4-MD5", Kex: "KRB5", Auth: "KRB5", Enc: "RC4", Bits: 128, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0025, Name: "TLS_KRB5_WITH_IDEA_CBC_MD5", OpenSSL: "KRB5-IDEA-CBC-MD5", Kex: "KRB5", Auth: "KRB5", Enc: "IDEA", Bits: 128, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0026, Name: "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA", OpenSSL: "EXP-KRB5-DES-CBC-SHA", Kex: "KRB5", Auth: "KRB5", Enc: "DES", Bits: 40, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0027, Name: "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA", OpenSSL: "EXP-KRB5-RC2-CBC-SHA", Kex: "KRB5", Auth: "KRB5", Enc: "RC2", Bits: 40, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0028, Name: "TLS_KRB5_EXPORT_WITH_RC4_40_SHA", OpenSSL: "EXP-KRB5-RC4-SHA", Kex: "KRB5", Auth: "KRB5", Enc: "RC4", Bits: 40, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0029, Name: "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5", OpenSSL: "EXP-KRB5-DES-CBC-MD5", Kex: "KRB5", Auth: "KRB5", Enc: "DES", Bits: 40, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x002A, Name: "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5", OpenSSL: "EXP-KRB5-RC2-CBC-MD5", Kex: "KRB5", Auth: "KRB5", Enc: "RC2", Bits: 40, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x002B, Name: "TLS_KRB5_EXPORT_WITH_RC4_40_MD5", OpenSSL: "EXP-KRB5-RC4-MD5", Kex: "KRB5", Auth: "KRB5", Enc: "RC4", Bits: 40, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x002C, Name: "TLS_PSK_WITH_NULL_SHA", OpenSSL: "PSK-NULL-SHA", Kex: "PSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x002D, Name: "TLS_DHE_PSK_WITH_NULL_SHA", OpenSSL: "DHE-PSK-NULL-SHA", Kex: "DHEPSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x002E, Name: "TLS_RSA_PSK_WITH_NULL_SHA", OpenSSL: "RSA-PSK-NULL-SHA", Kex: "RSAPSK", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x002F, Name: "TLS_RSA_WITH_AES_128_CBC_SHA", OpenSSL: "AES128-SHA", Kex: "RSA", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0030, Name: "TLS_DH_DSS_WITH_AES_128_CBC_SHA", OpenSSL: "DH-DSS-AES128-SHA", Kex: "DH", Auth: "DSS", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0031, Name: "TLS_DH_RSA_WITH_AES_128_CBC_SHA", OpenSSL: "DH-RSA-AES128-SHA", Kex: "DH", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0032, Name: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", OpenSSL: "DHE-DSS-AES128-SHA", Kex: "DHE", Auth: "DSS", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0033, Name: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", OpenSSL: "DHE-RSA-AES128-SHA", Kex: "DHE", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0034, Name: "TLS_DH_anon_WITH_AES_128_CBC_SHA", OpenSSL: "ADH-AES128-SHA", Kex: "DHE", Auth: "NONE", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0035, Name: "TLS_RSA_WITH_AES_256_CBC_SHA", OpenSSL: "AES256-SHA", Kex: "RSA", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0036, Name: "TLS_DH_DSS_WITH_AES_256_CBC_SHA", OpenSSL: "DH-DSS-AES256-SHA", Kex: "DH", Auth: "DSS", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0037, Name: "TLS_DH_RSA_WITH_AES_256_CBC_SHA", OpenSSL: "DH-RSA-AES256-SHA", Kex: "DH", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0038, Name: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", OpenSSL: "DHE-DSS-AES256-SHA", Kex: "DHE", Auth: "DSS", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0039, Name: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", OpenSSL: "DHE-RSA-AES256-SHA", Kex: "DHE", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x003A, Name: "TLS_DH_anon_WITH_AES_256_CBC_SHA", OpenSSL: "ADH-AES256-SHA", Kex: "DHE", Auth: "NONE", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x003B, Name: "TLS_RSA_WITH_NULL_SHA256", OpenSSL: "NULL-SHA256", Kex: "RSA", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x003C, Name: "TLS_RSA_WITH_AES_128_CBC_SHA256", OpenSSL: "AES128-SHA256", Kex: "RSA", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x003D, Name: "TLS_RSA_WITH_AES_256_CBC_SHA256", OpenSSL: "AES256-SHA256", Kex: "RSA", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x003E, Name: "TLS_DH_DSS_WITH_AES_128_CBC_SHA256", OpenSSL: "DH-DSS-AES128-SHA256", Kex: "DH", Auth: "DSS", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x003F, Name: "TLS_DH_RSA_WITH_AES_128_CBC_SHA256", OpenSSL: "DH-RSA-AES128-SHA256", Kex: "DH", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x0040, Name: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", OpenSSL: "DHE-DSS-AES128-SHA256", Kex: "DHE", Auth: "DSS", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x0041, Name: "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", OpenSSL: "CAMELLIA128-SHA", Kex: "RSA", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0042, Name: "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA", OpenSSL: "DH-DSS-CAMELLIA128-SHA", Kex: "DH", Auth: "DSS", Enc: "CAMELLIA", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0043, Name: "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA", OpenSSL: "DH-RSA-CAMELLIA128-SHA", Kex: "DH", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0044, Name: "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", OpenSSL: "DHE-DSS-CAMELLIA128-SHA", Kex: "DHE", Auth: "DSS", Enc: "CAMELLIA", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0045, Name: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", OpenSSL: "DHE-RSA-CAMELLIA128-SHA", Kex: "DHE", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0046, Name: "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", OpenSSL: "ADH-CAMELLIA128-SHA", Kex: "DHE", Auth: "NONE", Enc: "CAMELLIA", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0060, Name: "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5", OpenSSL: "EXP1024-RC4-MD5", Kex: "RSA", Auth: "RSA", Enc: "RC4", Bits: 56, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0061, Name: "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5", OpenSSL: "EXP1024-RC2-CBC-MD5", Kex: "RSA", Auth: "RSA", Enc: "RC2", Bits: 56, MAC: "MD5", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0062, Name: "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA", OpenSSL: "EXP1024-DES-CBC-SHA", Kex: "RSA", Auth: "RSA", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0063, Name: "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA", OpenSSL: "EXP1024-DHE-DSS-DES-CBC-SHA", Kex: "DHE", Auth: "DSS", Enc: "DES", Bits: 56, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0064, Name: "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA", OpenSSL: "EXP1024-RC4-SHA", Kex: "RSA", Auth: "RSA", Enc: "RC4", Bits: 56, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0065, Name: "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA", OpenSSL: "EXP1024-DHE-DSS-RC4-SHA", Kex: "DHE", Auth: "DSS", Enc: "RC4", Bits: 56, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: true, MinVersion: VersionSSL30},
	{Code: 0x0066, Name: "TLS_DHE_DSS_WITH_RC4_128_SHA", OpenSSL: "DHE-DSS-RC4-SHA", Kex: "DHE", Auth: "DSS", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0067, Name: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", OpenSSL: "DHE-RSA-AES128-SHA256", Kex: "DHE", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x0068, Name: "TLS_DH_DSS_WITH_AES_256_CBC_SHA256", OpenSSL: "DH-DSS-AES256-SHA256", Kex: "DH", Auth: "DSS", Enc: "AES", Bits: 256, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x0069, Name: "TLS_DH_RSA_WITH_AES_256_CBC_SHA256", OpenSSL: "DH-RSA-AES256-SHA256", Kex: "DH", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x006A, Name: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", OpenSSL: "DHE-DSS-AES256-SHA256", Kex: "DHE", Auth: "DSS", Enc: "AES", Bits: 256, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x006B, Name: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", OpenSSL: "DHE-RSA-AES256-SHA256", Kex: "DHE", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x006C, Name: "TLS_DH_anon_WITH_AES_128_CBC_SHA256", OpenSSL: "ADH-AES128-SHA256", Kex: "DHE", Auth: "NONE", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x006D, Name: "TLS_DH_anon_WITH_AES_256_CBC_SHA256", OpenSSL: "ADH-AES256-SHA256", Kex: "DHE", Auth: "NONE", Enc: "AES", Bits: 256, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x0084, Name: "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", OpenSSL: "CAMELLIA256-SHA", Kex: "RSA", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0085, Name: "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA", OpenSSL: "DH-DSS-CAMELLIA256-SHA", Kex: "DH", Auth: "DSS", Enc: "CAMELLIA", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0086, Name: "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA", OpenSSL: "DH-RSA-CAMELLIA256-SHA", Kex: "DH", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0087, Name: "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", OpenSSL: "DHE-DSS-CAMELLIA256-SHA", Kex: "DHE", Auth: "DSS", Enc: "CAMELLIA", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0088, Name: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", OpenSSL: "DHE-RSA-CAMELLIA256-SHA", Kex: "DHE", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0089, Name: "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA", OpenSSL: "ADH-CAMELLIA256-SHA", Kex: "DHE", Auth: "NONE", Enc: "CAMELLIA", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x008A, Name: "TLS_PSK_WITH_RC4_128_SHA", OpenSSL: "PSK-RC4-SHA", Kex: "PSK", Auth: "PSK", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x008B, Name: "TLS_PSK_WITH_3DES_EDE_CBC_SHA", OpenSSL: "PSK-3DES-EDE-CBC-SHA", Kex: "PSK", Auth: "PSK", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x008C, Name: "TLS_PSK_WITH_AES_128_CBC_SHA", OpenSSL: "PSK-AES128-CBC-SHA", Kex: "PSK", Auth: "PSK", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x008D, Name: "TLS_PSK_WITH_AES_256_CBC_SHA", OpenSSL: "PSK-AES256-CBC-SHA", Kex: "PSK", Auth: "PSK", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x008E, Name: "TLS_DHE_PSK_WITH_RC4_128_SHA", OpenSSL: "DHE-PSK-RC4-SHA", Kex: "DHEPSK", Auth: "PSK", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x008F, Name: "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA", OpenSSL: "DHE-PSK-3DES-EDE-CBC-SHA", Kex: "DHEPSK", Auth: "PSK", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0090, Name: "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", OpenSSL: "DHE-PSK-AES128-CBC-SHA", Kex: "DHEPSK", Auth: "PSK", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0091, Name: "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", OpenSSL: "DHE-PSK-AES256-CBC-SHA", Kex: "DHEPSK", Auth: "PSK", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0092, Name: "TLS_RSA_PSK_WITH_RC4_128_SHA", OpenSSL: "RSA-PSK-RC4-SHA", Kex: "RSAPSK", Auth: "RSA", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0093, Name: "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", OpenSSL: "RSA-PSK-3DES-EDE-CBC-SHA", Kex: "RSAPSK", Auth: "RSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0094, Name: "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", OpenSSL: "RSA-PSK-AES128-CBC-SHA", Kex: "RSAPSK", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0095, Name: "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", OpenSSL: "RSA-PSK-AES256-CBC-SHA", Kex: "RSAPSK", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0096, Name: "TLS_RSA_WITH_SEED_CBC_SHA", OpenSSL: "SEED-SHA", Kex: "RSA", Auth: "RSA", Enc: "SEED", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0097, Name: "TLS_DH_DSS_WITH_SEED_CBC_SHA", OpenSSL: "DH-DSS-SEED-SHA", Kex: "DH", Auth: "DSS", Enc: "SEED", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0098, Name: "TLS_DH_RSA_WITH_SEED_CBC_SHA", OpenSSL: "DH-RSA-SEED-SHA", Kex: "DH", Auth: "RSA", Enc: "SEED", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x0099, Name: "TLS_DHE_DSS_WITH_SEED_CBC_SHA", OpenSSL: "DHE-DSS-SEED-SHA", Kex: "DHE", Auth: "DSS", Enc: "SEED", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x009A, Name: "TLS_DHE_RSA_WITH_SEED_CBC_SHA", OpenSSL: "DHE-RSA-SEED-SHA", Kex: "DHE", Auth: "RSA", Enc: "SEED", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x009B, Name: "TLS_DH_anon_WITH_SEED_CBC_SHA", OpenSSL: "ADH-SEED-SHA", Kex: "DHE", Auth: "NONE", Enc: "SEED", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0x009C, Name: "TLS_RSA_WITH_AES_128_GCM_SHA256", OpenSSL: "AES128-GCM-SHA256", Kex: "RSA", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x009D, Name: "TLS_RSA_WITH_AES_256_GCM_SHA384", OpenSSL: "AES256-GCM-SHA384", Kex: "RSA", Auth: "RSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x009E, Name: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", OpenSSL: "DHE-RSA-AES128-GCM-SHA256", Kex: "DHE", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x009F, Name: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", OpenSSL: "DHE-RSA-AES256-GCM-SHA384", Kex: "DHE", Auth: "RSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A0, Name: "TLS_DH_RSA_WITH_AES_128_GCM_SHA256", OpenSSL: "DH-RSA-AES128-GCM-SHA256", Kex: "DH", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A1, Name: "TLS_DH_RSA_WITH_AES_256_GCM_SHA384", OpenSSL: "DH-RSA-AES256-GCM-SHA384", Kex: "DH", Auth: "RSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A2, Name: "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", OpenSSL: "DHE-DSS-AES128-GCM-SHA256", Kex: "DHE", Auth: "DSS", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A3, Name: "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", OpenSSL: "DHE-DSS-AES256-GCM-SHA384", Kex: "DHE", Auth: "DSS", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A4, Name: "TLS_DH_DSS_WITH_AES_128_GCM_SHA256", OpenSSL: "DH-DSS-AES128-GCM-SHA256", Kex: "DH", Auth: "DSS", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A5, Name: "TLS_DH_DSS_WITH_AES_256_GCM_SHA384", OpenSSL: "DH-DSS-AES256-GCM-SHA384", Kex: "DH", Auth: "DSS", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A6, Name: "TLS_DH_anon_WITH_AES_128_GCM_SHA256", OpenSSL: "ADH-AES128-GCM-SHA256", Kex: "DHE", Auth: "NONE", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A7, Name: "TLS_DH_anon_WITH_AES_256_GCM_SHA384", OpenSSL: "ADH-AES256-GCM-SHA384", Kex: "DHE", Auth: "NONE", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A8, Name: "TLS_PSK_WITH_AES_128_GCM_SHA256", OpenSSL: "PSK-AES128-GCM-SHA256", Kex: "PSK", Auth: "PSK", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00A9, Name: "TLS_PSK_WITH_AES_256_GCM_SHA384", OpenSSL: "PSK-AES256-GCM-SHA384", Kex: "PSK", Auth: "PSK", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00AA, Name: "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", OpenSSL: "DHE-PSK-AES128-GCM-SHA256", Kex: "DHEPSK", Auth: "PSK", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00AB, Name: "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", OpenSSL: "DHE-PSK-AES256-GCM-SHA384", Kex: "DHEPSK", Auth: "PSK", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00AC, Name: "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", OpenSSL: "RSA-PSK-AES128-GCM-SHA256", Kex: "RSAPSK", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00AD, Name: "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", OpenSSL: "RSA-PSK-AES256-GCM-SHA384", Kex: "RSAPSK", Auth: "RSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00AE, Name: "TLS_PSK_WITH_AES_128_CBC_SHA256", OpenSSL: "PSK-AES128-CBC-SHA256", Kex: "PSK", Auth: "PSK", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00AF, Name: "TLS_PSK_WITH_AES_256_CBC_SHA384", OpenSSL: "PSK-AES256-CBC-SHA384", Kex: "PSK", Auth: "PSK", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B0, Name: "TLS_PSK_WITH_NULL_SHA256", OpenSSL: "PSK-NULL-SHA256", Kex: "PSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B1, Name: "TLS_PSK_WITH_NULL_SHA384", OpenSSL: "PSK-NULL-SHA384", Kex: "PSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B2, Name: "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", OpenSSL: "DHE-PSK-AES128-CBC-SHA256", Kex: "DHEPSK", Auth: "PSK", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B3, Name: "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", OpenSSL: "DHE-PSK-AES256-CBC-SHA384", Kex: "DHEPSK", Auth: "PSK", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B4, Name: "TLS_DHE_PSK_WITH_NULL_SHA256", OpenSSL: "DHE-PSK-NULL-SHA256", Kex: "DHEPSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B5, Name: "TLS_DHE_PSK_WITH_NULL_SHA384", OpenSSL: "DHE-PSK-NULL-SHA384", Kex: "DHEPSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B6, Name: "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", OpenSSL: "RSA-PSK-AES128-CBC-SHA256", Kex: "RSAPSK", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B7, Name: "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", OpenSSL: "RSA-PSK-AES256-CBC-SHA384", Kex: "RSAPSK", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B8, Name: "TLS_RSA_PSK_WITH_NULL_SHA256", OpenSSL: "RSA-PSK-NULL-SHA256", Kex: "RSAPSK", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00B9, Name: "TLS_RSA_PSK_WITH_NULL_SHA384", OpenSSL: "RSA-PSK-NULL-SHA384", Kex: "RSAPSK", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0x00BA, Name: "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "CAMELLIA128-SHA256", Kex: "RSA", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00BB, Name: "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "DH-DSS-CAMELLIA128-SHA256", Kex: "DH", Auth: "DSS", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00BC, Name: "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "DH-RSA-CAMELLIA128-SHA256", Kex: "DH", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00BD, Name: "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "DHE-DSS-CAMELLIA128-SHA256", Kex: "DHE", Auth: "DSS", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00BE, Name: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "DHE-RSA-CAMELLIA128-SHA256", Kex: "DHE", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00BF, Name: "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "ADH-CAMELLIA128-SHA256", Kex: "DHE", Auth: "NONE", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00C0, Name: "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", OpenSSL: "CAMELLIA256-SHA256", Kex: "RSA", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00C1, Name: "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256", OpenSSL: "DH-DSS-CAMELLIA256-SHA256", Kex: "DH", Auth: "DSS", Enc: "CAMELLIA", Bits: 256, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00C2, Name: "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256", OpenSSL: "DH-RSA-CAMELLIA256-SHA256", Kex: "DH", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00C3, Name: "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256", OpenSSL: "DHE-DSS-CAMELLIA256-SHA256", Kex: "DHE", Auth: "DSS", Enc: "CAMELLIA", Bits: 256, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00C4, Name: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", OpenSSL: "DHE-RSA-CAMELLIA256-SHA256", Kex: "DHE", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x00C5, Name: "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256", OpenSSL: "ADH-CAMELLIA256-SHA256", Kex: "DHE", Auth: "NONE", Enc: "CAMELLIA", Bits: 256, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0x1301, Name: "TLS_AES_128_GCM_SHA256", OpenSSL: "TLS_AES_128_GCM_SHA256", Kex: "ANY", Auth: "ANY", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS13},
	{Code: 0x1302, Name: "TLS_AES_256_GCM_SHA384", OpenSSL: "TLS_AES_256_GCM_SHA384", Kex: "ANY", Auth: "ANY", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS13},
	{Code: 0x1303, Name: "TLS_CHACHA20_POLY1305_SHA256", OpenSSL: "TLS_CHACHA20_POLY1305_SHA256", Kex: "ANY", Auth: "ANY", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS13},
	{Code: 0x1304, Name: "TLS_AES_128_CCM_SHA256", OpenSSL: "TLS_AES_128_CCM_SHA256", Kex: "ANY", Auth: "ANY", Enc: "AESCCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS13},
	{Code: 0x1305, Name: "TLS_AES_128_CCM_8_SHA256", OpenSSL: "TLS_AES_128_CCM_8_SHA256", Kex: "ANY", Auth: "ANY", Enc: "AESCCM8", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS13},
	{Code: 0xC001, Name: "TLS_ECDH_ECDSA_WITH_NULL_SHA", OpenSSL: "ECDH-ECDSA-NULL-SHA", Kex: "ECDH", Auth: "ECDSA", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC002, Name: "TLS_ECDH_ECDSA_WITH_RC4_128_SHA", OpenSSL: "ECDH-ECDSA-RC4-SHA", Kex: "ECDH", Auth: "ECDSA", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC003, Name: "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "ECDH-ECDSA-DES-CBC3-SHA", Kex: "ECDH", Auth: "ECDSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC004, Name: "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", OpenSSL: "ECDH-ECDSA-AES128-SHA", Kex: "ECDH", Auth: "ECDSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC005, Name: "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", OpenSSL: "ECDH-ECDSA-AES256-SHA", Kex: "ECDH", Auth: "ECDSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC006, Name: "TLS_ECDHE_ECDSA_WITH_NULL_SHA", OpenSSL: "ECDHE-ECDSA-NULL-SHA", Kex: "ECDHE", Auth: "ECDSA", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC007, Name: "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", OpenSSL: "ECDHE-ECDSA-RC4-SHA", Kex: "ECDHE", Auth: "ECDSA", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC008, Name: "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "ECDHE-ECDSA-DES-CBC3-SHA", Kex: "ECDHE", Auth: "ECDSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC009, Name: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", OpenSSL: "ECDHE-ECDSA-AES128-SHA", Kex: "ECDHE", Auth: "ECDSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC00A, Name: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", OpenSSL: "ECDHE-ECDSA-AES256-SHA", Kex: "ECDHE", Auth: "ECDSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC00B, Name: "TLS_ECDH_RSA_WITH_NULL_SHA", OpenSSL: "ECDH-RSA-NULL-SHA", Kex: "ECDH", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC00C, Name: "TLS_ECDH_RSA_WITH_RC4_128_SHA", OpenSSL: "ECDH-RSA-RC4-SHA", Kex: "ECDH", Auth: "RSA", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC00D, Name: "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "ECDH-RSA-DES-CBC3-SHA", Kex: "ECDH", Auth: "RSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC00E, Name: "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", OpenSSL: "ECDH-RSA-AES128-SHA", Kex: "ECDH", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC00F, Name: "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", OpenSSL: "ECDH-RSA-AES256-SHA", Kex: "ECDH", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC010, Name: "TLS_ECDHE_RSA_WITH_NULL_SHA", OpenSSL: "ECDHE-RSA-NULL-SHA", Kex: "ECDHE", Auth: "RSA", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC011, Name: "TLS_ECDHE_RSA_WITH_RC4_128_SHA", OpenSSL: "ECDHE-RSA-RC4-SHA", Kex: "ECDHE", Auth: "RSA", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC012, Name: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "ECDHE-RSA-DES-CBC3-SHA", Kex: "ECDHE", Auth: "RSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC013, Name: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", OpenSSL: "ECDHE-RSA-AES128-SHA", Kex: "ECDHE", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC014, Name: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", OpenSSL: "ECDHE-RSA-AES256-SHA", Kex: "ECDHE", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC015, Name: "TLS_ECDH_anon_WITH_NULL_SHA", OpenSSL: "AECDH-NULL-SHA", Kex: "ECDHE", Auth: "NONE", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC016, Name: "TLS_ECDH_anon_WITH_RC4_128_SHA", OpenSSL: "AECDH-RC4-SHA", Kex: "ECDHE", Auth: "NONE", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC017, Name: "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", OpenSSL: "AECDH-DES-CBC3-SHA", Kex: "ECDHE", Auth: "NONE", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC018, Name: "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", OpenSSL: "AECDH-AES128-SHA", Kex: "ECDHE", Auth: "NONE", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC019, Name: "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", OpenSSL: "AECDH-AES256-SHA", Kex: "ECDHE", Auth: "NONE", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC01A, Name: "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "SRP-3DES-EDE-CBC-SHA", Kex: "SRP", Auth: "SRP", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC01B, Name: "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", OpenSSL: "SRP-RSA-3DES-EDE-CBC-SHA", Kex: "SRP", Auth: "RSA", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC01C, Name: "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", OpenSSL: "SRP-DSS-3DES-EDE-CBC-SHA", Kex: "SRP", Auth: "DSS", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC01D, Name: "TLS_SRP_SHA_WITH_AES_128_CBC_SHA", OpenSSL: "SRP-AES-128-CBC-SHA", Kex: "SRP", Auth: "SRP", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0xC01E, Name: "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", OpenSSL: "SRP-RSA-AES-128-CBC-SHA", Kex: "SRP", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0xC01F, Name: "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", OpenSSL: "SRP-DSS-AES-128-CBC-SHA", Kex: "SRP", Auth: "DSS", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0xC020, Name: "TLS_SRP_SHA_WITH_AES_256_CBC_SHA", OpenSSL: "SRP-AES-256-CBC-SHA", Kex: "SRP", Auth: "SRP", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0xC021, Name: "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", OpenSSL: "SRP-RSA-AES-256-CBC-SHA", Kex: "SRP", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0xC022, Name: "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", OpenSSL: "SRP-DSS-AES-256-CBC-SHA", Kex: "SRP", Auth: "DSS", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionSSL30},
	{Code: 0xC023, Name: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", OpenSSL: "ECDHE-ECDSA-AES128-SHA256", Kex: "ECDHE", Auth: "ECDSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC024, Name: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", OpenSSL: "ECDHE-ECDSA-AES256-SHA384", Kex: "ECDHE", Auth: "ECDSA", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC025, Name: "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", OpenSSL: "ECDH-ECDSA-AES128-SHA256", Kex: "ECDH", Auth: "ECDSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC026, Name: "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", OpenSSL: "ECDH-ECDSA-AES256-SHA384", Kex: "ECDH", Auth: "ECDSA", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC027, Name: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", OpenSSL: "ECDHE-RSA-AES128-SHA256", Kex: "ECDHE", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC028, Name: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", OpenSSL: "ECDHE-RSA-AES256-SHA384", Kex: "ECDHE", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC029, Name: "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", OpenSSL: "ECDH-RSA-AES128-SHA256", Kex: "ECDH", Auth: "RSA", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC02A, Name: "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", OpenSSL: "ECDH-RSA-AES256-SHA384", Kex: "ECDH", Auth: "RSA", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC02B, Name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", OpenSSL: "ECDHE-ECDSA-AES128-GCM-SHA256", Kex: "ECDHE", Auth: "ECDSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC02C, Name: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", OpenSSL: "ECDHE-ECDSA-AES256-GCM-SHA384", Kex: "ECDHE", Auth: "ECDSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC02D, Name: "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", OpenSSL: "ECDH-ECDSA-AES128-GCM-SHA256", Kex: "ECDH", Auth: "ECDSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC02E, Name: "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", OpenSSL: "ECDH-ECDSA-AES256-GCM-SHA384", Kex: "ECDH", Auth: "ECDSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC02F, Name: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", OpenSSL: "ECDHE-RSA-AES128-GCM-SHA256", Kex: "ECDHE", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC030, Name: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", OpenSSL: "ECDHE-RSA-AES256-GCM-SHA384", Kex: "ECDHE", Auth: "RSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC031, Name: "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", OpenSSL: "ECDH-RSA-AES128-GCM-SHA256", Kex: "ECDH", Auth: "RSA", Enc: "AESGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC032, Name: "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", OpenSSL: "ECDH-RSA-AES256-GCM-SHA384", Kex: "ECDH", Auth: "RSA", Enc: "AESGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC033, Name: "TLS_ECDHE_PSK_WITH_RC4_128_SHA", OpenSSL: "ECDHE-PSK-RC4-SHA", Kex: "ECDHEPSK", Auth: "PSK", Enc: "RC4", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC034, Name: "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA", OpenSSL: "ECDHE-PSK-3DES-EDE-CBC-SHA", Kex: "ECDHEPSK", Auth: "PSK", Enc: "3DES", Bits: 112, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC035, Name: "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", OpenSSL: "ECDHE-PSK-AES128-CBC-SHA", Kex: "ECDHEPSK", Auth: "PSK", Enc: "AES", Bits: 128, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC036, Name: "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", OpenSSL: "ECDHE-PSK-AES256-CBC-SHA", Kex: "ECDHEPSK", Auth: "PSK", Enc: "AES", Bits: 256, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC037, Name: "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", OpenSSL: "ECDHE-PSK-AES128-CBC-SHA256", Kex: "ECDHEPSK", Auth: "PSK", Enc: "AES", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC038, Name: "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", OpenSSL: "ECDHE-PSK-AES256-CBC-SHA384", Kex: "ECDHEPSK", Auth: "PSK", Enc: "AES", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC039, Name: "TLS_ECDHE_PSK_WITH_NULL_SHA", OpenSSL: "ECDHE-PSK-NULL-SHA", Kex: "ECDHEPSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA1", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC03A, Name: "TLS_ECDHE_PSK_WITH_NULL_SHA256", OpenSSL: "ECDHE-PSK-NULL-SHA256", Kex: "ECDHEPSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC03B, Name: "TLS_ECDHE_PSK_WITH_NULL_SHA384", OpenSSL: "ECDHE-PSK-NULL-SHA384", Kex: "ECDHEPSK", Auth: "PSK", Enc: "NULL", Bits: 0, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC03C, Name: "TLS_RSA_WITH_ARIA_128_CBC_SHA256", OpenSSL: "ARIA128-SHA256", Kex: "RSA", Auth: "RSA", Enc: "ARIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC03D, Name: "TLS_RSA_WITH_ARIA_256_CBC_SHA384", OpenSSL: "ARIA256-SHA384", Kex: "RSA", Auth: "RSA", Enc: "ARIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC044, Name: "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256", OpenSSL: "DHE-RSA-ARIA128-SHA256", Kex: "DHE", Auth: "RSA", Enc: "ARIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC045, Name: "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384", OpenSSL: "DHE-RSA-ARIA256-SHA384", Kex: "DHE", Auth: "RSA", Enc: "ARIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC048, Name: "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256", OpenSSL: "ECDHE-ECDSA-ARIA128-SHA256", Kex: "ECDHE", Auth: "ECDSA", Enc: "ARIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC049, Name: "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384", OpenSSL: "ECDHE-ECDSA-ARIA256-SHA384", Kex: "ECDHE", Auth: "ECDSA", Enc: "ARIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC04C, Name: "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256", OpenSSL: "ECDHE-ARIA128-SHA256", Kex: "ECDHE", Auth: "RSA", Enc: "ARIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC04D, Name: "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384", OpenSSL: "ECDHE-ARIA256-SHA384", Kex: "ECDHE", Auth: "RSA", Enc: "ARIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC050, Name: "TLS_RSA_WITH_ARIA_128_GCM_SHA256", OpenSSL: "ARIA128-GCM-SHA256", Kex: "RSA", Auth: "RSA", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC051, Name: "TLS_RSA_WITH_ARIA_256_GCM_SHA384", OpenSSL: "ARIA256-GCM-SHA384", Kex: "RSA", Auth: "RSA", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC052, Name: "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256", OpenSSL: "DHE-RSA-ARIA128-GCM-SHA256", Kex: "DHE", Auth: "RSA", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC053, Name: "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", OpenSSL: "DHE-RSA-ARIA256-GCM-SHA384", Kex: "DHE", Auth: "RSA", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC056, Name: "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256", OpenSSL: "DHE-DSS-ARIA128-GCM-SHA256", Kex: "DHE", Auth: "DSS", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC057, Name: "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384", OpenSSL: "DHE-DSS-ARIA256-GCM-SHA384", Kex: "DHE", Auth: "DSS", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC05C, Name: "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256", OpenSSL: "ECDHE-ECDSA-ARIA128-GCM-SHA256", Kex: "ECDHE", Auth: "ECDSA", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC05D, Name: "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384", OpenSSL: "ECDHE-ECDSA-ARIA256-GCM-SHA384", Kex: "ECDHE", Auth: "ECDSA", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC060, Name: "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", OpenSSL: "ECDHE-ARIA128-GCM-SHA256", Kex: "ECDHE", Auth: "RSA", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC061, Name: "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", OpenSSL: "ECDHE-ARIA256-GCM-SHA384", Kex: "ECDHE", Auth: "RSA", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC06A, Name: "TLS_PSK_WITH_ARIA_128_GCM_SHA256", OpenSSL: "PSK-ARIA128-GCM-SHA256", Kex: "PSK", Auth: "PSK", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC06B, Name: "TLS_PSK_WITH_ARIA_256_GCM_SHA384", OpenSSL: "PSK-ARIA256-GCM-SHA384", Kex: "PSK", Auth: "PSK", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC06C, Name: "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256", OpenSSL: "DHE-PSK-ARIA128-GCM-SHA256", Kex: "DHEPSK", Auth: "PSK", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC06D, Name: "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384", OpenSSL: "DHE-PSK-ARIA256-GCM-SHA384", Kex: "DHEPSK", Auth: "PSK", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC06E, Name: "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256", OpenSSL: "RSA-PSK-ARIA128-GCM-SHA256", Kex: "RSAPSK", Auth: "RSA", Enc: "ARIAGCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC06F, Name: "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384", OpenSSL: "RSA-PSK-ARIA256-GCM-SHA384", Kex: "RSAPSK", Auth: "RSA", Enc: "ARIAGCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC072, Name: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "ECDHE-ECDSA-CAMELLIA128-SHA256", Kex: "ECDHE", Auth: "ECDSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC073, Name: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "ECDHE-ECDSA-CAMELLIA256-SHA384", Kex: "ECDHE", Auth: "ECDSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC074, Name: "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "ECDH-ECDSA-CAMELLIA128-SHA256", Kex: "ECDH", Auth: "ECDSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC075, Name: "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "ECDH-ECDSA-CAMELLIA256-SHA384", Kex: "ECDH", Auth: "ECDSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC076, Name: "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "ECDHE-RSA-CAMELLIA128-SHA256", Kex: "ECDHE", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC077, Name: "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "ECDHE-RSA-CAMELLIA256-SHA384", Kex: "ECDHE", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC078, Name: "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "ECDH-RSA-CAMELLIA128-SHA256", Kex: "ECDH", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC079, Name: "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "ECDH-RSA-CAMELLIA256-SHA384", Kex: "ECDH", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC094, Name: "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "PSK-CAMELLIA128-SHA256", Kex: "PSK", Auth: "PSK", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC095, Name: "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "PSK-CAMELLIA256-SHA384", Kex: "PSK", Auth: "PSK", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC096, Name: "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "DHE-PSK-CAMELLIA128-SHA256", Kex: "DHEPSK", Auth: "PSK", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC097, Name: "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "DHE-PSK-CAMELLIA256-SHA384", Kex: "DHEPSK", Auth: "PSK", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC098, Name: "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "RSA-PSK-CAMELLIA128-SHA256", Kex: "RSAPSK", Auth: "RSA", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC099, Name: "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "RSA-PSK-CAMELLIA256-SHA384", Kex: "RSAPSK", Auth: "RSA", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: false, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC09A, Name: "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", OpenSSL: "ECDHE-PSK-CAMELLIA128-SHA256", Kex: "ECDHEPSK", Auth: "PSK", Enc: "CAMELLIA", Bits: 128, MAC: "SHA256", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC09B, Name: "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", OpenSSL: "ECDHE-PSK-CAMELLIA256-SHA384", Kex: "ECDHEPSK", Auth: "PSK", Enc: "CAMELLIA", Bits: 256, MAC: "SHA384", ForwardSecrecy: true, AEAD: false, Export: false, MinVersion: VersionTLS10},
	{Code: 0xC09C, Name: "TLS_RSA_WITH_AES_128_CCM", OpenSSL: "AES128-CCM", Kex: "RSA", Auth: "RSA", Enc: "AESCCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC09D, Name: "TLS_RSA_WITH_AES_256_CCM", OpenSSL: "AES256-CCM", Kex: "RSA", Auth: "RSA", Enc: "AESCCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC09E, Name: "TLS_DHE_RSA_WITH_AES_128_CCM", OpenSSL: "DHE-RSA-AES128-CCM", Kex: "DHE", Auth: "RSA", Enc: "AESCCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC09F, Name: "TLS_DHE_RSA_WITH_AES_256_CCM", OpenSSL: "DHE-RSA-AES256-CCM", Kex: "DHE", Auth: "RSA", Enc: "AESCCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A0, Name: "TLS_RSA_WITH_AES_128_CCM_8", OpenSSL: "AES128-CCM8", Kex: "RSA", Auth: "RSA", Enc: "AESCCM8", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A1, Name: "TLS_RSA_WITH_AES_256_CCM_8", OpenSSL: "AES256-CCM8", Kex: "RSA", Auth: "RSA", Enc: "AESCCM8", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A2, Name: "TLS_DHE_RSA_WITH_AES_128_CCM_8", OpenSSL: "DHE-RSA-AES128-CCM8", Kex: "DHE", Auth: "RSA", Enc: "AESCCM8", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A3, Name: "TLS_DHE_RSA_WITH_AES_256_CCM_8", OpenSSL: "DHE-RSA-AES256-CCM8", Kex: "DHE", Auth: "RSA", Enc: "AESCCM8", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A4, Name: "TLS_PSK_WITH_AES_128_CCM", OpenSSL: "PSK-AES128-CCM", Kex: "PSK", Auth: "PSK", Enc: "AESCCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A5, Name: "TLS_PSK_WITH_AES_256_CCM", OpenSSL: "PSK-AES256-CCM", Kex: "PSK", Auth: "PSK", Enc: "AESCCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A6, Name: "TLS_DHE_PSK_WITH_AES_128_CCM", OpenSSL: "DHE-PSK-AES128-CCM", Kex: "DHEPSK", Auth: "PSK", Enc: "AESCCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A7, Name: "TLS_DHE_PSK_WITH_AES_256_CCM", OpenSSL: "DHE-PSK-AES256-CCM", Kex: "DHEPSK", Auth: "PSK", Enc: "AESCCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A8, Name: "TLS_PSK_WITH_AES_128_CCM_8", OpenSSL: "PSK-AES128-CCM8", Kex: "PSK", Auth: "PSK", Enc: "AESCCM8", Bits: 128, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0A9, Name: "TLS_PSK_WITH_AES_256_CCM_8", OpenSSL: "PSK-AES256-CCM8", Kex: "PSK", Auth: "PSK", Enc: "AESCCM8", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0AA, Name: "TLS_PSK_DHE_WITH_AES_128_CCM_8", OpenSSL: "DHE-PSK-AES128-CCM8", Kex: "DHEPSK", Auth: "PSK", Enc: "AESCCM8", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0AB, Name: "TLS_PSK_DHE_WITH_AES_256_CCM_8", OpenSSL: "DHE-PSK-AES256-CCM8", Kex: "DHEPSK", Auth: "PSK", Enc: "AESCCM8", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0AC, Name: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", OpenSSL: "ECDHE-ECDSA-AES128-CCM", Kex: "ECDHE", Auth: "ECDSA", Enc: "AESCCM", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0AD, Name: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", OpenSSL: "ECDHE-ECDSA-AES256-CCM", Kex: "ECDHE", Auth: "ECDSA", Enc: "AESCCM", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0AE, Name: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", OpenSSL: "ECDHE-ECDSA-AES128-CCM8", Kex: "ECDHE", Auth: "ECDSA", Enc: "AESCCM8", Bits: 128, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xC0AF, Name: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", OpenSSL: "ECDHE-ECDSA-AES256-CCM8", Kex: "ECDHE", Auth: "ECDSA", Enc: "AESCCM8", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xCCA8, Name: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", OpenSSL: "ECDHE-RSA-CHACHA20-POLY1305", Kex: "ECDHE", Auth: "RSA", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xCCA9, Name: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", OpenSSL: "ECDHE-ECDSA-CHACHA20-POLY1305", Kex: "ECDHE", Auth: "ECDSA", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xCCAA, Name: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", OpenSSL: "DHE-RSA-CHACHA20-POLY1305", Kex: "DHE", Auth: "RSA", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xCCAB, Name: "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", OpenSSL: "PSK-CHACHA20-POLY1305", Kex: "PSK", Auth: "PSK", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xCCAC, Name: "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", OpenSSL: "ECDHE-PSK-CHACHA20-POLY1305", Kex: "ECDHEPSK", Auth: "PSK", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xCCAD, Name: "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", OpenSSL: "DHE-PSK-CHACHA20-POLY1305", Kex: "DHEPSK", Auth: "PSK", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: true, AEAD: true, Export: false, MinVersion: VersionTLS12},
	{Code: 0xCCAE, Name: "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", OpenSSL: "RSA-PSK-CHACHA20-POLY1305", Kex: "RSAPSK", Auth: "RSA", Enc: "CHACHA20POLY1305", Bits: 256, MAC: "AEAD", ForwardSecrecy: false, AEAD: true, Export: false, MinVersion: VersionTLS12},
}
