# METADATA
# title: Each tenant has its own strong API secrets
# description: >-
#   A secret shared by two clients lets one forge the other's tokens; a weak
#   one can be brute-forced. From the environment of each tenant's containers
#   the control compares the hash of every named secret across tenants and
#   estimates its strength, and fails if two tenants share one or one is
#   weaker than the minimum. Only hashes and estimates are read, never values.
# custom:
#   id: CTR-013
#   severity: high
#   claim: "API secrets (JWT signature) are unique for each of our clients, and strong enough not to be brute-forced"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#   facts: [container.containers]
#   parameters:
#     secret_env_names:
#       type: array
#       default: [JWT_SECRET, SECRET_KEY, DB_PASSWORD]
#       description: Environment variables that hold per-tenant secrets.
#     min_secret_bits:
#       type: integer
#       default: 128
#       description: Smallest acceptable entropy estimate of a secret, in bits.
#     tenant_label:
#       type: string
#       default: vouch.tenant
#       description: The container label naming the client a container serves.
#   remediation: Generate a separate random secret per tenant (openssl rand -base64 32) and store it in the secret store.
package vouch.controls.ctr.tenant_secrets

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

skip contains msg if {
	input.container.containers
	count(secrets) == 0
	msg := sprintf("no container with label %s holds any of %s", [input.params.tenant_label, concat(", ", input.params.secret_env_names)])
}

secrets contains {"tenant": t, "container": c.name, "key": v.key, "sha256": v.sha256, "bits": v.entropy_bits} if {
	some c in input.container.containers
	t := lib.ctr_label(c, input.params.tenant_label)
	t != ""
	some v in c.env
	v.key in input.params.secret_env_names
	v.length > 0
}

deny contains {"msg": msg, "data": {"tenants": [a.tenant, b.tenant], "containers": [a.container, b.container], "keys": [a.key, b.key], "sha256": a.sha256}} if {
	some a in secrets
	some b in secrets
	a.tenant < b.tenant
	a.sha256 == b.sha256
	msg := sprintf("tenants %s and %s share a secret (%s in %s, %s in %s)", [a.tenant, b.tenant, a.key, a.container, b.key, b.container])
}

deny contains {"msg": msg, "data": {"tenant": s.tenant, "container": s.container, "key": s.key, "entropy_bits": s.bits}} if {
	some s in secrets
	s.bits < input.params.min_secret_bits
	msg := sprintf("tenant %s: %s in %s is weak (about %v bits, under %d)", [s.tenant, s.key, s.container, s.bits, input.params.min_secret_bits])
}

evidence contains {"msg": msg, "data": {"secrets": [{"tenant": s.tenant, "key": s.key, "entropy_bits": s.bits} | some s in secrets]}} if {
	count(secrets) > 0
	msg := sprintf("%d tenant secrets are distinct and at least %d bits", [count(secrets), input.params.min_secret_bits])
}
