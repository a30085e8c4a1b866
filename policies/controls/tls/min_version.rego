# METADATA
# title: No protocol version below the minimum is accepted
# description: >-
#   Every protocol version the endpoint accepts, found by offering each of
#   SSLv2 through TLS 1.3 in turn, is at least min_tls_version.
# custom:
#   id: TLS-002
#   severity: high
#   claim: "authorizing only strong cipher suites; allowed ciphers are regularly updated"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#     - doc: 004_72802e2c2274da85.txt
#       section: Encryption
#   facts: [tls.protocols]
#   parameters:
#     min_tls_version:
#       type: string
#       default: "1.2"
#       description: Oldest TLS version allowed, one of 1.0, 1.1, 1.2, 1.3.
#   remediation: >-
#     Allow only the newer versions, e.g. in nginx ssl_protocols TLSv1.2 TLSv1.3;
#     and reload.
package vouch.controls.tls.min_version

import data.vouch.lib

rank := {"SSLv2": 0, "SSLv3": 1, "TLS1.0": 2, "TLS1.1": 3, "TLS1.2": 4, "TLS1.3": 5}

min_rank := {"1.0": 2, "1.1": 3, "1.2": 4, "1.3": 5}[input.params.min_tls_version]

error contains msg if some msg in lib.missing({"tls.protocols"})

error contains msg if {
	not min_rank
	msg := sprintf("params.min_tls_version %v is not one of 1.0, 1.1, 1.2, 1.3", [input.params.min_tls_version])
}

error contains "the endpoint accepted no protocol version: nothing to judge" if {
	input.tls.protocols == []
}

deny contains {"msg": msg, "data": {"version": p.version, "suites": count(p.suites)}} if {
	some p in input.tls.protocols
	rank[p.version] < min_rank
	msg := sprintf("%s is accepted (%d suites); the minimum is TLS %s", [p.version, count(p.suites), input.params.min_tls_version])
}

evidence contains {"msg": msg, "data": versions} if {
	versions := [p.version | some p in input.tls.protocols]
	count(versions) > 0
	msg := sprintf("accepted versions: %s", [concat(", ", versions)])
}
