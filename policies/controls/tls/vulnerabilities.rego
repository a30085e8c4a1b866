# METADATA
# title: The endpoint is not open to the known TLS vulnerabilities
# description: >-
#   The probes find no vulnerability: secure renegotiation (RFC 5746) is
#   supported, TLS compression is off (CRIME), the heartbeat does not leak
#   memory (Heartbleed, safe probe), and TLS_FALLBACK_SCSV stops downgrades
#   when more than one version is accepted. A probe that could not be run is
#   an error, except the fallback probe with a single version.
# custom:
#   id: TLS-010
#   severity: high
#   claim: "always patched against the latest SSL vulnerabilities"
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [tls.vulnerabilities]
#   remediation: Upgrade OpenSSL and the web server to supported releases and disable ssl compression; restart the service.
package vouch.controls.tls.vulnerabilities

import data.vouch.lib

v := input.tls.vulnerabilities

error contains msg if some msg in lib.missing({"tls.vulnerabilities"})

deny contains {"msg": msg, "data": f} if {
	some name, f in v
	f.state == "vulnerable"
	msg := sprintf("%s: vulnerable (%s)", [name, f.reason])
}

error contains msg if {
	some name, f in v
	f.state == "not_tested"
	name != "fallback_scsv"
	msg := sprintf("%s: not tested (%s)", [name, f.reason])
}

evidence contains {"msg": msg, "data": f} if {
	some name, f in v
	f.state != "vulnerable"
	msg := sprintf("%s: %s (%s)", [name, f.state, f.reason])
}
