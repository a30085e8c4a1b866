package tls

import (
	"bytes"
	"cmp"
	"context"
	"crypto/dsa" //nolint:staticcheck // servers still send DSA keys; we only measure them
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	gotls "crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// certResult is the chain a normal handshake got.
type certResult struct {
	certs [][]byte
	ocsp  bool
	err   error
}

// fetchCertificates does a full handshake with crypto/tls (without verifying)
// to get the chain as sent and any stapled OCSP response, in every version
// including TLS 1.3 where the chain is encrypted.
func (s *scan) fetchCertificates(ctx context.Context) *certResult {
	conn, done, err := s.p.connect(ctx)
	if err != nil {
		return &certResult{err: err}
	}
	defer done()
	var suites []uint16
	for _, cs := range gotls.CipherSuites() {
		suites = append(suites, cs.ID)
	}
	for _, cs := range gotls.InsecureCipherSuites() {
		suites = append(suites, cs.ID)
	}
	tc := gotls.Client(conn, &gotls.Config{
		ServerName:         s.p.sni,
		InsecureSkipVerify: true, // verified below against the chosen roots, at the run's time
		MinVersion:         gotls.VersionTLS10,
		CipherSuites:       suites,
	})
	if err := tc.HandshakeContext(ctx); err != nil {
		return &certResult{err: fmt.Errorf("handshake: %w", err)}
	}
	st := tc.ConnectionState()
	r := &certResult{ocsp: len(st.OCSPResponse) > 0}
	for _, c := range st.PeerCertificates {
		r.certs = append(r.certs, c.Raw)
	}
	return r
}

// applyCertificates fills the certificate facts, preferring the crypto/tls
// handshake and falling back to the Certificate message of a raw probe (a
// server with only suites Go lacks).
func (s *scan) applyCertificates(cr *certResult, results map[uint16]*versionResult) {
	f := s.facts
	ders, ocsp := cr.certs, cr.ocsp
	if cr.err != nil {
		for _, v := range []uint16{VersionTLS12, VersionTLS11, VersionTLS10, VersionSSL30, VersionSSL20} {
			if r := results[v]; r != nil && r.first != nil && len(r.first.certs) > 0 {
				ders, ocsp = r.first.certs, r.first.ocsp
				break
			}
		}
	}
	if len(ders) == 0 {
		if cr.err != nil {
			s.errorf("certificates", cr.err)
		} else {
			s.errorf("certificates", errors.New("server sent no certificate"))
		}
		return
	}
	f.OCSPStapled = &ocsp
	var certs []*x509.Certificate
	f.Certificates = []Certificate{}
	for i, der := range ders {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			s.errorf("certificates", fmt.Errorf("parse certificate %d: %w", i, err))
			return
		}
		certs = append(certs, c)
		f.Certificates = append(f.Certificates, describe(c, der))
	}
	ch, err := s.verifyChain(certs)
	if err != nil {
		s.errorf("chain", err)
		return
	}
	f.Chain = ch
}

// describe turns a certificate into facts.
func describe(c *x509.Certificate, der []byte) Certificate {
	kt, bits := keyInfo(c.PublicKey)
	sans := append([]string{}, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		sans = append(sans, ip.String())
	}
	sum := sha256.Sum256(der)
	return Certificate{
		Subject:            c.Subject.String(),
		Issuer:             c.Issuer.String(),
		KeyType:            kt,
		KeyBits:            bits,
		SignatureAlgorithm: c.SignatureAlgorithm.String(),
		NotBefore:          c.NotBefore.UTC().Format(time.RFC3339),
		NotAfter:           c.NotAfter.UTC().Format(time.RFC3339),
		SANs:               sans,
		SelfSigned:         selfIssued(c),
		SHA256:             hex.EncodeToString(sum[:]),
	}
}

func keyInfo(k any) (string, int) {
	switch k := k.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	case *dsa.PublicKey:
		return "DSA", k.P.BitLen()
	}
	return "unknown", 0
}

// selfIssued reports whether c names itself as issuer (and, when key
// identifiers are present, they agree): a root or a self-signed leaf.
func selfIssued(c *x509.Certificate) bool {
	if !bytes.Equal(c.RawSubject, c.RawIssuer) {
		return false
	}
	return len(c.AuthorityKeyId) == 0 || len(c.SubjectKeyId) == 0 || bytes.Equal(c.AuthorityKeyId, c.SubjectKeyId)
}

// verifyChain judges the chain as sent: trust at the scan's time, hostname and
// completeness.
func (s *scan) verifyChain(certs []*x509.Certificate) (*Chain, error) {
	roots, bundle := s.opts.Roots, cmp.Or(s.opts.RootsName, "custom")
	if roots == nil {
		bundle = "system"
		var err error
		if roots, err = x509.SystemCertPool(); err != nil {
			return nil, fmt.Errorf("load system roots: %w", err)
		}
	}
	leaf := certs[0]
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	ch := &Chain{Roots: bundle}
	_, verr := leaf.Verify(x509.VerifyOptions{
		Roots: roots, Intermediates: inter, CurrentTime: s.opts.Now,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	ch.Trusted = verr == nil
	name := s.p.sni
	if name == "" {
		name = s.ep.Host
	}
	ch.HostnameMatch = leaf.VerifyHostname(name) == nil
	var missing string
	ch.Complete, missing = complete(certs, roots)
	var msgs []string
	if verr != nil {
		msgs = append(msgs, verr.Error())
	}
	if !ch.Complete {
		msg := fmt.Sprintf("incomplete chain: the issuer of %q was not sent", missing)
		for _, c := range certs {
			if c.Subject.String() == missing && len(c.IssuingCertificateURL) > 0 {
				msg += " (available via AIA " + c.IssuingCertificateURL[0] + ")"
			}
		}
		msgs = append(msgs, msg)
	}
	if !ch.HostnameMatch {
		msgs = append(msgs, fmt.Sprintf("certificate is not valid for %q", name))
	}
	for i, m := range msgs {
		if i > 0 {
			ch.Error += "; "
		}
		ch.Error += m
	}
	return ch, nil
}

// complete walks from the leaf through the sent certificates: the chain is
// complete when it reaches a self-issued certificate or one a root in the pool
// signed. It returns the subject of the certificate whose issuer is missing.
func complete(certs []*x509.Certificate, roots *x509.CertPool) (bool, string) {
	cur := certs[0]
	for range certs {
		if selfIssued(cur) {
			return true, ""
		}
		var next *x509.Certificate
		for _, c := range certs {
			if c != cur && bytes.Equal(c.RawSubject, cur.RawIssuer) {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		cur = next
	}
	// Judge the anchor in the middle of its validity so that expiry and
	// weak signatures elsewhere do not read as a missing certificate.
	mid := cur.NotBefore.Add(cur.NotAfter.Sub(cur.NotBefore) / 2)
	_, err := cur.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: mid, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err == nil {
		return true, ""
	}
	var ua x509.UnknownAuthorityError
	if !errors.As(err, &ua) {
		return true, "" // the issuer is known; something else is wrong
	}
	return false, cur.Subject.String()
}
