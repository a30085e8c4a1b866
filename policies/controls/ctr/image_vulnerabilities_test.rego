package vouch.controls.ctr.image_vulnerabilities_test

import data.vouch.controls.ctr.image_vulnerabilities

params := {"max_vuln_severity": "high", "vuln_db_max_age_days": 2}

db := {"path": "/srv/trivy", "updated_at": "2026-11-19T06:00:00Z", "schema": 2}

doc(images, vdb) := {"container": {"engine": {"installed": true}, "images": images, "vuln_db": vdb}, "now": "2026-11-20T12:00:00Z", "params": params, "errors": {}}

low := {"id": "CVE-2026-0002", "package": "libssl3", "installed_version": "3.0.11-1", "fixed_version": "3.0.12-1", "severity": "low"}

crit := {"id": "CVE-2026-0001", "package": "libssl3", "installed_version": "3.0.11-1", "fixed_version": "3.0.15-1", "severity": "critical"}

test_only_low_findings_pass if {
	i := doc({"sha256:a": {"refs": ["api:1"], "vulnerabilities": [low]}}, db)
	image_vulnerabilities.deny == set() with input as i
	image_vulnerabilities.error == set() with input as i
}

test_critical_finding_fails if {
	i := doc({"sha256:a": {"refs": ["api:1"], "vulnerabilities": [low, crit]}}, db)
	image_vulnerabilities.deny == {{"msg": "image sha256:a has 1 findings at or above high: CVE-2026-0001", "data": {"image": "sha256:a", "refs": ["api:1"], "findings": [crit]}}} with input as i
}

test_stale_database_errors if {
	i := doc({"sha256:a": {"refs": [], "vulnerabilities": []}}, object.union(db, {"updated_at": "2026-11-01T00:00:00Z"}))
	image_vulnerabilities.error == {"vulnerability database /srv/trivy was updated 2026-11-01T00:00:00Z, 19 days ago, over the limit of 2"} with input as i
	image_vulnerabilities.deny == set() with input as i
}

test_missing_database_errors if {
	i := {"container": {"engine": {"installed": true}, "images": {}}, "now": "2026-11-20T12:00:00Z", "params": params, "errors": {"container.vuln_db": "no vulnerability database: no directory given (--vuln-db DIR or vuln_db in vouch.yaml)"}}
	image_vulnerabilities.error == {"facts container.vuln_db not collected: no vulnerability database: no directory given (--vuln-db DIR or vuln_db in vouch.yaml)"} with input as i
}

test_image_not_matched_errors if {
	i := doc({"sha256:a": {"refs": [], "vulnerabilities": null, "vuln_error": "no os-release in the image; its distribution is unknown"}}, db)
	image_vulnerabilities.error == {"image sha256:a not matched: no os-release in the image; its distribution is unknown"} with input as i
}
