package vouch.lib

# apt_based holds when the target's OS is Debian or a derivative that uses APT
# and dpkg (os-release ID).
apt_based if input.host.os.id in apt_distributions

apt_distributions := {
	"debian", "ubuntu", "raspbian", "linuxmint", "pop", "kali",
	"devuan", "elementary", "zorin", "neon", "pureos", "parrot",
}

# under holds when path is dir or lies below it ("/" contains every path).
under(path, dir) if path == dir

under(path, dir) if {
	dir != "/"
	startswith(path, concat("", [trim_suffix(dir, "/"), "/"]))
}

under(path, "/") if startswith(path, "/")

# mount_for is the longest mount point in points that contains path: the
# filesystem a file at path is stored on. Undefined when none does.
mount_for(path, points) := max({m |
	some m in points
	under(path, m)
}) if {
	some m in points
	under(path, m)
}

# octal is the integer value of a string of octal digits such as "0640".
octal(s) := sum(values) if {
	digits := split(s, "")
	n := count(digits)
	values := [v | some i, d in digits; v := to_number(d) * bits.lsh(1, 3 * ((n - 1) - i))]
}

# group_or_other_readable holds when a file mode (octal string) lets the group
# or others read the file.
group_or_other_readable(mode) if bits.and(octal(mode), 36) != 0

# sysctl_value is a kernel parameter value as a string with whitespace
# collapsed, so "1", 1 and " 1 " compare equal.
sysctl_value(v) := concat(" ", [w | some w in regex.split(`\s+`, trim_space(sprintf("%v", [v]))); w != ""])

# logrotate_covers holds when a logrotate pattern (a path or glob as written)
# names path.
logrotate_covers(pattern, path) if pattern == path

logrotate_covers(pattern, path) if glob.match(pattern, ["/"], path)
