package vouch.lib_test

import data.vouch.lib

test_missing_names_recorded_reason if {
	lib.missing({"host.shadow"}) == {"facts host.shadow not collected: open /etc/shadow: permission denied"} with input as {"errors": {"host.shadow": "open /etc/shadow: permission denied"}}
}

test_missing_without_reason if {
	lib.missing({"host.sysctl"}) == {"facts host.sysctl not collected: no such facts in the document"} with input as {"errors": {}}
}

test_present_fact_is_not_missing if {
	count(lib.missing({"host.sysctl"})) == 0 with input as {"host": {"sysctl": {"runtime": {}}}, "errors": {}}
}

test_empty_list_is_present if {
	count(lib.missing({"host.mounts"})) == 0 with input as {"host": {"mounts": []}, "errors": {}}
}

test_days_since if {
	lib.days_since("2026-11-10T12:00:00Z") == 10 with input as {"now": "2026-11-20T13:00:00Z"}
}
