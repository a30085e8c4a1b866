package host

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/vouch-audit/vouch/target"
)

// The pending upgrades of a machine change only when APT downloads new lists
// or dpkg changes what is installed, yet computing them means decompressing
// every list (tens of megabytes). On the local machine the answer is kept in
// the user's cache directory under a key made of every list and Release file's
// name, size, modification time and inode, and of every installed package's
// name, architecture and version; any change to either misses the cache. Like
// APT's own pkgcache.bin, it is an answer computed from the files, never a
// substitute for them.

// CacheDirEnv names the environment variable that sets vouch's cache
// directory; "off" turns caching off.
const CacheDirEnv = "VOUCH_CACHE_DIR"

// pendingCacheSchema changes whenever what is cached or how it is computed does.
const pendingCacheSchema = "vouch.apt-pending/v1"

// pendingCacheDir returns where t's pending upgrades may be cached, or "" for
// nowhere: only the local machine is cached. Tests replace it.
var pendingCacheDir = func(t target.Target) string {
	if t.Info().Kind != "local" {
		return ""
	}
	return cacheDir()
}

// cacheDir is $VOUCH_CACHE_DIR, or vouch/ in the user's cache directory.
func cacheDir() string {
	switch d := os.Getenv(CacheDirEnv); d {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "vouch")
	default:
		return d
	}
}

type pendingCache struct {
	Schema  string           `json:"schema"`
	Key     string           `json:"key"`
	Pending []PendingUpgrade `json:"pending"`
	Notes   []string         `json:"notes"`
}

// pendingKey digests what the pending upgrades are computed from. ok is false
// when a list cannot be described, and then nothing is cached.
func pendingKey(entries []fs.DirEntry, installed map[string]Package) (string, bool) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", pendingCacheSchema)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return "", false
		}
		var ino uint64
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			ino = st.Ino
		}
		fmt.Fprintf(h, "f %q %d %d %d\n", e.Name(), fi.Size(), fi.ModTime().UnixNano(), ino)
	}
	keys := make([]string, 0, len(installed))
	for k := range installed {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		p := installed[k]
		fmt.Fprintf(h, "p %s %s %s\n", k, p.Arch, p.Version)
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

func pendingCachePath(dir string) string { return filepath.Join(dir, "apt-pending.json") }

// loadPending returns the cached answer for key, if there is one.
func loadPending(dir, key string) (*pendingCache, bool) {
	b, err := os.ReadFile(pendingCachePath(dir))
	if err != nil {
		return nil, false
	}
	var c pendingCache
	if json.Unmarshal(b, &c) != nil || c.Schema != pendingCacheSchema || c.Key != key || c.Pending == nil {
		return nil, false
	}
	return &c, true
}

// storePending writes the answer for key; a cache that cannot be written is
// only slower, so failures are ignored.
func storePending(dir string, c *pendingCache) {
	c.Schema = pendingCacheSchema
	b, err := json.Marshal(c)
	if err != nil || os.MkdirAll(dir, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".apt-pending-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), pendingCachePath(dir)) != nil {
		os.Remove(tmp.Name())
	}
}
