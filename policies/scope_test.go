package policies

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"
)

// headerKeys are the members of the input every query gets, whatever the
// facts its controls name.
var headerKeys = []string{"schema", "target", "collected_at", "scanned", "errors", "params", "now"}

// dynamicReaders are the library rules that read input at a path they are
// given: lib.missing and lib.present are called with a control's declared
// fact paths, and a section left out of the input makes them report the fact
// missing, an error, never a pass.
var dynamicReaders = []string{"data.vouch.lib.missing", "data.vouch.lib.present"}

// TestControlsReadOnlyTheirFacts holds every embedded control to the facts it
// declares: the rules of its package, and every library rule they use, read
// input only under the sections those facts name (host for host.sysctl) or
// the header. Prepare gives each query only those sections, so a control
// reading another would judge a document without it.
func TestControlsReadOnlyTheirFacts(t *testing.T) {
	e, err := New(embedded)
	if err != nil {
		t.Fatal(err)
	}
	bad, pkgs, rules := undeclaredReads(e)
	for _, b := range bad {
		t.Error(b)
	}
	if pkgs < 80 || rules < 500 {
		t.Fatalf("only %d control packages and %d rules checked", pkgs, rules)
	}
}

// TestUndeclaredReadsAreFound: the check above finds a control reading
// another section by a ref, through object.get, or through a library rule,
// and one taking input whole; and it accepts what the embedded library does.
func TestUndeclaredReadsAreFound(t *testing.T) {
	control := func(name, body string) string {
		imports := ""
		if strings.Contains(body, "lib.") {
			imports = "import data.vouch.lib\n\n"
		}
		return "# METADATA\n# title: " + name + "\n# custom:\n#   id: DEMO-" + name + "\n#   severity: low\n#   facts: [host.sysctl]\n" +
			"package vouch.controls.demo.c" + name + "\n\n" + imports + body + "\n"
	}
	lib, _ := fs.ReadFile(embedded, "lib/facts.rego")
	tree := fstest.MapFS{
		"lib/facts.rego": {Data: lib},
		"lib/peek.rego":  {Data: []byte("package vouch.lib\n\npeek := input.ssh.config\n")},
		"controls/demo/ok.rego": {Data: []byte(control("100",
			`error contains msg if some msg in lib.missing({"host.sysctl"})
deny contains "x" if input.host.sysctl.runtime["a"] == "1"
deny contains msg if msg := object.get(input, ["errors", "host.sysctl"], "")
deny contains "y" if object.get(input, ["host", "sysctl"], null) == null`))},
		"controls/demo/ref.rego":     {Data: []byte(control("101", `deny contains "x" if input.ssh.config`))},
		"controls/demo/get.rego":     {Data: []byte(control("102", `deny contains "x" if object.get(input, ["web", "nginx"], null)`))},
		"controls/demo/lib.rego":     {Data: []byte(control("103", `deny contains "x" if lib.peek`))},
		"controls/demo/whole.rego":   {Data: []byte(control("104", `deny contains "x" if { i := input; i.web }`))},
		"controls/demo/dynamic.rego": {Data: []byte(control("105", `deny contains "x" if { some k; input[k].x }`))},
	}
	e, err := New(tree)
	if err != nil {
		t.Fatal(err)
	}
	bad, pkgs, _ := undeclaredReads(e)
	if pkgs != 6 {
		t.Fatalf("%d packages checked, want 6", pkgs)
	}
	got := strings.Join(bad, "\n")
	for _, want := range []string{
		"vouch.controls.demo.c101 (controls/demo/ref.rego:9): reads input.ssh",
		"vouch.controls.demo.c102 (controls/demo/get.rego:9): reads input.web",
		"vouch.controls.demo.c103 (lib/peek.rego:3): reads input.ssh",
		"vouch.controls.demo.c104 (controls/demo/whole.rego:9): uses input as a whole",
		"vouch.controls.demo.c105 (controls/demo/dynamic.rego:9): reads input at a computed member",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "c100") {
		t.Errorf("the compliant control was reported:\n%s", got)
	}
	if len(bad) != 5 {
		t.Errorf("%d reports, want 5:\n%s", len(bad), got)
	}
}

