# METADATA
# title: The endpoint's SSL Labs grade is at least the minimum
# description: >-
#   vouch grades the endpoint by the published SSL Labs rating rules (score
#   from protocol, key exchange and cipher strength, then the caps to F, C,
#   B, A-, T and M, and A+ with HSTS; see scanners/tls/GRADING.md). T (not
#   trusted) and M (name mismatch) are below every letter.
# custom:
#   id: TLS-007
#   severity: medium
#   claim: "Grade A SSL ratings at all times; You can audit this by checking our SSL-Labs test results"
#   sources:
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#     - doc: 000_43fc48adc9aaf829.txt
#       section: System Security / OS Hardening
#   facts: [tls.grade]
#   parameters:
#     min_grade:
#       type: string
#       default: A
#       description: Lowest grade allowed, one of A+, A, A-, B, C, D, E, F.
#   remediation: Fix each cap the grade lists (the reasons name the version, suite or certificate), then re-scan.
package vouch.controls.tls.grade

import data.vouch.lib

rank := {"A+": 8, "A": 7, "A-": 6, "B": 5, "C": 4, "D": 3, "E": 2, "F": 1, "T": 0, "M": 0}

g := input.tls.grade

error contains msg if some msg in lib.missing({"tls.grade"})

error contains msg if {
	not rank[input.params.min_grade]
	msg := sprintf("params.min_grade %v is not one of A+, A, A-, B, C, D, E, F", [input.params.min_grade])
}

deny contains {"msg": msg, "data": g} if {
	rank[g.grade] < rank[input.params.min_grade]
	reasons := [sprintf("%s: %s", [c.grade, c.reason]) | some c in g.caps]
	msg := sprintf("grade %s (score %d) is below %s; caps: %s", [g.grade, g.score, input.params.min_grade, reason_text(reasons)])
}

reason_text(rs) := "none, the score alone" if count(rs) == 0

reason_text(rs) := concat("; ", rs) if count(rs) > 0

evidence contains {"msg": msg, "data": g} if {
	rank[g.grade] >= rank[input.params.min_grade]
	msg := sprintf("grade %s (score %d)", [g.grade, g.score])
}
