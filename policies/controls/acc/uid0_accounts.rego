# METADATA
# title: Only root has UID 0
# description: >-
#   A second account with UID 0 is root under another name: it bypasses every
#   control that names root and hides who acted. The control fails for each
#   UID 0 account other than root.
# custom:
#   id: ACC-001
#   severity: critical
#   claim: "Root not accessible by client"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#   facts: [host.accounts]
#   remediation: Delete the account or give it its own UID (usermod -u), and grant admin rights through sudo.
package vouch.controls.acc.uid0_accounts

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.accounts"})

deny contains {"msg": msg, "data": excerpt(a)} if {
	some a in input.host.accounts
	a.uid == 0
	a.name != "root"
	msg := sprintf("account %s has UID 0", [a.name])
}

evidence contains {"msg": "root is the only account with UID 0", "data": {"uid0": names}} if {
	names := [a.name | some a in input.host.accounts; a.uid == 0]
	names == ["root"]
}

excerpt(a) := object.filter(a, ["name", "uid", "gid", "home", "shell"])
