package vouch.controls.tls.cert_keys_test

import data.vouch.controls.tls.cert_keys

cert(t, bits) := {"subject": "CN=vouch.test", "key_type": t, "key_bits": bits}

doc(certs) := {"tls": {"certificates": certs}, "params": {"cert_min_rsa_bits": 2048, "cert_min_ec_bits": 256}, "errors": {}}

test_rsa_2048_and_p256_pass if {
	cert_keys.deny == set() with input as doc([cert("ECDSA", 256), cert("RSA", 2048)])
	cert_keys.error == set() with input as doc([cert("ECDSA", 256), cert("RSA", 2048)])
}

test_rsa_1024_intermediate_fails if {
	cert_keys.deny == {{"msg": "certificate 1 (CN=vouch.test) has a 1024-bit RSA key; the minimum is 2048", "data": {"subject": "CN=vouch.test", "key_type": "RSA", "key_bits": 1024}}} with input as doc([cert("RSA", 2048), cert("RSA", 1024)])
}

test_p224_leaf_fails if {
	count(cert_keys.deny) == 1 with input as doc([cert("ECDSA", 224)])
}

test_unknown_key_type_errors if {
	cert_keys.error == {"certificate 0 (CN=vouch.test) has a key of unknown type unknown"} with input as doc([cert("unknown", 0)])
}

test_certificates_not_collected_errors if {
	i := {"tls": {}, "params": {"cert_min_rsa_bits": 2048, "cert_min_ec_bits": 256}, "errors": {"tls.certificates": "handshake: EOF"}}
	cert_keys.error == {"facts tls.certificates not collected: handshake: EOF"} with input as i
}
