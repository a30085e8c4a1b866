# METADATA
# title: Web server logs are kept for the promised period
# description: >-
#   Web access and error logs are evidence for incident investigation. Each
#   logrotate rule covering nginx, Apache or lighttpd logs must keep them at
#   least the promised number of days (rotate count x period, or maxage when
#   that is shorter). A host with no web server package and no such rule is
#   skipped; a web server whose logs no rule covers fails.
# custom:
#   id: LOG-001
#   severity: low
#   claim: "we keep - by default - 14 weeks of web access/error logs"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Log Management
#   facts: [host.logrotate, host.packages]
#   parameters:
#     web_log_retention_days:
#       type: integer
#       default: 98
#       description: Days web server logs must be kept on the host (98 = 14 weeks).
#   remediation: >-
#     In /etc/logrotate.d/nginx use "weekly" with "rotate 14" (or "daily" with "rotate 98")
#     and remove a shorter maxage.
package vouch.controls.log.web_log_retention

import data.vouch.lib

limit := input.params.web_log_retention_days

error contains msg if some msg in lib.missing({"host.logrotate", "host.packages"})

# Log directories of web servers, by the packages that write them.
web_servers := {
	"nginx": "/var/log/nginx",
	"nginx-core": "/var/log/nginx",
	"nginx-light": "/var/log/nginx",
	"nginx-full": "/var/log/nginx",
	"nginx-extras": "/var/log/nginx",
	"apache2": "/var/log/apache2",
	"lighttpd": "/var/log/lighttpd",
}

web_dirs := {dir | some _, dir in web_servers} | {"/var/log/httpd"}

web_rules contains r if {
	some r in input.host.logrotate.rules
	some p in r.patterns
	lib.under_any(p, web_dirs)
}

# uncovered maps each web log directory whose server is installed, but which
# no rule covers, to the packages that write it.
uncovered[dir] := names if {
	some dir in web_dirs
	names := sort([name | some name, d in web_servers; d == dir; input.host.packages[name]])
	count(names) > 0
	not dir_covered(dir)
}

dir_covered(dir) if {
	some r in web_rules
	some p in r.patterns
	lib.under(p, dir)
}

skip contains "no web server is installed and no logrotate rule covers web server logs" if {
	input.host.logrotate
	input.host.packages
	count(web_rules) == 0
	count({n | some n, _ in web_servers; input.host.packages[n]}) == 0
}

deny contains {"msg": msg, "data": {"packages": names, "log_dir": dir}} if {
	input.host.logrotate
	some dir, names in uncovered
	msg := sprintf("%s is installed but no logrotate rule covers %s%s", [concat(", ", names), dir, logrotate_note])
}

# logrotate_note says why no rule applies when logrotate itself is missing:
# rules under /etc/logrotate.d are then never run.
logrotate_note := "" if input.host.packages.logrotate

logrotate_note := " (logrotate itself is not installed)" if not input.host.packages.logrotate

error contains msg if {
	some r in web_rules
	r.period == "size"
	object.get(r, "maxage", 0) == 0
	msg := sprintf("logrotate rule %s:%d rotates %s by size only: how long it keeps logs is unknown", [r.file, r.line, concat(" ", r.patterns)])
}

deny contains {"msg": msg, "data": r} if {
	some r in web_rules
	decided(r)
	r.retention_days < limit
	msg := sprintf("logrotate rule %s:%d keeps %s %d days (%s), below %d", [r.file, r.line, concat(" ", r.patterns), r.retention_days, how(r), limit])
}

decided(r) if r.period != "size"

decided(r) if object.get(r, "maxage", 0) > 0

how(r) := sprintf("%s, rotate %d, maxage %d", [r.period, r.rotate, r.maxage]) if {
	object.get(r, "maxage", 0) > 0
} else := sprintf("%s, rotate %d", [r.period, r.rotate])

evidence contains {"msg": msg, "data": r} if {
	some r in web_rules
	decided(r)
	r.retention_days >= limit
	msg := sprintf("logrotate rule %s:%d keeps %s %d days (%s)", [r.file, r.line, concat(" ", r.patterns), r.retention_days, how(r)])
}
