// Package policies holds vouch's controls — Rego v1 files, one per control, with
// their METADATA as the single source of the catalog — the profiles that say
// which controls a policy document claims, and the engine that compiles them
// once, resolves parameters and turns a facts document into results.
package policies

import (
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/vouch-audit/vouch/audit"
)

//go:embed lib controls profiles
var embedded embed.FS

// Embedded is the policy tree shipped inside the binary.
func Embedded() fs.FS { return embedded }

// controlsRoot is the Rego package every control lives under.
const controlsRoot = "vouch.controls"

// Engine is a compiled policy tree: the catalog, the parameter schema and the
// profiles. It is safe for concurrent use once built.
type Engine struct {
	compiler *ast.Compiler
	// groupCompilers, when set, holds the compiler of each control group's
	// shard (see compileShards); compiler is then nil.
	groupCompilers map[string]*ast.Compiler
	// compiled holds the ids of the controls compiled; nil means all.
	compiled map[string]bool
	controls []audit.Control
	byID     map[string]int
	params   map[string]audit.Parameter
	profiles map[string]*Profile
	// scoped is set when every control reads only the sections its facts
	// name (TestControlsReadOnlyTheirFacts holds the embedded ones to it):
	// a query then gets only those sections of the input, and need not wait
	// for the others to be converted.
	scoped bool
}

// Default compiles the embedded policies.
//
// The embedded policies are compiled without the compiler's checks that only
// find mistakes (types, strict mode, unused or duplicate imports): they cost a
// tenth of a run, and TestEmbeddedPoliciesPassEveryCheck runs them all on
// these very files, so a mistake fails vouch's tests, not a user's audit. Their
// catalog is catalog.json, the METADATA annotations read at build time (YAML
// parsing was a third of parsing the policies); TestEmbeddedCatalogIsCurrent
// fails when it no longer matches the annotations.
func Default() (*Engine, error) { return newEngine(embedded, false, embeddedCatalog, nil) }

// DefaultFor is Default compiling only the controls judge accepts (and every
// library module): a run that cannot judge a control, because no target
// produces its facts, does not pay for compiling it. The others stay in the
// catalog; evaluating one is an error. A nil judge compiles every control.
func DefaultFor(judge func(audit.Control) bool) (*Engine, error) {
	return newEngine(embedded, false, embeddedCatalog, judge)
}

// New compiles every .rego file in fsys (test files excluded), reads the catalog
// from the METADATA annotations and loads profiles/*.yaml. Every check of the
// compiler runs, in strict mode.
func New(fsys fs.FS) (*Engine, error) { return newEngine(fsys, true, nil, nil) }

// checkOnlyStages are compiler stages that report mistakes and change nothing
// evaluation uses.
var checkOnlyStages = []ast.StageID{
	ast.StageCheckTypes, ast.StageCheckUnusedImports, ast.StageCheckDuplicateImports,
	ast.StageCheckKeywordOverrides, ast.StageCheckDeprecatedBuiltins, ast.StageBuildRequiredCapabilities,
}

// newEngine compiles fsys's policies; with catalog (catalog.json's bytes) the
// annotations are not parsed and the catalog is read from it, and with judge
// too only the files of the controls it accepts are compiled.
func newEngine(fsys fs.FS, checkAll bool, catalog []byte, judge func(audit.Control) bool) (*Engine, error) {
	e := &Engine{byID: map[string]int{}, params: map[string]audit.Parameter{}, scoped: catalog != nil}
	skipFile := map[string]bool{}
	if catalog != nil {
		if err := e.loadCatalog(catalog); err != nil {
			return nil, err
		}
		if judge != nil {
			e.compiled = map[string]bool{}
			keep := map[string]bool{}
			for _, c := range e.controls {
				if judge(c) {
					e.compiled[c.ID] = true
					keep[c.File] = true
				}
			}
			for _, c := range e.controls {
				if !keep[c.File] {
					skipFile[c.File] = true
				}
			}
		}
	}
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego") && !skipFile[p] {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, errors.New("load policies: no .rego files found")
	}
	modules, err := parseModules(fsys, paths, catalog == nil)
	if err != nil {
		return nil, err
	}
	if catalog != nil && !checkAll {
		if e.groupCompilers, err = compileShards(modules, runtime.GOMAXPROCS(0)); err != nil {
			return nil, err
		}
	} else {
		c := ast.NewCompiler().WithStrict(checkAll).WithDefaultRegoVersion(ast.RegoV1)
		if !checkAll {
			c = c.WithSkipStages(checkOnlyStages...)
		}
		c.Compile(modules)
		if c.Failed() {
			return nil, fmt.Errorf("compile policies: %w", c.Errors)
		}
		e.compiler = c
	}
	if catalog == nil {
		if err := e.readCatalog(); err != nil {
			return nil, err
		}
	}
	if e.profiles, err = loadProfiles(fsys, e); err != nil {
		return nil, err
	}
	return e, nil
}

