package vouch.controls.ctr.immutable_images_test

import data.vouch.controls.ctr.immutable_images

digest := "registry.example/api@sha256:0d5b8c1f2c8a4d1a6e5f7a9b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"

doc(cs, ro) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": {"require_digest_pinning": true, "require_read_only_rootfs": ro}, "errors": {}}

test_container_started_by_digest_passes if {
	i := doc([{"name": "api", "image": digest, "pinned_by_digest": true, "read_only_rootfs": false}], false)
	immutable_images.deny == set() with input as i
	immutable_images.error == set() with input as i
}

test_container_started_by_tag_fails if {
	i := doc([{"name": "api", "image": "api:latest", "pinned_by_digest": false, "read_only_rootfs": true}], true)
	immutable_images.deny == {{"msg": "container api runs api:latest, a mutable tag", "data": {"container": "api", "image": "api:latest"}}} with input as i
}

test_writable_root_fails_when_read_only_is_required if {
	i := doc([{"name": "api", "image": digest, "pinned_by_digest": true, "read_only_rootfs": false}], true)
	immutable_images.deny == {{"msg": "container api has a writable root filesystem", "data": {"container": "api", "read_only_rootfs": false}}} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": {"require_digest_pinning": true, "require_read_only_rootfs": false}, "errors": {}}
	immutable_images.error == {"facts container.containers not collected: no such facts in the document"} with input as i
}
