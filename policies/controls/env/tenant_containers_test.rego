package vouch.controls.env.tenant_containers_test

import data.vouch.controls.env.tenant_containers

params := {"tenants": [], "tenant_roles": ["api", "redis"], "tenant_label": "vouch.tenant", "role_label": "vouch.role"}

ctr(name, tenant, role) := {"name": name, "labels": {"vouch.tenant": tenant, "vouch.role": role}}

doc(cs, p) := {"container": {"engine": {"installed": true}, "containers": cs}, "params": p, "errors": {}}

test_every_tenant_with_its_own_set_passes if {
	i := doc([ctr("a-api", "a", "api"), ctr("a-cache", "a", "redis"), ctr("b-api", "b", "api"), ctr("b-cache", "b", "redis")], params)
	tenant_containers.deny == set() with input as i
	tenant_containers.error == set() with input as i
	tenant_containers.skip == set() with input as i
}

test_tenant_missing_a_role_and_a_shared_cache_fail if {
	i := doc([ctr("a-api", "a", "api"), ctr("b-api", "b", "api"), ctr("cache", "a,b", "redis")], params)
	tenant_containers.deny == {
		{"msg": "container cache is shared by tenants a,b", "data": {"container": "cache", "tenants": "a,b"}},
		{"msg": "tenant a has no redis container of its own", "data": {"tenant": "a", "role": "redis"}},
		{"msg": "tenant b has no redis container of its own", "data": {"tenant": "b", "role": "redis"}},
	} with input as i
}

test_listed_tenant_without_containers_fails if {
	i := doc([ctr("a-api", "a", "api"), ctr("a-cache", "a", "redis"), {"name": "cache", "labels": {"vouch.role": "redis"}}], object.union(params, {"tenants": ["a", "c"]}))
	tenant_containers.deny == {
		{"msg": "container cache (role redis) belongs to no tenant", "data": {"container": "cache", "role": "redis"}},
		{"msg": "tenant c has no api container of its own", "data": {"tenant": "c", "role": "api"}},
		{"msg": "tenant c has no redis container of its own", "data": {"tenant": "c", "role": "redis"}},
	} with input as i
}

test_containers_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}}, "params": params, "errors": {"container.containers": "no docker engine recorded under /.vouch/docker"}}
	tenant_containers.error == {"facts container.containers not collected: no docker engine recorded under /.vouch/docker"} with input as i
}
