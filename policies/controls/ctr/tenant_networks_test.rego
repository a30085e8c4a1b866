package vouch.controls.ctr.tenant_networks_test

import data.vouch.controls.ctr.tenant_networks

ctr(name, tenant) := {"name": name, "labels": {"vouch.tenant": tenant}}

doc(cs, nets) := {"container": {"engine": {"installed": true}, "containers": cs, "networks": nets}, "params": {"tenant_label": "vouch.tenant"}, "errors": {}}

test_one_network_per_tenant_passes if {
	i := doc([ctr("a-api", "a"), ctr("b-api", "b")], [{"name": "net-a", "members": ["a-api"]}, {"name": "net-b", "members": ["b-api"]}])
	tenant_networks.deny == set() with input as i
	tenant_networks.error == set() with input as i
}

test_two_tenants_on_one_network_fail if {
	i := doc([ctr("a-api", "a"), ctr("b-api", "b"), {"name": "proxy", "labels": {}}], [{"name": "shared", "members": ["a-api", "b-api", "proxy"]}])
	tenant_networks.deny == {{"msg": "network shared joins containers of tenants a, b", "data": {"network": "shared", "tenants": ["a", "b"], "members": ["a-api", "b-api", "proxy"]}}} with input as i
}

test_host_network_is_not_a_shared_network if {
	i := doc([ctr("a-api", "a"), ctr("b-api", "b")], [{"name": "host", "members": ["a-api", "b-api"]}])
	tenant_networks.deny == set() with input as i
}

test_networks_not_collected_errors if {
	i := {"container": {"engine": {"installed": true}, "containers": []}, "params": {"tenant_label": "vouch.tenant"}, "errors": {"container.networks": "list networks: permission denied"}}
	tenant_networks.error == {"facts container.networks not collected: list networks: permission denied"} with input as i
}
