# METADATA
# title: Helpers shared by the SSH controls
# description: >-
#   The effective sshd configuration per connection, and which part of the SSH
#   facts a target can have: a machine has the configuration, an ssh://
#   endpoint only the live probe, a dir: tree no probe. No control logic lives
#   here.
package vouch.lib.ssh

import data.vouch.lib

cfg := input.ssh.config

# endpoint_target holds for an ssh:// endpoint: probed over the network, with
# no configuration files to read.
endpoint_target if input.target.kind == "endpoint"

# not_installed is the reason no SSH control applies: the machine has no
# OpenSSH server.
not_installed contains input.ssh.not_installed if input.ssh.not_installed

# config_skip is the reason a configuration-only control does not apply.
config_skip contains msg if some msg in not_installed

config_skip contains msg if {
	endpoint_target
	msg := "an ssh:// endpoint shows no sshd configuration over the network; audit the machine itself with --target local or dir:PATH"
}

# config_errors says why the effective configuration cannot be judged.
config_errors contains msg if {
	not endpoint_target
	not input.ssh.not_installed
	some msg in lib.missing({"ssh.config"})
}

config_errors contains msg if {
	not endpoint_target
	some m in cfg.matches
	m.error
	msg := sprintf("effective sshd configuration for %s could not be computed: %s", [conn_name(m), m.error])
}

# keyword_errors is one error per keyword absent from the effective configuration.
keyword_errors(kws) := {msg |
	not endpoint_target
	cfg.effective
	some kw in kws
	not cfg.effective[kw]
	msg := sprintf("effective sshd configuration has no %s (source %s)", [kw, cfg.source])
}

conn_name(m) := concat(",", [sprintf("%s=%s", [k, m[k]]) |
	some k in ["user", "host", "addr"]
	object.get(m, k, "") != ""
])

# connections are the effective configurations to judge: the default one
# (no Match block applies) and one per connection spec whose Match blocks
# change something, with their overrides applied. overrides names what the
# Match blocks changed, so a control judges a Match connection only on that.
connections contains {"name": "default", "default": true, "effective": cfg.effective, "overrides": {}} if cfg.effective

connections contains {"name": conn_name(m), "default": false, "effective": object.union(cfg.effective, m.effective), "overrides": m.effective} if {
	some m in cfg.matches
	not m.error
	count(m.effective) > 0
}

# judged holds when connection c has something to say about keywords kws:
# the default connection always, a Match connection when it overrides one.
judged(c, _) if c["default"]

judged(c, kws) if {
	some kw in kws
	c.overrides[kw]
}

# where names a connection in a message: "" for the default one.
where(c) := "" if c["default"]

where(c) := sprintf(" for %s (Match block)", [c.name]) if not c["default"]

# method_setting maps an authentication method to the keyword enabling it.
method_setting := {
	"publickey": "pubkeyauthentication",
	"password": "passwordauthentication",
	"keyboard-interactive": "kbdinteractiveauthentication",
	"hostbased": "hostbasedauthentication",
	"gssapi-with-mic": "gssapiauthentication",
}

# usable holds when method m can be used on a connection with effective
# configuration eff: its keyword is yes and AuthenticationMethods lets it in.
usable(eff, m) if {
	eff[method_setting[m]][0] == "yes"
	methods_allow(eff, m)
}

methods_allow(eff, _) if eff.authenticationmethods[0] == "any"

methods_allow(eff, m) if m in required_methods(eff)

# required_methods are the methods AuthenticationMethods names (without
# keyboard-interactive:pam style submethods); empty for "any".
required_methods(eff) := {name |
	eff.authenticationmethods[0] != "any"
	some list in split(eff.authenticationmethods[0], " ")
	some step in split(list, ",")
	step != ""
	name := split(step, ":")[0]
}

# probe_skip is the reason a probe-only control does not apply: a dir: tree
# has no server, and a local sshd that listens nowhere cannot be probed.
probe_skip contains msg if some msg in not_installed

probe_skip contains "no live probe of a dir: target; add --endpoint ssh://HOST:PORT to probe the server it describes" if {
	input.target.kind == "dir"
	not input.ssh.endpoints
	not input.ssh.not_installed
}

probe_skip contains msg if {
	input.target.kind == "local"
	count(input.ssh.endpoints) == 0
	msg := sprintf("no live probe: %s", [object.get(input.ssh, "probe_note", "sshd does not listen")])
}

# probed holds when the target is one whose live probe the controls judge.
probed if {
	not input.target.kind == "dir"
	not probe_skip_local
	not input.ssh.not_installed
}

probe_skip_local if {
	input.target.kind == "local"
	count(input.ssh.endpoints) == 0
}

# probe_errors says why the live probe cannot be judged where it should exist.
probe_errors contains msg if {
	probed
	some msg in lib.missing({"ssh.endpoints"})
}

probe_errors contains msg if {
	probed
	count(input.ssh.endpoints) == 0
	msg := "facts ssh.endpoints not collected: no endpoint was probed"
}

# probe_part_errors reports probe parts (keys of an endpoint's errors, e.g.
# "auth root", "host_key ssh-dss") that start with prefix and failed.
probe_part_errors(prefix) := {msg |
	some ep in input.ssh.endpoints
	some part, reason in object.get(ep, "errors", {})
	startswith(part, prefix)
	msg := sprintf("probe of %s: %s failed: %s", [ep.address, part, reason])
}
