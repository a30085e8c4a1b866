package host

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/vouch-audit/vouch/target"
)

const aptListsDir = "/var/lib/apt/lists"

// capList bounds one compressed package list read from the target; Debian's
// main archive list is about 20 MB compressed, 50 MB plain.
const capList = 128 << 20

// aptRelease is the part of an InRelease/Release file that names the archive,
// as APT prints it in "Label:Version/Suite" origins.
type aptRelease struct {
	origin, label, suite, version string
}

func (r aptRelease) String() string {
	label := r.label
	if label == "" {
		label = r.origin
	}
	return fmt.Sprintf("%s:%s/%s", label, r.version, r.suite)
}

func (r aptRelease) security() bool {
	return strings.Contains(r.label, "Security") || strings.HasSuffix(r.suite, "-security")
}

// pendingFromLists computes what an upgrade would install from the package
// lists APT last downloaded, without running APT: for every installed package,
// the highest version any list offers for its architecture, when it is newer
// than the installed one. APT's pinning and phased updates are not applied, so
// a held or pinned-down package still counts as pending: a pending security
// fix that is held back is still unpatched. ok is false when there are no
// lists to read.
func pendingFromLists(t target.Target, installed map[string]Package, n *notes) (pending []PendingUpgrade, ok bool) {
	es, err := t.ReadDir(aptListsDir)
	if err != nil {
		if !isMissing(err) {
			n.add("read %s: %v", aptListsDir, err)
		}
		return nil, false
	}
	dir := pendingCacheDir(t)
	var key string
	if dir != "" {
		var ok bool
		if key, ok = pendingKey(es, installed); !ok {
			dir = ""
		} else if c, hit := loadPending(dir, key); hit {
			n.items = append(n.items, c.Notes...)
			return c.Pending, true
		}
	}
	first := len(n.items)
	defer func() {
		if dir != "" && ok {
			storePending(dir, &pendingCache{Key: key, Pending: pending, Notes: slices.Clone(n.items[first:])})
		}
	}()

	releases := map[string]aptRelease{} // file name prefix -> release
	var lists []string
	for _, e := range es {
		name := e.Name()
		switch {
		case e.IsDir():
		case strings.HasSuffix(name, "_InRelease"), strings.HasSuffix(name, "_Release"):
			b, err := t.ReadFile(path.Join(aptListsDir, name), capSmall)
			if err != nil {
				n.add("read %s/%s: %v", aptListsDir, name, err)
				continue
			}
			prefix := strings.TrimSuffix(strings.TrimSuffix(name, "InRelease"), "Release")
			if _, seen := releases[prefix]; !seen || strings.HasSuffix(name, "_InRelease") {
				releases[prefix] = parseRelease(b)
			}
		case strings.Contains(name, "_Packages"):
			lists = append(lists, name)
		}
	}
	if len(lists) == 0 {
		return nil, false
	}
	type cand struct {
		version string
		origins []string
		sec     bool
	}
	best := map[string]*cand{} // installed key -> best candidate
	names := make(map[string]bool, len(installed))
	for key := range installed {
		name, _, _ := strings.Cut(key, ":")
		names[name] = true
	}
	for _, name := range lists {
		rel, found := releaseFor(name, releases)
		if !found {
			n.add("%s/%s: no Release file names its archive; its packages are not counted", aptListsDir, name)
			continue
		}
		r, closeFn, err := openList(t, path.Join(aptListsDir, name))
		if err != nil {
			n.add("%v", err)
			continue
		}
		err = scanPackageList(r, func(pkg []byte) bool { return names[string(pkg)] }, func(pkg, version, arch string) {
			key := pkg
			p, ok := installed[key]
			if ok && arch != "all" && p.Arch != arch && p.Arch != "all" {
				key = pkg + ":" + arch
				p, ok = installed[key]
			}
			if !ok || (arch != "all" && p.Arch != arch) || compareDebVersions(version, p.Version) <= 0 {
				return
			}
			c := best[key]
			switch {
			case c == nil || compareDebVersions(version, c.version) > 0:
				best[key] = &cand{version: version, origins: []string{rel.String()}, sec: rel.security()}
			case compareDebVersions(version, c.version) == 0 && !slices.Contains(c.origins, rel.String()):
				c.origins = append(c.origins, rel.String())
				c.sec = c.sec || rel.security()
			}
		})
		closeFn()
		if err != nil {
			n.add("read %s/%s: %v", aptListsDir, name, err)
		}
	}
	pending = []PendingUpgrade{}
	for key, c := range best {
		name, _, _ := strings.Cut(key, ":")
		pending = append(pending, PendingUpgrade{
			Package: name, Installed: installed[key].Version, Candidate: c.version,
			Origin: strings.Join(c.origins, ", "), Security: c.sec,
		})
	}
	sort.Slice(pending, func(i, j int) bool { return pending[i].Package < pending[j].Package })
	return pending, true
}