// undeclaredReads checks every control package of e (compiled as one
// compiler, by New) and returns what each reads outside its declared
// sections, with how many packages and rules it checked.
func undeclaredReads(e *Engine) (bad []string, pkgs, rules int) {
	declared := packageSections(e.controls)
	for _, pkg := range slices.Sorted(maps.Keys(declared)) {
		sections := declared[pkg]
		allowed := append(slices.Clone(headerKeys), sections...)
		for _, r := range rulesReached(e.compiler, pkg) {
			for _, b := range inputReads(r, allowed) {
				bad = append(bad, fmt.Sprintf("%s (%s:%d): %s; its facts name only %v", pkg, r.Location.File, r.Location.Row, b, sections))
			}
			rules++
		}
		pkgs++
	}
	return bad, pkgs, rules
}

// rulesReached is every rule of package pkg and every rule of another
// package (the library) they refer to, transitively.
func rulesReached(c *ast.Compiler, pkg string) []*ast.Rule {
	seen := map[*ast.Rule]bool{}
	var out []*ast.Rule
	var visit func(r *ast.Rule)
	visit = func(r *ast.Rule) {
		if seen[r] {
			return
		}
		seen[r] = true
		out = append(out, r)
		ast.WalkRefs(r, func(ref ast.Ref) bool {
			if ref.HasPrefix(ast.DefaultRootRef) {
				for _, dep := range c.GetRules(ref) {
					visit(dep)
				}
			}
			return false
		})
	}
	for _, m := range c.Modules {
		if strings.TrimPrefix(m.Package.Path.String(), "data.") == pkg {
			for _, r := range m.Rules {
				visit(r)
			}
		}
	}
	return out
}

// inputReads describes each read of input in rule r outside the allowed
// top-level members: a ref input.x..., or object.get(input, ["x", ...]).
// Any other use of input as a whole is reported too, except in the
// dynamicReaders.
func inputReads(r *ast.Rule, allowed []string) []string {
	var bad []string
	dynamic := slices.Contains(dynamicReaders, r.Ref().GroundPrefix().String()) ||
		slices.Contains(dynamicReaders, r.Path().String())
	check := func(head *ast.Term, what string) {
		s, ok := head.Value.(ast.String)
		switch {
		case !ok:
			bad = append(bad, what+" at a computed member")
		case !slices.Contains(allowed, string(s)):
			bad = append(bad, "reads input."+string(s))
		}
	}
	isInput := func(t *ast.Term) bool {
		ref, ok := t.Value.(ast.Ref)
		return ok && len(ref) == 1 && ref.Equal(ast.InputRootRef)
	}
	// The compiler binds input, as an argument, to a local variable first
	// (__local1__ = input; object.get(__local1__, ["x"], ...)): the whole
	// input may be read so when every use of such a variable is one.
	aliases := map[ast.Var]*ast.Term{} // variable -> the input term bound to it
	ast.WalkExprs(r, func(x *ast.Expr) bool {
		if !x.IsEquality() && !x.IsAssignment() {
			return false
		}
		ops := x.Operands()
		for i := range 2 {
			if v, ok := ops[i].Value.(ast.Var); ok && isInput(ops[1-i]) {
				aliases[v] = ops[1-i]
			}
		}
		return false
	})
	// Whole-input terms handled as object.get(input, [...]) calls, and how
	// many such calls read each alias.
	handled := map[*ast.Term]bool{}
	reads := map[ast.Var]int{}
	ast.WalkExprs(r, func(x *ast.Expr) bool {
		if !x.IsCall() || x.Operator().String() != "object.get" {
			return false
		}
		ops := x.Operands()
		if len(ops) < 2 {
			return false
		}
		v, alias := ops[0].Value.(ast.Var)
		if alias {
			_, alias = aliases[v]
		}
		if !alias && !isInput(ops[0]) {
			return false
		}
		if arr, ok := ops[1].Value.(*ast.Array); ok && arr.Len() > 0 {
			check(arr.Elem(0), "object.get(input, ...)")
			handled[ops[0]] = true
			if alias {
				reads[v]++
			}
		}
		return false
	})
	uses := map[ast.Var]int{}
	ast.WalkVars(r, func(v ast.Var) bool {
		if _, ok := aliases[v]; ok {
			uses[v]++
		}
		return false
	})
	for v, in := range aliases {
		if uses[v] == reads[v]+1 { // the binding, and reads only
			handled[in] = true
		}
	}
	ast.WalkTerms(r, func(t *ast.Term) bool {
		ref, ok := t.Value.(ast.Ref)
		if !ok || !ref[0].Equal(ast.InputRootDocument) {
			return false
		}
		switch {
		case len(ref) > 1:
			check(ref[1], "reads input")
		case !handled[t] && !dynamic:
			bad = append(bad, "uses input as a whole")
		}
		return false
	})
	return bad
}
