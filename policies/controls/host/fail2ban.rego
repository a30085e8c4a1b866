# METADATA
# title: fail2ban runs with the required jails
# description: >-
#   Brute-force attempts are blocked by fail2ban. The control fails when fail2ban
#   is not installed or not running, and for each required jail that is not
#   enabled.
# custom:
#   id: HOST-009
#   severity: medium
#   claim: "fail2ban on HTTPS, SSH and on the Toucan app (on failed logins) to prevent brute-force"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#     - doc: 003_7131057a99cca39e.txt
#       section: Network Défense
#   facts: [host.fail2ban]
#   parameters:
#     fail2ban_jails:
#       type: array
#       default: [sshd]
#       description: Names of the fail2ban jails that must be enabled (e.g. sshd, nginx-http-auth, or the application's own jail).
#   remediation: >-
#     apt-get install fail2ban, enable the jails in /etc/fail2ban/jail.local
#     ([sshd] enabled = true) and systemctl enable --now fail2ban.
package vouch.controls.host.fail2ban

import data.vouch.lib

f2b := input.host.fail2ban

error contains msg if some msg in lib.missing({"host.fail2ban"})

deny contains {"msg": "fail2ban is not installed", "data": f2b} if {
	f2b.installed == false
}

deny contains {"msg": "fail2ban is installed but not running", "data": f2b} if {
	f2b.installed
	f2b.running == false
}

deny contains {"msg": msg, "data": {"jail": jail, "enabled_jails": f2b.jails, "source": f2b.source}} if {
	f2b.installed
	some jail in input.params.fail2ban_jails
	not jail in f2b.jails
	msg := sprintf("fail2ban jail %s is not enabled", [jail])
}

evidence contains {"msg": msg, "data": f2b} if {
	f2b.running
	msg := sprintf("fail2ban is running with jails %s", [concat(", ", f2b.jails)])
}
