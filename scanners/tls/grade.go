package tls

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// gradeOrder ranks the letter grades, best first.
var gradeOrder = []string{"A+", "A", "A-", "B", "C", "D", "E", "F"}

// worse returns the lower of two letter grades.
func worse(a, b string) string {
	if slices.Index(gradeOrder, b) > slices.Index(gradeOrder, a) {
		return b
	}
	return a
}

// HSTSMinMaxAge is the max-age (six months) an A needs to become A+.
const HSTSMinMaxAge = 15552000

// Rate grades the facts by the SSL Labs server rating guide as GRADING.md
// states it: score = 0.3 protocol + 0.3 key exchange + 0.4 cipher strength,
// mapped to a letter and lowered by each cap that applies. It needs the
// protocols and the certificates; the probes, chain and headers refine it when
// present.
func Rate(f *Facts) (*Grade, error) {
	if len(f.Protocols) == 0 {
		if f.Protocols == nil {
			return nil, errors.New("grade: protocols not collected")
		}
		return &Grade{Grade: "F", IgnoringTrust: "F", Caps: []Cap{{"F", "no SSL/TLS protocol version accepted"}}}, nil
	}
	if len(f.Certificates) == 0 {
		return nil, errors.New("grade: certificates not collected")
	}
	g := &Grade{Caps: []Cap{}}
	capTo := func(grade, format string, args ...any) {
		g.Caps = append(g.Caps, Cap{Grade: grade, Reason: fmt.Sprintf(format, args...)})
	}

	// Protocol support: the mean of the best and the worst version.
	protoScore := map[string]int{"SSLv2": 0, "SSLv3": 80, "TLS1.0": 90, "TLS1.1": 95, "TLS1.2": 100, "TLS1.3": 100}
	best, worst := 0, 100
	has := map[string]bool{}
	for _, p := range f.Protocols {
		has[p.Version] = true
		best, worst = max(best, protoScore[p.Version]), min(worst, protoScore[p.Version])
	}
	g.Protocol = (best + worst) / 2

	// Key exchange: the weakest exchange accepted, each judged by the smaller
	// of the server key and the ephemeral parameters (RSA-equivalent bits).
	leaf := f.Certificates[0]
	serverBits := rsaEquivalent(leaf.KeyType, leaf.KeyBits)
	kexScore := 100
	cipherBest, cipherWorst := 0, 100
	var anon, export, null, rc4, tdesModern, fs, aead bool
	var weakDH, minDH int
	for _, p := range f.Protocols {
		for _, s := range p.Suites {
			bits := serverBits
			switch {
			case s.Auth == "NONE":
				anon = true
			case s.Kex == "DHE" && s.DHBits > 0:
				bits = min(bits, s.DHBits)
				if minDH == 0 || s.DHBits < minDH {
					minDH = s.DHBits
				}
			case s.Kex == "ECDHE" && s.Curve != "":
				bits = min(bits, rsaEquivalent("ECDSA", curveBits(s.Curve)))
			}
			ks := keyScore(bits)
			if s.Auth == "NONE" {
				ks = 0
			}
			if s.Export {
				export = true
				ks = min(ks, 40)
			}
			kexScore = min(kexScore, ks)
			cs := cipherScore(s.Bits, s.Enc)
			cipherBest, cipherWorst = max(cipherBest, cs), min(cipherWorst, cs)
			null = null || s.Enc == "NULL"
			rc4 = rc4 || s.Enc == "RC4"
			tdesModern = tdesModern || (s.Enc == "3DES" && (p.Version == "TLS1.1" || p.Version == "TLS1.2" || p.Version == "TLS1.3"))
			fs = fs || s.ForwardSecrecy
			aead = aead || s.AEAD
		}
	}
	weakDH = minDH
	g.KeyExchange = kexScore
	g.Cipher = (cipherBest + cipherWorst) / 2
	score := float64(g.Protocol)*0.3 + float64(g.KeyExchange)*0.3 + float64(g.Cipher)*0.4
	g.Score = int(score + 0.5)
	letter := scoreLetter(g.Score)

	// Caps, from the harshest down.
	if has["SSLv2"] {
		capTo("F", "SSLv2 is accepted")
	}
	if anon {
		capTo("F", "anonymous (unauthenticated) key exchange suites are accepted")
	}
	if export {
		capTo("F", "export-grade suites are accepted")
	}
	if null {
		capTo("F", "NULL (unencrypted) suites are accepted")
	}
	if serverBits > 0 && serverBits < 1024 {
		capTo("F", "server key is %d RSA-equivalent bits, below 1024", serverBits)
	}
	if weakDH > 0 && weakDH < 1024 {
		capTo("F", "DH parameters are %d bits, below 1024", weakDH)
	}
	for i, c := range f.Certificates {
		if strings.Contains(strings.ToUpper(c.SignatureAlgorithm), "MD5") && !(i > 0 && c.SelfSigned) {
			capTo("F", "certificate %d is signed with MD5 (%s)", i, c.SignatureAlgorithm)
		}
	}
	if v := f.Vulnerabilities; v != nil {
		if v.Heartbleed.State == Vulnerable {
			capTo("F", "vulnerable to Heartbleed (CVE-2014-0160)")
		}
		if v.SecureRenegotiation.State == Vulnerable {
			capTo("C", "secure renegotiation (RFC 5746) is not supported")
		}
		if v.Compression.State == Vulnerable {
			capTo("C", "TLS compression is enabled (CRIME)")
		}
		if v.FallbackSCSV.State == Vulnerable {
			capTo("A-", "TLS_FALLBACK_SCSV is not supported (downgrade protection)")
		}
	}
	if has["SSLv3"] {
		capTo("C", "SSLv3 is accepted (POODLE)")
	}
	if rc4 {
		capTo("C", "RC4 suites are accepted")
	}
	if tdesModern {
		capTo("C", "3DES is accepted with TLS 1.1 or newer (Sweet32)")
	}
	if !has["TLS1.2"] && !has["TLS1.3"] {
		capTo("C", "neither TLS 1.2 nor TLS 1.3 is accepted")
	}
	if has["TLS1.0"] || has["TLS1.1"] {
		capTo("B", "TLS 1.0 or TLS 1.1 is accepted")
	}
	if weakDH >= 1024 && weakDH < 2048 {
		capTo("B", "DH parameters are %d bits, below 2048", weakDH)
	}
	if serverBits >= 1024 && serverBits < 2048 {
		capTo("B", "server key is %d RSA-equivalent bits, below 2048", serverBits)
	}
	if !fs {
		capTo("B", "no forward-secret suite is accepted")
	}
	if !aead {
		capTo("B", "no AEAD suite is accepted")
	}
	if f.Chain != nil && !f.Chain.Complete {
		capTo("B", "the certificate chain is incomplete")
	}
	for _, c := range g.Caps {
		if c.Grade != "T" && c.Grade != "M" {
			letter = worse(letter, c.Grade)
		}
	}
	if letter == "A" && f.HSTS != nil && f.HSTS.Present && f.HSTS.MaxAge >= HSTSMinMaxAge {
		letter = "A+"
	}
	g.IgnoringTrust = letter
	g.Grade = letter
	if f.Chain != nil && !f.Chain.HostnameMatch {
		capTo("M", "the certificate does not match the name asked for")
		g.Grade = "M"
	}
	if f.Chain != nil && !f.Chain.Trusted {
		why := f.Chain.Error
		if why == "" {
			why = "the chain does not verify to a trusted root"
		}
		capTo("T", "certificate not trusted: %s", why)
		g.Grade = "T"
	}
	return g, nil
}

