package vouch.controls.acc.shell_timeout_test

import data.vouch.controls.acc.shell_timeout

good := {"file": "/etc/profile.d/tmout.sh", "line": 1, "value": 900, "readonly": true, "exported": true}

doc(ts) := {"host": {"shell_timeout": ts}, "params": {"shell_idle_timeout_seconds": 900}, "errors": {}}

test_readonly_tmout_within_the_limit_passes if {
	i := doc([good])
	shell_timeout.deny == set() with input as i
	shell_timeout.error == set() with input as i
	{s | some s in shell_timeout.skip} == set() with input as i
	shell_timeout.evidence == {{"msg": "TMOUT=900 is readonly (/etc/profile.d/tmout.sh:1)", "data": good}} with input as i
}

test_no_tmout_fails if {
	shell_timeout.deny == {{"msg": "TMOUT is not set in any login shell startup file", "data": {"shell_timeout": []}}} with input as doc([])
}

test_tmout_above_the_limit_fails if {
	long := object.union(good, {"value": 3600})
	shell_timeout.deny == {{"msg": "TMOUT=3600 in /etc/profile.d/tmout.sh:1 is above 900 seconds", "data": long}} with input as doc([long])
}

test_tmout_not_readonly_fails if {
	rw := object.union(good, {"file": "/etc/profile", "line": 30, "readonly": false})
	shell_timeout.deny == {{"msg": "TMOUT is set in /etc/profile:30 but never made readonly, so a user can unset it", "data": {"shell_timeout": [rw]}}} with input as doc([rw])
}

test_tmout_zero_fails if {
	zero := object.union(good, {"file": "/etc/bash.bashrc", "line": 5, "value": 0, "readonly": false})
	msgs := {d.msg | some d in shell_timeout.deny} with input as doc([good, zero])
	msgs == {"TMOUT=0 in /etc/bash.bashrc:5 disables the idle logout"}
}

test_shell_timeout_not_collected_errors if {
	i := {"host": {}, "params": {"shell_idle_timeout_seconds": 900}, "errors": {}}
	shell_timeout.error == {"facts host.shell_timeout not collected: no such facts in the document"} with input as i
	shell_timeout.deny == set() with input as i
}
