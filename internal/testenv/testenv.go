// Package testenv finds the real programs vouch's integration tests talk to.
// A missing program is installed from its Debian package when the tests run as
// root on Debian; when it still cannot be had, the test fails under
// VOUCH_INTEGRATION=required (as CI runs) and is skipped with the reason
// otherwise.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Required reports whether integration tests must run (CI sets
// VOUCH_INTEGRATION=required).
func Required() bool { return os.Getenv("VOUCH_INTEGRATION") == "required" }

// Unavailable fails the test when integration tests are required and skips
// it otherwise, saying what is missing.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		t.Fatalf("%s (VOUCH_INTEGRATION=required)", msg)
	}
	t.Skip(msg)
}

// Need returns the path of program name, installing Debian package pkg with
// apt-get when it is missing and the test runs as root.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil && os.Geteuid() == 0 {
		if _, aerr := exec.LookPath("apt-get"); aerr == nil {
			out, ierr := exec.Command("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "+pkg).CombinedOutput()
			if ierr != nil {
				err = fmt.Errorf("apt-get install %s: %v: %s", pkg, ierr, strings.TrimSpace(string(out)))
			} else {
				p, err = exec.LookPath(name)
			}
		}
	}
	if p == "" {
		Unavailable(t, "%s (Debian %s) is unavailable: %v", name, pkg, err)
	}
	return p
}
