# METADATA
# title: No weak cipher suite is accepted
# description: >-
#   Every suite the endpoint accepts, at every version, is outside the weak
#   classes: NULL encryption, anonymous key exchange, export grade, DES, 3DES,
#   RC4, IDEA, MD5 MAC, and key exchange without forward secrecy.
# custom:
#   id: TLS-003
#   severity: high
#   claim: "only strong cipher suites"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [tls.protocols]
#   parameters:
#     weak_cipher_classes:
#       type: array
#       default: ["NULL", anon, EXPORT, DES, 3DES, RC4, IDEA, MD5, non-FS]
#       description: >-
#         Suite classes that fail: NULL, anon, EXPORT, DES, 3DES, RC4, IDEA, RC2,
#         SEED, CBC (non-AEAD), MD5 (MAC), SHA1 (MAC), non-FS (no forward secrecy).
#   remediation: >-
#     Offer only forward-secret AEAD suites, e.g. Mozilla's intermediate list in
#     nginx ssl_ciphers, and reload.
package vouch.controls.tls.weak_suites

import data.vouch.lib

known := {"NULL", "anon", "EXPORT", "DES", "3DES", "RC4", "IDEA", "RC2", "SEED", "CBC", "MD5", "SHA1", "non-FS"}

in_class(s, "NULL") if s.enc == "NULL"

in_class(s, "anon") if s.auth == "NONE"

in_class(s, "EXPORT") if s.export

in_class(s, "DES") if s.enc == "DES"

in_class(s, "3DES") if s.enc == "3DES"

in_class(s, "RC4") if s.enc == "RC4"

in_class(s, "IDEA") if s.enc == "IDEA"

in_class(s, "RC2") if s.enc == "RC2"

in_class(s, "SEED") if s.enc == "SEED"

in_class(s, "CBC") if not s.aead

in_class(s, "MD5") if s.mac == "MD5"

in_class(s, "SHA1") if s.mac == "SHA1"

in_class(s, "non-FS") if not s.forward_secrecy

error contains msg if some msg in lib.missing({"tls.protocols"})

error contains msg if {
	some c in input.params.weak_cipher_classes
	not c in known
	msg := sprintf("params.weak_cipher_classes: unknown class %v (known: %s)", [c, concat(", ", sort(known))])
}

deny contains {"msg": msg, "data": {"version": p.version, "suite": s.name, "classes": classes}} if {
	some p in input.tls.protocols
	some s in p.suites
	classes := sort([c | some c in input.params.weak_cipher_classes; in_class(s, c)])
	count(classes) > 0
	msg := sprintf("%s accepts %s (%s)", [p.version, s.name, concat(", ", classes)])
}

evidence contains {"msg": msg, "data": {"suites": n}} if {
	n := count([s | some p in input.tls.protocols; some s in p.suites])
	msg := sprintf("%d accepted suites, none in a weak class", [n])
}
