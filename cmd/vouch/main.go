// Command vouch proves a company's written security and SLA policy true or
// false on real machines: it gathers facts, judges them with Rego controls and
// writes reports for a CI gate, a nightly audit, a customer and an auditor.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	stop := profile()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profile starts the profiles named by VOUCH_CPUPROFILE, VOUCH_MEMPROFILE and
// VOUCH_TRACE (files to write a pprof CPU profile, an allocation profile and
// an execution trace to) and returns what stops them. They are for working on vouch's own speed.
func profile() (stop func()) {
	var stops []func()
	// streamed starts a profile that writes to the file named by env as the
	// run goes.
	streamed := func(env string, start func(io.Writer) error, stop func()) {
		p := os.Getenv(env)
		if p == "" {
			return
		}
		f, err := os.Create(p)
		if err == nil {
			if err = start(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "vouch: %s: %v\n", env, err)
			return
		}
		stops = append(stops, func() { stop(); f.Close() })
	}
	streamed("VOUCH_CPUPROFILE", pprof.StartCPUProfile, pprof.StopCPUProfile)
	streamed("VOUCH_TRACE", trace.Start, trace.Stop)
	if p := os.Getenv("VOUCH_MEMPROFILE"); p != "" {
		runtime.MemProfileRate = 64 << 10
		stops = append(stops, func() {
			f, err := os.Create(p)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "vouch: VOUCH_MEMPROFILE: %v\n", err)
			}
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}

// run executes the command line and returns the process exit code: 0 nothing at
// or above --fail-on failed, 2 something did, 1 vouch itself could not run.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := newRoot(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	cmd.SetArgs(args)
	cmd.SetIn(stdin)
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	err := cmd.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "vouch: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "vouch: %v\n", err)
	return 1
}

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// env is what commands print to and read from; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