// maxShards bounds how many compilers the embedded policies are split
// over: each compiles the library again.
const maxShards = 4

// compileShards compiles the embedded policies in up to n shards at once, each
// the library and whole control groups (controls import only the library, so
// a group never needs another's rules), balanced by module count: OPA's
// compiler uses one core, and the scanners leave the other free before it is
// done. It returns the compiler of each group.
func compileShards(modules map[string]*ast.Module, n int) (map[string]*ast.Compiler, error) {
	lib := map[string]*ast.Module{}
	groups := map[string]map[string]*ast.Module{}
	for p, m := range modules {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if !strings.HasPrefix(pkg, controlsRoot+".") {
			lib[p] = m
			continue
		}
		g := group(pkg)
		if groups[g] == nil {
			groups[g] = map[string]*ast.Module{}
		}
		groups[g][p] = m
	}
	names := slices.SortedFunc(maps.Keys(groups), func(a, b string) int {
		return cmp.Or(cmp.Compare(len(groups[b]), len(groups[a])), cmp.Compare(a, b))
	})
	n = max(1, min(n, maxShards, len(names)))
	shards := make([]map[string]*ast.Module, n)
	members := make([][]string, n)
	for i := range shards {
		shards[i] = map[string]*ast.Module{}
		maps.Copy(shards[i], lib) // Compile works on copies of what it is given
	}
	for _, g := range names { // largest first, each to the smallest shard
		i := 0
		for j := range shards {
			if len(shards[j]) < len(shards[i]) {
				i = j
			}
		}
		maps.Copy(shards[i], groups[g])
		members[i] = append(members[i], g)
	}
	compilers := make([]*ast.Compiler, n)
	onEveryCore(n, func(i int) {
		c := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1).WithSkipStages(checkOnlyStages...)
		c.Compile(shards[i])
		compilers[i] = c
	})
	out := map[string]*ast.Compiler{}
	for i, c := range compilers {
		if c.Failed() {
			return nil, fmt.Errorf("compile policies: %w", c.Errors)
		}
		for _, g := range members[i] {
			out[g] = c
		}
	}
	return out, nil
}

// compilerFor is the compiler holding control group g's rules.
func (e *Engine) compilerFor(g string) *ast.Compiler {
	if e.groupCompilers != nil {
		return e.groupCompilers[g]
	}
	return e.compiler
}

// parseModules parses the files on every core: parsing is a third of
// compiling the policies. The first error in path order is returned.
func parseModules(fsys fs.FS, paths []string, annotations bool) (map[string]*ast.Module, error) {
	parsed := make([]*ast.Module, len(paths))
	errs := make([]error, len(paths))
	onEveryCore(len(paths), func(i int) {
		p := paths[i]
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs[i] = fmt.Errorf("read policy %s: %w", p, err)
			return
		}
		parsed[i], err = ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: annotations, RegoVersion: ast.RegoV1})
		if err != nil {
			errs[i] = fmt.Errorf("parse policy: %w", err)
		}
	})
	modules := make(map[string]*ast.Module, len(paths))
	for i, p := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		modules[p] = parsed[i]
	}
	return modules, nil
}

// isCompiled reports whether control id's rules were compiled.
func (e *Engine) isCompiled(id string) bool { return e.compiled == nil || e.compiled[id] }

// Controls returns the catalog sorted by family then id.
func (e *Engine) Controls() []audit.Control { return e.controls }

// Control returns one control by id.
func (e *Engine) Control(id string) (audit.Control, bool) {
	i, ok := e.byID[id]
	if !ok {
		return audit.Control{}, false
	}
	return e.controls[i], true
}

