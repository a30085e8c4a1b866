package vouch.controls.ctr.root_user_test

import data.vouch.controls.ctr.root_user

doc(cs, allowed) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": {"root_containers_allowed": allowed}, "errors": {}}

test_non_root_user_passes if {
	i := doc([{"name": "api", "user": "1000:1000", "runs_as_root": false, "image": "api:1"}], [])
	root_user.deny == set() with input as i
	root_user.error == set() with input as i
}

test_image_without_user_fails if {
	i := doc([{"name": "api", "user": "", "runs_as_root": true, "image": "api:1"}], [])
	root_user.deny == {{"msg": "container api runs as root (no user set)", "data": {"container": "api", "user": "", "image": "api:1"}}} with input as i
}

test_allowed_root_container_passes if {
	i := doc([{"name": "node-exporter-1", "user": "0", "runs_as_root": true, "image": "ne:1"}], ["node-exporter-*"])
	root_user.deny == set() with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": {"root_containers_allowed": []}, "errors": {"container.containers": "EOF"}}
	root_user.error == {"facts container.containers not collected: EOF"} with input as i
}
