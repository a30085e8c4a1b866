# METADATA
# title: Ephemeral key exchange uses strong groups
# description: >-
#   Forward secrecy is only as strong as its group: every DHE suite the
#   endpoint accepts uses a prime of at least min_dh_bits, and no finite-field
#   or elliptic-curve group it accepts is weaker (curves below 224 bits match
#   RSA below 2048).
# custom:
#   id: TLS-011
#   severity: medium
#   claim: "protected with state-of-the-art 256-bit SSL encryption"
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [tls.protocols, tls.groups]
#   parameters:
#     min_dh_bits:
#       type: integer
#       default: 2048
#       description: Smallest finite-field Diffie-Hellman prime allowed, in bits.
#   remediation: >-
#     Use the RFC 7919 ffdhe2048 group or larger (nginx ssl_dhparam with a file
#     from openssl genpkey -genparam -algorithm DH -pkeyopt dh_param:ffdhe2048),
#     or drop the DHE suites.
package vouch.controls.tls.dh_params

import data.vouch.lib

error contains msg if some msg in lib.missing({"tls.protocols", "tls.groups"})

deny contains {"msg": msg, "data": {"version": p.version, "suite": s.name, "dh_bits": s.dh_bits}} if {
	some p in input.tls.protocols
	some s in p.suites
	s.kex == "DHE"
	s.dh_bits > 0
	s.dh_bits < input.params.min_dh_bits
	msg := sprintf("%s %s uses a %d-bit DH prime; the minimum is %d", [p.version, s.name, s.dh_bits, input.params.min_dh_bits])
}

error contains msg if {
	some p in input.tls.protocols
	some s in p.suites
	s.kex == "DHE"
	s.dh_bits == 0
	p.version != "SSLv2"
	msg := sprintf("%s %s: the DH prime size was not read from ServerKeyExchange", [p.version, s.name])
}

deny contains {"msg": msg, "data": g} if {
	some g in input.tls.groups
	startswith(g.name, "ffdhe")
	g.bits < input.params.min_dh_bits
	msg := sprintf("group %s (%d bits) is accepted; the minimum is %d", [g.name, g.bits, input.params.min_dh_bits])
}

deny contains {"msg": msg, "data": g} if {
	some g in input.tls.groups
	not startswith(g.name, "ffdhe")
	g.bits > 0
	g.bits < 224
	msg := sprintf("curve %s (%d bits) is accepted; curves below 224 bits are weaker than RSA 2048", [g.name, g.bits])
}

evidence contains {"msg": msg, "data": input.tls.groups} if {
	names := [g.name | some g in input.tls.groups]
	dh := {s.dh_bits | some p in input.tls.protocols; some s in p.suites; s.kex == "DHE"}
	msg := sprintf("groups: %s; DH prime sizes: %v", [concat(", ", names), dh])
}
