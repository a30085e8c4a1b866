package vouch.controls.ssh.port_test

import data.vouch.controls.ssh.port
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in port.deny} with input as i
}

test_port_22_passes if {
	port.deny == set() with input as fx.local
	port.error == set() with input as fx.local
}

test_other_port_fails if {
	i := fx.configured({"port": ["2222"], "listenaddress": ["0.0.0.0:2222"]})
	msgs(i) == {"sshd is configured to listen on port 2222, not 22"}
}

test_custom_port_required_and_default_port_fails if {
	i := object.union(fx.local, {"params": {"ssh_port": 2222}})
	msgs(i) == {"sshd is configured to listen on port 22, not 2222"}
}

test_listen_address_with_its_own_port_fails if {
	i := fx.configured({"listenaddress": ["0.0.0.0:22", "[::1]:2200"]})
	msgs(i) == {"sshd is configured to listen on port 2200, not 22"}
}

test_endpoint_on_other_port_fails if {
	i := fx.remote_probed({"address": "127.0.0.1:2222"})
	msgs(i) == {"sshd answers on 127.0.0.1:2222, not on port 22"}
	port.error == set() with input as i
}

test_missing_config_errors if {
	port.error == {"facts ssh.config not collected: run sshd -T: exit code 255"} with input as fx.missing
}

test_endpoint_without_probe_errors if {
	i := object.union(fx.remote, {"ssh": {"endpoints": null}, "errors": {"ssh.endpoints": "probe ssh 127.0.0.1:22: dial: connection refused"}})
	port.error == {"facts ssh.endpoints not collected: probe ssh 127.0.0.1:22: dial: connection refused"} with input as i
}

test_machine_without_sshd_is_skipped if {
	port.skip == {"sshd is not installed: no /etc/ssh/sshd_config, no sshd program and no openssh-server package"} with input as fx.absent
	port.error == set() with input as fx.absent
	port.deny == set() with input as fx.absent
}
