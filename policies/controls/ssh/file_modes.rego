# METADATA
# title: sshd configuration and host keys are protected
# description: >-
#   sshd_config, every file it includes and every host private key are owned
#   by root; no group or other user can write the configuration or read or
#   write a private key. The private keys themselves are never read, only
#   their owner and mode. A file whose owner or mode the target cannot tell is
#   an error. An ssh:// endpoint has no files to show and is skipped.
# custom:
#   id: SSH-015
#   severity: medium
#   claim: "Secrets ... never stored in plain text on file systems"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#   facts: [ssh.config]
#   remediation: chown root:root /etc/ssh/sshd_config /etc/ssh/sshd_config.d/* /etc/ssh/ssh_host_*_key; chmod 0644 the configuration files (or 0600) and 0600 the private keys.
package vouch.controls.ssh.file_modes

import data.vouch.lib
import data.vouch.lib.ssh

skip contains msg if some msg in ssh.config_skip

error contains msg if some msg in ssh.config_errors

files contains {"path": f.path, "kind": "configuration", "owner": object.get(f, "owner", null), "mode": object.get(f, "mode", ""), "error": object.get(f, "error", "")} if {
	some f in ssh.cfg.files
}

files contains {"path": k.path, "kind": "host private key", "owner": object.get(k, "owner", null), "mode": object.get(k, "mode", ""), "error": object.get(k, "error", "")} if {
	some k in ssh.cfg.host_keys
}

error contains msg if {
	some f in files
	f.error != ""
	msg := sprintf("%s %s: %s", [f.kind, f.path, f.error])
}

error contains msg if {
	some f in files
	f.error == ""
	unknown(f)
	msg := sprintf("owner or mode of %s %s is unknown on this target", [f.kind, f.path])
}

unknown(f) if f.owner == null

unknown(f) if f.mode == ""

deny contains {"msg": msg, "data": f} if {
	some f in files
	not unknown(f)
	f.owner != 0
	msg := sprintf("%s %s is owned by uid %d, not root", [f.kind, f.path, f.owner])
}

deny contains {"msg": msg, "data": f} if {
	some f in files
	f.kind == "configuration"
	f.mode != ""
	lib.group_or_other_writable(f.mode)
	msg := sprintf("configuration %s (mode %s) is writable by group or others", [f.path, f.mode])
}

deny contains {"msg": msg, "data": f} if {
	some f in files
	f.kind == "host private key"
	f.mode != ""
	bad_key_mode(f.mode)
	msg := sprintf("host private key %s (mode %s) is readable or writable by group or others", [f.path, f.mode])
}

bad_key_mode(mode) if lib.group_or_other_readable(mode)

bad_key_mode(mode) if lib.group_or_other_writable(mode)

evidence contains {"msg": msg, "data": {"files": sort([f.path | some f in files])}} if {
	msg := sprintf("%d configuration and host key files are root-owned with safe modes", [count(files)])
}
