# METADATA
# title: Certificates are signed with SHA-2 or better
# description: >-
#   No certificate the endpoint sends is signed with MD5 or SHA-1. A
#   self-signed root sent along is not judged: its signature is never checked.
# custom:
#   id: TLS-005
#   severity: medium
#   claim: "full SHA-2 certificates chains"
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [tls.certificates]
#   remediation: Reissue the certificate (and any intermediate) with a SHA-256 signature and install the new chain.
package vouch.controls.tls.cert_signatures

import data.vouch.lib

error contains msg if some msg in lib.missing({"tls.certificates"})

judged contains i if {
	some i, c in input.tls.certificates
	not root(i, c)
}

root(i, c) if {
	i > 0
	c.self_signed
}

weak(alg) if contains(upper(alg), "MD5")

weak(alg) if contains(upper(alg), "SHA1")

deny contains {"msg": msg, "data": {"subject": c.subject, "signature_algorithm": c.signature_algorithm}} if {
	some i in judged
	c := input.tls.certificates[i]
	weak(c.signature_algorithm)
	msg := sprintf("certificate %d (%s) is signed with %s", [i, c.subject, c.signature_algorithm])
}

evidence contains {"msg": msg, "data": algs} if {
	algs := [input.tls.certificates[i].signature_algorithm | some i in judged]
	msg := sprintf("signatures: %s", [concat(", ", algs)])
}
