package vouch.controls.tls.dh_params_test

import data.vouch.controls.tls.dh_params

dhe(bits) := {"name": "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "kex": "DHE", "dh_bits": bits}

ecdhe := {"name": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "kex": "ECDHE", "dh_bits": 0}

x25519 := {"name": "x25519", "code": "0x001D", "bits": 253, "versions": ["TLS1.3"]}

doc(suites, groups) := {"tls": {"protocols": [{"version": "TLS1.2", "suites": suites}], "groups": groups}, "params": {"min_dh_bits": 2048}, "errors": {}}

test_ffdhe2048_and_x25519_pass if {
	dh_params.deny == set() with input as doc([ecdhe, dhe(2048)], [x25519])
	dh_params.error == set() with input as doc([ecdhe, dhe(2048)], [x25519])
}

test_1024_bit_dh_fails if {
	dh_params.deny == {{"msg": "TLS1.2 TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 uses a 1024-bit DH prime; the minimum is 2048", "data": {"version": "TLS1.2", "suite": "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "dh_bits": 1024}}} with input as doc([dhe(1024)], [])
}

test_weak_curve_fails if {
	g := {"name": "secp192r1", "code": "0x0013", "bits": 192, "versions": ["TLS1.2"]}
	count(dh_params.deny) == 1 with input as doc([ecdhe], [x25519, g])
}

test_unknown_dh_size_errors if {
	dh_params.error == {"TLS1.2 TLS_DHE_RSA_WITH_AES_128_GCM_SHA256: the DH prime size was not read from ServerKeyExchange"} with input as doc([dhe(0)], [])
}

test_groups_not_collected_errors if {
	i := {"tls": {"protocols": []}, "params": {"min_dh_bits": 2048}, "errors": {}}
	dh_params.error == {"facts tls.groups not collected: no such facts in the document"} with input as i
}
