package vouch.controls.sla.monitored_ports_test

import data.vouch.controls.sla.monitored_ports

t(host, port) := {"job": "blackbox", "instance": sprintf("%s:%d", [host, port]), "host": host, "port": port, "health": "up"}

doc(targets, hosts) := {"sla": {"targets": targets}, "errors": {}, "now": "2026-12-01T00:00:00Z", "params": {"monitored_ports": [22, 80, 443], "monitored_hosts": hosts}}

test_every_port_probed_passes if {
	i := doc([t("web1", 22), t("web1", 80), t("web1", 443)], [])
	monitored_ports.deny == set() with input as i
	monitored_ports.error == set() with input as i
}

test_unprobed_port_fails if {
	i := doc([t("web1", 22), t("web1", 80), t("web1", 443), t("web2", 443)], [])
	monitored_ports.deny == {
		{"msg": "web2:22 is not monitored", "data": {"host": "web2", "port": 22}},
		{"msg": "web2:80 is not monitored", "data": {"host": "web2", "port": 80}},
	} with input as i
}

test_listed_host_the_monitoring_ignores_fails if {
	i := doc([t("web1", 22), t("web1", 80), t("web1", 443)], ["web1", "db1"])
	count(monitored_ports.deny) == 3 with input as i
}

test_targets_not_collected_error if {
	i := {"sla": {}, "errors": {"sla.targets": "prometheus /api/v1/targets: context deadline exceeded"}, "now": "2026-12-01T00:00:00Z", "params": {"monitored_ports": [22, 80, 443], "monitored_hosts": []}}
	monitored_ports.error == {"facts sla.targets not collected: prometheus /api/v1/targets: context deadline exceeded"} with input as i
}
