# METADATA
# title: The newest installed kernel is running
# description: >-
#   Kernel security updates take effect only after a reboot. The control fails
#   when a newer kernel than the running one has been installed for longer than
#   the limit; the reboot-required flag is reported with it.
# custom:
#   id: HOST-014
#   severity: high
#   claim: "All servers are running hardened Linux distributions with up-to-date security patches."
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: System Security
#   facts: [host.os, host.kernel]
#   parameters:
#     max_kernel_age_days:
#       type: integer
#       default: 90
#       description: Days a newer installed kernel may wait for the reboot that runs it.
#   remediation: Reboot into the newest kernel (or use live patching) and remove old linux-image packages.
package vouch.controls.host.kernel_current

import data.vouch.lib

k := input.host.kernel

error contains msg if some msg in lib.missing({"host.os"})

error contains msg if {
	lib.apt_based
	some msg in lib.missing({"host.kernel"})
}

skip contains msg if {
	input.host.os
	not lib.apt_based
	msg := sprintf("%s does not use dpkg: installed kernels are not known", [input.host.os.id])
}

skip contains msg if {
	lib.apt_based
	count(k.installed) == 0
	msg := sprintf("the running kernel %s is not installed from a linux-image package", [k.running])
}

installed_releases := {i.release | some i in k.installed}

newer_installed if {
	k.newest != ""
	k.newest != k.running
}

error contains msg if {
	lib.apt_based
	count(k.installed) > 0
	newer_installed
	not k.running in installed_releases
	msg := sprintf("the running kernel %s is not an installed package, so whether %s is newer is unknown", [k.running, k.newest])
}

newest := i if {
	some i in k.installed
	i.release == k.newest
}

error contains msg if {
	lib.apt_based
	newer_installed
	k.running in installed_releases
	not newest.installed_at
	msg := sprintf("kernel %s is installed but its installation time is unknown", [k.newest])
}

deny contains {"msg": msg, "data": {"running": k.running, "newest": newest, "reboot_required": k.reboot_required, "boot_time": object.get(k, "boot_time", null)}} if {
	lib.apt_based
	newer_installed
	k.running in installed_releases
	days := lib.days_since(newest.installed_at)
	days > input.params.max_kernel_age_days
	msg := sprintf("running kernel %s while %s was installed %d days ago (%s), above %d", [k.running, k.newest, days, newest.installed_at, input.params.max_kernel_age_days])
}

evidence contains {"msg": sprintf("the newest installed kernel %s is running", [k.running]), "data": k} if {
	lib.apt_based
	count(k.installed) > 0
	not newer_installed
}

evidence contains {"msg": msg, "data": {"running": k.running, "newest": newest}} if {
	lib.apt_based
	newer_installed
	k.running in installed_releases
	days := lib.days_since(newest.installed_at)
	days <= input.params.max_kernel_age_days
	msg := sprintf("kernel %s was installed %d days ago and awaits a reboot, within %d", [k.newest, days, input.params.max_kernel_age_days])
}
