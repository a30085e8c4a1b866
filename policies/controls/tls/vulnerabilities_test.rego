package vouch.controls.tls.vulnerabilities_test

import data.vouch.controls.tls.vulnerabilities

ok := {"state": "not_vulnerable", "reason": "probe"}

all_ok := {"secure_renegotiation": ok, "compression": ok, "heartbleed": ok, "fallback_scsv": ok}

doc(v) := {"tls": {"vulnerabilities": v}, "params": {}, "errors": {}}

test_no_vulnerability_passes if {
	vulnerabilities.deny == set() with input as doc(all_ok)
	vulnerabilities.error == set() with input as doc(all_ok)
}

test_single_version_fallback_not_tested_passes if {
	v := object.union(all_ok, {"fallback_scsv": {"state": "not_tested", "reason": "only one version accepted"}})
	vulnerabilities.deny == set() with input as doc(v)
	vulnerabilities.error == set() with input as doc(v)
}

test_heartbleed_fails if {
	hb := {"state": "vulnerable", "reason": "heartbeat answered with 16384 bytes"}
	vulnerabilities.deny == {{"msg": "heartbleed: vulnerable (heartbeat answered with 16384 bytes)", "data": hb}} with input as doc(object.union(all_ok, {"heartbleed": hb}))
}

test_compression_not_tested_errors if {
	v := object.union(all_ok, {"compression": {"state": "not_tested", "reason": "timeout"}})
	vulnerabilities.error == {"compression: not tested (timeout)"} with input as doc(v)
}

test_vulnerabilities_not_collected_errors if {
	vulnerabilities.error == {"facts tls.vulnerabilities not collected: no such facts in the document"} with input as {"tls": {}, "params": {}, "errors": {}}
}
