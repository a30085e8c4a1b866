package vouch.controls.tls.min_version_test

import data.vouch.controls.tls.min_version

suite := {"name": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}

doc(versions) := {"tls": {"protocols": [{"version": v, "suites": [suite]} | some v in versions]}, "params": {"min_tls_version": "1.2"}, "errors": {}}

test_tls12_and_tls13_pass if {
	min_version.deny == set() with input as doc(["TLS1.3", "TLS1.2"])
	min_version.error == set() with input as doc(["TLS1.3", "TLS1.2"])
}

test_tls10_and_sslv3_fail_once_each if {
	min_version.deny == {
		{"msg": "TLS1.0 is accepted (1 suites); the minimum is TLS 1.2", "data": {"version": "TLS1.0", "suites": 1}},
		{"msg": "SSLv3 is accepted (1 suites); the minimum is TLS 1.2", "data": {"version": "SSLv3", "suites": 1}},
	} with input as doc(["TLS1.2", "TLS1.0", "SSLv3"])
}

test_tls12_fails_when_minimum_is_tls13 if {
	i := object.union(doc(["TLS1.3", "TLS1.2"]), {"params": {"min_tls_version": "1.3"}})
	count(min_version.deny) == 1 with input as i
}

test_unknown_minimum_errors if {
	i := object.union(doc(["TLS1.3"]), {"params": {"min_tls_version": "TLSv1.2"}})
	min_version.error == {"params.min_tls_version TLSv1.2 is not one of 1.0, 1.1, 1.2, 1.3"} with input as i
}

test_nothing_accepted_errors if {
	min_version.error == {"the endpoint accepted no protocol version: nothing to judge"} with input as doc([])
}

test_protocols_not_collected_errors if {
	i := {"tls": {}, "params": {"min_tls_version": "1.2"}, "errors": {"tls.protocols": "scan 127.0.0.1:1: timeout"}}
	min_version.error == {"facts tls.protocols not collected: scan 127.0.0.1:1: timeout"} with input as i
	min_version.deny == set() with input as i
}
