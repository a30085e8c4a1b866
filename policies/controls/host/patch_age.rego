# METADATA
# title: Security updates are applied within the patch window
# description: >-
#   Security patches are deployed on a fixed cycle. The control fails when no
#   package upgrade ran within the window (from the dpkg logs), and for each
#   security update APT would still install while the last upgrade is older than
#   the window: such an update has waited at least one full cycle.
# custom:
#   id: HOST-003
#   severity: high
#   claim: "Weekly security patch deployment + CERT-FR and Debian Security checks"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Watch and patch management
#     - doc: 003_7131057a99cca39e.txt
#       section: System Security
#   facts: [host.os, host.upgrades]
#   parameters:
#     patch_max_age_days:
#       type: integer
#       default: 7
#       description: Days allowed between upgrade runs; a pending security update fails once the last upgrade is older than this.
#   remediation: >-
#     Run apt-get update && apt-get upgrade (or let unattended-upgrades do it daily) and keep
#     /var/log/dpkg.log so the run is visible.
package vouch.controls.host.patch_age

import data.vouch.lib

limit := input.params.patch_max_age_days

upgrades := input.host.upgrades

error contains msg if some msg in lib.missing({"host.os"})

error contains msg if {
	lib.apt_based
	some msg in lib.missing({"host.upgrades"})
}

skip contains msg if {
	input.host.os
	not lib.apt_based
	msg := sprintf("%s does not use APT: package updates are not checked", [input.host.os.id])
}

last_upgrade_age := lib.days_since(upgrades.last_upgrade) if upgrades.last_upgrade != ""

stale if not last_upgrade_age

stale if last_upgrade_age > limit

deny contains {"msg": msg, "data": {"last_upgrade": null}} if {
	lib.apt_based
	upgrades
	not last_upgrade_age
	msg := "no package upgrade is recorded in the dpkg logs"
}

deny contains {"msg": msg, "data": {"last_upgrade": upgrades.last_upgrade, "days": last_upgrade_age}} if {
	lib.apt_based
	last_upgrade_age > limit
	msg := sprintf("no package upgrade ran for %d days (last %s), above %d", [last_upgrade_age, upgrades.last_upgrade, limit])
}

deny contains {"msg": msg, "data": u} if {
	lib.apt_based
	stale
	some u in upgrades.pending
	u.security
	msg := sprintf("security update %s %s -> %s (%s) is pending", [u.package, u.installed, u.candidate, u.origin])
}

evidence contains {"msg": msg, "data": {"last_upgrade": upgrades.last_upgrade, "pending_security": pending}} if {
	lib.apt_based
	not stale
	pending := [u.package | some u in upgrades.pending; u.security]
	msg := sprintf("last package upgrade %s (%d days ago); %d security updates pending", [upgrades.last_upgrade, last_upgrade_age, count(pending)])
}
