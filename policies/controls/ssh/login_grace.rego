# METADATA
# title: SSH login grace time is limited
# description: >-
#   An unauthenticated connection is dropped quickly. The control fails when
#   the effective LoginGraceTime is 0 (unlimited) or longer than the limit.
#   LoginGraceTime cannot be set in a Match block, so the default connection
#   decides. An ssh:// endpoint cannot show it and is skipped.
# custom:
#   id: SSH-004
#   severity: medium
#   claim: "management interface login gracetime"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [ssh.config]
#   parameters:
#     ssh_login_grace_seconds:
#       type: integer
#       default: 60
#       description: Longest LoginGraceTime allowed, in seconds.
#   remediation: Set LoginGraceTime 60 (or the limit) in /etc/ssh/sshd_config.d/ and reload sshd.
package vouch.controls.ssh.login_grace

import data.vouch.lib.ssh

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors({"logingracetime"})

grace := to_number(ssh.cfg.effective.logingracetime[0])

deny contains {"msg": "LoginGraceTime is 0: unauthenticated connections are never dropped", "data": {"logingracetime": grace}} if {
	grace == 0
}

deny contains {"msg": msg, "data": {"logingracetime": grace, "limit": input.params.ssh_login_grace_seconds}} if {
	grace > input.params.ssh_login_grace_seconds
	msg := sprintf("LoginGraceTime is %d s, above the limit of %d s", [grace, input.params.ssh_login_grace_seconds])
}

evidence contains {"msg": msg, "data": {"logingracetime": grace}} if {
	grace > 0
	msg := sprintf("LoginGraceTime is %d s", [grace])
}
