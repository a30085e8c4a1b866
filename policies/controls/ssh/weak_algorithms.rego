# METADATA
# title: SSH servers offer no weak algorithms
# description: >-
#   The algorithms a live server lists in its KEXINIT (key exchange, host key,
#   ciphers and MACs in both directions), read from the raw packet, contain none
#   of the weak ones. Patterns are globs (* matches anything). The live probe
#   decides: a dir: target has no server and is skipped (probe it with
#   --endpoint ssh://HOST:PORT), as is a local machine whose sshd listens
#   nowhere.
# custom:
#   id: SSH-008
#   severity: high
#   claim: "All internal data communications between our servers are also protected with state-of-the-art encryption (SSH)."
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [ssh.endpoints]
#   parameters:
#     ssh_weak_algorithms:
#       type: array
#       default:
#         - diffie-hellman-group1-sha1
#         - diffie-hellman-group14-sha1
#         - diffie-hellman-group-exchange-sha1
#         - gss-*-sha1-*
#         - "*-cbc"
#         - "*-cbc@*"
#         - 3des-*
#         - arcfour*
#         - none
#         - hmac-md5*
#         - hmac-sha1
#         - hmac-sha1-etm@openssh.com
#         - hmac-*-96
#         - hmac-*-96-etm@openssh.com
#         - ssh-dss
#         - ssh-dss-*
#       description: Glob patterns of the key exchange, host key, cipher and MAC names that must not be offered.
#   remediation: >-
#     Remove the reported algorithms from KexAlgorithms, HostKeyAlgorithms,
#     Ciphers and MACs in /etc/ssh/sshd_config.d/ (a "-name" list removes them
#     from the defaults), check with sshd -T and reload sshd.
package vouch.controls.ssh.weak_algorithms

import data.vouch.lib.ssh

lists := {
	"kex_algorithms": "key exchange",
	"host_key_algorithms": "host key algorithm",
	"ciphers": "cipher",
	"ciphers_client_to_server": "cipher",
	"macs": "MAC",
	"macs_client_to_server": "MAC",
}

skip contains msg if some msg in ssh.probe_skip

error contains msg if some msg in ssh.probe_errors

weak(name) if {
	some p in input.params.ssh_weak_algorithms
	glob.match(p, null, name)
}

offered contains {"address": ep.address, "list": l, "algorithm": a} if {
	some ep in input.ssh.endpoints
	some l, _ in lists
	some a in object.get(ep, l, [])
}

deny contains {"msg": msg, "data": o} if {
	some o in offered
	weak(o.algorithm)
	msg := sprintf("%s offers the weak %s %s", [o.address, lists[o.list], o.algorithm])
}

evidence contains {"msg": msg, "data": object.filter(ep, ["address", "kex_algorithms", "host_key_algorithms", "ciphers", "macs"])} if {
	some ep in input.ssh.endpoints
	msg := sprintf("%s offers no weak key exchange, host key, cipher or MAC algorithm", [ep.address])
}
