package host

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/pierrec/lz4/v4"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

const securityRelease = `-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA256

Origin: Debian
Label: Debian-Security
Suite: stable-security
Version: 12
Codename: bookworm-security
SHA256:
 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855        0 main/binary-amd64/Packages
`

const mainRelease = `Origin: Debian
Label: Debian
Suite: stable
Version: 12.8
Codename: bookworm
`

func writeTree(t *testing.T, files map[string][]byte) string {
	t.Helper()
	root := t.TempDir()
	for name, b := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func lz4Bytes(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	w := lz4.NewWriter(&buf)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzBytes(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte(s))
	w.Close()
	return buf.Bytes()
}

func TestPendingFromLists(t *testing.T) {
	const lists = "var/lib/apt/lists/"
	root := writeTree(t, map[string][]byte{
		lists + "deb.debian.org_debian-security_dists_bookworm-security_InRelease": []byte(securityRelease),
		lists + "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4": lz4Bytes(t,
			"Package: openssl\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\nDescription: "+strings.Repeat("x", 400<<10)+"\n\n"+
				"Package: libc6\nArchitecture: i386\nVersion: 2.36-9+deb12u9\n\n"+
				"Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n"),
		lists + "deb.debian.org_debian_dists_bookworm_Release": []byte(mainRelease),
		lists + "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.gz": gzBytes(t,
			"Package: openssl\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\n\n"+
				"Package: bash\nVersion: 5.2.15-2+b7\nArchitecture: amd64\n\n"+ // same as installed: not pending
				"Package: curl\nVersion: 7.88.1-10+deb12u8\nArchitecture: amd64\n\n"+ // older than installed
				"Package: nginx\nVersion: 1.22.1-9+deb12u1\nArchitecture: amd64\n"), // not installed
		lists + "ftp.example.org_dists_x_main_binary-amd64_Packages": []byte("Package: vim\nVersion: 9\n"), // no Release file
	})
	tg, err := target.NewDir(root, "dir:test")
	if err != nil {
		t.Fatal(err)
	}
	installed := map[string]Package{
		"openssl": {Version: "3.0.11-1~deb12u2", Arch: "amd64"},
		"bash":    {Version: "5.2.15-2+b7", Arch: "amd64"},
		"curl":    {Version: "7.88.1-10+deb12u9", Arch: "amd64"},
		"libc6":   {Version: "2.36-9+deb12u8", Arch: "amd64"},
		"tzdata":  {Version: "2024a-0+deb12u0", Arch: "all"},
		"vim":     {Version: "8", Arch: "amd64"},
	}
	n := &notes{fact: "host.upgrades"}
	got, ok := pendingFromLists(tg, installed, n)
	if !ok {
		t.Fatal("pendingFromLists found no lists")
	}
	want := []PendingUpgrade{
		{Package: "openssl", Installed: "3.0.11-1~deb12u2", Candidate: "3.0.15-1~deb12u1", Origin: "Debian-Security:12/stable-security, Debian:12.8/stable", Security: true},
		{Package: "tzdata", Installed: "2024a-0+deb12u0", Candidate: "2024a-0+deb12u1", Origin: "Debian-Security:12/stable-security", Security: true},
	}
	if len(got) != len(want) {
		t.Fatalf("pending = %+v; want %+v", got, want)
	}
	for i := range want {
		// The order of origins follows the order lists are read; compare as sets.
		g, w := got[i], want[i]
		if g.Package != w.Package || g.Installed != w.Installed || g.Candidate != w.Candidate || g.Security != w.Security || !sameOrigins(g.Origin, w.Origin) {
			t.Errorf("pending[%d] = %+v; want %+v", i, g, w)
		}
	}
	if len(n.items) != 1 || !strings.Contains(n.items[0], "no Release file") {
		t.Errorf("notes = %q; want one naming the list without a Release file", n.items)
	}
}

func sameOrigins(a, b string) bool {
	as, bs := strings.Split(a, ", "), strings.Split(b, ", ")
	if len(as) != len(bs) {
		return false
	}
	for _, x := range as {
		found := false
		for _, y := range bs {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}

// TestPendingFromListsAgreesWithAPT compares the lists reader with APT itself
// on this machine: every upgrade of an installed package that apt-get -s
// dist-upgrade would make must be found, with the same candidate version.
// APT's extra lines (new packages a dist-upgrade pulls in) have no installed
// version and are not compared.
func TestPendingFromListsAgreesWithAPT(t *testing.T) {
	if _, err := exec.LookPath("apt-get"); err != nil {
		if os.Getenv("VOUCH_INTEGRATION") == "required" {
			t.Fatal("apt-get is required (VOUCH_INTEGRATION=required) but not installed")
		}
		t.Skip("apt-get not installed: not a Debian machine")
	}
	tg := target.NewLocal()
	pkgs, err := readDpkgStatus(context.Background(), tg, &notes{fact: "host.packages"}, scanners.NewCollection(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	n := &notes{}
	got, ok := pendingFromLists(tg, packageMap(pkgs), n)
	if !ok {
		if os.Getenv("VOUCH_INTEGRATION") == "required" {
			t.Fatal("no APT lists on this machine: run apt-get update")
		}
		t.Skip("no APT lists on this machine")
	}
	out, err := exec.CommandContext(context.Background(), "apt-get", "-s", "dist-upgrade").Output()
	if err != nil {
		t.Fatalf("apt-get -s dist-upgrade: %v", err)
	}
	byName := map[string]PendingUpgrade{}
	for _, p := range got {
		byName[p.Package] = p
	}
	apt := parseAPTSimulation(out, &notes{})
	compared := 0
	for _, a := range apt {
		if a.Installed == "" {
			continue
		}
		compared++
		g, ok := byName[a.Package]
		if !ok {
			t.Errorf("apt-get upgrades %s %s -> %s; the lists reader does not", a.Package, a.Installed, a.Candidate)
			continue
		}
		if g.Candidate != a.Candidate || g.Installed != a.Installed || g.Security != a.Security {
			t.Errorf("%s: lists say %s -> %s (security %v); apt-get says %s -> %s (security %v)", a.Package, g.Installed, g.Candidate, g.Security, a.Installed, a.Candidate, a.Security)
		}
	}
	t.Logf("compared %d upgrades with apt-get (lists reader found %d; notes %q)", compared, len(got), n.items)
}

// TestScanPackageListAcrossChunks feeds a list several read chunks long, in
// short reads, and checks every wanted stanza is seen once with its fields,
// including one whose Description is longer than a chunk.
func TestScanPackageListAcrossChunks(t *testing.T) {
	var b strings.Builder
	const n = 40000
	for i := range n {
		fmt.Fprintf(&b, "Package: p%d\nArchitecture: amd64\nVersion: 1.%d\nDescription: %s\n\n", i, i, strings.Repeat("d", 60))
	}
	fmt.Fprintf(&b, "Package: huge\nVersion: 9\nDescription: %s\nArchitecture: all\n", strings.Repeat("x", 3<<20))
	seen := map[string]string{}
	err := scanPackageList(iotest.HalfReader(strings.NewReader(b.String())),
		func(pkg []byte) bool { return pkg[len(pkg)-1] != '7' },
		func(pkg, version, arch string) {
			if _, dup := seen[pkg]; dup {
				t.Errorf("stanza %s seen twice", pkg)
			}
			seen[pkg] = version + " " + arch
		})
	if err != nil {
		t.Fatal(err)
	}
	want := 1 // huge
	for i := range n {
		if i%10 != 7 {
			want++
		}
	}
	if len(seen) != want || seen["p12345"] != "1.12345 amd64" || seen["huge"] != "9 all" || seen["p17"] != "" {
		t.Errorf("saw %d stanzas (want %d); p12345=%q huge=%q p17=%q", len(seen), want, seen["p12345"], seen["huge"], seen["p17"])
	}
}
