package vouch.controls.tls.weak_suites_test

import data.vouch.controls.tls.weak_suites

gcm := {"name": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "kex": "ECDHE", "auth": "RSA", "enc": "AESGCM", "bits": 128, "mac": "AEAD", "forward_secrecy": true, "aead": true}

tdes := {"name": "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "kex": "RSA", "auth": "RSA", "enc": "3DES", "bits": 112, "mac": "SHA1", "forward_secrecy": false, "aead": false}

cbc := {"name": "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "kex": "ECDHE", "auth": "RSA", "enc": "AES", "bits": 128, "mac": "SHA1", "forward_secrecy": true, "aead": false}

classes := ["NULL", "anon", "EXPORT", "DES", "3DES", "RC4", "IDEA", "MD5", "non-FS"]

doc(suites) := {"tls": {"protocols": [{"version": "TLS1.2", "suites": suites}]}, "params": {"weak_cipher_classes": classes}, "errors": {}}

test_forward_secret_aead_suites_pass if {
	weak_suites.deny == set() with input as doc([gcm])
	weak_suites.error == set() with input as doc([gcm])
}

test_cbc_with_forward_secrecy_passes_by_default if {
	weak_suites.deny == set() with input as doc([gcm, cbc])
}

test_3des_static_rsa_fails_with_both_classes if {
	weak_suites.deny == {{"msg": "TLS1.2 accepts TLS_RSA_WITH_3DES_EDE_CBC_SHA (3DES, non-FS)", "data": {"version": "TLS1.2", "suite": "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "classes": ["3DES", "non-FS"]}}} with input as doc([gcm, tdes])
}

test_cbc_fails_when_listed if {
	i := object.union(doc([cbc]), {"params": {"weak_cipher_classes": ["CBC"]}})
	count(weak_suites.deny) == 1 with input as i
}

test_unknown_class_errors if {
	i := object.union(doc([gcm]), {"params": {"weak_cipher_classes": ["rc4"]}})
	count(weak_suites.error) == 1 with input as i
}

test_protocols_not_collected_errors if {
	i := {"tls": {}, "params": {"weak_cipher_classes": classes}, "errors": {}}
	weak_suites.error == {"facts tls.protocols not collected: no such facts in the document"} with input as i
}
