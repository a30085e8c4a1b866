package vouch.controls.ctr.image_secrets_test

import data.vouch.controls.ctr.image_secrets

params := {"secret_patterns": ["private_key", "aws_access_key", "*_PASSWORD", "*_TOKEN"]}

doc(values) := {"container": {"engine": {"installed": true}, "images": {"sha256:a": {"values": values}}}, "params": params, "errors": {}}

val(where, key, n, kinds) := {"where": where, "key": key, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "length": n, "entropy_bits": 40, "kinds": kinds}

test_plain_configuration_passes if {
	i := doc([val("env", "PATH", 30, []), val("env", "DB_PASSWORD", 0, [])])
	image_secrets.deny == set() with input as i
	image_secrets.error == set() with input as i
}

test_password_in_env_fails if {
	i := doc([val("env", "DB_PASSWORD", 12, [])])
	image_secrets.deny == {{"msg": "image sha256:a holds DB_PASSWORD in its env (sha256 9f86d081884c)", "data": {"image": "sha256:a", "where": "env", "key": "DB_PASSWORD", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "entropy_bits": 40}}} with input as i
}

test_private_key_in_history_fails if {
	i := doc([val("history", "", 900, ["private_key"])])
	image_secrets.deny == {{"msg": "image sha256:a holds a value in its history (sha256 9f86d081884c)", "data": {"image": "sha256:a", "where": "history", "key": "", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "entropy_bits": 40}}} with input as i
}

test_unreadable_image_errors if {
	i := {"container": {"engine": {"installed": true}, "images": {"sha256:a": {"values": [], "inventory_error": "save image sha256:a: EOF"}}}, "params": params, "errors": {}}
	image_secrets.error == {"image sha256:a not read: save image sha256:a: EOF"} with input as i
}

test_images_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {"container.images": "containers not listed: EOF"}}
	image_secrets.error == {"facts container.images not collected: containers not listed: EOF"} with input as i
}

test_image_archive_is_judged_on_a_host_without_engine if {
	i := {"container": {"engine": {"installed": false}, "images": {"sha256:a": {"values": [val("env", "API_TOKEN", 30, [])]}}}, "params": params, "errors": {}}
	image_secrets.skip == set() with input as i
	count(image_secrets.deny) == 1 with input as i
}
