# METADATA
# title: The clock is kept in sync by a time-sync daemon
# description: >-
#   Time drift breaks log correlation, certificate checks and TOTP. A time-sync
#   daemon (systemd-timesyncd, chronyd, ntpd, ntpsec, openntpd) must be active,
#   and the clock must not be reported as unsynchronised.
# custom:
#   id: HOST-007
#   severity: low
#   claim: "Time drift"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: Server supervision outsourcing / System monitoring
#   facts: [host.timesync]
#   remediation: apt-get install systemd-timesyncd (or chrony) and systemctl enable --now it.
package vouch.controls.host.time_sync

import data.vouch.lib

ts := input.host.timesync

active := {s.name | some s in ts.services; s.active}

error contains msg if some msg in lib.missing({"host.timesync"})

deny contains {"msg": msg, "data": ts} if {
	ts
	count(active) == 0
	msg := "no time-sync daemon is active"
}

deny contains {"msg": msg, "data": ts} if {
	count(active) > 0
	ts.synchronized == false
	msg := sprintf("%s is active but the clock is not synchronised", [concat(", ", sort(active))])
}

evidence contains {"msg": msg, "data": ts} if {
	count(active) > 0
	ts.synchronized != false
	msg := sprintf("%s is active; synchronised: %v", [concat(", ", sort(active)), ts.synchronized])
}
