package vouch.controls.host.forbidden_packages_test

import data.vouch.controls.host.forbidden_packages

packages := {
	"openssh-server": "1:9.2p1-2+deb12u3",
	"nginx": "1.22.1-9",
}

params := {"forbidden_packages": ["telnetd", "rsh-server", "php*"]}

doc(pkgs) := {"host": {"os": {"id": "debian"}, "packages": pkgs}, "params": params, "errors": {}}

test_no_forbidden_package_passes if {
	i := doc(packages)
	forbidden_packages.deny == set() with input as i
	forbidden_packages.error == set() with input as i
	forbidden_packages.skip == set() with input as i
}

test_telnetd_installed_fails if {
	i := doc(object.union(packages, {"telnetd": "0.17-44"}))
	forbidden_packages.deny == {{"msg": "telnetd 0.17-44 is installed", "data": {"package": "telnetd", "version": "0.17-44"}}} with input as i
}

test_package_matching_a_glob_fails if {
	i := doc(object.union(packages, {"php8.2-fpm": "8.2.20-1~deb12u1"}))
	forbidden_packages.deny == {{"msg": "php8.2-fpm 8.2.20-1~deb12u1 is installed", "data": {"package": "php8.2-fpm", "version": "8.2.20-1~deb12u1"}}} with input as i
}

test_packages_not_collected_errors if {
	i := {"host": {"os": {"id": "debian"}}, "params": params, "errors": {}}
	forbidden_packages.error == {"facts host.packages not collected: no such facts in the document"} with input as i
	forbidden_packages.deny == set() with input as i
}

test_exact_names_match_only_themselves if {
	i := object.union(doc(object.union(packages, {"telnetd": "0.17-44"})), {"params": {"forbidden_packages": ["telnet", "openssh"]}})
	forbidden_packages.deny == set() with input as i
}

test_question_mark_and_class_patterns_match if {
	pkgs := object.union(packages, {"tftpd-hpa": "5.2+20150808-1.4"})
	i := object.union(doc(pkgs), {"params": {"forbidden_packages": ["tftpd-h?a", "ngin[xy]"]}})
	forbidden_packages.deny == {
		{"msg": "tftpd-hpa 5.2+20150808-1.4 is installed", "data": {"package": "tftpd-hpa", "version": "5.2+20150808-1.4"}},
		{"msg": "nginx 1.22.1-9 is installed", "data": {"package": "nginx", "version": "1.22.1-9"}},
	} with input as i
}
