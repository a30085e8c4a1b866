# METADATA
# title: Helpers shared by every vouch control
# description: Fact presence checks and small conversions. No control logic lives here.
package vouch.lib

# missing is one error message per dotted fact path in paths that is absent from
# input, with the collection error when the scanner recorded one. Every control
# calls it, so it calls no other function: a call costs more than its builtins.
missing(paths) := {msg |
	some p in paths
	object.get(input, split(p, "."), null) == null
	msg := sprintf("facts %s not collected: %s", [p, object.get(input, ["errors", p], "no such facts in the document")])
}

# present holds when the dotted fact path has a non-null value in input.
present(p) if object.get(input, split(p, "."), null) != null

# now_ns is the run's clock in nanoseconds (input.now, RFC 3339).
now_ns := time.parse_rfc3339_ns(input.now)

# days_since is whole days from an RFC 3339 time to the run's clock.
days_since(ts) := floor((now_ns - time.parse_rfc3339_ns(ts)) / (((24 * 60) * 60) * 1000000000))
