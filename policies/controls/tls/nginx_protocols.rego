# METADATA
# title: nginx allows no protocol version below the minimum
# description: >-
#   The configuration side of TLS-002: every nginx server block with TLS
#   allows only versions at or above min_tls_version in its effective
#   ssl_protocols (nginx's default, which includes TLSv1, counts when nothing
#   sets it). A host without nginx skips.
# custom:
#   id: TLS-013
#   severity: high
#   claim: "authorizing only strong cipher suites; allowed ciphers are regularly updated"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#     - doc: 004_72802e2c2274da85.txt
#       section: Encryption
#   facts: [web.nginx]
#   parameters:
#     min_tls_version:
#       type: string
#       default: "1.2"
#       description: Oldest TLS version allowed, one of 1.0, 1.1, 1.2, 1.3.
#   remediation: Set ssl_protocols TLSv1.2 TLSv1.3; in the http block (and remove older versions from server blocks), then reload nginx.
package vouch.controls.tls.nginx_protocols

import data.vouch.lib

n := input.web.nginx

rank := {"SSLv2": 0, "SSLv3": 1, "TLSv1": 2, "TLSv1.1": 3, "TLSv1.2": 4, "TLSv1.3": 5}

min_rank := {"1.0": 2, "1.1": 3, "1.2": 4, "1.3": 5}[input.params.min_tls_version]

error contains msg if some msg in lib.missing({"web.nginx"})

error contains msg if {
	not min_rank
	msg := sprintf("params.min_tls_version %v is not one of 1.0, 1.1, 1.2, 1.3", [input.params.min_tls_version])
}

skip contains "nginx is not installed on this host: no web server configuration to judge" if {
	n.installed == false
}

skip contains "no nginx server block has TLS enabled" if {
	n.installed
	count([s | some s in n.servers; s.ssl]) == 0
}

deny contains {"msg": msg, "data": {"server_names": s.server_names, "ssl_protocols": s.ssl_protocols, "file": s.file, "line": s.line}} if {
	some s in n.servers
	s.ssl
	old := [p | some p in s.ssl_protocols; rank[p] < min_rank]
	count(old) > 0
	msg := sprintf("server %s (%s:%d) allows %s%s; the minimum is TLS %s", [concat(" ", s.server_names), s.file, s.line, concat(" ", old), default_note(s), input.params.min_tls_version])
}

default_note(s) := " (nginx's default: ssl_protocols is not set)" if s.ssl_protocols_default

default_note(s) := "" if not s.ssl_protocols_default

evidence contains {"msg": msg, "data": s.ssl_protocols} if {
	some s in n.servers
	s.ssl
	msg := sprintf("server %s: ssl_protocols %s", [concat(" ", s.server_names), concat(" ", s.ssl_protocols)])
}
