package vouch.controls.ssh.weak_algorithms_test

import data.vouch.controls.ssh.weak_algorithms
import data.vouch.lib.ssh_test as fx

msgs(i) := m if {
	m := {d.msg | some d in weak_algorithms.deny} with input as i
}

test_modern_algorithms_pass if {
	weak_algorithms.deny == set() with input as fx.local
	weak_algorithms.error == set() with input as fx.local
}

test_cbc_ciphers_and_sha1_macs_fail if {
	i := fx.remote_probed({
		"ciphers": ["aes256-ctr", "aes128-cbc", "3des-cbc"],
		"macs": ["hmac-sha2-256", "hmac-sha1", "hmac-sha1-96", "hmac-md5-etm@openssh.com"],
	})
	msgs(i) == {
		"127.0.0.1:22 offers the weak cipher aes128-cbc",
		"127.0.0.1:22 offers the weak cipher 3des-cbc",
		"127.0.0.1:22 offers the weak MAC hmac-sha1",
		"127.0.0.1:22 offers the weak MAC hmac-sha1-96",
		"127.0.0.1:22 offers the weak MAC hmac-md5-etm@openssh.com",
	}
}

test_sha1_kex_and_dss_fail if {
	i := fx.probed({"kex_algorithms": ["curve25519-sha256", "diffie-hellman-group14-sha1"], "host_key_algorithms": ["ssh-ed25519", "ssh-dss"]})
	msgs(i) == {"127.0.0.1:22 offers the weak key exchange diffie-hellman-group14-sha1", "127.0.0.1:22 offers the weak host key algorithm ssh-dss"}
}

test_client_to_server_list_is_judged_too if {
	i := fx.probed({"ciphers_client_to_server": ["arcfour256"]})
	msgs(i) == {"127.0.0.1:22 offers the weak cipher arcfour256"}
}

test_patterns_do_not_stop_at_dots if {
	i := fx.probed({"ciphers": ["rijndael-cbc@lysator.liu.se"]})
	msgs(i) == {"127.0.0.1:22 offers the weak cipher rijndael-cbc@lysator.liu.se"}
}

test_dir_target_is_skipped if {
	count(weak_algorithms.skip) == 1 with input as fx.dir
	weak_algorithms.error == set() with input as fx.dir
}

test_missing_probe_errors if {
	weak_algorithms.error == {"facts ssh.endpoints not collected: probe ssh 127.0.0.1:22: read banner: timeout"} with input as fx.missing
}
