package policies_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// loadRego parses every .rego file under the policy tree, tests included, as
// Rego v1 with METADATA annotations.
func loadRego(t *testing.T) map[string]*ast.Module {
	t.Helper()
	modules := map[string]*ast.Module{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		modules[p] = m
		return nil
	})
	if err != nil {
		t.Fatalf("load policies: %v", err)
	}
	if len(modules) == 0 {
		t.Fatal("load policies: no .rego files found")
	}
	return modules
}

func strictCompiler() *ast.Compiler {
	return ast.NewCompiler().
		WithStrict(true).
		WithDefaultRegoVersion(ast.RegoV1).
		WithCapabilities(ast.CapabilitiesForThisVersion())
}

// TestRegoStrictCompile compiles every policy and test the way
// opa check --strict does, so unused variables, shadowed imports and
// deprecated built-ins are errors.
func TestRegoStrictCompile(t *testing.T) {
	c := strictCompiler()
	if c.Compile(loadRego(t)); c.Failed() {
		for _, err := range c.Errors {
			t.Errorf("strict compile: %v", err)
		}
	}
}

// TestRegoUnitTests runs every test_ rule, as opa test does, and fails once
// per Rego test that fails or errors.
func TestRegoUnitTests(t *testing.T) {
	ctx := context.Background()
	ch, err := tester.NewRunner().
		SetCompiler(strictCompiler()).
		SetDefaultRegoVersion(ast.RegoV1).
		RaiseBuiltinErrors(true).
		Run(ctx, loadRego(t))
	if err != nil {
		t.Fatalf("run rego tests: %v", err)
	}
	ran := 0
	for r := range ch {
		ran++
		where := r.Name
		if r.Location != nil {
			where = r.Location.String() + ": " + r.Name
		}
		switch {
		case r.Error != nil:
			t.Errorf("%s.%s (%s) errored: %v", r.Package, r.Name, where, r.Error)
		case r.Fail:
			t.Errorf("%s.%s (%s) failed", r.Package, r.Name, where)
		case r.Skip:
			t.Logf("%s.%s skipped", r.Package, r.Name)
		}
	}
	if ran == 0 {
		t.Fatal("no rego tests ran")
	}
	t.Logf("%d rego tests ran", ran)
}
