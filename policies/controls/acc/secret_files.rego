# METADATA
# title: Files holding secrets are readable by their owner only
# description: >-
#   Secrets on disk (private keys, credential assignments such as
#   DB_PASSWORD=...) must not be readable by other users. The control fails for
#   each secret file under secret_paths whose mode gives read access to the
#   group or to others. Values are never read into the facts, only hashed.
# custom:
#   id: ACC-006
#   severity: high
#   claim: "Nevertheless, we make sure they’re never stored in plain text on file systems."
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / Accounts Management
#   facts: [host.secret_files]
#   parameters:
#     secret_paths:
#       type: array
#       default: [/etc, /srv, /opt, /var/www, /home]
#       description: Directories whose secret files are judged (a file is judged when it lies below one of them).
#   remediation: chmod 0600 the file (0640 with a dedicated group is not enough) and keep it owned by the service account, or move the secret to a secrets manager.
package vouch.controls.acc.secret_files

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.secret_files"})

judged contains f if {
	some f in input.host.secret_files
	lib.under_any(f.path, input.params.secret_paths)
}

deny contains {"msg": msg, "data": object.filter(f, ["path", "kind", "owner", "group", "mode", "sha256"])} if {
	some f in judged
	lib.group_or_other_readable(f.mode)
	msg := sprintf("%s (%s) has mode %s: readable by %s", [f.path, f.kind, f.mode, readers(f.mode)])
}

readers(mode) := "group and others" if {
	lib.group_readable(mode)
	lib.other_readable(mode)
} else := "group" if {
	lib.group_readable(mode)
} else := "others"

evidence contains {"msg": msg, "data": object.filter(f, ["path", "kind", "owner", "mode"])} if {
	some f in judged
	not lib.group_or_other_readable(f.mode)
	msg := sprintf("%s (%s) has mode %s, owner %s", [f.path, f.kind, f.mode, f.owner])
}
