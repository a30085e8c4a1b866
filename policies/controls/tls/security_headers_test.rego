package vouch.controls.tls.security_headers_test

import data.vouch.controls.tls.security_headers

required := ["x-content-type-options", "x-frame-options", "content-security-policy"]

doc(h) := {"tls": {"headers": h}, "params": {"required_headers": required}, "errors": {}}

all_set := {"x-content-type-options": ["nosniff"], "x-frame-options": ["DENY"], "content-security-policy": ["default-src 'self'"]}

test_all_headers_pass if {
	security_headers.deny == set() with input as doc(all_set)
	security_headers.error == set() with input as doc(all_set)
}

test_csp_frame_ancestors_stands_for_x_frame_options if {
	h := {"x-content-type-options": ["nosniff"], "content-security-policy": ["frame-ancestors 'none'"]}
	security_headers.deny == set() with input as doc(h)
}

test_no_headers_fail_once_each if {
	security_headers.deny == {
		{"msg": "header x-content-type-options is missing or weak (not sent)", "data": {"header": "x-content-type-options", "value": []}},
		{"msg": "header x-frame-options is missing or weak (not sent)", "data": {"header": "x-frame-options", "value": []}},
		{"msg": "header content-security-policy is missing or weak (not sent)", "data": {"header": "content-security-policy", "value": []}},
	} with input as doc({"server": ["nginx"]})
}

test_allow_from_frame_options_fails if {
	h := object.union(all_set, {"x-frame-options": ["ALLOW-FROM https://x.example"]})
	security_headers.deny == {{"msg": "header x-frame-options is missing or weak (sent: allow-from https://x.example)", "data": {"header": "x-frame-options", "value": ["ALLOW-FROM https://x.example"]}}} with input as doc(h)
}

test_headers_not_collected_errors if {
	security_headers.error == {"facts tls.headers not collected: no such facts in the document"} with input as {"tls": {}, "params": {"required_headers": required}, "errors": {}}
}
