# METADATA
# title: Images carry no known vulnerability at or above the limit
# description: >-
#   The packages installed in each image are matched against an offline
#   vulnerability database (Trivy's, read from a local directory). The control
#   fails per image with findings at or above the severity limit, and errors
#   when the database is missing, older than allowed, or an image could not be
#   matched.
# custom:
#   id: CTR-011
#   severity: high
#   claim: "vulnerability scans ... lack of security updates"
#   sources:
#     - doc: 001_41dbe4511b098bb1.txt
#       section: Vulnerability Scans
#   facts: [container.images, container.vuln_db]
#   parameters:
#     max_vuln_severity:
#       type: string
#       default: high
#       description: Findings at or above this severity (critical, high, medium, low) fail.
#     vuln_db_max_age_days:
#       type: integer
#       default: 2
#       description: Oldest acceptable vulnerability database, by its UpdatedAt.
#   remediation: Rebuild the image on an updated base and redeploy; refresh the database (trivy image --download-db-only) before the audit.
package vouch.controls.ctr.image_vulnerabilities

import data.vouch.lib

error contains msg if some msg in lib.ctr_images_missing({"container.images", "container.vuln_db"})

error contains msg if {
	age := lib.days_since(input.container.vuln_db.updated_at)
	age > input.params.vuln_db_max_age_days
	msg := sprintf("vulnerability database %s was updated %s, %d days ago, over the limit of %d", [input.container.vuln_db.path, input.container.vuln_db.updated_at, age, input.params.vuln_db_max_age_days])
}

error contains msg if {
	input.container.vuln_db
	some id, im in input.container.images
	im.vuln_error
	msg := sprintf("image %s not matched: %s", [id, im.vuln_error])
}

skip contains msg if some msg in lib.ctr_images_skip

limit := lib.severity_rank[lower(input.params.max_vuln_severity)]

deny contains {"msg": msg, "data": {"image": id, "refs": im.refs, "findings": found}} if {
	some id, im in input.container.images
	found := [v |
		some v in im.vulnerabilities
		object.get(lib.severity_rank, v.severity, 0) >= limit
	]
	count(found) > 0
	ids := sort({v.id | some v in found})
	msg := sprintf("image %s has %d findings at or above %s: %s", [id, count(found), input.params.max_vuln_severity, concat(", ", ids)])
}

evidence contains {"msg": msg, "data": {"vuln_db": input.container.vuln_db}} if {
	input.container.vuln_db
	input.container.images
	msg := sprintf("%d images matched against the database of %s", [count(input.container.images), input.container.vuln_db.updated_at])
}
