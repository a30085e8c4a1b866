package vouch.controls.tls.grade_test

import data.vouch.controls.tls.grade

doc(g) := {"tls": {"grade": g}, "params": {"min_grade": "A"}, "errors": {}}

test_grade_a_plus_passes if {
	g := {"grade": "A+", "score": 93, "caps": []}
	grade.deny == set() with input as doc(g)
	grade.evidence == {{"msg": "grade A+ (score 93)", "data": g}} with input as doc(g)
}

test_grade_b_fails_with_its_caps if {
	g := {"grade": "B", "score": 90, "caps": [{"grade": "B", "reason": "TLS 1.0 or TLS 1.1 is accepted"}]}
	grade.deny == {{"msg": "grade B (score 90) is below A; caps: B: TLS 1.0 or TLS 1.1 is accepted", "data": g}} with input as doc(g)
}

test_untrusted_fails_whatever_the_score if {
	g := {"grade": "T", "score": 93, "caps": [{"grade": "T", "reason": "certificate not trusted: x509: certificate signed by unknown authority"}]}
	count(grade.deny) == 1 with input as object.union(doc(g), {"params": {"min_grade": "F"}})
}

test_unknown_minimum_errors if {
	grade.error == {"params.min_grade a is not one of A+, A, A-, B, C, D, E, F"} with input as object.union(doc({"grade": "A", "score": 90, "caps": []}), {"params": {"min_grade": "a"}})
}

test_grade_not_collected_errors if {
	grade.error == {"facts tls.grade not collected: grade: certificates not collected"} with input as {"tls": {}, "params": {"min_grade": "A"}, "errors": {"tls.grade": "grade: certificates not collected"}}
}
