package container_test

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/scanners/container"
	"github.com/vouch-audit/vouch/scanners/container/vuln/vulntest"
)

type entry struct {
	name string
	body string
	size int64 // header size when the body is deliberately short
	typ  byte
}

// layerBytes writes a layer tar; an entry with size > len(body) leaves the
// stream truncated there, as a broken or hostile layer would.
func layerBytes(t *testing.T, es ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range es {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)), Typeflag: tar.TypeReg, ModTime: time.Unix(0, 0)}
		if e.typ != 0 {
			h.Typeflag = e.typ
			h.Size = 0
		}
		if e.size > 0 {
			h.Size = e.size
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
		if e.size > int64(len(e.body)) {
			return buf.Bytes() // truncated: no more entries, no end marker
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sparseLayer is a layer holding one GNU sparse file (type 'S') of realSize
// bytes of which only the last 4 KiB are stored: a 10 GB file in a few KiB
// of layer. archive/tar cannot write sparse files, so the header is built
// by hand as GNU tar writes it.
func sparseLayer(t *testing.T, name string, realSize int64) []byte {
	t.Helper()
	const data = 4096
	blk := make([]byte, 512)
	octal := func(off, n int, v int64) { copy(blk[off:off+n], fmt.Sprintf("%0*o\x00", n-1, v)) }
	copy(blk[0:100], name)
	octal(100, 8, 0o644)
	octal(108, 8, 0)
	octal(116, 8, 0)
	octal(124, 12, data)
	octal(136, 12, 0)
	blk[156] = 'S'
	copy(blk[257:265], "ustar  \x00")
	octal(386, 12, realSize-data) // sparse entry 0: offset
	octal(398, 12, data)          // and length
	octal(483, 12, realSize)      // realsize
	copy(blk[148:156], "        ")
	sum := 0
	for _, c := range blk {
		sum += int(c)
	}
	copy(blk[148:156], fmt.Sprintf("%06o\x00 ", sum))
	out := append(blk, make([]byte, data)...)
	return append(out, make([]byte, 1024)...)
}

func image(t *testing.T, cfg v1.Config, history []v1.History, layers ...[]byte) v1.Image {
	t.Helper()
	img := empty.Image
	for _, b := range layers {
		l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
		if err != nil {
			t.Fatal(err)
		}
		if img, err = mutate.AppendLayers(img, l); err != nil {
			t.Fatal(err)
		}
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.Config = cfg
	cf.History = history
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

const status = "Package: busybox\nStatus: install ok installed\nVersion: 1:1.35.0-4\nArchitecture: amd64\n\n" +
	"Package: libssl3\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n\n" +
	"Package: oldpkg\nStatus: deinstall ok config-files\nVersion: 1.0\n\n"

func TestInventoryReadsTheTopmostFiles(t *testing.T) {
	bottom := layerBytes(t,
		entry{name: "etc/os-release", body: "ID=debian\nVERSION_ID=\"11\"\n"},
		entry{name: "var/lib/dpkg/status", body: "Package: bash\nStatus: install ok installed\nVersion: 5.1\n\n"},
		entry{name: "usr/bin/apt-get", body: "#!"}, entry{name: "usr/bin/dpkg", body: "#!"},
		entry{name: "srv/cache/", typ: tar.TypeDir}, entry{name: "srv/cache/usr/bin/rpm", body: "#!"},
	)
	top := layerBytes(t,
		entry{name: "etc/os-release", body: "ID=debian\nVERSION_ID=\"12\"\n"},
		entry{name: "var/lib/dpkg/status", body: status},
		entry{name: "usr/bin/.wh.apt-get"},
	)
	im, err := container.Inventory(image(t, v1.Config{User: "1000"}, nil, bottom, top), "test")
	if err != nil {
		t.Fatal(err)
	}
	if im.OS == nil || im.OS.VersionID != "12" {
		t.Errorf("OS = %+v; want debian 12 from the top layer", im.OS)
	}
	want := map[string]container.Package{
		"busybox": {Version: "1:1.35.0-4", Arch: "amd64", Manager: "dpkg"},
		"libssl3": {Version: "3.0.11-1~deb12u2", Arch: "amd64", SourceName: "openssl", Manager: "dpkg"},
	}
	if !reflect.DeepEqual(im.Packages, want) {
		t.Errorf("Packages = %+v; want %+v", im.Packages, want)
	}
	if !reflect.DeepEqual(im.PackageManagers, []string{"dpkg"}) {
		t.Errorf("PackageManagers = %v; want [dpkg] (apt-get whited out, rpm not at its path)", im.PackageManagers)
	}
	if im.User != "1000" {
		t.Errorf("User = %q", im.User)
	}
}

func TestInventoryHashesSecretsNeverCopies(t *testing.T) {
	const (
		pw  = "correct-horse-battery-staple-9"
		aws = "AKIAIOSFODNN7EXAMPLE"
		tok = "t0ken-in-history-41"
	)
	img := image(t, v1.Config{Env: []string{"PATH=/usr/bin", "DB_PASSWORD=" + pw}, Labels: map[string]string{"deploy.key": aws}},
		[]v1.History{{CreatedBy: "/bin/sh -c #(nop) ARG API_TOKEN=" + tok}, {CreatedBy: "/bin/sh -c apt-get update"}},
		layerBytes(t, entry{name: "etc/os-release", body: "ID=debian\nVERSION_ID=12\n"}))
	im, err := container.Inventory(img, "test")
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]container.Value{}
	for _, v := range im.Values {
		byKey[v.Where+":"+v.Key] = v
	}
	if v := byKey["env:DB_PASSWORD"]; v.Length != len(pw) || v.EntropyBits < 100 {
		t.Errorf("DB_PASSWORD = %+v; want its length and a high entropy estimate", v)
	}
	if v := byKey["label:deploy.key"]; !reflect.DeepEqual(v.Kinds, []string{"aws_access_key"}) {
		t.Errorf("label = %+v; want kind aws_access_key", v)
	}
	if _, ok := byKey["history:API_TOKEN"]; !ok {
		t.Errorf("history assignment API_TOKEN not found in %+v", im.Values)
	}
	b, _ := json.Marshal(im)
	for _, s := range []string{pw, aws, tok} {
		if strings.Contains(string(b), s) {
			t.Errorf("image facts hold %q in clear", s)
		}
	}
}

func TestInventoryOfHostileLayers(t *testing.T) {
	for _, tc := range []struct {
		name    string
		layer   []byte
		wantErr string
		warn    string
	}{
		{name: "path traversal is not followed", layer: layerBytes(t,
			entry{name: "../../etc/cron.d/evil", body: "* * * * * root sh"},
			entry{name: "etc/../../../var/lib/dpkg/status", body: status},
			entry{name: "etc/os-release", body: "ID=debian\nVERSION_ID=12\n"},
		), warn: "escapes the image root"},
		{name: "a 10 GB package database is refused before it is read", layer: layerBytes(t,
			entry{name: "var/lib/dpkg/status", body: "Package: x\n", size: 10 << 30},
		), wantErr: "over the 67108864-byte cap"},
		{name: "a 10 GB sparse file is streamed over", layer: sparseLayer(t, "srv/disk.img", 10<<30)},
		{name: "a 10 GB sparse package database is refused", layer: sparseLayer(t, "var/lib/dpkg/status", 10<<30), wantErr: "over the 67108864-byte cap"},
		{name: "a truncated 10 GB file ends the layer with an error", layer: layerBytes(t,
			entry{name: "srv/disk.img", body: strings.Repeat("\x00", 4096), size: 10 << 30},
		), wantErr: "unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			im, err := container.Inventory(image(t, v1.Config{}, nil, tc.layer), "test")
			if time.Since(start) > 10*time.Second {
				t.Errorf("Inventory took %v", time.Since(start))
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Inventory error = %v; want %q", err, tc.wantErr)
				}
				if im.InventoryError == "" {
					t.Error("InventoryError not set")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.warn == "" {
				if len(im.Warnings) != 0 || len(im.Packages) != 0 {
					t.Errorf("warnings %v, packages %v; want none", im.Warnings, im.Packages)
				}
				return
			}
			if len(im.Warnings) != 2 || !strings.Contains(im.Warnings[0], tc.warn) {
				t.Errorf("Warnings = %v; want two %q", im.Warnings, tc.warn)
			}
			if len(im.Packages) != 0 {
				t.Errorf("Packages = %v; the escaping status file must not be read", im.Packages)
			}
		})
	}
}

func TestOpenImageArchives(t *testing.T) {
	img := image(t, v1.Config{User: "app"}, nil, layerBytes(t,
		entry{name: "etc/os-release", body: "ID=debian\nVERSION_ID=12\n"},
		entry{name: "var/lib/dpkg/status", body: status}))
	dir := t.TempDir()
	good := filepath.Join(dir, "app.tar")
	tag, _ := name.NewTag("vouch-test/app:1")
	if err := tarball.WriteToFile(good, tag, img); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.tar")
	if err := os.WriteFile(truncated, b[:len(b)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.tar")
	if err := os.WriteFile(garbage, []byte("this is not a tarball at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	oci := filepath.Join(dir, "oci")
	lp, err := layout.Write(oci, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := lp.AppendImage(img); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		spec    string
		wantErr bool
	}{
		{spec: "docker-archive:" + good},
		{spec: "oci:" + oci},
		{spec: "docker-archive:" + truncated, wantErr: true},
		{spec: "docker-archive:" + garbage, wantErr: true},
		{spec: "docker-archive:" + filepath.Join(dir, "missing.tar"), wantErr: true},
		{spec: "podman:whatever", wantErr: true},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			im, err := container.OpenImage(context.Background(), tc.spec)
			var got container.Image
			if err == nil {
				got, err = container.Inventory(im, tc.spec)
			}
			if tc.wantErr {
				if err == nil {
					t.Fatalf("%s read without error: %+v", tc.spec, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.User != "app" || len(got.Packages) != 2 {
				t.Errorf("%s: user %q, %d packages; want app and 2", tc.spec, got.User, len(got.Packages))
			}
		})
	}
}

// TestArchiveJudgedWithoutEngine inventories a docker save tarball on a host
// with no engine: the engine controls skip, the image controls judge it.
func TestArchiveJudgedWithoutEngine(t *testing.T) {
	img := image(t, v1.Config{Env: []string{"DB_PASSWORD=archive-baked-password-77"}}, nil, layerBytes(t,
		entry{name: "etc/os-release", body: "ID=debian\nVERSION_ID=12\n"},
		entry{name: "var/lib/dpkg/status", body: status}))
	path := filepath.Join(t.TempDir(), "app.tar")
	tag, _ := name.NewTag("vouch-test/app:1")
	if err := tarball.WriteToFile(path, tag, img); err != nil {
		t.Fatal(err)
	}
	dbDir := t.TempDir()
	if err := vulntest.Write(dbDir, clock.Add(-time.Hour), []vulntest.Advisory{
		{Platform: "debian 12", Package: "openssl", ID: "CVE-2026-31337", FixedVersion: "3.0.15-1~deb12u1", Severity: "HIGH"},
	}); err != nil {
		t.Fatal(err)
	}
	s := container.New(container.Options{Getenv: noEnv, Images: []string{"docker-archive:" + path}, VulnDB: dbDir})
	got, f := judge(t, s, localTree{dirTarget(t, t.TempDir())}, clock, nil)
	assertVerdicts(t, got, map[string]audit.Status{"CTR-011": audit.Fail, "CTR-012": audit.Fail}, audit.Skip)
	if b, _ := json.Marshal(f); strings.Contains(string(b), "archive-baked-password-77") {
		t.Error("facts carry the baked password in clear")
	}
}

// TestOpenImageFromRegistry reads an image from a registry on a loopback
// port: go-containerregistry's own registry implementation, in process,
// since no real registry is reachable from here.
func TestOpenImageFromRegistry(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	ref := strings.TrimPrefix(srv.URL, "http://") + "/vouch-test/app:1"
	img := image(t, v1.Config{User: "app"}, nil, layerBytes(t,
		entry{name: "etc/os-release", body: "ID=debian\nVERSION_ID=12\n"},
		entry{name: "var/lib/dpkg/status", body: status}))
	tag, err := name.NewTag(ref, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got, err := container.OpenImage(ctx, "registry:"+ref)
	if err != nil {
		t.Fatal(err)
	}
	im, err := container.Inventory(got, "registry:"+ref)
	if err != nil {
		t.Fatal(err)
	}
	if im.User != "app" || len(im.Packages) != 2 {
		t.Errorf("user %q, %d packages; want app and 2", im.User, len(im.Packages))
	}
	if _, err := container.OpenImage(ctx, "registry:"+strings.TrimPrefix(srv.URL, "http://")+"/vouch-test/missing:1"); err == nil {
		t.Error("a missing image opened without error")
	}
}
