package vouch.lib_test

import data.vouch.lib

test_no_engine_suppresses_missing_facts if {
	lib.ctr_missing({"container.containers"}) == set() with input as {"container": {"engine": {"installed": false}}, "errors": {}}
	lib.ctr_skip == {"no container engine on this host"} with input as {"container": {"engine": {"installed": false}}, "errors": {}}
}

test_unreachable_engine_reports_missing_facts if {
	i := {"container": {"engine": {"installed": true, "reachable": false}}, "errors": {"container.containers": "permission denied"}}
	lib.ctr_missing({"container.containers"}) == {"facts container.containers not collected: permission denied"} with input as i
	lib.ctr_skip == set() with input as i
}

test_label_defaults_to_empty if {
	lib.ctr_label({"labels": {"a": "b"}}, "x") == ""
	lib.ctr_label({"labels": {"a": "b"}}, "a") == "b"
}

test_image_archives_are_judged_without_an_engine if {
	i := {"container": {"engine": {"installed": false}, "images": {"sha256:a": {}}}, "errors": {}}
	lib.ctr_images_skip == set() with input as i
	lib.ctr_images_missing({"container.vuln_db"}) == {"facts container.vuln_db not collected: no such facts in the document"} with input as i
}
