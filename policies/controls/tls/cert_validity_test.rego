package vouch.controls.tls.cert_validity_test

import data.vouch.controls.tls.cert_validity

leaf := {"subject": "CN=vouch.test", "not_before": "2026-01-01T00:00:00Z", "not_after": "2027-01-01T00:00:00Z", "sans": ["vouch.test"]}

good_chain := {"trusted": true, "hostname_match": true, "complete": true, "error": "", "roots": "system"}

doc(l, c) := {
	"tls": {"certificates": [l], "chain": c},
	"params": {"cert_min_days_left": 14, "trust_bundle": "system"},
	"now": "2026-11-20T12:00:00Z", "errors": {},
}

test_trusted_matching_certificate_passes if {
	cert_validity.deny == set() with input as doc(leaf, good_chain)
	cert_validity.error == set() with input as doc(leaf, good_chain)
}

test_expired_certificate_fails if {
	l := object.union(leaf, {"not_after": "2021-01-01T00:00:00Z"})
	c := object.union(good_chain, {"trusted": false, "error": "x509: certificate has expired"})
	cert_validity.deny == {
		{"msg": "the certificate for CN=vouch.test expired on 2021-01-01T00:00:00Z", "data": {"not_after": "2021-01-01T00:00:00Z"}},
		{"msg": "the chain does not verify to a trusted root: x509: certificate has expired", "data": c},
	} with input as doc(l, c)
}

test_expiring_within_limit_fails if {
	l := object.union(leaf, {"not_after": "2026-11-30T00:00:00Z"})
	cert_validity.deny == {{"msg": "the certificate for CN=vouch.test expires in 9 days (2026-11-30T00:00:00Z); the minimum is 14", "data": {"not_after": "2026-11-30T00:00:00Z", "days_left": 9}}} with input as doc(l, good_chain)
}

test_hostname_mismatch_fails if {
	count(cert_validity.deny) == 1 with input as doc(leaf, object.union(good_chain, {"hostname_match": false}))
}

test_incomplete_chain_fails if {
	c := object.union(good_chain, {"complete": false, "trusted": false, "error": "incomplete chain"})
	count(cert_validity.deny) == 2 with input as doc(leaf, c)
}

test_other_trust_bundle_errors if {
	i := object.union(doc(leaf, good_chain), {"params": {"trust_bundle": "/etc/vouch/roots.pem"}})
	cert_validity.error == {"the chain was verified against the system roots, not trust_bundle /etc/vouch/roots.pem"} with input as i
}

test_chain_not_collected_errors if {
	i := {"tls": {"certificates": [leaf]}, "params": {"cert_min_days_left": 14, "trust_bundle": "system"}, "now": "2026-11-20T12:00:00Z", "errors": {"tls.chain": "load system roots: none"}}
	cert_validity.error == {"facts tls.chain not collected: load system roots: none"} with input as i
}
