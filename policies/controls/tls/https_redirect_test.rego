package vouch.controls.tls.https_redirect_test

import data.vouch.controls.tls.https_redirect

http(over) := object.union({"url": "http://vouch.test/", "listening": true, "status": 301, "location": "https://vouch.test/", "https_location": true, "same_host": true}, over)

doc(h) := {"tls": {"http": h}, "params": {}, "errors": {}}

test_permanent_redirect_to_https_passes if {
	https_redirect.deny == set() with input as doc(http({}))
	https_redirect.error == set() with input as doc(http({}))
	count(https_redirect.evidence) == 1 with input as doc(http({}))
}

test_308_redirect_passes if {
	https_redirect.deny == set() with input as doc(http({"status": 308}))
}

test_no_plain_http_listener_passes if {
	h := {"url": "http://vouch.test/", "listening": false, "status": 0, "location": "", "https_location": false, "same_host": false}
	https_redirect.deny == set() with input as doc(h)
	https_redirect.evidence == {{"msg": "nothing answers plain HTTP at http://vouch.test/: HTTPS only", "data": h}} with input as doc(h)
}

test_plain_http_served_fails if {
	h := http({"status": 200, "location": "", "https_location": false, "same_host": false})
	https_redirect.deny == {{"msg": "plain HTTP at http://vouch.test/ answers 200 without a redirect; want a 301/308 redirect to https on the same host", "data": h}} with input as doc(h)
}

test_temporary_redirect_fails if {
	h := http({"status": 302})
	https_redirect.deny == {{"msg": "plain HTTP at http://vouch.test/ answers 302 with Location https://vouch.test/; want a 301/308 redirect to https on the same host", "data": h}} with input as doc(h)
}

test_redirect_to_another_host_fails if {
	h := http({"location": "https://elsewhere.example/", "same_host": false})
	count(https_redirect.deny) == 1 with input as doc(h)
}

test_http_not_collected_errors if {
	i := {"tls": {}, "params": {}, "errors": {"tls.http": "get http://vouch.test/: timeout"}}
	https_redirect.error == {"facts tls.http not collected: get http://vouch.test/: timeout"} with input as i
	https_redirect.deny == set() with input as i
}
