package container_test

import (
	"archive/tar"
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/internal/testdocker"
	"github.com/vouch-audit/vouch/scanners/container"
	"github.com/vouch-audit/vouch/target"
)

// BenchmarkScan100Containers measures facts and verdicts of every container
// control for 100 running containers of a real engine (target: < 2 s/op).
func BenchmarkScan100Containers(b *testing.B) {
	e := testdocker.Start(b)
	img := e.Import(b, testdocker.Rootfs{Packages: []testdocker.Package{{Name: "busybox", Version: "1:1.35.0-4"}}}, "vouch-bench/app:1", "USER 1000:1000")
	e.MustDocker(b, "network", "create", "bench")
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	sem := make(chan struct{}, 4)
	for i := range 100 {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			tenant := fmt.Sprintf("t%02d", i%25)
			_, err := e.Docker("run", "-d", "--name", fmt.Sprintf("c%03d", i), "--network", "bench",
				"--label", "vouch.tenant="+tenant, "--label", "vouch.role=api", "--restart", "unless-stopped",
				"-e", "JWT_SECRET=bench-secret-"+tenant, img, "/bin/sleep", "3600")
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	s := container.New(container.Options{Host: e.Host, TempDir: b.TempDir()})
	b.ResetTimer()
	for b.Loop() {
		got, f := judge(b, s, target.NewLocal(), time.Now(), nil)
		if len(got) != len(ctrControls) || got["CTR-005"].Status != audit.Fail {
			b.Fatalf("unexpected results: %d controls, CTR-005 %s; errors %v", len(got), got["CTR-005"].Status, f.Errors)
		}
	}
}

// BenchmarkInventory200MBTarball inventories a 200 MB docker save tarball
// (target: < 3 s/op, peak RSS < 150 MB). The peak RSS reported is the
// whole process's, tarball generation included: an upper bound.
func BenchmarkInventory200MBTarball(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.tar")
	writeBigImage(b, path, 200<<20)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		img, err := container.OpenImage(context.Background(), "docker-archive:"+path)
		if err != nil {
			b.Fatal(err)
		}
		im, err := container.Inventory(img, "bench")
		if err != nil {
			b.Fatal(err)
		}
		if len(im.Packages) != 500 {
			b.Fatalf("%d packages; want 500", len(im.Packages))
		}
	}
	b.StopTimer()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}

// writeBigImage writes a four-layer image of about size bytes, mostly
// incompressible 1 MiB files, with a 500-package dpkg status, streaming to disk.
func writeBigImage(b *testing.B, path string, size int64) {
	b.Helper()
	dir := b.TempDir()
	img := empty.Image
	per := size / 4
	for l := range 4 {
		lp := filepath.Join(dir, fmt.Sprintf("layer%d.tar", l))
		f, err := os.Create(lp)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriter(f)
		tw := tar.NewWriter(w)
		rng := rand.New(rand.NewPCG(uint64(l), 7))
		buf := make([]byte, 1<<20)
		for i := int64(0); i < per>>20; i++ {
			for j := 0; j < len(buf); j += 8 {
				v := rng.Uint64()
				for k := 0; k < 8; k++ {
					buf[j+k] = byte(v >> (8 * k))
				}
			}
			if err := tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("usr/share/data%d/f%05d", l, i), Mode: 0o644, Size: int64(len(buf)), Typeflag: tar.TypeReg}); err != nil {
				b.Fatal(err)
			}
			if _, err := tw.Write(buf); err != nil {
				b.Fatal(err)
			}
		}
		if l == 3 {
			var st []byte
			for i := range 500 {
				st = fmt.Appendf(st, "Package: pkg%03d\nStatus: install ok installed\nVersion: 1.%d-1\nArchitecture: amd64\nDescription: bench\n one line\n\n", i, i)
			}
			osr := []byte("ID=debian\nVERSION_ID=\"12\"\n")
			for name, body := range map[string][]byte{"var/lib/dpkg/status": st, "etc/os-release": osr} {
				if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
					b.Fatal(err)
				}
				if _, err := tw.Write(body); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := tw.Close(); err != nil {
			b.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
		layer, err := tarball.LayerFromFile(lp)
		if err != nil {
			b.Fatal(err)
		}
		if img, err = mutate.AppendLayers(img, layer); err != nil {
			b.Fatal(err)
		}
	}
	tag, _ := name.NewTag("vouch-bench/big:1")
	if err := tarball.WriteToFile(path, tag, img); err != nil {
		b.Fatal(err)
	}
}
