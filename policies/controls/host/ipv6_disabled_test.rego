package vouch.controls.host.ipv6_disabled_test

import data.vouch.controls.host.ipv6_disabled

all := "net.ipv6.conf.all.disable_ipv6"

default_key := "net.ipv6.conf.default.disable_ipv6"

persisted := {
	all: {"value": "1", "file": "/etc/sysctl.d/70-disable-ipv6.conf", "line": 2},
	default_key: {"value": "1", "file": "/etc/sysctl.d/70-disable-ipv6.conf", "line": 3},
}

doc(runtime, persist, allowed) := {
	"host": {"sysctl": {"runtime": runtime, "persisted": persist}},
	"params": {"ipv6_allowed": allowed},
	"errors": {},
}

test_ipv6_disabled_and_persisted_passes if {
	i := doc({all: "1", default_key: "1"}, persisted, false)
	ipv6_disabled.deny == set() with input as i
	ipv6_disabled.error == set() with input as i
	{s | some s in ipv6_disabled.skip} == set() with input as i
	count(ipv6_disabled.evidence) == 2 with input as i
}

test_ipv6_enabled_at_runtime_fails if {
	i := doc({all: "0", default_key: "1"}, persisted, false)
	ipv6_disabled.deny == {{
		"msg": "net.ipv6.conf.all.disable_ipv6 is 0 at runtime",
		"data": {"key": all, "runtime": "0"},
	}} with input as i
}

test_ipv6_enabled_and_not_persisted_fails_per_key if {
	i := doc({all: "0", default_key: "0"}, {}, false)
	msgs := {d.msg | some d in ipv6_disabled.deny} with input as i
	msgs == {
		"net.ipv6.conf.all.disable_ipv6 is 0 at runtime",
		"net.ipv6.conf.default.disable_ipv6 is 0 at runtime",
		"net.ipv6.conf.all.disable_ipv6 = 1 is not persisted in the sysctl configuration",
		"net.ipv6.conf.default.disable_ipv6 = 1 is not persisted in the sysctl configuration",
	}
}

test_disabled_at_runtime_but_not_persisted_fails if {
	i := doc({all: "1", default_key: "1"}, object.remove(persisted, [default_key]), false)
	ipv6_disabled.deny == {{
		"msg": "net.ipv6.conf.default.disable_ipv6 = 1 is not persisted in the sysctl configuration",
		"data": {"key": default_key, "persisted": null},
	}} with input as i
}

test_persisted_as_zero_fails if {
	p := object.union(persisted, {all: {"value": "0", "file": "/etc/sysctl.conf", "line": 7}})
	i := doc({all: "1", default_key: "1"}, p, false)
	ipv6_disabled.deny == {{
		"msg": "net.ipv6.conf.all.disable_ipv6 is persisted as 0 in /etc/sysctl.conf:7",
		"data": {"key": all, "persisted": {"value": "0", "file": "/etc/sysctl.conf", "line": 7}},
	}} with input as i
}

test_ipv6_enabled_but_allowed_by_param_passes if {
	i := doc({all: "0", default_key: "0"}, {}, true)
	ipv6_disabled.deny == set() with input as i
	ipv6_disabled.error == set() with input as i
	ipv6_disabled.evidence == {{"msg": "IPv6 is allowed by the ipv6_allowed parameter", "data": {"ipv6_allowed": true}}} with input as i
}

test_kernel_without_ipv6_passes if {
	i := doc({"kernel.randomize_va_space": "2"}, {}, false)
	ipv6_disabled.deny == set() with input as i
	ipv6_disabled.error == set() with input as i
}

test_key_not_collected_on_an_ipv6_kernel_errors if {
	i := doc({default_key: "1"}, persisted, false)
	ipv6_disabled.error == {"net.ipv6.conf.all.disable_ipv6 was not collected at runtime although the kernel has IPv6"} with input as i
	ipv6_disabled.deny == set() with input as i
}

test_sysctl_not_collected_errors if {
	i := {"host": {}, "params": {"ipv6_allowed": false}, "errors": {"host.sysctl": "read /proc/sys: permission denied"}}
	ipv6_disabled.error == {"facts host.sysctl not collected: read /proc/sys: permission denied"} with input as i
	ipv6_disabled.deny == set() with input as i
}
