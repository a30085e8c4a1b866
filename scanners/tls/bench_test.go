//go:build vouchbench

// The side-by-side benchmarks are built only with -tags vouchbench
// (scripts/bench-tls): they start nginx and time the reference tools for
// minutes, which is no part of make test.

package tls

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testnginx"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

func benchRuns(env string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(env)); err == nil && n > 0 {
		return n
	}
	return def
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// fullScan is what vouch does for one endpoint: every version and suite, the
// chain, the probes, the headers and the plain-HTTP answer, and the grade.
func fullScan(t testing.TB, port int, httpPort int, roots *testnginx.PKI) *Facts {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	f, err := Collect(ctx, Endpoint{Host: testSNI, Port: port}, "/", fmt.Sprintf("http://%s:%d/", testSNI, httpPort),
		Options{Timeout: 5 * time.Second, Roots: roots.Roots, Dial: loopbackDial})
	if err != nil {
		t.Fatalf("Collect(%s:%d) = %v", testSNI, port, err)
	}
	if len(f.Errors) > 0 || f.Grade == nil {
		t.Fatalf("Collect(%s:%d): errors %v, grade %v; want a complete scan", testSNI, port, f.Errors, f.Grade)
	}
	return f
}

// TestBenchScan times full scans of one nginx (Mozilla intermediate profile)
// by vouch, by sslscan and by testssl.sh, and prints the ratios.
// VOUCH_BENCH_RUNS sets the number of vouch and sslscan runs (median),
// VOUCH_BENCH_TESTSSL_RUNS those of testssl.sh (default 1: it takes a minute).
func TestBenchScan(t *testing.T) {
	testnginx.Require(t, "nginx", "openssl", "sslscan", "testssl")
	runs := benchRuns("VOUCH_BENCH_RUNS", 9)
	pki := testnginx.NewPKI(t)
	chain, key := pki.Leaf(t, "good")
	srv := testnginx.Start(t, testnginx.Config{Chain: chain, Key: key, HTTP: redirect,
		Directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaIntermediate +
			"; ssl_prefer_server_ciphers off; ssl_dhparam " + testnginx.DHParam(t, 2048) + ";\n    " + goodHeaders})
	addr := fmt.Sprintf("127.0.0.1:%d", srv.TLSPort)
	sslscan := func() {
		if err := exec.Command("sslscan", "--no-colour", "--xml=-", "--sni-name="+testSNI, addr).Run(); err != nil {
			t.Fatalf("sslscan: %v", err)
		}
	}
	fullScan(t, srv.TLSPort, srv.HTTPPort, pki) // warm up both sides once
	sslscan()
	var vouch, ssl []time.Duration
	for range runs {
		start := time.Now()
		f := fullScan(t, srv.TLSPort, srv.HTTPPort, pki)
		vouch = append(vouch, time.Since(start))
		if len(f.Protocols) != 2 {
			t.Fatalf("scan found %d versions; want 2", len(f.Protocols))
		}
		start = time.Now()
		sslscan()
		ssl = append(ssl, time.Since(start))
	}
	// testssl.sh with what vouch collects: protocols, every cipher per
	// protocol, server defaults (certificates), headers, vulnerabilities.
	var ts []time.Duration
	for range benchRuns("VOUCH_BENCH_TESTSSL_RUNS", 1) {
		start := time.Now()
		out, err := exec.Command("testssl", "--quiet", "--color", "0", "--warnings", "off", "--sneaky", "--nodns", "none",
			"-p", "-E", "-S", "-h", "-U", "--ip", "127.0.0.1", fmt.Sprintf("https://%s:%d", testSNI, srv.TLSPort)).CombinedOutput()
		if err != nil && len(out) == 0 {
			t.Fatalf("testssl.sh: %v", err)
		}
		ts = append(ts, time.Since(start))
	}
	v, s, x := median(vouch), median(ssl), median(ts)
	fmt.Printf("vouch full scan:      %8.1f ms (median of %d)\n", ms(v), runs)
	fmt.Printf("sslscan full scan:    %8.1f ms (median of %d)\n", ms(s), runs)
	fmt.Printf("testssl.sh -p -E -S -h -U: %8.1f ms (median of %d)\n", ms(x), len(ts))
	fmt.Printf("ratio sslscan:        %.2f of sslscan's wall time [target: <= 0.50]\n", float64(v)/float64(s))
	fmt.Printf("ratio testssl:        %.0fx faster than testssl.sh [target: >= 50x]\n", float64(x)/float64(v))
}

// TestBenchParallel scans 50 endpoints (one nginx listening on 50 ports) at
// once through audit.Run, as vouch audit --endpoint ... does, and prints the
// wall time. Each endpoint is held to the default 8 connections at once.
func TestBenchParallel(t *testing.T) {
	testnginx.Require(t, "nginx", "openssl")
	const n = 50
	pki := testnginx.NewPKI(t)
	chain, key := pki.Leaf(t, "good")
	srv := testnginx.Start(t, testnginx.Config{Chain: chain, Key: key, TLSPorts: n, HTTP: redirect,
		Directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaIntermediate +
			"; ssl_dhparam " + testnginx.DHParam(t, 2048) + ";\n    " + goodHeaders})
	var targets []target.Target
	for _, p := range srv.TLSPorts {
		te, err := target.NewEndpoint(fmt.Sprintf("https://%s:%d", testSNI, p), fmt.Sprintf("http://%s:%d/", testSNI, srv.HTTPPort))
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, te)
	}
	run := &audit.Run{
		Scanners:    scanners.NewRegistry(New(Options{Roots: pki.Roots, Dial: loopbackDial})),
		Now:         time.Now(),
		Concurrency: n,
	}
	var walls []time.Duration
	for range benchRuns("VOUCH_BENCH_PARALLEL_RUNS", 3) {
		start := time.Now()
		docs := run.CollectAll(context.Background(), targets)
		walls = append(walls, time.Since(start))
		for _, d := range docs {
			if len(d.Errors) > 0 {
				t.Fatalf("%s: errors %v", d.Target.Name, d.Errors)
			}
		}
	}
	w := median(walls)
	fmt.Printf("50 endpoints in parallel: %6.1f ms (median of %d) [target: < 5000 ms]\n", ms(w), len(walls))
	if w > 5*time.Second {
		t.Errorf("50 endpoints took %s; want under 5 s", w)
	}
}
