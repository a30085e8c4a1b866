package vouch.controls.host.unattended_upgrades_test

import data.vouch.controls.host.unattended_upgrades

good := {
	"installed": true,
	"periodic": {"Unattended-Upgrade": "1", "Update-Package-Lists": "1"},
	"origins": ["origin=Debian,codename=${distro_codename},label=Debian-Security"],
	"timer_active": true,
}

doc(uu) := {"host": {"os": {"id": "debian"}, "unattended_upgrades": uu}, "params": {}, "errors": {}}

test_enabled_unattended_upgrades_passes if {
	i := doc(good)
	unattended_upgrades.deny == set() with input as i
	unattended_upgrades.error == set() with input as i
	unattended_upgrades.skip == set() with input as i
}

test_prefixed_periodic_keys_pass if {
	i := doc(object.union(good, {"periodic": {"APT::Periodic::Unattended-Upgrade": "1", "APT::Periodic::Update-Package-Lists": "1"}}))
	unattended_upgrades.deny == set() with input as i
}

test_not_installed_fails if {
	i := doc({"installed": false, "periodic": {}, "origins": [], "timer_active": true})
	unattended_upgrades.deny == {{"msg": "unattended-upgrades is not installed", "data": {"installed": false}}} with input as i
}

test_periodic_run_disabled_fails if {
	i := doc(object.union(good, {"periodic": {"Unattended-Upgrade": "0", "Update-Package-Lists": "1"}}))
	unattended_upgrades.deny == {{"msg": "APT::Periodic::Unattended-Upgrade is not enabled", "data": {"setting": "Unattended-Upgrade", "value": "0"}}} with input as i
}

test_origins_without_security_fail if {
	i := doc(object.union(good, {"origins": ["origin=Debian,codename=${distro_codename},label=Debian"]}))
	unattended_upgrades.deny == {{"msg": "unattended-upgrades origins do not include a security archive", "data": {"origins": ["origin=Debian,codename=${distro_codename},label=Debian"]}}} with input as i
}

test_disabled_timer_fails if {
	i := doc(object.union(good, {"timer_active": false}))
	unattended_upgrades.deny == {{"msg": "apt-daily-upgrade.timer is not active", "data": {"timer_active": false}}} with input as i
}

test_not_collected_errors if {
	i := {"host": {"os": {"id": "debian"}}, "params": {}, "errors": {}}
	unattended_upgrades.error == {"facts host.unattended_upgrades not collected: no such facts in the document"} with input as i
	unattended_upgrades.deny == set() with input as i
}