func scoreLetter(s int) string {
	switch {
	case s >= 80:
		return "A"
	case s >= 65:
		return "B"
	case s >= 50:
		return "C"
	case s >= 35:
		return "D"
	case s >= 20:
		return "E"
	}
	return "F"
}

// keyScore is the guide's key-exchange table over RSA-equivalent bits.
func keyScore(bits int) int {
	switch {
	case bits <= 0:
		return 0
	case bits < 512:
		return 20
	case bits < 1024:
		return 40
	case bits < 2048:
		return 80
	case bits < 4096:
		return 90
	}
	return 100
}

// cipherScore is the guide's cipher-strength table over symmetric key bits.
func cipherScore(bits int, enc string) int {
	switch {
	case enc == "NULL" || bits <= 0:
		return 0
	case bits < 128:
		return 20
	case bits < 256:
		return 80
	}
	return 100
}

// rsaEquivalent maps a key to RSA-equivalent bits (NIST SP 800-57 Part 1
// table 2): elliptic-curve keys of 160, 224, 256, 384 and 512+ bits match RSA
// keys of 1024, 2048, 3072, 7680 and 15360 bits.
func rsaEquivalent(keyType string, bits int) int {
	switch keyType {
	case "ECDSA", "Ed25519":
		switch {
		case bits >= 512:
			return 15360
		case bits >= 384:
			return 7680
		case bits >= 250:
			return 3072
		case bits >= 224:
			return 2048
		case bits >= 160:
			return 1024
		}
		return bits * 4
	}
	return bits
}

// curveBits is the size of a named group ("x25519": 253).
func curveBits(name string) int {
	for _, g := range groupTable {
		if g.name == name {
			return g.bits
		}
	}
	return 0
}
