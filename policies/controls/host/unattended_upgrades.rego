# METADATA
# title: Security updates are installed automatically
# description: >-
#   Patches are applied as soon as they are published only if unattended-upgrades
#   is installed, APT's periodic job refreshes the package lists and runs it
#   daily, its origins include the security archive, and the apt-daily-upgrade
#   timer is not disabled.
# custom:
#   id: HOST-004
#   severity: high
#   claim: "As soon a security patch is available, we automatically applied it to our whole infrastructure"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Watch and patch management
#   facts: [host.os, host.unattended_upgrades]
#   remediation: >-
#     apt-get install unattended-upgrades, then write APT::Periodic::Update-Package-Lists "1";
#     and APT::Periodic::Unattended-Upgrade "1"; to /etc/apt/apt.conf.d/20auto-upgrades
#     and keep the -security origin in 50unattended-upgrades.
package vouch.controls.host.unattended_upgrades

import data.vouch.lib

uu := input.host.unattended_upgrades

error contains msg if some msg in lib.missing({"host.os"})

error contains msg if {
	lib.apt_based
	some msg in lib.missing({"host.unattended_upgrades"})
}

skip contains msg if {
	input.host.os
	not lib.apt_based
	msg := sprintf("%s does not use APT: unattended-upgrades does not apply", [input.host.os.id])
}

# periodic reads an APT::Periodic setting, written with or without its prefix.
periodic(name) := uu.periodic[name]

periodic(name) := uu.periodic[concat("", ["APT::Periodic::", name])] if not uu.periodic[name]

off(name) if not periodic(name)

off(name) if periodic(name) in {"0", "", "false"}

deny contains {"msg": "unattended-upgrades is not installed", "data": {"installed": false}} if {
	lib.apt_based
	uu.installed == false
}

deny contains {"msg": msg, "data": {"setting": name, "value": object.get(uu.periodic, name, null)}} if {
	lib.apt_based
	uu.installed
	some name in ["Unattended-Upgrade", "Update-Package-Lists"]
	off(name)
	msg := sprintf("APT::Periodic::%s is not enabled", [name])
}

deny contains {"msg": msg, "data": {"origins": uu.origins}} if {
	lib.apt_based
	uu.installed
	not security_origin
	msg := "unattended-upgrades origins do not include a security archive"
}

deny contains {"msg": "apt-daily-upgrade.timer is not active", "data": {"timer_active": false}} if {
	lib.apt_based
	uu.installed
	uu.timer_active == false
}

security_origin if {
	some o in uu.origins
	contains(lower(o), "security")
}

evidence contains {"msg": msg, "data": uu} if {
	lib.apt_based
	uu.installed
	not off("Unattended-Upgrade")
	security_origin
	msg := sprintf("unattended-upgrades runs every %s day(s) with %d origins including security", [periodic("Unattended-Upgrade"), count(uu.origins)])
}
