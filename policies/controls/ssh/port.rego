# METADATA
# title: sshd listens on the agreed port only
# description: >-
#   sshd listens where the policy says. The control fails for every port of
#   the effective configuration (Port and ListenAddress) other than the
#   parameter, and on an ssh:// endpoint target when the endpoint's port
#   differs from it.
# custom:
#   id: SSH-009
#   severity: low
#   claim: "Custom sftp/SSH port"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#   facts: [ssh] # ssh.config on machines, ssh.endpoints where a server was probed
#   parameters:
#     ssh_port:
#       type: integer
#       default: 22
#       description: The TCP port sshd must listen on.
#   remediation: Set Port to the agreed value in /etc/ssh/sshd_config.d/, drop other Port and ListenAddress ports, open it in the firewall and reload sshd.
package vouch.controls.ssh.port

import data.vouch.lib
import data.vouch.lib.ssh

skip contains msg if some msg in ssh.not_installed

error contains msg if some msg in ssh.config_errors

error contains msg if some msg in ssh.keyword_errors({"port", "listenaddress"})

error contains msg if {
	ssh.endpoint_target
	some msg in lib.missing({"ssh.endpoints"})
}

port_of(hostport) := to_number(p) if {
	parts := split(hostport, ":")
	p := parts[count(parts) - 1]
}

config_ports contains to_number(p) if {
	not ssh.endpoint_target
	some p in ssh.cfg.effective.port
}

config_ports contains port_of(la) if {
	not ssh.endpoint_target
	some la in ssh.cfg.effective.listenaddress
}

deny contains {"msg": msg, "data": {"port": p, "want": input.params.ssh_port}} if {
	some p in config_ports
	p != input.params.ssh_port
	msg := sprintf("sshd is configured to listen on port %d, not %d", [p, input.params.ssh_port])
}

deny contains {"msg": msg, "data": {"address": ep.address, "want": input.params.ssh_port}} if {
	ssh.endpoint_target
	some ep in input.ssh.endpoints
	port_of(ep.address) != input.params.ssh_port
	msg := sprintf("sshd answers on %s, not on port %d", [ep.address, input.params.ssh_port])
}

evidence contains {"msg": msg, "data": {"port": input.params.ssh_port}} if {
	msg := sprintf("sshd listens on port %d only", [input.params.ssh_port])
}
