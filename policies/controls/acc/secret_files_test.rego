package vouch.controls.acc.secret_files_test

import data.vouch.controls.acc.secret_files

env := {"path": "/etc/app/secrets.env", "kind": "credential", "owner": "app", "group": "app", "mode": "0600", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}

doc(files) := {"host": {"secret_files": files}, "params": {"secret_paths": ["/etc", "/srv"]}, "errors": {}}

test_owner_only_secret_passes if {
	i := doc([env])
	secret_files.deny == set() with input as i
	secret_files.error == set() with input as i
	{s | some s in secret_files.skip} == set() with input as i
}

test_world_readable_secret_fails if {
	open := object.union(env, {"mode": "0644"})
	secret_files.deny == {{"msg": "/etc/app/secrets.env (credential) has mode 0644: readable by group and others", "data": open}} with input as doc([open])
}

test_group_readable_secret_0640_fails if {
	key := object.union(env, {"path": "/srv/app/tls.key", "kind": "private_key", "mode": "0640"})
	secret_files.deny == {{"msg": "/srv/app/tls.key (private_key) has mode 0640: readable by group", "data": key}} with input as doc([key])
}

test_secret_outside_secret_paths_is_not_judged if {
	other := object.union(env, {"path": "/opt/tool/.env", "mode": "0644"})
	secret_files.deny == set() with input as doc([other])
}

test_secret_files_not_collected_errors if {
	i := {"host": {}, "params": {"secret_paths": ["/etc"]}, "errors": {}}
	secret_files.error == {"facts host.secret_files not collected: no such facts in the document"} with input as i
	secret_files.deny == set() with input as i
}
