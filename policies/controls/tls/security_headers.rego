# METADATA
# title: The HTTPS answer carries the security headers
# description: >-
#   The headers that stop content sniffing, clickjacking and cross-site
#   scripting are sent: X-Content-Type-Options nosniff, X-Frame-Options
#   DENY/SAMEORIGIN (or a Content-Security-Policy with frame-ancestors), and a
#   Content-Security-Policy.
# custom:
#   id: TLS-009
#   severity: medium
#   claim: "security headers to protect the platform from common security vulnerabilities such as cross-site scripting (XSS) and clickjacking"
#   sources:
#     - doc: 004_72802e2c2274da85.txt
#       section: Security Headers
#   facts: [tls.headers]
#   parameters:
#     required_headers:
#       type: array
#       default: [x-content-type-options, x-frame-options, content-security-policy]
#       description: >-
#         Header names that must be sent. x-content-type-options must be
#         nosniff; x-frame-options is also met by a Content-Security-Policy
#         with frame-ancestors; other names must merely be present.
#   remediation: >-
#     add_header X-Content-Type-Options nosniff always; add_header
#     X-Frame-Options DENY always; add_header Content-Security-Policy
#     "default-src 'self'; frame-ancestors 'none'" always;
package vouch.controls.tls.security_headers

import data.vouch.lib

hdr := input.tls.headers

error contains msg if some msg in lib.missing({"tls.headers"})

value(name) := lower(concat(", ", hdr[lower(name)]))

met("x-content-type-options") if value("x-content-type-options") == "nosniff"

met("x-frame-options") if value("x-frame-options") in {"deny", "sameorigin"}

met("x-frame-options") if contains(value("content-security-policy"), "frame-ancestors")

met(name) if {
	not name in {"x-content-type-options", "x-frame-options"}
	count(hdr[lower(name)]) > 0
}

deny contains {"msg": msg, "data": {"header": name, "value": object.get(hdr, lower(name), [])}} if {
	some name in input.params.required_headers
	not met(lower(name))
	msg := sprintf("header %s is missing or weak (%s)", [name, shown(name)])
}

shown(name) := "not sent" if not hdr[lower(name)]

shown(name) := sprintf("sent: %s", [value(name)]) if hdr[lower(name)]

evidence contains {"msg": msg, "data": {h: hdr[lower(h)] | some h in input.params.required_headers}} if {
	msg := sprintf("sent: %s", [concat(", ", input.params.required_headers)])
}
