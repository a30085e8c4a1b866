# METADATA
# title: Packages come only from official repositories
# description: >-
#   Every enabled APT source (one-line .list and deb822 .sources files) must point
#   at an allowed repository, so software origin is the distribution's signed
#   archive or a repository the company chose explicitly.
# custom:
#   id: HOST-005
#   severity: medium
#   claim: "The origin of services is verified on strictly official repositories maintained by the publishers"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#   facts: [host.os, host.apt_sources]
#   parameters:
#     allowed_repositories:
#       type: array
#       default:
#         - deb.debian.org/debian
#         - deb.debian.org/debian-security
#         - security.debian.org
#         - archive.ubuntu.com/ubuntu
#         - security.ubuntu.com/ubuntu
#         - ports.ubuntu.com/ubuntu-ports
#       description: >-
#         Repository URI prefixes or host names. The scheme is optional and http/https
#         are treated alike; a source is allowed when its URI equals an entry or
#         continues it with a slash (deb.debian.org/debian allows
#         http://deb.debian.org/debian/ but not deb.debian.org/debian-ports).
#   remediation: >-
#     Remove or disable the source (Enabled: no in deb822 files), or add the repository to
#     allowed_repositories once its publisher is approved.
package vouch.controls.host.apt_sources

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.os"})

error contains msg if {
	lib.apt_based
	some msg in lib.missing({"host.apt_sources"})
}

skip contains msg if {
	input.host.os
	not lib.apt_based
	msg := sprintf("%s does not use APT: repositories are not checked", [input.host.os.id])
}

# bare drops the scheme and trailing slashes: http://deb.debian.org/debian/ ->
# deb.debian.org/debian.
bare(uri) := trim_right(regex.replace(lower(uri), `^[a-z0-9+.-]+://`, ""), "/")

# allowed_paths are the allowed repositories as paths: "/deb.debian.org/debian".
allowed_paths := {concat("", ["/", bare(entry)]) | some entry in input.params.allowed_repositories}

allowed(uri) if lib.under_any(concat("", ["/", bare(uri)]), allowed_paths)

deny contains {"msg": msg, "data": s} if {
	lib.apt_based
	some s in input.host.apt_sources
	s.enabled
	some uri in s.uris
	not allowed(uri)
	msg := sprintf("APT source %s in %s:%d is not an allowed repository", [uri, s.file, s.line])
}

evidence contains {"msg": msg, "data": {"uris": uris}} if {
	lib.apt_based
	uris := {uri | some s in input.host.apt_sources; s.enabled; some uri in s.uris}
	msg := sprintf("%d enabled APT repositories, all allowed", [count(uris)])
}
