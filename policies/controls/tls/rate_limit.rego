# METADATA
# title: Public web servers limit the request rate
# description: >-
#   Every nginx server block that listens on a public address applies a
#   limit_req or limit_conn to all its requests (in http, in the server, or
#   in every location), read from nginx -T. A host without nginx skips.
# custom:
#   id: TLS-012
#   severity: medium
#   claim: "it is important to implement rate limiting and other security measures to protect against smaller attacks"
#   sources:
#     - doc: 004_72802e2c2274da85.txt
#       section: DDoS Protection
#   facts: [web.nginx]
#   remediation: >-
#     Define a zone in http (limit_req_zone $binary_remote_addr zone=perip:10m
#     rate=10r/s;) and apply it (limit_req zone=perip burst=20 nodelay;), then
#     nginx -t && systemctl reload nginx.
package vouch.controls.tls.rate_limit

import data.vouch.lib

n := input.web.nginx

error contains msg if some msg in lib.missing({"web.nginx"})

skip contains "nginx is not installed on this host: no web server configuration to judge" if {
	n.installed == false
}

deny contains {"msg": msg, "data": s} if {
	n.installed
	some s in n.servers
	s.public
	not s.rate_limited
	msg := sprintf("server %s (listen %s, %s:%d) has no limit_req or limit_conn", [names(s), concat(", ", s.listen), s.file, s.line])
}

names(s) := concat(" ", s.server_names) if count(s.server_names) > 0

names(s) := "_" if count(s.server_names) == 0

skip contains "nginx has no server listening on a public address" if {
	n.installed
	count([s | some s in n.servers; s.public]) == 0
}

evidence contains {"msg": msg, "data": s.limits} if {
	n.installed
	some s in n.servers
	s.public
	s.rate_limited
	msg := sprintf("server %s: %s", [names(s), concat("; ", s.limits)])
}
