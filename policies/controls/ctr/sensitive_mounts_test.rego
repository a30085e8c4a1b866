package vouch.controls.ctr.sensitive_mounts_test

import data.vouch.controls.ctr.sensitive_mounts

params := {"sensitive_mounts": ["/", "/etc", "/var/run/docker.sock", "/home"]}

doc(mounts) := {"container": {"engine": {"installed": true}, "containers": [{"name": "app", "mounts": mounts}]}, "params": params, "errors": {}}

test_volume_and_data_bind_pass if {
	i := doc([{"type": "volume", "source": "/var/lib/docker/volumes/x/_data", "destination": "/data", "rw": true}, {"type": "bind", "source": "/srv/app", "destination": "/app", "rw": false}])
	sensitive_mounts.deny == set() with input as i
	sensitive_mounts.error == set() with input as i
}

test_docker_socket_mount_fails_as_critical if {
	i := doc([{"type": "bind", "source": "/var/run/docker.sock", "destination": "/var/run/docker.sock", "rw": true}])
	sensitive_mounts.deny == {{"msg": "container app mounts host /var/run/docker.sock at /var/run/docker.sock read-write", "data": {"container": "app", "source": "/var/run/docker.sock", "destination": "/var/run/docker.sock", "rw": true, "severity": "critical"}}} with input as i
}

test_path_under_etc_fails_but_root_matches_only_itself if {
	i := doc([{"type": "bind", "source": "/etc/ssh", "destination": "/ssh", "rw": false}, {"type": "bind", "source": "/srv", "destination": "/srv", "rw": false}])
	sensitive_mounts.deny == {{"msg": "container app mounts host /etc/ssh at /ssh read-only", "data": {"container": "app", "source": "/etc/ssh", "destination": "/ssh", "rw": false, "severity": "high"}}} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {"container.containers": "no docker engine recorded under /.vouch/docker"}}
	sensitive_mounts.error == {"facts container.containers not collected: no docker engine recorded under /.vouch/docker"} with input as i
}
