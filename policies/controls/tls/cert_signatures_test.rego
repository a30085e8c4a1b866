package vouch.controls.tls.cert_signatures_test

import data.vouch.controls.tls.cert_signatures

cert(alg, self) := {"subject": "CN=x", "signature_algorithm": alg, "self_signed": self}

doc(certs) := {"tls": {"certificates": certs}, "params": {}, "errors": {}}

test_sha256_chain_passes if {
	cert_signatures.deny == set() with input as doc([cert("SHA256-RSA", false), cert("ECDSA-SHA384", false)])
	cert_signatures.error == set() with input as doc([cert("SHA256-RSA", false)])
}

test_sha1_leaf_fails if {
	cert_signatures.deny == {{"msg": "certificate 0 (CN=x) is signed with SHA1-RSA", "data": {"subject": "CN=x", "signature_algorithm": "SHA1-RSA"}}} with input as doc([cert("SHA1-RSA", false), cert("SHA256-RSA", false)])
}

test_md5_intermediate_fails if {
	count(cert_signatures.deny) == 1 with input as doc([cert("SHA256-RSA", false), cert("MD5-RSA", false)])
}

test_sha1_self_signed_root_sent_along_passes if {
	cert_signatures.deny == set() with input as doc([cert("SHA256-RSA", false), cert("SHA1-RSA", true)])
}

test_sha1_self_signed_leaf_fails if {
	count(cert_signatures.deny) == 1 with input as doc([cert("SHA1-RSA", true)])
}

test_certificates_not_collected_errors if {
	cert_signatures.error == {"facts tls.certificates not collected: no such facts in the document"} with input as {"tls": {}, "params": {}, "errors": {}}
}
