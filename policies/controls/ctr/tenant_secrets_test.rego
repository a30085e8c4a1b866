package vouch.controls.ctr.tenant_secrets_test

import data.vouch.controls.ctr.tenant_secrets

params := {"secret_env_names": ["JWT_SECRET"], "min_secret_bits": 128, "tenant_label": "vouch.tenant"}

ctr(name, tenant, hash, bits) := {"name": name, "labels": {"vouch.tenant": tenant}, "env": [
	{"where": "env", "key": "PATH", "sha256": "00", "length": 20, "entropy_bits": 60},
	{"where": "env", "key": "JWT_SECRET", "sha256": hash, "length": 40, "entropy_bits": bits},
]}

doc(cs) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": params, "errors": {}}

test_distinct_strong_secrets_pass if {
	i := doc([ctr("a-api", "a", "aa", 240), ctr("b-api", "b", "bb", 240)])
	tenant_secrets.deny == set() with input as i
	tenant_secrets.error == set() with input as i
	tenant_secrets.skip == set() with input as i
}

test_shared_secret_fails if {
	i := doc([ctr("a-api", "a", "aa", 240), ctr("b-api", "b", "aa", 240)])
	tenant_secrets.deny == {{"msg": "tenants a and b share a secret (JWT_SECRET in a-api, JWT_SECRET in b-api)", "data": {"tenants": ["a", "b"], "containers": ["a-api", "b-api"], "keys": ["JWT_SECRET", "JWT_SECRET"], "sha256": "aa"}}} with input as i
}

test_weak_secret_fails if {
	i := doc([ctr("a-api", "a", "aa", 40)])
	tenant_secrets.deny == {{"msg": "tenant a: JWT_SECRET in a-api is weak (about 40 bits, under 128)", "data": {"tenant": "a", "container": "a-api", "key": "JWT_SECRET", "entropy_bits": 40}}} with input as i
}

test_no_tenant_secret_skips if {
	i := doc([{"name": "x", "labels": {}, "env": []}])
	tenant_secrets.skip == {"no container with label vouch.tenant holds any of JWT_SECRET"} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {}}
	tenant_secrets.error == {"facts container.containers not collected: no such facts in the document"} with input as i
}
