# METADATA
# title: Plain HTTP redirects to HTTPS on the same host
# description: >-
#   Only HTTPS is served: a plain-HTTP request for the endpoint's host (or its
#   http_url) must answer a permanent redirect (301 or 308) to an https:// URL
#   on the same host, or not be answered at all (nothing listens).
# custom:
#   id: TLS-001
#   severity: high
#   claim: "only HTTPS, HTTP (automatically redirected to HTTPS)"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Network Filtering / From Internet
#     - doc: 003_7131057a99cca39e.txt
#       section: Password Security
#   facts: [tls.http]
#   remediation: >-
#     Answer plain HTTP with a permanent redirect, e.g. in nginx
#     server { listen 80; server_name HOST; return 301 https://$host$request_uri; }.
package vouch.controls.tls.https_redirect

import data.vouch.lib

h := input.tls.http

error contains msg if some msg in lib.missing({"tls.http"})

redirects if {
	h.status in {301, 308}
	h.https_location
	h.same_host
}

deny contains {"msg": msg, "data": h} if {
	h.listening
	not redirects
	h.location != ""
	msg := sprintf("plain HTTP at %s answers %d with Location %s; want a 301/308 redirect to https on the same host", [h.url, h.status, h.location])
}

deny contains {"msg": msg, "data": h} if {
	h.listening
	not redirects
	h.location == ""
	msg := sprintf("plain HTTP at %s answers %d without a redirect; want a 301/308 redirect to https on the same host", [h.url, h.status])
}

evidence contains {"msg": msg, "data": h} if {
	redirects
	msg := sprintf("plain HTTP at %s answers %d to %s", [h.url, h.status, h.location])
}

evidence contains {"msg": msg, "data": h} if {
	h.listening == false
	msg := sprintf("nothing answers plain HTTP at %s: HTTPS only", [h.url])
}
