# METADATA
# title: Interactive accounts have no usable system password
# description: >-
#   Administrators log in with keys, so no account with a login shell should
#   hold a password that works, unless it is listed. An empty password field
#   (login without any password) always fails. Service accounts without a login
#   shell are not checked.
# custom:
#   id: ACC-002
#   severity: high
#   claim: "We deactivate the use of system passwords on management interfaces."
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / Accounts Management
#   facts: [host.accounts]
#   parameters:
#     password_login_users:
#       type: array
#       default: []
#       description: Account names allowed to keep a usable password (e.g. a console break-glass account).
#   remediation: Lock the password (passwd -l NAME or usermod -p '*' NAME) and use SSH keys.
package vouch.controls.acc.password_login

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.accounts"})

error contains msg if {
	some a in input.host.accounts
	a.login_shell
	a.password == "unknown"
	msg := sprintf("password state of %s is unknown: %s", [a.name, object.get(input, ["errors", "host.shadow"], "shadow not read")])
}

deny contains {"msg": msg, "data": excerpt(a)} if {
	some a in input.host.accounts
	a.login_shell
	a.password == "usable"
	not a.name in input.params.password_login_users
	msg := sprintf("account %s (shell %s) has a usable password", [a.name, a.shell])
}

deny contains {"msg": msg, "data": excerpt(a)} if {
	some a in input.host.accounts
	a.password == "empty"
	msg := sprintf("account %s has an empty password: it logs in without one", [a.name])
}

evidence contains {"msg": msg, "data": {"accounts": names}} if {
	names := [a.name | some a in input.host.accounts; a.login_shell]
	msg := sprintf("no usable password on %d interactive accounts outside password_login_users", [count(names)])
}

excerpt(a) := object.filter(a, ["name", "uid", "shell", "login_shell", "password", "scheme"])
