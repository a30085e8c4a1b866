package tls

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestBenchScan times full scans of one nginx (Mozilla intermediate profile) by
// vouch and by sslscan and prints the ratio. It runs only when VOUCH_BENCH_TLS
// is set (scripts/bench-tls sets it); VOUCH_BENCH_RUNS sets the number of runs.
func TestBenchScan(t *testing.T) {
	if os.Getenv("VOUCH_BENCH_TLS") == "" {
		t.Skip("set VOUCH_BENCH_TLS=1 (or run scripts/bench-tls) to benchmark against sslscan")
	}
	requireTools(t, "nginx", "openssl", "sslscan")
	runs := 9
	if n, err := strconv.Atoi(os.Getenv("VOUCH_BENCH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	pki := newPKI(t)
	chain, key := pki.leaf(t, "good")
	port := startNginx(t, chain, key, "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers "+mozillaIntermediate+
		"; ssl_prefer_server_ciphers off; ssl_dhparam "+dhparam(t, 2048)+";")
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	var vouch, sslscan []time.Duration
	scanPort(t, port, pki.roots) // warm up both sides once
	_ = exec.Command("sslscan", "--no-colour", "--xml=-", "--sni-name="+testSNI, fmt.Sprintf("127.0.0.1:%d", port)).Run()
	for range runs {
		start := time.Now()
		f := scanPort(t, port, pki.roots)
		vouch = append(vouch, time.Since(start))
		if len(f.Protocols) != 2 {
			t.Fatalf("scan found %d versions; want 2", len(f.Protocols))
		}
		start = time.Now()
		if err := exec.Command("sslscan", "--no-colour", "--xml=-", "--sni-name="+testSNI, fmt.Sprintf("127.0.0.1:%d", port)).Run(); err != nil {
			t.Fatalf("sslscan: %v", err)
		}
		sslscan = append(sslscan, time.Since(start))
	}
	v, s := median(vouch), median(sslscan)
	ratio := float64(v) / float64(s)
	fmt.Printf("vouch full scan:   %6.1f ms (median of %d)\n", float64(v.Microseconds())/1000, runs)
	fmt.Printf("sslscan full scan: %6.1f ms (median of %d)\n", float64(s.Microseconds())/1000, runs)
	fmt.Printf("ratio:             %.2f of sslscan's wall time [target: <= 0.50]\n", ratio)
}
