# METADATA
# title: Passwords are hashed with a strong, salted and stretched scheme
# description: >-
#   Stored password hashes must resist offline cracking. The control checks the
#   scheme of every usable shadow hash, the scheme new passwords get from PAM
#   (pam_unix options) and from /etc/login.defs (ENCRYPT_METHOD and
#   SHA_CRYPT_MIN_ROUNDS), against the allowed schemes and their minimum rounds.
# custom:
#   id: ACC-003
#   severity: high
#   claim: "Customer passwords are protected with industry standard PBKDF2+SHA512 encryption (salted + stretched for thousands of rounds)."
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Password Security
#   facts: [host.accounts, host.login_defs, host.pam]
#   parameters:
#     allowed_hash_schemes:
#       type: object
#       default:
#         yescrypt: 0
#         sha512crypt: 5000
#       description: >-
#         Hash scheme (as crypt(5) names them: yescrypt, gost-yescrypt, sha512crypt,
#         sha256crypt, bcrypt, scrypt) -> minimum rounds; 0 means rounds are not checked.
#   remediation: >-
#     Set ENCRYPT_METHOD YESCRYPT (or SHA512 with SHA_CRYPT_MIN_ROUNDS 5000) in /etc/login.defs,
#     use pam_unix.so yescrypt (or sha512) in /etc/pam.d/common-password, and have users with
#     weak hashes change their password (passwd -e NAME).
package vouch.controls.acc.password_hashing

import data.vouch.lib

allowed := input.params.allowed_hash_schemes

names := concat(", ", sort([s | some s, _ in allowed]))

error contains msg if some msg in lib.missing({"host.accounts", "host.login_defs", "host.pam"})

# weak holds when a scheme with the given rounds is outside the allowed set.
weak(scheme, _) if not allowed[scheme]

weak(scheme, rounds) if rounds < allowed[scheme]

describe(scheme, rounds) := sprintf("%s with %d rounds", [scheme, rounds]) if {
	allowed[scheme] > 0
} else := scheme

deny contains {"msg": msg, "data": object.filter(a, ["name", "uid", "scheme", "rounds"])} if {
	some a in input.host.accounts
	a.password == "usable"
	rounds := object.get(a, "rounds", 0)
	weak(a.scheme, rounds)
	msg := sprintf("password hash of %s is %s, not an allowed scheme (%s)", [a.name, describe(a.scheme, rounds), names])
}

# ENCRYPT_METHOD values (login.defs(5)) and the crypt scheme they produce.
login_defs_schemes := {
	"DES": "des", "MD5": "md5crypt", "SHA256": "sha256crypt", "SHA512": "sha512crypt",
	"BCRYPT": "bcrypt", "YESCRYPT": "yescrypt", "GOST_YESCRYPT": "gost-yescrypt",
}

login_defs := input.host.login_defs

defs_scheme := login_defs_schemes[upper(login_defs.ENCRYPT_METHOD)]

defs_rounds := to_number(login_defs.SHA_CRYPT_MIN_ROUNDS) if {
	defs_scheme in {"sha256crypt", "sha512crypt"}
} else := 5000 if {
	defs_scheme in {"sha256crypt", "sha512crypt"}
} else := 0

deny contains {"msg": msg, "data": {"ENCRYPT_METHOD": null}} if {
	login_defs
	not login_defs.ENCRYPT_METHOD
	msg := "ENCRYPT_METHOD is not set in /etc/login.defs, so tools that read it hash with DES"
}

deny contains {"msg": msg, "data": object.filter(login_defs, ["ENCRYPT_METHOD", "SHA_CRYPT_MIN_ROUNDS", "SHA_CRYPT_MAX_ROUNDS"])} if {
	method := login_defs.ENCRYPT_METHOD
	not login_defs_schemes[upper(method)]
	msg := sprintf("ENCRYPT_METHOD %s in /etc/login.defs is not a known scheme", [method])
}

deny contains {"msg": msg, "data": object.filter(login_defs, ["ENCRYPT_METHOD", "SHA_CRYPT_MIN_ROUNDS", "SHA_CRYPT_MAX_ROUNDS"])} if {
	weak(defs_scheme, defs_rounds)
	msg := sprintf("ENCRYPT_METHOD %s in /etc/login.defs hashes with %s, not an allowed scheme (%s)", [login_defs.ENCRYPT_METHOD, describe(defs_scheme, defs_rounds), names])
}

# pam_unix hashing options (pam_unix(8)) and the scheme they produce.
pam_schemes := {
	"md5": "md5crypt", "bigcrypt": "des", "sha256": "sha256crypt", "sha512": "sha512crypt",
	"blowfish": "bcrypt", "yescrypt": "yescrypt", "gost_yescrypt": "gost-yescrypt",
}

pam := input.host.pam

pam_scheme contains s if {
	some o in pam.unix_options
	s := pam_schemes[o]
}

# rounds= applies to the sha*crypt schemes only.
scheme_rounds(scheme, rounds) := rounds if scheme in {"sha256crypt", "sha512crypt"}

scheme_rounds(scheme, _) := 0 if not scheme in {"sha256crypt", "sha512crypt"}

pam_rounds := to_number(trim_prefix(o, "rounds=")) if {
	some o in pam.unix_options
	startswith(o, "rounds=")
} else := 5000

deny contains {"msg": msg, "data": {"file": pam.file, "unix_options": pam.unix_options}} if {
	some scheme in pam_scheme
	rounds := scheme_rounds(scheme, pam_rounds)
	weak(scheme, rounds)
	msg := sprintf("pam_unix in %s hashes new passwords with %s, not an allowed scheme (%s)", [pam.file, describe(scheme, rounds), names])
}

evidence contains {"msg": msg, "data": {"login_defs": login_defs.ENCRYPT_METHOD, "pam_unix": pam.unix_options, "hashes": hashes}} if {
	hashes := {a.scheme | some a in input.host.accounts; a.password == "usable"}
	msg := sprintf("new passwords use %s; %s", [defs_scheme, existing(hashes)])
}

existing(hashes) := "no account has a usable password hash" if count(hashes) == 0

existing(hashes) := sprintf("existing usable hashes: %s", [concat(", ", sort(hashes))]) if count(hashes) > 0
