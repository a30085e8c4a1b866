package vouch.controls.host.time_sync_test

import data.vouch.controls.host.time_sync

doc(ts) := {"host": {"timesync": ts}, "params": {}, "errors": {}}

test_active_synchronised_daemon_passes if {
	i := doc({"services": [{"name": "systemd-timesyncd", "active": true}], "synchronized": true})
	time_sync.deny == set() with input as i
	time_sync.error == set() with input as i
	{s | some s in time_sync.skip} == set() with input as i
	time_sync.evidence == {{"msg": "systemd-timesyncd is active; synchronised: true", "data": {"services": [{"name": "systemd-timesyncd", "active": true}], "synchronized": true}}} with input as i
}

test_no_daemon_fails if {
	ts := {"services": [], "synchronized": false}
	time_sync.deny == {{"msg": "no time-sync daemon is active", "data": ts}} with input as doc(ts)
}

test_inactive_daemon_fails if {
	ts := {"services": [{"name": "chronyd", "active": false}], "synchronized": null}
	time_sync.deny == {{"msg": "no time-sync daemon is active", "data": ts}} with input as doc(ts)
}

test_active_daemon_but_unsynchronised_clock_fails if {
	ts := {"services": [{"name": "chronyd", "active": true}], "synchronized": false}
	time_sync.deny == {{"msg": "chronyd is active but the clock is not synchronised", "data": ts}} with input as doc(ts)
}

test_timesync_not_collected_errors if {
	i := {"host": {}, "params": {}, "errors": {"host.timesync": "timedatectl: not recorded"}}
	time_sync.error == {"facts host.timesync not collected: timedatectl: not recorded"} with input as i
	time_sync.deny == set() with input as i
}
