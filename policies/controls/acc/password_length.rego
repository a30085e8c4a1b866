# METADATA
# title: Passwords have a minimum length and no forced composition rules
# description: >-
#   Following NIST SP 800-63B, length protects a password and forced character
#   classes do not. The effective minimum length is pam_pwquality's minlen less
#   any positive class credits (or pam_unix's minlen when pwquality is not in
#   the password stack); negative credits and minclass above 1 force
#   composition and fail. login.defs PASS_MIN_LEN is ignored: PAM does not read it.
# custom:
#   id: ACC-004
#   severity: medium
#   claim: "database administrators have a built-in setting for enforcing a minimum user password length. Other password policies like required character classes are not supported by default because they have been proven counter-productive."
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Password Security
#   facts: [host.pam]
#   parameters:
#     min_password_length:
#       type: integer
#       default: 12
#       description: Shortest password the system may accept, in characters.
#   remediation: >-
#     Set minlen = 12 and dcredit = ucredit = lcredit = ocredit = 0, minclass = 0 in
#     /etc/security/pwquality.conf, and drop those options from pam_pwquality.so in
#     /etc/pam.d/common-password.
package vouch.controls.acc.password_length

import data.vouch.lib

pam := input.host.pam

pwq := object.get(pam, "pwquality", {})

error contains msg if some msg in lib.missing({"host.pam"})

credits := ["dcredit", "ucredit", "lcredit", "ocredit"]

# libpwquality's default minlen is 8; pam_unix's is 6.
pwq_minlen := to_number(object.get(pwq, "minlen", "8"))

positive_credits := sum([n | some c in credits; n := to_number(pwq[c]); n > 0])

unix_minlen := to_number(trim_prefix(o, "minlen=")) if {
	some o in pam.unix_options
	startswith(o, "minlen=")
} else := 6

min_length := {"value": pwq_minlen - positive_credits, "source": "pam_pwquality minlen"} if {
	pam.pwquality_enabled
	positive_credits == 0
} else := {"value": pwq_minlen - positive_credits, "source": sprintf("pam_pwquality minlen %d less %d of class credits", [pwq_minlen, positive_credits])} if {
	pam.pwquality_enabled
} else := {"value": unix_minlen, "source": "pam_unix minlen (pam_pwquality is not in the password stack)"} if {
	pam
}

deny contains {"msg": msg, "data": {"file": pam.file, "pwquality": pwq, "unix_options": pam.unix_options}} if {
	min_length.value < input.params.min_password_length
	msg := sprintf("password minimum length is %d (%s), below %d", [min_length.value, min_length.source, input.params.min_password_length])
}

deny contains {"msg": msg, "data": {"file": pam.file, "pwquality": pwq}} if {
	pam.pwquality_enabled
	some c in credits
	to_number(pwq[c]) < 0
	msg := sprintf("pam_pwquality forces composition: %s=%s requires at least %d character(s) of a class", [c, pwq[c], abs(to_number(pwq[c]))])
}

deny contains {"msg": msg, "data": {"file": pam.file, "pwquality": pwq}} if {
	pam.pwquality_enabled
	to_number(pwq.minclass) > 1
	msg := sprintf("pam_pwquality forces composition: minclass=%s", [pwq.minclass])
}

evidence contains {"msg": msg, "data": {"file": pam.file, "pwquality": pwq, "unix_options": pam.unix_options}} if {
	msg := sprintf("password minimum length is %d (%s), with no forced composition", [min_length.value, min_length.source])
}
