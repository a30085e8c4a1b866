package vouch.controls.acc.password_login_test

import data.vouch.controls.acc.password_login

root := {"name": "root", "uid": 0, "shell": "/bin/bash", "login_shell": true, "password": "locked", "scheme": "yescrypt"}

deploy := {"name": "deploy", "uid": 1000, "shell": "/bin/bash", "login_shell": true, "password": "usable", "scheme": "md5crypt"}

www := {"name": "www-data", "uid": 33, "shell": "/usr/sbin/nologin", "login_shell": false, "password": "usable", "scheme": "yescrypt"}

doc(accounts) := {"host": {"accounts": accounts}, "params": {"password_login_users": []}, "errors": {}}

test_locked_interactive_accounts_pass if {
	i := doc([root, www])
	password_login.deny == set() with input as i
	password_login.error == set() with input as i
	{s | some s in password_login.skip} == set() with input as i
}

test_usable_password_on_a_login_account_fails if {
	password_login.deny == {{
		"msg": "account deploy (shell /bin/bash) has a usable password",
		"data": {"name": "deploy", "uid": 1000, "shell": "/bin/bash", "login_shell": true, "password": "usable", "scheme": "md5crypt"},
	}} with input as doc([root, deploy])
}

test_listed_account_may_keep_its_password if {
	i := object.union(doc([root, deploy]), {"params": {"password_login_users": ["deploy"]}})
	password_login.deny == set() with input as i
}

test_empty_password_fails_even_when_listed if {
	empty := object.remove(object.union(deploy, {"password": "empty"}), ["scheme"])
	i := object.union(doc([root, empty]), {"params": {"password_login_users": ["deploy"]}})
	password_login.deny == {{
		"msg": "account deploy has an empty password: it logs in without one",
		"data": {"name": "deploy", "uid": 1000, "shell": "/bin/bash", "login_shell": true, "password": "empty"},
	}} with input as i
}

test_unreadable_shadow_errors if {
	unknown := object.union(root, {"password": "unknown"})
	i := {"host": {"accounts": [unknown]}, "params": {"password_login_users": []}, "errors": {"host.shadow": "open /etc/shadow: permission denied"}}
	password_login.error == {"password state of root is unknown: open /etc/shadow: permission denied"} with input as i
	password_login.deny == set() with input as i
}

test_accounts_not_collected_errors if {
	i := {"host": {}, "params": {"password_login_users": []}, "errors": {}}
	password_login.error == {"facts host.accounts not collected: no such facts in the document"} with input as i
	password_login.deny == set() with input as i
}
