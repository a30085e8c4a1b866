# METADATA
# title: Certificate keys are strong enough
# description: >-
#   Every certificate the endpoint sends (leaf and chain) has an RSA or DSA
#   key of at least cert_min_rsa_bits, or an elliptic-curve key of at least
#   cert_min_ec_bits.
# custom:
#   id: TLS-004
#   severity: high
#   claim: "robust 2048-bit modulus with full SHA-2 certificates chains"
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [tls.certificates]
#   parameters:
#     cert_min_rsa_bits:
#       type: integer
#       default: 2048
#       description: Smallest RSA (or DSA) certificate key allowed, in bits.
#     cert_min_ec_bits:
#       type: integer
#       default: 256
#       description: Smallest elliptic-curve certificate key allowed, in bits.
#   remediation: Issue the certificate for a new RSA 2048+ or ECDSA P-256+ key and install it with its chain.
package vouch.controls.tls.cert_keys

import data.vouch.lib

error contains msg if some msg in lib.missing({"tls.certificates"})

weak(c) := input.params.cert_min_rsa_bits if {
	c.key_type in {"RSA", "DSA"}
	c.key_bits < input.params.cert_min_rsa_bits
}

weak(c) := input.params.cert_min_ec_bits if {
	c.key_type in {"ECDSA", "Ed25519"}
	c.key_bits < input.params.cert_min_ec_bits
}

deny contains {"msg": msg, "data": {"subject": c.subject, "key_type": c.key_type, "key_bits": c.key_bits}} if {
	some i, c in input.tls.certificates
	limit := weak(c)
	msg := sprintf("certificate %d (%s) has a %d-bit %s key; the minimum is %d", [i, c.subject, c.key_bits, c.key_type, limit])
}

error contains msg if {
	some i, c in input.tls.certificates
	not c.key_type in {"RSA", "DSA", "ECDSA", "Ed25519"}
	msg := sprintf("certificate %d (%s) has a key of unknown type %s", [i, c.subject, c.key_type])
}

evidence contains {"msg": msg, "data": keys} if {
	keys := [sprintf("%s %d", [c.key_type, c.key_bits]) | some c in input.tls.certificates]
	msg := sprintf("certificate keys: %s", [concat(", ", keys)])
}
