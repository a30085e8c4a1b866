package vouch.controls.host.patch_age_test

import data.vouch.controls.host.patch_age

libssl := {"package": "libssl3", "installed": "3.0.11-1~deb12u2", "candidate": "3.0.15-1~deb12u1", "origin": "Debian-Security:12/stable-security", "security": true}

tzdata := {"package": "tzdata", "installed": "2024a-0+deb12u1", "candidate": "2025b-0+deb12u1", "origin": "Debian:12.12/stable-updates", "security": false}

doc(upgrades) := {
	"host": {"os": {"id": "debian"}, "upgrades": upgrades},
	"params": {"patch_max_age_days": 7},
	"now": "2026-11-20T12:00:00Z",
	"errors": {},
}

test_recent_upgrade_passes if {
	i := doc({"pending": [tzdata], "last_upgrade": "2026-11-18T06:25:15Z", "source": "apt-get -s dist-upgrade"})
	patch_age.deny == set() with input as i
	patch_age.error == set() with input as i
	patch_age.skip == set() with input as i
}

test_security_update_pending_within_the_window_passes if {
	i := doc({"pending": [libssl], "last_upgrade": "2026-11-15T06:00:00Z", "source": "apt-get -s dist-upgrade"})
	patch_age.deny == set() with input as i
}

test_old_upgrade_with_pending_security_update_fails if {
	i := doc({"pending": [libssl, tzdata], "last_upgrade": "2026-08-01T09:41:23Z", "source": "apt-get -s dist-upgrade"})
	patch_age.deny == {
		{"msg": "no package upgrade ran for 111 days (last 2026-08-01T09:41:23Z), above 7", "data": {"last_upgrade": "2026-08-01T09:41:23Z", "days": 111}},
		{"msg": "security update libssl3 3.0.11-1~deb12u2 -> 3.0.15-1~deb12u1 (Debian-Security:12/stable-security) is pending", "data": libssl},
	} with input as i
}

test_no_upgrade_recorded_fails if {
	i := doc({"pending": [], "source": "apt-get -s dist-upgrade"})
	patch_age.deny == {{"msg": "no package upgrade is recorded in the dpkg logs", "data": {"last_upgrade": null}}} with input as i
}

test_non_apt_system_is_skipped if {
	i := {"host": {"os": {"id": "fedora"}}, "params": {"patch_max_age_days": 7}, "now": "2026-11-20T12:00:00Z", "errors": {"host.upgrades": "not an APT system"}}
	patch_age.skip == {"fedora does not use APT: package updates are not checked"} with input as i
	patch_age.error == set() with input as i
	patch_age.deny == set() with input as i
}

test_upgrades_not_collected_errors if {
	i := {"host": {"os": {"id": "debian"}}, "params": {"patch_max_age_days": 7}, "now": "2026-11-20T12:00:00Z", "errors": {"host.upgrades": "apt-get: not found"}}
	patch_age.error == {"facts host.upgrades not collected: apt-get: not found"} with input as i
	patch_age.deny == set() with input as i
}
