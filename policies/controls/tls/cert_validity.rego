# METADATA
# title: The certificate is valid, trusted, complete and matches the name
# description: >-
#   The leaf certificate is within its validity period with at least
#   cert_min_days_left days to go, is valid for the name asked for (SNI), and
#   the chain the server sends is complete and verifies to a trusted root.
# custom:
#   id: TLS-006
#   severity: high
#   claim: "Grade A SSL ratings at all times"
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [tls.certificates, tls.chain]
#   parameters:
#     cert_min_days_left:
#       type: integer
#       default: 14
#       description: Fail when the leaf expires within this many days.
#     trust_bundle:
#       type: string
#       default: system
#       description: >-
#         Roots the chain must verify to; vouch verifies against the system
#         bundle, so any other value makes the control error until the scan
#         used that bundle.
#   remediation: >-
#     Renew the certificate before it expires, for the exact host name, and
#     serve it with its intermediates (nginx ssl_certificate takes the leaf
#     followed by the chain).
package vouch.controls.tls.cert_validity

import data.vouch.lib

leaf := input.tls.certificates[0]

chain := input.tls.chain

day_ns := ((24 * 60) * 60) * 1000000000

days_left := floor((time.parse_rfc3339_ns(leaf.not_after) - lib.now_ns) / day_ns)

error contains msg if some msg in lib.missing({"tls.certificates", "tls.chain"})

error contains "the server sent no certificate" if input.tls.certificates == []

error contains msg if {
	lib.present("tls.chain")
	object.get(chain, "roots", "system") != input.params.trust_bundle
	msg := sprintf("the chain was verified against the %s roots, not trust_bundle %s", [object.get(chain, "roots", "system"), input.params.trust_bundle])
}

deny contains {"msg": msg, "data": {"not_after": leaf.not_after}} if {
	days_left < 0
	msg := sprintf("the certificate for %s expired on %s", [leaf.subject, leaf.not_after])
}

deny contains {"msg": msg, "data": {"not_after": leaf.not_after, "days_left": days_left}} if {
	days_left >= 0
	days_left < input.params.cert_min_days_left
	msg := sprintf("the certificate for %s expires in %d days (%s); the minimum is %d", [leaf.subject, days_left, leaf.not_after, input.params.cert_min_days_left])
}

deny contains {"msg": msg, "data": {"not_before": leaf.not_before}} if {
	time.parse_rfc3339_ns(leaf.not_before) > lib.now_ns
	msg := sprintf("the certificate for %s is not valid before %s", [leaf.subject, leaf.not_before])
}

deny contains {"msg": msg, "data": {"sans": leaf.sans}} if {
	chain.hostname_match == false
	msg := sprintf("the certificate (%s, SANs %s) does not match the name asked for", [leaf.subject, concat(", ", leaf.sans)])
}

deny contains {"msg": msg, "data": chain} if {
	chain.complete == false
	msg := "the chain sent is incomplete: an intermediate certificate is missing"
}

deny contains {"msg": msg, "data": chain} if {
	chain.trusted == false
	msg := sprintf("the chain does not verify to a trusted root: %s", [chain.error])
}

evidence contains {"msg": msg, "data": {"not_after": leaf.not_after}} if {
	chain.trusted
	msg := sprintf("trusted chain of %d certificates for %s, %d days left", [count(input.tls.certificates), leaf.subject, days_left])
}