// Parameters returns the global parameter schema, sorted by name.
func (e *Engine) Parameters() []audit.Parameter {
	out := make([]audit.Parameter, 0, len(e.params))
	for _, p := range e.params {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Prepared is the catalog ready to evaluate: compiled and planned once per run.
type Prepared struct {
	e *Engine
	// units holds the prepared queries of each package directly under
	// vouch.controls (host, ssh, tls, ...), so a target is judged only by the
	// groups whose controls it has facts for: an endpoint's evaluation does not
	// pay for every host control.
	units map[string][]*unit
}

// unit is one prepared query and the control packages it binds, in order.
type unit struct {
	query rego.PreparedEvalQuery
	pkgs  []string
	// rules holds, per package, the verdict rules bound one by one (p0_deny,
	// ...); nil when the package's whole document is bound instead (p0).
	rules [][]string
	// sections names the facts sections its controls read, in order; nil
	// means every one.
	sections []string
}

// verdictRules are the rules a result is made of.
var verdictRules = []string{"deny", "error", "skip", "evidence"}

// boundRules returns which of the verdict rules a package (its compiled
// modules) defines, when every one it defines is a set (deny contains ...),
// so that each can be bound alone: binding the package's whole document would
// evaluate its helper rules too, even those only a failing rule needs. ok is
// false otherwise (a tree given to New may define deny := ...), and the whole
// document is bound.
func boundRules(modules []*ast.Module) (names []string, ok bool) {
	found := map[string]bool{}
	for _, m := range modules {
		for _, r := range m.Rules {
			ref := r.Head.Ref()
			name := ref[0].Value.String()
			if !slices.Contains(verdictRules, name) {
				continue
			}
			if len(ref) != 1 || r.Head.RuleKind() != ast.MultiValue || len(r.Head.Args) > 0 {
				return nil, false
			}
			found[name] = true
		}
	}
	for _, name := range verdictRules {
		if found[name] {
			names = append(names, name)
		}
	}
	return names, true
}

// group is the package segment under vouch.controls: "host" for
// vouch.controls.host.ipv6_disabled.
func group(pkg string) string {
	g, _, _ := strings.Cut(strings.TrimPrefix(pkg, controlsRoot+"."), ".")
	return g
}

// unitSize is how many control packages one prepared query evaluates. A
// query per package costs its set-up each time; a query per group leaves the
// largest group (host) on one core while the others wait.
const unitSize = 6

// Prepare plans the evaluation of every control: per group, queries of up to
// unitSize packages each, bound to p0, p1, ...
func (e *Engine) Prepare(ctx context.Context) (*Prepared, error) {
	p := &Prepared{e: e, units: map[string][]*unit{}}
	byGroup := map[string][]string{}
	for _, c := range e.controls {
		if e.isCompiled(c.ID) {
			g := group(c.Package)
			byGroup[g] = append(byGroup[g], c.Package)
		}
	}
	sections := packageSections(e.controls)
	// The compiled modules of each control package, indexed once: a package
	// is looked for in its group's compiler only.
	modules := map[string][]*ast.Module{}
	for g := range byGroup {
		for _, m := range e.compilerFor(g).Modules {
			pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
			if group(pkg) == g && strings.HasPrefix(pkg, controlsRoot+".") {
				modules[pkg] = append(modules[pkg], m)
			}
		}
	}
	for g, pkgs := range byGroup {
		slices.Sort(pkgs)
		pkgs = slices.Compact(pkgs)
		for len(pkgs) > 0 {
			chunk := pkgs[:min(unitSize, len(pkgs))]
			pkgs = pkgs[len(chunk):]
			var q strings.Builder
			u := &unit{pkgs: chunk, rules: make([][]string, len(chunk))}
			if e.scoped {
				u.sections = []string{}
				for _, pkg := range chunk {
					u.sections = append(u.sections, sections[pkg]...)
				}
				slices.Sort(u.sections)
				u.sections = slices.Compact(u.sections)
			}
			for i, pkg := range chunk {
				names, ok := boundRules(modules[pkg])
				if !ok {
					fmt.Fprintf(&q, "p%d = data.%s\n", i, pkg)
					continue
				}
				u.rules[i] = names
				writeBindings(&q, i, pkg, names)
			}
			if q.Len() == 0 {
				q.WriteString("true") // no package here defines a verdict rule
			}
			pq, err := rego.New(
				rego.Query(q.String()),
				rego.Compiler(e.compilerFor(g)),
				rego.StrictBuiltinErrors(false),
			).PrepareForEval(ctx)
			if err != nil {
				return nil, fmt.Errorf("prepare policies %s: %w", g, err)
			}
			u.query = pq
			p.units[g] = append(p.units[g], u)
		}
	}
	return p, nil
}

// writeBindings writes the query expressions binding package pkg's verdict
// rules names (in verdictRules order) to p<i>_<rule>. A rule the verdict
// reads only when the rules before it are empty — skip when there is no deny
// and no error, evidence when there is no skip either — is evaluated only
// then: evidence of a failing control is never reported, and computing it
// was an eighth of evaluating the catalog on a drifted host.
func writeBindings(q *strings.Builder, i int, pkg string, names []string) {
	var empty []string // the guards: the rules before this one are empty
	for _, r := range names {
		if r == "deny" || r == "error" || len(empty) == 0 {
			fmt.Fprintf(q, "p%d_%s = data.%s.%s\n", i, r, pkg, r)
		} else {
			fmt.Fprintf(q, "p%d_%s = {x | %s; some x in data.%s.%s}\n", i, r, strings.Join(empty, "; "), pkg, r)
		}
		if r != "evidence" {
			empty = append(empty, fmt.Sprintf("count(p%d_%s) == 0", i, r))
		}
	}
}

// packageSections maps each control package to the facts sections its
// controls declare ("host" for host.sysctl), sorted; a package whose
// controls declare none maps to an empty list.
func packageSections(controls []audit.Control) map[string][]string {
	out := map[string][]string{}
	for _, c := range controls {
		secs := out[c.Package]
		if secs == nil {
			secs = []string{}
		}
		for _, f := range c.Facts {
			root, _, _ := strings.Cut(f, ".")
			secs = append(secs, root)
		}
		slices.Sort(secs)
		out[c.Package] = slices.Compact(secs)
	}
	return out
}

// Evaluate judges one target's facts with the given parameters. ids restricts
// the controls reported (all when empty). Results come in catalog order.
func (p *Prepared) Evaluate(ctx context.Context, facts audit.Facts, params map[string]any, now time.Time, ids []string) ([]audit.Result, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var judged []audit.Control
	need := map[string]bool{}
	for _, c := range p.e.controls {
		if (len(want) > 0 && !want[c.ID]) || !facts.Covers(c.Facts) {
			continue
		}
		judged = append(judged, c)
		if p.e.isCompiled(c.ID) {
			need[group(c.Package)] = true
		}
	}
	// Where each package's controls go in the results.
	results := make([]audit.Result, len(judged))
	slot := map[string][]int{}
	for i, c := range judged {
		slot[c.Package] = append(slot[c.Package], i)
	}
	var units []*unit
	for _, g := range slices.Sorted(maps.Keys(need)) {
		units = append(units, p.units[g]...)
	}
	// The input is converted to OPA's value form once: the header for
	// every query, and each section the queries read on its own.
	base, err := inputBase(facts, params, now)
	if err != nil {
		return nil, err
	}
	read := map[string]bool{}
	for _, u := range units {
		if u.sections == nil {
			for name := range facts.Sections {
				read[name] = true
			}
		}
		for _, name := range u.sections {
			if _, ok := facts.Sections[name]; ok {
				read[name] = true
			}
		}
	}
	// The largest sections are converted first, and the queries that need
	// none of the largest are evaluated first, on the other cores while it
	// is converted: converting the host section costs as much as
	// evaluating the SSH and TLS controls.
	names := slices.SortedFunc(maps.Keys(read), func(a, b string) int {
		return cmp.Or(cmp.Compare(len(facts.Sections[b]), len(facts.Sections[a])), cmp.Compare(a, b))
	})
	if len(names) > 0 {
		largest := names[0]
		needs := func(u *unit) bool { return u.sections == nil || slices.Contains(u.sections, largest) }
		slices.SortStableFunc(units, func(a, b *unit) int {
			x, y := needs(a), needs(b)
			switch {
			case x == y:
				return 0
			case y:
				return -1
			}
			return 1
		})
	}
	type converted struct {
		v    *ast.Term
		err  error
		done chan struct{}
	}
	conv := make(map[string]*converted, len(names))
	for _, name := range names {
		conv[name] = &converted{done: make(chan struct{})}
	}
	// The input of each set of sections, built once for the queries that
	// read that set (a group's, mostly).
	reads := func(u *unit) []string {
		if u.sections == nil {
			return names
		}
		return u.sections
	}
	type input struct {
		once  sync.Once
		value ast.Value // nil when a section could not be converted
	}
	inputs := map[string]*input{}
	for _, u := range units {
		if k := strings.Join(reads(u), ","); inputs[k] == nil {
			inputs[k] = &input{}
		}
	}
	build := func(secs []string) ast.Value {
		items := slices.Clone(base)
		for _, name := range secs {
			c, ok := conv[name]
			if !ok {
				continue // not in the document
			}
			<-c.done
			if c.err != nil {
				return nil // reported below
			}
			items = append(items, [2]*ast.Term{ast.StringTerm(name), c.v})
		}
		return ast.NewObject(items...)
	}
	// The tasks are the conversions, then the queries, taken in order by
	// as many workers as there are cores: a query waits only for sections
	// a worker is already converting.
	errs := make([]error, len(units))
	onEveryCore(len(names)+len(units), func(i int) {
		if i < len(names) {
			c := conv[names[i]]
			var d jsonDecoder
			v, err := d.section(names[i], facts.Sections[names[i]])
			c.v, c.err = ast.NewTerm(v), err
			close(c.done)
			return
		}
		i -= len(names)
		u := units[i]
		secs := reads(u)
		in := inputs[strings.Join(secs, ",")]
		in.once.Do(func() { in.value = build(secs) })
		parsed := in.value
		if parsed == nil {
			return
		}
		rs, err := u.query.Eval(ctx, rego.EvalParsedInput(parsed), rego.EvalTime(now), rego.EvalGenerateJSON(keepTerm))
		if err != nil {
			errs[i] = fmt.Errorf("evaluate policies %s: %w", strings.Join(u.pkgs, ", "), err)
			return
		}
		if len(rs) == 0 {
			return // undefined: every control of the unit errors below
		}
		for j, pkg := range u.pkgs {
			var obj ast.Object
			if u.rules[j] == nil {
				if t, ok := rs[0].Bindings[fmt.Sprintf("p%d", j)].(*ast.Term); ok {
					obj, _ = t.Value.(ast.Object)
				}
			} else {
				items := make([][2]*ast.Term, 0, len(u.rules[j]))
				for _, r := range u.rules[j] {
					if t, ok := rs[0].Bindings[fmt.Sprintf("p%d_%s", j, r)].(*ast.Term); ok {
						items = append(items, [2]*ast.Term{ast.StringTerm(r), t})
					}
				}
				obj = ast.NewObject(items...)
			}
			if obj == nil {
				continue
			}
			for _, k := range slot[pkg] {
				results[k] = verdict(judged[k], obj, parsed, facts)
			}
		}
	})
	// A section that could not be converted fails the evaluation, the
	// first in name order.
	for _, name := range slices.Sorted(maps.Keys(conv)) {
		if err := conv[name].err; err != nil {
			return nil, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for i, c := range judged {
		switch {
		case !p.e.isCompiled(c.ID):
			// The caller left it out of DefaultFor, yet has its facts: a
			// bug, and never a pass.
			results[i] = errorResult(c, facts, "the control was not compiled for this run")
		case results[i].ControlID == "":
			results[i] = errorResult(c, facts, "the control's rules gave no value")
		}
	}
	return results, nil
}

// errorResult is control c's error on facts' target, for a reason of the
// engine's own.
func errorResult(c audit.Control, facts audit.Facts, msg string) audit.Result {
	return audit.Result{ControlID: c.ID, Title: c.Title, Severity: c.Severity, Family: c.Family,
		Target: facts.Target.Name, Facts: c.Facts, Status: audit.Error, Evidence: []audit.Evidence{}, Message: msg}
}

// onEveryCore calls fn(0) ... fn(n-1) on as many goroutines as there are
// cores, the caller's among them, in order, and returns when all have
// returned. The caller works too because a new goroutine's stack grows
// from a few kilobytes as OPA's evaluation recurses: copying stacks was 5%
// of evaluating the catalog with two new goroutines, 1.5% with one.
func onEveryCore(n int, fn func(i int)) {
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			fn(i)
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// verdict turns a control's rule values into a result: any deny fails; else
// any error errors; else any skip skips; else it passes — unless a fact the
// control declares is absent, which is an error whatever the rules said.
func verdict(c audit.Control, rules ast.Object, in ast.Value, facts audit.Facts) audit.Result {
	r := audit.Result{
		ControlID: c.ID, Title: c.Title, Severity: c.Severity, Family: c.Family,
		Target: facts.Target.Name, Facts: c.Facts, Evidence: []audit.Evidence{},
	}
	deny := entries(rules.Get(ast.StringTerm("deny")))
	errs := entries(rules.Get(ast.StringTerm("error")))
	skips := entries(rules.Get(ast.StringTerm("skip")))
	switch {
	case len(deny) > 0:
		r.Status, r.Evidence = audit.Fail, append(deny, errs...)
		r.Message = summarize(deny)
	case len(errs) > 0:
		r.Status, r.Evidence = audit.Error, errs
		r.Message = summarize(errs)
	case len(skips) > 0:
		r.Status, r.Evidence = audit.Skip, skips
		r.Message = summarize(skips)
	default:
		if missing := missingFacts(c.Facts, in, facts.Errors); len(missing) > 0 {
			r.Status, r.Evidence = audit.Error, missing
			r.Message = summarize(missing)
			break
		}
		r.Status = audit.Pass
		r.Evidence = entries(rules.Get(ast.StringTerm("evidence")))
		r.Message = "compliant"
		if len(r.Evidence) > 0 {
			r.Message = summarize(r.Evidence)
		}
	}
	return r
}

// missingFacts is the engine's own guard against a control that forgot to
// check a declared fact.
func missingFacts(paths []string, in ast.Value, reasons map[string]string) []audit.Evidence {
	var out []audit.Evidence
	for _, p := range paths {
		cur := in
		for _, part := range strings.Split(p, ".") {
			obj, ok := cur.(ast.Object)
			if !ok {
				cur = nil
				break
			}
			t := obj.Get(ast.StringTerm(part))
			if t == nil {
				cur = nil
				break
			}
			cur = t.Value
		}
		if _, null := cur.(ast.Null); cur != nil && !null {
			continue
		}
		reason := reasons[p]
		if reason == "" {
			reason = "no such facts in the document"
		}
		out = append(out, audit.Evidence{Message: fmt.Sprintf("facts %s not collected: %s", p, reason)})
	}
	return out
}

// entries reads a deny/error/skip/evidence set: strings or {"msg", "data"} objects.
func entries(t *ast.Term) []audit.Evidence {
	if t == nil {
		return []audit.Evidence{}
	}
	var items []*ast.Term
	switch v := t.Value.(type) {
	case ast.Set:
		// In the order OPA's JSON conversion gives (Iter), as before.
		_ = v.Iter(func(x *ast.Term) error { items = append(items, x); return nil })
	case *ast.Array:
		v.Foreach(func(x *ast.Term) { items = append(items, x) })
	}
	out := make([]audit.Evidence, 0, len(items))
	for _, it := range items {
		switch x := it.Value.(type) {
		case ast.String:
			out = append(out, audit.Evidence{Message: string(x)})
		case ast.Object:
			ev := audit.Evidence{}
			if mt := x.Get(ast.StringTerm("msg")); mt != nil {
				if m, ok := mt.Value.(ast.String); ok {
					ev.Message = string(m)
				}
			}
			if d := x.Get(ast.StringTerm("data")); d != nil {
				ev.Data, _ = ast.JSON(d.Value)
			}
			out = append(out, ev)
		default:
			v, _ := ast.JSON(x)
			b, _ := json.Marshal(v)
			out = append(out, audit.Evidence{Message: string(b)})
		}
	}
	return out
}

// keepTerm leaves a query's values as OPA terms: verdict reads the rule sets
// from them, and only the evidence data is converted to Go values.
func keepTerm(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

func summarize(ev []audit.Evidence) string {
	switch len(ev) {
	case 0:
		return ""
	case 1:
		return ev[0].Message
	}
	return fmt.Sprintf("%s (and %d more)", ev[0].Message, len(ev)-1)
}

// family is the id's prefix: HOST-001 -> HOST.
func family(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// relFile strips the policy tree prefix for display.
func relFile(f string) string { return path.Clean(f) }
