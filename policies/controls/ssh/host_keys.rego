# METADATA
# title: SSH host keys are strong
# description: >-
#   The keys a live server proves it holds are neither DSA nor RSA below the
#   limit. Each host key is collected by one handshake per host-key algorithm
#   the server offers. The live probe decides: a dir: target has no server
#   and is skipped (probe it with --endpoint ssh://HOST:PORT), as is a local
#   machine whose sshd listens nowhere.
# custom:
#   id: SSH-007
#   severity: medium
#   claim: "state-of-the-art encryption (SSH)"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#   facts: [ssh.endpoints]
#   parameters:
#     host_key_min_rsa_bits:
#       type: integer
#       default: 3072
#       description: Smallest RSA host key allowed, in bits.
#   remediation: >-
#     Generate a new key (ssh-keygen -t ed25519 -f /etc/ssh/ssh_host_ed25519_key,
#     or -t rsa -b 4096), remove the weak HostKey lines and key files, and
#     reload sshd.
package vouch.controls.ssh.host_keys

import data.vouch.lib.ssh

skip contains msg if some msg in ssh.probe_skip

error contains msg if some msg in ssh.probe_errors

error contains msg if some msg in ssh.probe_part_errors("host_key ")

error contains msg if {
	some ep in input.ssh.endpoints
	count(ep.host_keys) == 0
	msg := sprintf("probe of %s saw no host key", [ep.address])
}

deny contains {"msg": msg, "data": object.union(k, {"address": ep.address})} if {
	some ep in input.ssh.endpoints
	some k in ep.host_keys
	k.type == "ssh-dss"
	msg := sprintf("%s has a DSA host key (%s)", [ep.address, k.fingerprint])
}

deny contains {"msg": msg, "data": object.union(k, {"address": ep.address, "limit": input.params.host_key_min_rsa_bits})} if {
	some ep in input.ssh.endpoints
	some k in ep.host_keys
	k.type == "ssh-rsa"
	k.bits < input.params.host_key_min_rsa_bits
	msg := sprintf("%s has an RSA host key of %d bits, below %d (%s)", [ep.address, k.bits, input.params.host_key_min_rsa_bits, k.fingerprint])
}

evidence contains {"msg": msg, "data": {"address": ep.address, "host_keys": ep.host_keys}} if {
	some ep in input.ssh.endpoints
	msg := sprintf("%s host keys: %s", [ep.address, concat(", ", sort([sprintf("%s %d", [k.type, k.bits]) | some k in ep.host_keys]))])
}
