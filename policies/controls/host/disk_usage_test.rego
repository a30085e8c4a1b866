package vouch.controls.host.disk_usage_test

import data.vouch.controls.host.disk_usage

root := {"mount_point": "/", "device": "/dev/sda1", "fstype": "ext4", "blocks_total_kb": 30832548, "blocks_used_percent": 72.42, "inodes_total": 1966080, "inodes_used_percent": 31.15}

doc(fss) := {"host": {"filesystems": fss}, "params": {"disk_max_used_percent": 90, "inode_max_used_percent": 90}, "errors": {}}

test_filesystems_below_limits_pass if {
	i := doc([root])
	disk_usage.deny == set() with input as i
	disk_usage.error == set() with input as i
	{s | some s in disk_usage.skip} == set() with input as i
}

test_full_filesystem_fails if {
	full := object.union(root, {"mount_point": "/srv", "device": "/dev/sdb1", "blocks_used_percent": 95.5})
	disk_usage.deny == {{"msg": "/srv (/dev/sdb1) is 95.5% full, above 90%", "data": full}} with input as doc([root, full])
}

test_filesystem_out_of_inodes_fails if {
	fs := object.union(root, {"inodes_used_percent": 91})
	disk_usage.deny == {{"msg": "/ (/dev/sda1) uses 91% of its inodes, above 90%", "data": fs}} with input as doc([fs])
}

test_exactly_at_the_limit_passes if {
	fs := object.union(root, {"blocks_used_percent": 90})
	disk_usage.deny == set() with input as doc([fs])
}

test_no_filesystem_reported_errors if {
	disk_usage.error == {"no mounted real filesystem was reported"} with input as doc([])
}

test_filesystems_not_collected_errors if {
	i := {"host": {}, "params": {"disk_max_used_percent": 90, "inode_max_used_percent": 90}, "errors": {"host.filesystems": "df: not recorded"}}
	disk_usage.error == {"facts host.filesystems not collected: df: not recorded"} with input as i
	disk_usage.deny == set() with input as i
}
