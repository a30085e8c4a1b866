package vouch.controls.host.noexec_mounts_test

import data.vouch.controls.host.noexec_mounts

tmp := {"device": "tmpfs", "mount_point": "/tmp", "fstype": "tmpfs", "options": ["rw", "nosuid", "nodev", "noexec"]}

var_tmp := {"device": "/dev/sda5", "mount_point": "/var/tmp", "fstype": "ext4", "options": ["rw", "nosuid", "nodev", "noexec"]}

shm := {"device": "tmpfs", "mount_point": "/dev/shm", "fstype": "tmpfs", "options": ["rw", "nosuid", "nodev", "noexec"]}

root := {"device": "/dev/sda1", "mount_point": "/", "fstype": "ext4", "options": ["rw", "relatime"]}

doc(mounts) := {
	"host": {"mounts": mounts},
	"params": {"noexec_mounts": ["/tmp", "/var/tmp/", "/dev/shm"]},
	"errors": {},
}

test_all_paths_mounted_noexec_passes if {
	i := doc([root, tmp, var_tmp, shm])
	noexec_mounts.deny == set() with input as i
	noexec_mounts.error == set() with input as i
	{s | some s in noexec_mounts.skip} == set() with input as i
	count(noexec_mounts.evidence) == 3 with input as i
}

test_tmp_without_noexec_fails if {
	bad := object.union(tmp, {"options": ["rw", "relatime"]})
	i := doc([root, bad, var_tmp, shm])
	noexec_mounts.deny == {{"msg": "/tmp is mounted without noexec", "data": {"mount_point": "/tmp", "mount": bad}}} with input as i
}

test_path_not_a_separate_mount_fails if {
	i := doc([root, tmp, shm])
	noexec_mounts.deny == {{"msg": "/var/tmp is not a separate mount, so it cannot be noexec", "data": {"mount_point": "/var/tmp", "mount": null}}} with input as i
}

test_last_mount_at_a_point_wins if {
	over := object.union(tmp, {"device": "/dev/sda3", "fstype": "ext4", "options": ["rw"]})
	i := doc([root, tmp, var_tmp, shm, over])
	noexec_mounts.deny == {{"msg": "/tmp is mounted without noexec", "data": {"mount_point": "/tmp", "mount": over}}} with input as i
}

test_mounts_not_collected_errors if {
	i := {"host": {}, "params": {"noexec_mounts": ["/tmp"]}, "errors": {}}
	noexec_mounts.error == {"facts host.mounts not collected: no such facts in the document"} with input as i
	noexec_mounts.deny == set() with input as i
}
