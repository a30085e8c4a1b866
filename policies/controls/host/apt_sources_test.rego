package vouch.controls.host.apt_sources_test

import data.vouch.controls.host.apt_sources

debian := {"file": "/etc/apt/sources.list.d/debian.sources", "line": 1, "format": "deb822", "types": ["deb"], "uris": ["http://deb.debian.org/debian", "https://deb.debian.org/debian-security/"], "suites": ["bookworm"], "components": ["main"], "enabled": true}

third := {"file": "/etc/apt/sources.list.d/thirdparty.list", "line": 1, "format": "one-line", "types": ["deb"], "uris": ["https://packages.thirdparty.example.com/debian"], "suites": ["bookworm"], "components": ["main"], "enabled": true}

params := {"allowed_repositories": ["deb.debian.org/debian", "deb.debian.org/debian-security", "security.debian.org"]}

doc(sources) := {"host": {"os": {"id": "debian"}, "apt_sources": sources}, "params": params, "errors": {}}

test_official_sources_pass if {
	i := doc([debian])
	apt_sources.deny == set() with input as i
	apt_sources.error == set() with input as i
	apt_sources.skip == set() with input as i
}

test_third_party_source_fails if {
	i := doc([debian, third])
	apt_sources.deny == {{"msg": "APT source https://packages.thirdparty.example.com/debian in /etc/apt/sources.list.d/thirdparty.list:1 is not an allowed repository", "data": third}} with input as i
}

test_disabled_third_party_source_passes if {
	i := doc([debian, object.union(third, {"enabled": false})])
	apt_sources.deny == set() with input as i
}

test_sibling_path_of_an_allowed_prefix_fails if {
	ports := object.union(third, {"uris": ["http://deb.debian.org/debian-ports"]})
	i := doc([ports])
	count(apt_sources.deny) == 1 with input as i
}

test_allowed_third_party_repository_passes if {
	i := object.union(doc([third]), {"params": {"allowed_repositories": ["packages.thirdparty.example.com"]}})
	apt_sources.deny == set() with input as i
}

test_sources_not_collected_errors if {
	i := {"host": {"os": {"id": "debian"}}, "params": params, "errors": {"host.apt_sources": "read /etc/apt: permission denied"}}
	apt_sources.error == {"facts host.apt_sources not collected: read /etc/apt: permission denied"} with input as i
	apt_sources.deny == set() with input as i
}
