package vouch.lib

# apt_based holds when the target's OS is Debian or a derivative that uses APT
# and dpkg (os-release ID).
apt_based if input.host.os.id in apt_distributions

apt_distributions := {
	"debian", "ubuntu", "raspbian", "linuxmint", "pop", "kali",
	"devuan", "elementary", "zorin", "neon", "pureos", "parrot",
}

# under holds when path is dir or lies below it ("/" contains every path:
# without its trailing slash it is the empty prefix).
under(path, dir) if path == dir

under(path, dir) if startswith(path, concat("", [trim_suffix(dir, "/"), "/"]))

# under_any holds when path is one of dirs or lies below one of them: under
# for a list of directories at the cost of one prefix search.
under_any(path, dirs) if path in dirs

under_any(path, dirs) if strings.any_prefix_match(path, dir_prefixes(dirs))

# dir_prefixes are directories as the prefixes of the paths below them: "/etc"
# and "/etc/" give "/etc/", and "/" stays "/".
dir_prefixes(dirs) := {concat("", [trim_suffix(d, "/"), "/"]) | some d in dirs}

# mount_for is the longest mount point in points that contains path: the
# filesystem a file at path is stored on. Undefined when none does.
mount_for(path, points) := max({m |
	some m in points
	under(path, m)
}) if {
	some m in points
	under(path, m)
}

# group_readable and other_readable hold when a file mode (octal string such
# as "0640") lets the group, or others, read the file: its group or other
# digit is 4 to 7.
group_readable(mode) if regex.match(`[4-7].$`, mode)

other_readable(mode) if regex.match(`[4-7]$`, mode)

# group_or_other_readable and group_or_other_writable hold when a file mode
# lets the group or others read (digit 4 to 7), or write (2, 3, 6 or 7), the
# file: one of its last two digits says so.
group_or_other_readable(mode) if regex.match(`[4-7].?$`, mode)

group_or_other_writable(mode) if regex.match(`[2367].?$`, mode)

# sysctl_value is a kernel parameter value as a string with whitespace
# collapsed, so "1", 1 and " 1 " compare equal.
sysctl_value(v) := regex.replace(trim_space(sprintf("%v", [v])), `\s+`, " ")

# logrotate_covers holds when a logrotate pattern (a path or glob as written)
# names path.
logrotate_covers(pattern, path) if pattern == path

logrotate_covers(pattern, path) if glob.match(pattern, ["/"], path)
