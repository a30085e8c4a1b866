package vouch.controls.tls.hsts_test

import data.vouch.controls.tls.hsts

doc(h) := {"tls": {"hsts": h}, "params": {"hsts_min_max_age": 15552000}, "errors": {}}

test_one_year_max_age_passes if {
	h := {"present": true, "max_age": 31536000, "include_subdomains": true, "preload": false, "raw": "max-age=31536000; includeSubDomains"}
	hsts.deny == set() with input as doc(h)
	hsts.error == set() with input as doc(h)
}

test_missing_header_fails if {
	h := {"present": false, "max_age": 0, "include_subdomains": false, "preload": false}
	hsts.deny == {{"msg": "the HTTPS answer has no Strict-Transport-Security header", "data": h}} with input as doc(h)
}

test_one_day_max_age_fails if {
	h := {"present": true, "max_age": 86400, "include_subdomains": false, "preload": false, "raw": "max-age=86400"}
	hsts.deny == {{"msg": "Strict-Transport-Security max-age is 86400; the minimum is 15552000", "data": h}} with input as doc(h)
}

test_hsts_not_collected_errors if {
	hsts.error == {"facts tls.hsts not collected: get https://vouch.test/: EOF"} with input as {"tls": {}, "params": {"hsts_min_max_age": 15552000}, "errors": {"tls.hsts": "get https://vouch.test/: EOF"}}
}
