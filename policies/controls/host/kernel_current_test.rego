package vouch.controls.host.kernel_current_test

import data.vouch.controls.host.kernel_current

old := {"release": "6.1.0-18-amd64", "package": "linux-image-6.1.0-18-amd64", "version": "6.1.76-1"}

new := {"release": "6.1.0-25-amd64", "package": "linux-image-6.1.0-25-amd64", "version": "6.1.106-3", "installed_at": "2026-06-01T06:12:03Z"}

kernel(running) := {"running": running, "installed": [old, new], "newest": "6.1.0-25-amd64", "reboot_required": true, "reboot_packages": [new.package], "boot_time": "2026-05-02T03:12:44Z"}

doc(k) := {"host": {"os": {"id": "debian"}, "kernel": k}, "params": {"max_kernel_age_days": 90}, "now": "2026-11-20T12:00:00Z", "errors": {}}

test_newest_kernel_running_passes if {
	i := doc(kernel("6.1.0-25-amd64"))
	kernel_current.deny == set() with input as i
	kernel_current.error == set() with input as i
	kernel_current.skip == set() with input as i
}

test_newer_kernel_installed_past_the_limit_fails if {
	kernel_current.deny == {{
		"msg": "running kernel 6.1.0-18-amd64 while 6.1.0-25-amd64 was installed 172 days ago (2026-06-01T06:12:03Z), above 90",
		"data": {"running": "6.1.0-18-amd64", "newest": new, "reboot_required": true, "boot_time": "2026-05-02T03:12:44Z"},
	}} with input as doc(kernel("6.1.0-18-amd64"))
}

test_newer_kernel_installed_recently_passes if {
	i := object.union(doc(kernel("6.1.0-18-amd64")), {"now": "2026-06-20T12:00:00Z"})
	kernel_current.deny == set() with input as i
	kernel_current.error == set() with input as i
}

test_unknown_install_time_errors if {
	k := object.union(kernel("6.1.0-18-amd64"), {"installed": [old, object.remove(new, ["installed_at"])]})
	kernel_current.error == {"kernel 6.1.0-25-amd64 is installed but its installation time is unknown"} with input as doc(k)
}

test_kernel_without_packages_is_skipped if {
	k := {"running": "6.6.0-custom", "installed": [], "newest": "", "reboot_required": false, "reboot_packages": []}
	kernel_current.skip == {"the running kernel 6.6.0-custom is not installed from a linux-image package"} with input as doc(k)
}

test_kernel_not_collected_errors if {
	i := {"host": {"os": {"id": "debian"}}, "params": {"max_kernel_age_days": 90}, "now": "2026-11-20T12:00:00Z", "errors": {}}
	kernel_current.error == {"facts host.kernel not collected: no such facts in the document"} with input as i
	kernel_current.deny == set() with input as i
}
