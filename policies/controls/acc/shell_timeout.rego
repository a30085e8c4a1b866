# METADATA
# title: Idle login shells are logged out
# description: >-
#   An unattended shell is an open door. TMOUT must be set in a login shell
#   startup file (/etc/profile, /etc/profile.d, /etc/bash.bashrc) to a value
#   within the limit, and made readonly so a user cannot unset it.
# custom:
#   id: ACC-005
#   severity: medium
#   claim: "management interface auto-logout on inactivity"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [host.shell_timeout]
#   parameters:
#     shell_idle_timeout_seconds:
#       type: integer
#       default: 900
#       description: Longest idle time allowed before an interactive shell exits, in seconds.
#   remediation: >-
#     Write "TMOUT=900; readonly TMOUT; export TMOUT" to /etc/profile.d/tmout.sh.
package vouch.controls.acc.shell_timeout

import data.vouch.lib

limit := input.params.shell_idle_timeout_seconds

tmout := input.host.shell_timeout

error contains msg if some msg in lib.missing({"host.shell_timeout"})

deny contains {"msg": "TMOUT is not set in any login shell startup file", "data": {"shell_timeout": []}} if {
	tmout
	count(tmout) == 0
}

deny contains {"msg": msg, "data": t} if {
	some t in tmout
	t.value == 0
	msg := sprintf("TMOUT=0 in %s:%d disables the idle logout", [t.file, t.line])
}

deny contains {"msg": msg, "data": t} if {
	some t in tmout
	t.value > limit
	msg := sprintf("TMOUT=%d in %s:%d is above %d seconds", [t.value, t.file, t.line, limit])
}

deny contains {"msg": msg, "data": {"shell_timeout": tmout}} if {
	count(tmout) > 0
	not readonly
	t := tmout[0]
	msg := sprintf("TMOUT is set in %s:%d but never made readonly, so a user can unset it", [t.file, t.line])
}

readonly if {
	some t in tmout
	t.readonly
}

evidence contains {"msg": msg, "data": t} if {
	some t in tmout
	t.readonly
	msg := sprintf("TMOUT=%d is readonly (%s:%d)", [t.value, t.file, t.line])
}
