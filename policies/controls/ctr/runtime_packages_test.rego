package vouch.controls.ctr.runtime_packages_test

import data.vouch.controls.ctr.runtime_packages

params := {"package_db_paths": ["/var/lib/dpkg", "/var/lib/apk"]}

doc(cs) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": params, "errors": {}}

test_changes_outside_package_databases_pass if {
	i := doc([
		{"name": "api", "running": true, "package_changes": []},
		{"name": "old", "running": false, "package_changes": null},
	])
	runtime_packages.deny == set() with input as i
	runtime_packages.error == set() with input as i
}

test_write_under_dpkg_fails if {
	i := doc([{"name": "api", "running": true, "package_changes": [{"path": "/var/lib/dpkg", "kind": "changed"}, {"path": "/var/lib/dpkg/status", "kind": "changed"}]}])
	runtime_packages.deny == {{"msg": "container api changed its package database at run time: /var/lib/dpkg, /var/lib/dpkg/status", "data": {"container": "api", "paths": ["/var/lib/dpkg", "/var/lib/dpkg/status"]}}} with input as i
}

test_diff_that_failed_errors if {
	i := doc([{"name": "api", "running": true, "package_changes": null, "diff_error": "diff container api: context deadline exceeded"}])
	runtime_packages.error == {"container api: filesystem changes not read: diff container api: context deadline exceeded"} with input as i
	runtime_packages.deny == set() with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {}}
	runtime_packages.error == {"facts container.containers not collected: no such facts in the document"} with input as i
}
