# METADATA
# title: Containers run immutable images
# description: >-
#   An image named by a tag can change under the same name; one named by
#   digest (repo@sha256:...) or image id cannot. The control fails for each
#   container started from a mutable tag when digest pinning is required, and
#   for each container with a writable root filesystem when a read-only root
#   is required.
# custom:
#   id: CTR-010
#   severity: medium
#   claim: "images built are immutable and cannot be modified once they are produced"
#   sources:
#     - doc: 004_72802e2c2274da85.txt
#       section: Data Integrity
#   facts: [container.containers]
#   parameters:
#     require_digest_pinning:
#       type: boolean
#       default: true
#       description: Containers must be started from an image digest, not a tag.
#     require_read_only_rootfs:
#       type: boolean
#       default: false
#       description: Containers must run with --read-only.
#   remediation: Deploy by digest (image@sha256:...); run with --read-only and a tmpfs for scratch space.
package vouch.controls.ctr.immutable_images

import data.vouch.lib

error contains msg if some msg in lib.ctr_missing({"container.containers"})

skip contains msg if some msg in lib.ctr_skip

deny contains {"msg": msg, "data": {"container": c.name, "image": c.image}} if {
	input.params.require_digest_pinning
	some c in input.container.containers
	not c.pinned_by_digest
	msg := sprintf("container %s runs %s, a mutable tag", [c.name, c.image])
}

deny contains {"msg": msg, "data": {"container": c.name, "read_only_rootfs": false}} if {
	input.params.require_read_only_rootfs
	some c in input.container.containers
	not c.read_only_rootfs
	msg := sprintf("container %s has a writable root filesystem", [c.name])
}

evidence contains {"msg": msg, "data": {"images": {c.name: c.image | some c in input.container.containers}}} if {
	input.container.containers
	msg := sprintf("%d containers run images pinned as required", [count(input.container.containers)])
}
