package vouch.controls.ssh.allow_list_test

import data.vouch.controls.ssh.allow_list
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in allow_list.deny} with input as i
}

no_allow_list := json.remove(fx.local, ["ssh/config/effective/allowgroups"])

test_allow_groups_passes if {
	allow_list.deny == set() with input as fx.local
	allow_list.error == set() with input as fx.local
}

test_no_allow_list_fails if {
	msgs(no_allow_list) == {"neither AllowUsers nor AllowGroups restricts who can log in"}
}

test_allow_users_passes if {
	i := object.union(no_allow_list, {"ssh": {"config": {"effective": {"allowusers": ["alice", "bob@10.0.0.0/8"]}}}})
	allow_list.deny == set() with input as i
}

test_user_outside_allowed_principals_fails if {
	i := object.union(fx.configured({"allowusers": ["alice", "mallory@10.0.0.0/8"]}), {"params": {"ssh_allowed_principals": ["alice", "admins"]}})
	msgs(i) == {"allowusers lets in mallory@10.0.0.0/8, not in ssh_allowed_principals"}
}

test_endpoint_is_skipped if {
	count(allow_list.skip) == 1 with input as fx.remote
}

test_missing_config_errors if {
	allow_list.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}
