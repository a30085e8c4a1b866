package vouch.controls.sla.frontend_redundancy_test

import data.vouch.controls.sla.frontend_redundancy

t(inst, health) := {"job": "frontend", "instance": inst, "host": split(inst, ":")[0], "port": 443, "health": health}

doc(targets) := {"sla": {"targets": targets}, "errors": {}, "now": "2026-12-01T00:00:00Z", "params": {"frontend_min_healthy": 2, "frontend_pools": ["frontend"]}}

test_two_healthy_frontends_pass if {
	i := doc([t("fe1:443", "up"), t("fe2:443", "up"), t("fe3:443", "down")])
	frontend_redundancy.deny == set() with input as i
	frontend_redundancy.error == set() with input as i
}

test_one_healthy_frontend_fails if {
	i := doc([t("fe1:443", "up"), t("fe2:443", "down")])
	frontend_redundancy.deny == {{"msg": "frontend pool frontend has 1 healthy of 2 instances, below 2", "data": {"pool": "frontend", "healthy": ["fe1:443"], "members": ["fe1:443", "fe2:443"], "min": 2}}} with input as i
}

test_unknown_pool_errors if {
	i := doc([{"job": "api", "instance": "api1:8080", "host": "api1", "port": 8080, "health": "up"}])
	frontend_redundancy.error == {"frontend pool frontend is not among the monitoring targets"} with input as i
}

test_log_source_without_targets_errors if {
	i := {"sla": {"targets": null}, "errors": {"sla.targets": "the availability log names no monitoring targets; SLA-004 and SLA-005 need a Prometheus source"}, "now": "2026-12-01T00:00:00Z", "params": {"frontend_min_healthy": 2, "frontend_pools": ["frontend"]}}
	frontend_redundancy.error == {"facts sla.targets not collected: the availability log names no monitoring targets; SLA-004 and SLA-005 need a Prometheus source"} with input as i
}
