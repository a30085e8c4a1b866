package vouch.controls.host.fail2ban_test

import data.vouch.controls.host.fail2ban

running := {"installed": true, "running": true, "jails": ["nginx-http-auth", "sshd"], "source": "fail2ban-client status"}

doc(f) := {"host": {"fail2ban": f}, "params": {"fail2ban_jails": ["sshd"]}, "errors": {}}

test_running_with_sshd_jail_passes if {
	i := doc(running)
	fail2ban.deny == set() with input as i
	fail2ban.error == set() with input as i
	{s | some s in fail2ban.skip} == set() with input as i
}

test_not_installed_fails if {
	f := {"installed": false, "running": false, "jails": [], "source": "config"}
	fail2ban.deny == {{"msg": "fail2ban is not installed", "data": f}} with input as doc(f)
}

test_installed_but_stopped_fails if {
	f := object.union(running, {"running": false, "source": "config"})
	fail2ban.deny == {{"msg": "fail2ban is installed but not running", "data": f}} with input as doc(f)
}

test_required_jail_missing_fails if {
	i := object.union(doc(running), {"params": {"fail2ban_jails": ["sshd", "toucan"]}})
	fail2ban.deny == {{"msg": "fail2ban jail toucan is not enabled", "data": {"jail": "toucan", "enabled_jails": ["nginx-http-auth", "sshd"], "source": "fail2ban-client status"}}} with input as i
}

test_fail2ban_not_collected_errors if {
	i := {"host": {}, "params": {"fail2ban_jails": ["sshd"]}, "errors": {}}
	fail2ban.error == {"facts host.fail2ban not collected: no such facts in the document"} with input as i
	fail2ban.deny == set() with input as i
}
