package vouch.controls.host.kernel_sysctls_test

import data.vouch.controls.host.kernel_sysctls

params := {"kernel_sysctls": {"kernel.randomize_va_space": "2", "net.ipv4.tcp_syncookies": 1}}

persisted := {
	"kernel.randomize_va_space": {"value": "2", "file": "/etc/sysctl.d/60-hardening.conf", "line": 2},
	"net.ipv4.tcp_syncookies": {"value": "1", "file": "/etc/sysctl.d/60-hardening.conf", "line": 6},
}

doc(runtime, persist) := {"host": {"sysctl": {"runtime": runtime, "persisted": persist}}, "params": params, "errors": {}}

test_values_set_and_persisted_pass if {
	i := doc({"kernel.randomize_va_space": "2", "net.ipv4.tcp_syncookies": "1"}, persisted)
	kernel_sysctls.deny == set() with input as i
	kernel_sysctls.error == set() with input as i
	{s | some s in kernel_sysctls.skip} == set() with input as i
	count(kernel_sysctls.evidence) == 2 with input as i
}

test_runtime_value_off_fails if {
	i := doc({"kernel.randomize_va_space": "1", "net.ipv4.tcp_syncookies": "1"}, persisted)
	kernel_sysctls.deny == {{"msg": "kernel.randomize_va_space is 1 at runtime, expected 2", "data": {"key": "kernel.randomize_va_space", "expected": "2", "runtime": "1"}}} with input as i
}

test_value_not_persisted_fails if {
	i := doc({"kernel.randomize_va_space": "2", "net.ipv4.tcp_syncookies": "1"}, object.remove(persisted, ["net.ipv4.tcp_syncookies"]))
	kernel_sysctls.deny == {{"msg": "net.ipv4.tcp_syncookies = 1 is not persisted in the sysctl configuration", "data": {"key": "net.ipv4.tcp_syncookies", "expected": "1", "persisted": null}}} with input as i
}

test_value_persisted_wrong_fails if {
	p := object.union(persisted, {"kernel.randomize_va_space": {"value": "0", "file": "/etc/sysctl.conf", "line": 3}})
	i := doc({"kernel.randomize_va_space": "2", "net.ipv4.tcp_syncookies": "1"}, p)
	kernel_sysctls.deny == {{"msg": "kernel.randomize_va_space is persisted as 0 in /etc/sysctl.conf:3, expected 2", "data": {"key": "kernel.randomize_va_space", "expected": "2", "persisted": {"value": "0", "file": "/etc/sysctl.conf", "line": 3}}}} with input as i
}

test_key_not_collected_errors if {
	i := doc({"kernel.randomize_va_space": "2"}, persisted)
	kernel_sysctls.error == {"net.ipv4.tcp_syncookies was not collected at runtime"} with input as i
}

test_sysctl_not_collected_errors if {
	i := {"host": {}, "params": params, "errors": {}}
	kernel_sysctls.error == {"facts host.sysctl not collected: no such facts in the document"} with input as i
	kernel_sysctls.deny == set() with input as i
}
