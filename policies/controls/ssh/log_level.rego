# METADATA
# title: sshd logs authentication attempts
# description: >-
#   Authentication attempts reach the auth log only at LogLevel INFO or
#   VERBOSE (QUIET, FATAL and ERROR drop them; DEBUG levels log private user
#   data). The control fails for any other effective value, for any
#   connection including those a Match block changes. An ssh:// endpoint
#   cannot show it and is skipped.
# custom:
#   id: SSH-014
#   severity: low
#   claim: "We also have a centralized system logs management which consolidates all our logs (e.g.: syslog, auth, nginx access/error, security tools...)."
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Log Management
#   facts: [ssh.config]
#   remediation: Set LogLevel VERBOSE (or INFO) in /etc/ssh/sshd_config.d/ and in Match blocks, and reload sshd.
package vouch.controls.ssh.log_level

import data.vouch.lib.ssh

keywords := {"loglevel"}

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

deny contains {"msg": msg, "data": {"connection": c.name, "loglevel": v}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	v := c.effective.loglevel[0]
	not upper(v) in {"INFO", "VERBOSE"}
	msg := sprintf("LogLevel is %s, want INFO or VERBOSE%s", [v, ssh.where(c)])
}

evidence contains {"msg": msg, "data": {"loglevel": v}} if {
	v := ssh.cfg.effective.loglevel[0]
	msg := sprintf("LogLevel is %s", [v])
}
