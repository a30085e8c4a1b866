# METADATA
# title: Temporary directories are separate mounts with noexec
# description: >-
#   Scripts and binaries dropped in world-writable directories must not run from
#   there. Each listed path must be its own mount point whose effective (last)
#   entry in /proc/mounts carries noexec; a path that only lives on its parent
#   filesystem cannot have noexec and fails too.
# custom:
#   id: HOST-002
#   severity: medium
#   claim: "Noexec (blocks script/application execution on an unaffected partition)"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#   facts: [host.mounts]
#   parameters:
#     noexec_mounts:
#       type: array
#       default: [/tmp, /var/tmp, /dev/shm]
#       description: Mount points (absolute paths) that must be separate mounts with the noexec option.
#   remediation: >-
#     Give each path its own filesystem in /etc/fstab (tmpfs for /tmp and /dev/shm, a
#     partition or a bind mount for /var/tmp) with the options nodev,nosuid,noexec, then
#     remount it (mount -o remount /tmp).
package vouch.controls.host.noexec_mounts

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.mounts"})

# points are the mount points the parameter names, without trailing slashes.
points := {clean(raw) | some raw in input.params.noexec_mounts}

# effective maps each of the points that is mounted to the mount that hides
# the others there: its last entry in /proc/mounts.
effective := {m.mount_point: m |
	some i, m in input.host.mounts
	m.mount_point in points
	not mounted_again(m.mount_point, i)
}

mounted_again(path, i) if {
	some j, n in input.host.mounts
	j > i
	n.mount_point == path
}

deny contains {"msg": msg, "data": {"mount_point": path, "mount": null}} if {
	input.host.mounts
	some path in points
	not effective[path]
	msg := sprintf("%s is not a separate mount, so it cannot be noexec", [path])
}

deny contains {"msg": msg, "data": {"mount_point": path, "mount": m}} if {
	some path, m in effective
	not "noexec" in m.options
	msg := sprintf("%s is mounted without noexec", [path])
}

evidence contains {"msg": msg, "data": {"mount_point": path, "mount": m}} if {
	some path, m in effective
	"noexec" in m.options
	msg := sprintf("%s is a %s mount with noexec", [path, m.fstype])
}

clean(p) := p if p == "/"

clean(p) := trim_suffix(p, "/") if p != "/"
