package vouch.controls.acc.password_hashing_test

import data.vouch.controls.acc.password_hashing

admin := {"name": "admin", "uid": 1000, "password": "usable", "scheme": "yescrypt"}

pam := {"pwquality": {}, "pwquality_enabled": false, "unix_options": ["obscure", "yescrypt"], "file": "/etc/pam.d/common-password"}

doc(accounts, defs, p) := {
	"host": {"accounts": accounts, "login_defs": defs, "pam": p},
	"params": {"allowed_hash_schemes": {"yescrypt": 0, "sha512crypt": 5000}},
	"errors": {},
}

test_yescrypt_everywhere_passes if {
	i := doc([admin], {"ENCRYPT_METHOD": "YESCRYPT"}, pam)
	password_hashing.deny == set() with input as i
	password_hashing.error == set() with input as i
	{s | some s in password_hashing.skip} == set() with input as i
}

test_sha512crypt_with_default_rounds_passes if {
	sha := object.union(admin, {"scheme": "sha512crypt", "rounds": 5000})
	i := doc([sha], {"ENCRYPT_METHOD": "SHA512"}, object.union(pam, {"unix_options": ["sha512"]}))
	password_hashing.deny == set() with input as i
}

test_md5crypt_hash_and_method_fail if {
	deploy := {"name": "deploy", "uid": 1001, "password": "usable", "scheme": "md5crypt"}
	i := doc([admin, deploy], {"ENCRYPT_METHOD": "MD5"}, pam)
	password_hashing.deny == {
		{"msg": "password hash of deploy is md5crypt, not an allowed scheme (sha512crypt, yescrypt)", "data": {"name": "deploy", "uid": 1001, "scheme": "md5crypt"}},
		{"msg": "ENCRYPT_METHOD MD5 in /etc/login.defs hashes with md5crypt, not an allowed scheme (sha512crypt, yescrypt)", "data": {"ENCRYPT_METHOD": "MD5"}},
	} with input as i
}

test_sha512crypt_with_low_rounds_fails if {
	low := object.union(admin, {"scheme": "sha512crypt", "rounds": 1000})
	i := doc([low], {"ENCRYPT_METHOD": "SHA512", "SHA_CRYPT_MIN_ROUNDS": "1000"}, object.union(pam, {"unix_options": ["sha512", "rounds=1000"]}))
	msgs := {d.msg | some d in password_hashing.deny} with input as i
	msgs == {
		"password hash of admin is sha512crypt with 1000 rounds, not an allowed scheme (sha512crypt, yescrypt)",
		"ENCRYPT_METHOD SHA512 in /etc/login.defs hashes with sha512crypt with 1000 rounds, not an allowed scheme (sha512crypt, yescrypt)",
		"pam_unix in /etc/pam.d/common-password hashes new passwords with sha512crypt with 1000 rounds, not an allowed scheme (sha512crypt, yescrypt)",
	}
}

test_locked_weak_hash_is_not_judged if {
	locked := {"name": "old", "uid": 1002, "password": "locked", "scheme": "des"}
	password_hashing.deny == set() with input as doc([admin, locked], {"ENCRYPT_METHOD": "YESCRYPT"}, pam)
}

test_missing_encrypt_method_fails if {
	password_hashing.deny == {{"msg": "ENCRYPT_METHOD is not set in /etc/login.defs, so tools that read it hash with DES", "data": {"ENCRYPT_METHOD": null}}} with input as doc([admin], {}, pam)
}

test_pam_not_collected_errors if {
	i := {"host": {"accounts": [admin], "login_defs": {"ENCRYPT_METHOD": "YESCRYPT"}}, "params": {"allowed_hash_schemes": {"yescrypt": 0}}, "errors": {"host.pam": "read /etc/pam.d: permission denied"}}
	password_hashing.error == {"facts host.pam not collected: read /etc/pam.d: permission denied"} with input as i
	password_hashing.deny == set() with input as i
}
