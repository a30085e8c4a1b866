package vouch.controls.acc.uid0_accounts_test

import data.vouch.controls.acc.uid0_accounts

root := {"name": "root", "uid": 0, "gid": 0, "home": "/root", "shell": "/bin/bash", "login_shell": true, "password": "locked"}

deploy := {"name": "deploy", "uid": 1000, "gid": 1000, "home": "/home/deploy", "shell": "/bin/bash", "login_shell": true, "password": "locked"}

doc(accounts) := {"host": {"accounts": accounts}, "params": {}, "errors": {}}

test_only_root_with_uid_0_passes if {
	i := doc([root, deploy])
	uid0_accounts.deny == set() with input as i
	uid0_accounts.error == set() with input as i
	{s | some s in uid0_accounts.skip} == set() with input as i
	uid0_accounts.evidence == {{"msg": "root is the only account with UID 0", "data": {"uid0": ["root"]}}} with input as i
}

test_second_uid_0_account_fails if {
	toor := object.union(root, {"name": "toor", "home": "/home/toor"})
	uid0_accounts.deny == {{"msg": "account toor has UID 0", "data": {"name": "toor", "uid": 0, "gid": 0, "home": "/home/toor", "shell": "/bin/bash"}}} with input as doc([root, toor])
}

test_accounts_not_collected_errors if {
	i := {"host": {}, "params": {}, "errors": {"host.accounts": "open /etc/passwd: permission denied"}}
	uid0_accounts.error == {"facts host.accounts not collected: open /etc/passwd: permission denied"} with input as i
	uid0_accounts.deny == set() with input as i
}