// releaseFor finds the Release file of a list: the one whose name is the
// longest prefix of the list's name (lists and their Release share the
// mirror_path_dists_suite_ prefix).
func releaseFor(list string, releases map[string]aptRelease) (aptRelease, bool) {
	bestLen := -1
	var out aptRelease
	for prefix, r := range releases {
		if strings.HasPrefix(list, prefix) && len(prefix) > bestLen {
			bestLen, out = len(prefix), r
		}
	}
	return out, bestLen >= 0
}

// parseRelease reads the header fields of a Release or clear-signed InRelease file.
func parseRelease(b []byte) aptRelease {
	var r aptRelease
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Origin":
			r.origin = v
		case "Label":
			r.label = v
		case "Suite":
			r.suite = v
		case "Version":
			r.version = v
		case "SHA256", "MD5Sum", "SHA1", "SHA512":
			return r // the checksum lists follow the header
		}
	}
	return r
}

// openList opens a package list as APT stores it: plain, or compressed when
// Acquire::GzipIndexes (or the lz4 default of slim images) is set. A target
// that streams files is read as it is decompressed, never held whole: the
// main archive's list is 50 MB plain.
func openList(t target.Target, p string) (io.Reader, func(), error) {
	var (
		src   io.Reader
		close = func() {}
	)
	if o, ok := t.(target.Opener); ok {
		f, err := o.Open(p)
		if err != nil {
			return nil, close, fmt.Errorf("read %s: %w", p, err)
		}
		fi, err := f.Stat()
		if err == nil && fi.Size() > capList {
			f.Close()
			return nil, close, fmt.Errorf("read %s: %d bytes: %w (%d)", p, fi.Size(), target.ErrTooLarge, capList)
		}
		src, close = bufio.NewReaderSize(io.LimitReader(f, capList), 1<<20), func() { f.Close() }
	} else {
		b, err := t.ReadFile(p, capList)
		if err != nil {
			return nil, close, fmt.Errorf("read %s: %w", p, err)
		}
		src = bytes.NewReader(b)
	}
	switch {
	case strings.HasSuffix(p, "_Packages"):
		return src, close, nil
	case strings.HasSuffix(p, ".lz4"):
		return newLZ4Reader(src), close, nil
	case strings.HasSuffix(p, ".gz"):
		zr, err := gzip.NewReader(src)
		if err != nil {
			close()
			return nil, func() {}, fmt.Errorf("read %s: %w", p, err)
		}
		return zr, func() { zr.Close(); close() }, nil
	}
	close()
	return nil, func() {}, fmt.Errorf("%s: compression not supported (plain, .gz and .lz4 are read)", p)
}

// scanPackageList calls fn with the Package, Version and Architecture of
// every stanza of a Packages list whose package want accepts. It jumps from
// stanza to stanza with bytes.Index and looks inside only the stanzas of
// installed packages, so a 50 MB list costs little more than its
// decompression.
func scanPackageList(r io.Reader, want func(pkg []byte) bool, fn func(pkg, version, arch string)) error {
	const chunk = 1 << 20
	buf := make([]byte, 0, 2*chunk)
	eof := false
	for {
		if !eof {
			if cap(buf)-len(buf) < chunk {
				if len(buf) > capList {
					return fmt.Errorf("a stanza longer than %d bytes", capList)
				}
				grown := make([]byte, len(buf), 2*cap(buf))
				copy(grown, buf)
				buf = grown
			}
			n, err := io.ReadFull(r, buf[len(buf):len(buf)+chunk])
			buf = buf[:len(buf)+n]
			switch err {
			case nil:
			case io.EOF, io.ErrUnexpectedEOF:
				eof = true
			default:
				return err
			}
		}
		// Whole stanzas only, unless the list has ended.
		end := bytes.LastIndex(buf, []byte("\n\n"))
		if eof {
			end = len(buf)
		} else if end < 0 {
			continue // one stanza longer than what is read so far
		} else {
			end += 2
		}
		for data := buf[:end]; len(data) > 0; {
			var st []byte
			if i := bytes.Index(data, []byte("\n\n")); i >= 0 {
				st, data = data[:i+1], data[i+2:]
			} else {
				st, data = data, nil
			}
			pkg := stanzaField(st, "Package: ")
			if len(pkg) == 0 || !want(pkg) {
				continue
			}
			if version := stanzaField(st, "Version: "); len(version) > 0 {
				fn(string(pkg), string(version), string(stanzaField(st, "Architecture: ")))
			}
		}
		if eof {
			return nil
		}
		buf = buf[:copy(buf, buf[end:])]
	}
}

// stanzaField returns the value of a single-line field of a stanza, where
// name includes the colon and space ("Version: ").
func stanzaField(st []byte, name string) []byte {
	i := 0
	if !bytes.HasPrefix(st, []byte(name)) {
		j := bytes.Index(st, []byte("\n"+name))
		if j < 0 {
			return nil
		}
		i = j + 1
	}
	v := st[i+len(name):]
	if nl := bytes.IndexByte(v, '\n'); nl >= 0 {
		v = v[:nl]
	}
	return bytes.TrimSpace(v)
}
