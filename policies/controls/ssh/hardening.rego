# METADATA
# title: sshd forwards nothing and trusts no host-based login
# description: >-
#   The daemon is hardened: no X11 or TCP forwarding (unless DisableForwarding
#   turns all forwarding off), no user environment, rhosts ignored and no
#   host-based authentication. The control fails per unsafe effective value,
#   for any connection including those a Match block changes. An ssh://
#   endpoint cannot show it and is skipped.
# custom:
#   id: SSH-013
#   severity: medium
#   claim: "All servers are running hardened Linux distributions with up-to-date security patches."
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: System Security
#   facts: [ssh.config]
#   remediation: >-
#     Set X11Forwarding no, AllowTcpForwarding no (or DisableForwarding yes),
#     PermitUserEnvironment no, IgnoreRhosts yes and HostbasedAuthentication no
#     in /etc/ssh/sshd_config.d/ and in Match blocks, and reload sshd.
package vouch.controls.ssh.hardening

import data.vouch.lib.ssh

# safe is the value each keyword must have.
safe := {
	"x11forwarding": "no",
	"allowtcpforwarding": "no",
	"permituserenvironment": "no",
	"ignorerhosts": "yes",
	"hostbasedauthentication": "no",
}

keywords := {kw | some kw, _ in safe} | {"disableforwarding"}

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors(keywords)

# forwarding keywords do not matter when DisableForwarding is yes.
exempt(c, kw) if {
	kw in {"x11forwarding", "allowtcpforwarding"}
	c.effective.disableforwarding[0] == "yes"
}

deny contains {"msg": msg, "data": {"connection": c.name, "keyword": kw, "value": v, "want": want}} if {
	some c in ssh.connections
	ssh.judged(c, keywords)
	some kw, want in safe
	v := c.effective[kw][0]
	v != want
	not exempt(c, kw)
	msg := sprintf("%s is %s, want %s%s", [kw, v, want, ssh.where(c)])
}

evidence contains {"msg": "forwarding, user environment, rhosts and host-based login are off", "data": object.filter(ssh.cfg.effective, keywords)} if {
	ssh.cfg.effective
}
