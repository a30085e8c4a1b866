# METADATA
# title: Authorized SSH keys are of an allowed type and size
# description: >-
#   Every key in every login account's authorized_keys files (as
#   AuthorizedKeysFile names them) is of an allowed type and at least the
#   allowed size. DSA keys always fail. A file that could not be read is an
#   error, not a pass; a line that is not a key is ignored, as sshd ignores it.
#   An ssh:// endpoint cannot show its keys and is skipped.
# custom:
#   id: SSH-006
#   severity: medium
#   claim: "keys should be RSA with a size of 4096 bits"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#   facts: [ssh.authorized_keys]
#   parameters:
#     authorized_key_types:
#       type: array
#       default:
#         - {type: ssh-rsa, min_bits: 4096}
#         - {type: ssh-ed25519, min_bits: 0}
#       description: Allowed key types (as ssh-keygen names them, e.g. ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp384, sk-ssh-ed25519@openssh.com) with their smallest size in bits.
#   remediation: Replace each reported key with an RSA-4096 (ssh-keygen -t rsa -b 4096) or Ed25519 key and remove the old line.
package vouch.controls.ssh.authorized_keys

import data.vouch.lib
import data.vouch.lib.ssh

skip contains msg if some msg in ssh.config_skip

error contains msg if {
	not ssh.endpoint_target
	not input.ssh.not_installed
	some msg in lib.missing({"ssh.authorized_keys"})
}

error contains msg if {
	some f in input.ssh.authorized_keys
	f.error
	msg := sprintf("authorized keys of %s in %s could not be read: %s", [f.user, f.path, f.error])
}

keys contains {"user": f.user, "path": f.path, "line": k.line, "type": k.type, "bits": k.bits, "fingerprint": k.fingerprint} if {
	some f in input.ssh.authorized_keys
	some k in f.keys
	not k.error
}

allowed(k) if {
	k.type != "ssh-dss"
	some a in input.params.authorized_key_types
	a.type == k.type
	k.bits >= object.get(a, "min_bits", 0)
}

deny contains {"msg": msg, "data": k} if {
	some k in keys
	not allowed(k)
	msg := sprintf("%s:%d (%s) holds a %s key of %d bits, not allowed", [k.path, k.line, k.user, k.type, k.bits])
}

evidence contains {"msg": msg, "data": {"keys": count(keys)}} if {
	msg := sprintf("%d authorized keys, all of an allowed type and size", [count(keys)])
}
