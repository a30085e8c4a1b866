# METADATA
# title: No secret is baked into an image
# description: >-
#   Anything in an image's Env, labels or build history ships to every place
#   the image goes. The control fails for each non-empty value whose name
#   matches a secret pattern or that holds key material (private keys, AWS
#   access keys). Values are judged by name, hash and entropy; vouch never
#   copies them.
# custom:
#   id: CTR-012
#   severity: high
#   claim: "Secrets ... never stored in plain text"
#   sources:
#     - doc: 000_43fc48adc9aaf829.txt
#       section: Accounts Management
#   facts: [container.images]
#   parameters:
#     secret_patterns:
#       type: array
#       default: [private_key, aws_access_key, "*_PASSWORD", "*_SECRET", "*_TOKEN"]
#       description: Kinds of key material (private_key, aws_access_key) and glob patterns of variable names that hold secrets.
#   remediation: Remove the value from the Dockerfile (ENV, ARG, LABEL, RUN) and rebuild; pass secrets at run time from a secret store, and rotate the exposed one.
package vouch.controls.ctr.image_secrets

import data.vouch.lib

error contains msg if some msg in lib.ctr_images_missing({"container.images"})

error contains msg if {
	some id, im in input.container.images
	im.inventory_error
	count(im.values) == 0
	msg := sprintf("image %s not read: %s", [id, im.inventory_error])
}

skip contains msg if some msg in lib.ctr_images_skip

secret(v) if {
	some p in input.params.secret_patterns
	p in object.get(v, "kinds", [])
}

secret(v) if {
	v.length > 0
	some p in input.params.secret_patterns
	glob.match(p, [], v.key)
}

deny contains {"msg": msg, "data": {"image": id, "where": v.where, "key": v.key, "sha256": v.sha256, "entropy_bits": v.entropy_bits}} if {
	some id, im in input.container.images
	some v in im.values
	secret(v)
	what := object.get({"": "a value"}, v.key, v.key)
	msg := sprintf("image %s holds %s in its %s (sha256 %s)", [id, what, v.where, substring(v.sha256, 0, 12)])
}

evidence contains {"msg": msg, "data": {"secret_patterns": input.params.secret_patterns}} if {
	input.container.images
	msg := sprintf("no secret-looking value in the config of %d images", [count(input.container.images)])
}
