package vouch.lib_test

import data.vouch.lib

test_debian_is_apt_based if {
	lib.apt_based with input as {"host": {"os": {"id": "debian"}}}
}

test_fedora_is_not_apt_based if {
	not lib.apt_based with input as {"host": {"os": {"id": "fedora"}}}
}

test_path_is_under_itself if {
	lib.under("/srv", "/srv")
}

test_path_is_under_its_parent if {
	lib.under("/srv/data/x", "/srv/")
}

test_sibling_with_common_prefix_is_not_under if {
	not lib.under("/srvx", "/srv")
}

test_every_absolute_path_is_under_root if {
	lib.under("/var/tmp", "/")
}

test_mount_for_picks_the_longest_mount_point if {
	lib.mount_for("/srv/data/db", ["/", "/srv", "/srv/data", "/srv/database"]) == "/srv/data"
}

test_mount_for_falls_back_to_root if {
	lib.mount_for("/opt/app", ["/", "/srv"]) == "/"
}

test_under_any_matches_the_directory_or_below if {
	lib.under_any("/etc", ["/srv", "/etc"])
	lib.under_any("/etc/ssl/key.pem", ["/srv", "/etc/"])
	lib.under_any("/srv/app", ["/"])
	not lib.under_any("/etcetera/x", ["/etc"])
	not lib.under_any("/etc", ["/etc/"])
	not lib.under_any("/opt/x", [])
}

test_mount_for_is_undefined_without_a_containing_mount if {
	not lib.mount_for("/opt/app", ["/srv"])
}

test_modes_are_read_from_their_last_two_digits if {
	lib.group_or_other_writable("0620")
	lib.group_or_other_writable("0603")
	lib.group_or_other_writable("2")
	not lib.group_or_other_writable("0744")
	not lib.group_or_other_writable("0200")
	not lib.group_or_other_readable("0700")
	lib.group_or_other_readable("4")
}

test_mode_4_is_other_readable_only if {
	lib.other_readable("4")
	not lib.group_readable("4")
}

test_mode_0600_is_private if {
	not lib.group_or_other_readable("0600")
}

test_mode_0640_is_group_readable if {
	lib.group_or_other_readable("0640")
}

test_mode_0604_is_other_readable if {
	lib.group_or_other_readable("0604")
}

test_sysctl_values_compare_as_collapsed_strings if {
	lib.sysctl_value(2) == "2"
	lib.sysctl_value(" 4096\t 87380 ") == "4096 87380"
	lib.sysctl_value("4096  87380") == "4096 87380"
}

test_logrotate_glob_covers_a_log_file if {
	lib.logrotate_covers("/var/log/app/*.log", "/var/log/app/app.log")
}

test_logrotate_glob_does_not_cross_directories if {
	not lib.logrotate_covers("/var/log/*.log", "/var/log/app/app.log")
}

test_logrotate_exact_path_covers_itself if {
	lib.logrotate_covers("/var/log/app/[worker].log", "/var/log/app/[worker].log")
}
