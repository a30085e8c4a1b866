# METADATA
# title: Logs are shipped off the host
# description: >-
#   Centralised logs survive a compromised or lost host. The control passes when
#   a listed shipper runs; rsyslogd counts only when its configuration forwards
#   to a remote target (@host, @@host or omfwd), since by default it writes local
#   files only.
# custom:
#   id: HOST-012
#   severity: medium
#   claim: "We also have a centralized system logs management which consolidates all our logs (e.g.: syslog, auth, nginx access/error, security tools…)"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Log Management
#   facts: [host.log_shipping]
#   parameters:
#     log_shippers:
#       type: array
#       default: [rsyslogd, filebeat, fluent-bit, fluentd, td-agent-bit, vector, promtail, alloy, otelcol, otelcol-contrib, journal-upload]
#       description: >-
#         Names of log shippers, as the facts report them (host.log_shipping.running),
#         that count as sending logs off the host. rsyslogd counts only with a remote target.
#   remediation: >-
#     Add a forwarding action to /etc/rsyslog.d (*.* @@logs.example.net:6514 or omfwd
#     with TLS), or run a shipper such as filebeat, fluent-bit or vector.
package vouch.controls.host.log_shipping

import data.vouch.lib

ls := input.host.log_shipping

error contains msg if some msg in lib.missing({"host.log_shipping"})

shipping contains name if {
	some name in ls.running
	name in input.params.log_shippers
	name != "rsyslogd"
}

shipping contains "rsyslogd" if {
	"rsyslogd" in ls.running
	"rsyslogd" in input.params.log_shippers
	count(ls.rsyslog_remote) > 0
}

deny contains {"msg": msg, "data": ls} if {
	ls
	count(shipping) == 0
	"rsyslogd" in ls.running
	msg := "no log shipper runs: rsyslogd writes local files only (no remote target)"
}

deny contains {"msg": "no log shipper runs", "data": ls} if {
	ls
	count(shipping) == 0
	not "rsyslogd" in ls.running
}

evidence contains {"msg": msg, "data": t} if {
	"rsyslogd" in shipping
	some t in ls.rsyslog_remote
	msg := sprintf("rsyslogd forwards to %s (%s:%d)", [t.target, t.file, t.line])
}

evidence contains {"msg": sprintf("%s is running", [name]), "data": {"shipper": name}} if {
	some name in shipping
	name != "rsyslogd"
}
