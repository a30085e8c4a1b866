# METADATA
# title: HSTS is sent with a long enough max-age
# description: >-
#   The HTTPS answer carries Strict-Transport-Security with max-age of at
#   least hsts_min_max_age seconds, so browsers never fall back to HTTP.
# custom:
#   id: TLS-008
#   severity: medium
#   claim: "All data transmitted between the platform and the user is encrypted using HTTPS"
#   sources:
#     - doc: 004_72802e2c2274da85.txt
#       section: Security Headers / Encryption
#   facts: [tls.hsts]
#   parameters:
#     hsts_min_max_age:
#       type: integer
#       default: 15552000
#       description: Smallest HSTS max-age allowed, in seconds (15552000 is 180 days).
#   remediation: >-
#     Send the header on every HTTPS answer, e.g. in nginx
#     add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
package vouch.controls.tls.hsts

import data.vouch.lib

h := input.tls.hsts

error contains msg if some msg in lib.missing({"tls.hsts"})

deny contains {"msg": "the HTTPS answer has no Strict-Transport-Security header", "data": h} if {
	h.present == false
}

deny contains {"msg": msg, "data": h} if {
	h.present
	h.max_age < input.params.hsts_min_max_age
	msg := sprintf("Strict-Transport-Security max-age is %d; the minimum is %d", [h.max_age, input.params.hsts_min_max_age])
}

evidence contains {"msg": msg, "data": h} if {
	h.present
	h.max_age >= input.params.hsts_min_max_age
	msg := sprintf("Strict-Transport-Security: %s", [h.raw])
}
