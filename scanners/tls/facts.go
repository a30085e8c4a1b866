package tls

// Facts is what one TLS endpoint accepts and presents. Slices and pointers stay
// nil when their fact could not be collected (the reason is then in Errors under
// the JSON name); an empty, non-nil slice means "collected, none".
type Facts struct {
	Host string `json:"host"`
	Port int    `json:"port"`
	SNI  string `json:"sni"`
	// Protocols lists every version the server accepted, newest first
	// (TLS1.3 ... SSLv2).
	Protocols []Protocol `json:"protocols,omitzero"`
	// Groups lists the key-exchange groups the server accepted, one offered at
	// a time, in the order tested.
	Groups []Group `json:"groups,omitzero"`
	// Certificates is the chain as the server sent it, leaf first.
	Certificates []Certificate `json:"certificates,omitzero"`
	Chain        *Chain        `json:"chain,omitzero"`
	// OCSPStapled is whether the server stapled an OCSP response.
	OCSPStapled     *bool            `json:"ocsp_stapled,omitzero"`
	Vulnerabilities *Vulnerabilities `json:"vulnerabilities,omitzero"`
	// HTTPSStatus is the status of the HTTPS answer for the endpoint's path.
	HTTPSStatus int `json:"https_status,omitzero"`
	// Headers are the HTTPS response headers, names in lower case; Set-Cookie
	// is left out (session identifiers are secrets).
	Headers map[string][]string `json:"headers,omitzero"`
	// HSTS is the Strict-Transport-Security header, parsed.
	HSTS *HSTS `json:"hsts,omitzero"`
	// HTTP is the plain-HTTP answer for the same host.
	HTTP *PlainHTTP `json:"http,omitzero"`
	// Grade is the rating by the SSL Labs rules (Rate, GRADING.md); set by
	// Collect, not by ScanEndpoint.
	Grade *Grade `json:"grade,omitzero"`
	// Errors maps a fact ("protocols.TLS1.0", "certificates") to why it could
	// not be collected completely.
	Errors map[string]string `json:"errors,omitzero"`
}

// Protocol is one accepted protocol version and its suites.
type Protocol struct {
	Version string `json:"version"` // SSLv2, SSLv3, TLS1.0, TLS1.1, TLS1.2, TLS1.3
	// Suites are the accepted suites in the server's preference order (in the
	// order vouch offered them when the server follows the client's order).
	Suites []AcceptedSuite `json:"suites"`
	// ServerOrder is true when the server picks by its own preference, false
	// when it honours the client's order, nil when it could not be told (a
	// single suite).
	ServerOrder *bool `json:"server_order"`
}

// AcceptedSuite is a suite the server chose, with the key exchange it used.
type AcceptedSuite struct {
	Name           string `json:"name"` // IANA name
	Code           string `json:"code"` // "0xC02F"
	OpenSSL        string `json:"openssl,omitempty"`
	Kex            string `json:"kex"`
	Auth           string `json:"auth"`
	Enc            string `json:"enc"`
	Bits           int    `json:"bits"`
	MAC            string `json:"mac"`
	ForwardSecrecy bool   `json:"forward_secrecy"`
	AEAD           bool   `json:"aead"`
	Export         bool   `json:"export,omitempty"`
	// DHBits is the size of the finite-field DH prime the server used, 0 when
	// not a DHE suite.
	DHBits int `json:"dh_bits"`
	// Curve is the named group of the (EC)DHE key exchange ("x25519"), empty
	// when none.
	Curve string `json:"curve"`
}

// Group is a key-exchange group the server accepted.
type Group struct {
	Name string `json:"name"` // x25519, secp256r1, ffdhe2048
	Code string `json:"code"` // "0x001D"
	Bits int    `json:"bits"` // security-relevant size: 253 for x25519, 2048 for ffdhe2048
	// Versions lists where it was accepted: "TLS1.3" and/or the newest
	// TLS 1.2-or-older version with ECDHE.
	Versions []string `json:"versions"`
}

// Certificate describes one certificate as the server sent it.
type Certificate struct {
	Subject            string   `json:"subject"`
	Issuer             string   `json:"issuer"`
	KeyType            string   `json:"key_type"` // RSA, ECDSA, Ed25519, DSA
	KeyBits            int      `json:"key_bits"`
	SignatureAlgorithm string   `json:"signature_algorithm"` // SHA256-RSA, SHA1-RSA, ECDSA-SHA384
	NotBefore          string   `json:"not_before"`          // RFC 3339
	NotAfter           string   `json:"not_after"`           // RFC 3339
	SANs               []string `json:"sans"`
	SelfSigned         bool     `json:"self_signed"`
	SHA256             string   `json:"sha256"` // fingerprint of the DER, hex
}

// Chain is the verdict on the chain the server sent.
type Chain struct {
	// Trusted: the chain verifies to a trusted root (the system bundle or the
	// configured one) at the scan's time.
	Trusted bool `json:"trusted"`
	// HostnameMatch: the leaf is valid for the SNI name (or the IP address).
	HostnameMatch bool `json:"hostname_match"`
	// Complete: the sent certificates lead to a root without fetching missing
	// intermediates (false means "incomplete": an AIA fetch would be needed).
	Complete bool `json:"complete"`
	// Error is why verification failed, empty when trusted.
	Error string `json:"error"`
	// Roots names the bundle verified against: "system", or "custom" when
	// Options.Roots was given.
	Roots string `json:"roots"`
}

// Vulnerabilities holds one verdict per probe.
type Vulnerabilities struct {
	SecureRenegotiation Finding `json:"secure_renegotiation"`
	Compression         Finding `json:"compression"`
	Heartbleed          Finding `json:"heartbleed"`
	FallbackSCSV        Finding `json:"fallback_scsv"`
}

// Finding states.
const (
	Vulnerable    = "vulnerable"
	NotVulnerable = "not_vulnerable"
	NotTested     = "not_tested"
)

// Finding is the verdict of one vulnerability probe.
type Finding struct {
	State  string `json:"state"` // vulnerable, not_vulnerable, not_tested
	Reason string `json:"reason"`
}

// Grade is a rating of the endpoint with the scores and the caps that lowered
// it (GRADING.md).
type Grade struct {
	// Grade is A+, A, A-, B, C, D, E, F, or T (not trusted) or M (name
	// mismatch), which replace the letter.
	Grade string `json:"grade"`
	// IgnoringTrust is the grade a trusted, matching certificate would get.
	IgnoringTrust string `json:"ignoring_trust"`
	Score         int    `json:"score"`
	Protocol      int    `json:"protocol_score"`
	KeyExchange   int    `json:"key_exchange_score"`
	Cipher        int    `json:"cipher_score"`
	// Caps lists every rule that limited the grade, with its reason.
	Caps []Cap `json:"caps"`
}

// Cap is one rating rule that applied: the grade it limits to (F, C, B, A-,
// T, M) and why.
type Cap struct {
	Grade  string `json:"grade"`
	Reason string `json:"reason"`
}
