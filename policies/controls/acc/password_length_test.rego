package vouch.controls.acc.password_length_test

import data.vouch.controls.acc.password_length

pam := {"pwquality": {"minlen": "12"}, "pwquality_enabled": true, "unix_options": ["obscure", "yescrypt"], "file": "/etc/pam.d/common-password"}

doc(p) := {"host": {"pam": p}, "params": {"min_password_length": 12}, "errors": {}}

test_minlen_12_without_composition_passes if {
	i := doc(pam)
	password_length.deny == set() with input as i
	password_length.error == set() with input as i
	{s | some s in password_length.skip} == set() with input as i
}

test_short_minlen_with_forced_classes_fails if {
	p := object.union(pam, {"pwquality": {"minlen": "8", "dcredit": "-1", "ucredit": "-1"}})
	msgs := {d.msg | some d in password_length.deny} with input as doc(p)
	msgs == {
		"password minimum length is 8 (pam_pwquality minlen), below 12",
		"pam_pwquality forces composition: dcredit=-1 requires at least 1 character(s) of a class",
		"pam_pwquality forces composition: ucredit=-1 requires at least 1 character(s) of a class",
	}
}

test_positive_credits_shorten_the_minimum if {
	p := object.union(pam, {"pwquality": {"minlen": "12", "dcredit": "1", "ocredit": "1"}})
	password_length.deny == {{
		"msg": "password minimum length is 10 (pam_pwquality minlen 12 less 2 of class credits), below 12",
		"data": {"file": "/etc/pam.d/common-password", "pwquality": {"minlen": "12", "dcredit": "1", "ocredit": "1"}, "unix_options": ["obscure", "yescrypt"]},
	}} with input as doc(p)
}

test_minclass_fails if {
	p := object.union(pam, {"pwquality": {"minlen": "14", "minclass": "3"}})
	password_length.deny == {{"msg": "pam_pwquality forces composition: minclass=3", "data": {"file": "/etc/pam.d/common-password", "pwquality": {"minlen": "14", "minclass": "3"}}}} with input as doc(p)
}

test_pam_unix_default_minimum_fails if {
	p := {"pwquality": {}, "pwquality_enabled": false, "unix_options": ["obscure", "yescrypt"], "file": "/etc/pam.d/common-password"}
	password_length.deny == {{
		"msg": "password minimum length is 6 (pam_unix minlen (pam_pwquality is not in the password stack)), below 12",
		"data": {"file": "/etc/pam.d/common-password", "pwquality": {}, "unix_options": ["obscure", "yescrypt"]},
	}} with input as doc(p)
}

test_pam_unix_minlen_passes if {
	p := {"pwquality": {}, "pwquality_enabled": false, "unix_options": ["obscure", "yescrypt", "minlen=14"], "file": "/etc/pam.d/common-password"}
	password_length.deny == set() with input as doc(p)
}

test_pam_not_collected_errors if {
	i := {"host": {}, "params": {"min_password_length": 12}, "errors": {}}
	password_length.error == {"facts host.pam not collected: no such facts in the document"} with input as i
	password_length.deny == set() with input as i
}
