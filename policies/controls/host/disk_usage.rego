# METADATA
# title: Filesystems have free space and free inodes
# description: >-
#   A full filesystem stops logging, databases and updates. The control fails
#   for each mounted real filesystem whose block or inode use is above its limit.
# custom:
#   id: HOST-008
#   severity: medium
#   claim: "Partition status (free space / user quota)"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: Server supervision outsourcing / System monitoring
#   facts: [host.filesystems]
#   parameters:
#     disk_max_used_percent:
#       type: integer
#       default: 90
#       description: Highest block use allowed on a filesystem, in percent.
#     inode_max_used_percent:
#       type: integer
#       default: 90
#       description: Highest inode use allowed on a filesystem, in percent.
#   remediation: Free space (old logs, images, package caches) or grow the filesystem.
package vouch.controls.host.disk_usage

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.filesystems"})

error contains "no mounted real filesystem was reported" if count(input.host.filesystems) == 0

deny contains {"msg": msg, "data": fs} if {
	some fs in input.host.filesystems
	fs.blocks_used_percent > input.params.disk_max_used_percent
	msg := sprintf("%s (%s) is %v%% full, above %v%%", [fs.mount_point, fs.device, fs.blocks_used_percent, input.params.disk_max_used_percent])
}

deny contains {"msg": msg, "data": fs} if {
	some fs in input.host.filesystems
	fs.inodes_used_percent > input.params.inode_max_used_percent
	msg := sprintf("%s (%s) uses %v%% of its inodes, above %v%%", [fs.mount_point, fs.device, fs.inodes_used_percent, input.params.inode_max_used_percent])
}

evidence contains {"msg": msg, "data": fs} if {
	some fs in input.host.filesystems
	msg := sprintf("%s: %v%% of blocks and %v%% of inodes used", [fs.mount_point, fs.blocks_used_percent, fs.inodes_used_percent])
}
