package host

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/target"
)

// TestPendingCacheAnswersUntilAListOrPackageChanges: the second scan is
// answered from the cache (shown by planting a different answer under the
// same key), and a changed list or a changed installed version misses it.
func TestPendingCacheAnswersUntilAListOrPackageChanges(t *testing.T) {
	const lists = "var/lib/apt/lists/"
	list := lists + "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"
	root := writeTree(t, map[string][]byte{
		lists + "deb.debian.org_debian_dists_bookworm_Release": []byte(mainRelease),
		list: []byte("Package: openssl\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\n"),
	})
	tg, err := target.NewDir(root, "dir:test")
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	saved := pendingCacheDir
	pendingCacheDir = func(target.Target) string { return cache }
	t.Cleanup(func() { pendingCacheDir = saved })
	installed := map[string]Package{"openssl": {Version: "3.0.11-1~deb12u2", Arch: "amd64"}}

	scan := func() []PendingUpgrade {
		t.Helper()
		got, ok := pendingFromLists(tg, installed, &notes{})
		if !ok {
			t.Fatal("no lists found")
		}
		return got
	}
	if got := scan(); len(got) != 1 || got[0].Candidate != "3.0.15-1~deb12u1" {
		t.Fatalf("first scan = %+v; want openssl 3.0.15-1~deb12u1", got)
	}
	b, err := os.ReadFile(filepath.Join(cache, "apt-pending.json"))
	if err != nil {
		t.Fatalf("cache not written: %v", err)
	}
	var c pendingCache
	if err := json.Unmarshal(b, &c); err != nil || c.Key == "" {
		t.Fatalf("cache %s: %v", b, err)
	}
	c.Pending[0].Candidate = "from-the-cache"
	b, _ = json.Marshal(c)
	if err := os.WriteFile(filepath.Join(cache, "apt-pending.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := scan(); len(got) != 1 || got[0].Candidate != "from-the-cache" {
		t.Fatalf("second scan = %+v; want the cached answer", got)
	}

	// APT downloads a new list: the cache no longer applies.
	if err := os.WriteFile(filepath.Join(root, list), []byte("Package: openssl\nVersion: 3.0.16-1~deb12u1\nArchitecture: amd64\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(root, list), later, later); err != nil {
		t.Fatal(err)
	}
	if got := scan(); len(got) != 1 || got[0].Candidate != "3.0.16-1~deb12u1" {
		t.Fatalf("after a new list = %+v; want 3.0.16-1~deb12u1", got)
	}

	// dpkg installs the candidate: nothing is pending any more.
	installed["openssl"] = Package{Version: "3.0.16-1~deb12u1", Arch: "amd64"}
	if got := scan(); len(got) != 0 {
		t.Fatalf("after the upgrade = %+v; want nothing pending", got)
	}
}

func TestCacheDirFollowsTheEnvironment(t *testing.T) {
	t.Setenv(CacheDirEnv, "off")
	if d := cacheDir(); d != "" {
		t.Errorf("%s=off: cache dir %q, want none", CacheDirEnv, d)
	}
	t.Setenv(CacheDirEnv, "/var/cache/vouch-test")
	if d := cacheDir(); d != "/var/cache/vouch-test" {
		t.Errorf("cache dir %q, want /var/cache/vouch-test", d)
	}
	if d := pendingCacheDir(target.NewLocal()); d != "/var/cache/vouch-test" {
		t.Errorf("local target: %q, want the cache dir", d)
	}
	dt, err := target.NewDir(t.TempDir(), "dir:x")
	if err != nil {
		t.Fatal(err)
	}
	if d := pendingCacheDir(dt); d != "" {
		t.Errorf("dir: target: %q, want no cache", d)
	}
}
