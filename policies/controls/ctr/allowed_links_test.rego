package vouch.controls.ctr.allowed_links_test

import data.vouch.controls.ctr.allowed_links

ctr(name, role) := {"name": name, "labels": {"vouch.role": role}}

params := {"allowed_links": ["api-redis", "api-mongodb"], "role_label": "vouch.role"}

doc(nets) := {"container": {"engine": {"installed": true}, "containers": [ctr("api", "api"), ctr("cache", "redis"), ctr("db", "mongodb"), {"name": "sidecar", "labels": {}}], "networks": nets}, "params": params, "errors": {}}

test_api_with_each_store_on_its_own_network_passes if {
	i := doc([{"name": "cache-net", "members": ["api", "cache", "sidecar"]}, {"name": "db-net", "members": ["api", "db"]}])
	allowed_links.deny == set() with input as i
	allowed_links.error == set() with input as i
}

test_redis_and_mongodb_on_one_network_fail if {
	i := doc([{"name": "backend", "members": ["api", "cache", "db"]}])
	allowed_links.deny == {{"msg": "containers cache (redis) and db (mongodb) share network backend; link redis-mongodb is not allowed", "data": {"containers": ["cache", "db"], "roles": ["redis", "mongodb"], "networks": ["backend"]}}} with input as i
}

test_networks_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {}}
	allowed_links.error == {"facts container.containers not collected: no such facts in the document", "facts container.networks not collected: no such facts in the document"} with input as i
}
