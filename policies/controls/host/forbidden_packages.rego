# METADATA
# title: No unneeded or insecure network services are installed
# description: >-
#   A minimal installation has fewer services that could hold vulnerabilities.
#   The control fails for each installed Debian package that matches the
#   forbidden list: clear-text remote login and file transfer daemons, inetd
#   super-servers and NIS by default.
# custom:
#   id: HOST-006
#   severity: medium
#   claim: "we do not install components that are not useful for technical management, operational maintenance or hosted applications"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: MAIN SERVER PROTECTION
#     - doc: 003_7131057a99cca39e.txt
#       section: System Security
#   facts: [host.os, host.packages]
#   parameters:
#     forbidden_packages:
#       type: array
#       default:
#         - telnetd
#         - inetutils-telnetd
#         - telnetd-ssl
#         - rsh-server
#         - rsh-redone-server
#         - inetutils-ftpd
#         - tftpd
#         - tftpd-hpa
#         - atftpd
#         - xinetd
#         - openbsd-inetd
#         - nis
#         - talkd
#         - inetutils-talkd
#       description: Debian package names, or glob patterns such as php* or mysql-server*.
#   remediation: apt-get purge the package, and add what still needs it to the documented exceptions.
package vouch.controls.host.forbidden_packages

import data.vouch.lib

error contains msg if some msg in lib.missing({"host.os"})

error contains msg if {
	lib.apt_based
	some msg in lib.missing({"host.packages"})
}

skip contains msg if {
	input.host.os
	not lib.apt_based
	msg := sprintf("%s does not use dpkg: installed packages are not checked", [input.host.os.id])
}

# A name without glob syntax is looked up; only patterns are matched against
# every installed package (a host has hundreds).
patterns := {entry |
	some entry in input.params.forbidden_packages
	regex.match(`[*?\[{\\]`, entry)
}

installed contains name if {
	some name in input.params.forbidden_packages
	not name in patterns
	input.host.packages[name]
}

installed contains name if {
	some pattern in patterns
	some name, _ in input.host.packages
	glob.match(pattern, null, name)
}

deny contains {"msg": msg, "data": {"package": name, "version": version}} if {
	lib.apt_based
	some name in installed
	version := input.host.packages[name]
	msg := sprintf("%s %s is installed", [name, version])
}

evidence contains {"msg": msg, "data": {"forbidden_packages": input.params.forbidden_packages}} if {
	lib.apt_based
	input.host.packages
	msg := sprintf("none of %d forbidden packages is installed (%d packages checked)", [count(input.params.forbidden_packages), count(input.host.packages)])
}
