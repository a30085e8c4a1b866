package target

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// AttrsFile, relative to a Dir root, overrides the mode and owner of paths in the
// tree, because git keeps neither. Each line is "MODE UID GID PATH", for example
// "0600 0 0 /etc/ssl/private/site.key"; '#' starts a comment.
const AttrsFile = ".vouch/attrs"

// Owner returns the numeric owner and group of a file when the target knows them.
func Owner(fi fs.FileInfo) (uid, gid uint32, ok bool) {
	if st, isStat := fi.Sys().(*syscall.Stat_t); isStat && st != nil {
		return st.Uid, st.Gid, true
	}
	return 0, 0, false
}

type attr struct {
	mode     fs.FileMode
	uid, gid uint32
}

// loadAttrs reads the tree's AttrsFile; a missing file means no overrides.
func loadAttrs(root string) (map[string]attr, error) {
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(AttrsFile)))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m := map[string]attr{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: want \"MODE UID GID PATH\", got %q", AttrsFile, n, line)
		}
		mode, err1 := strconv.ParseUint(f[0], 8, 32)
		uid, err2 := strconv.ParseUint(f[1], 10, 32)
		gid, err3 := strconv.ParseUint(f[2], 10, 32)
		if err1 != nil || err2 != nil || err3 != nil || !path.IsAbs(f[3]) {
			return nil, fmt.Errorf("%s:%d: want \"MODE UID GID PATH\" with an octal mode and an absolute path, got %q", AttrsFile, n, line)
		}
		m[path.Clean(f[3])] = attr{mode: fs.FileMode(mode) & fs.ModePerm, uid: uint32(uid), gid: uint32(gid)}
	}
	return m, nil
}

// attrInfo is a FileInfo with the mode and owner from AttrsFile.
type attrInfo struct {
	fs.FileInfo
	a attr
}

func (i attrInfo) Mode() fs.FileMode  { return i.FileInfo.Mode()&^fs.ModePerm | i.a.mode }
func (i attrInfo) ModTime() time.Time { return i.FileInfo.ModTime() }
func (i attrInfo) Sys() any {
	st := &syscall.Stat_t{}
	if orig, ok := i.FileInfo.Sys().(*syscall.Stat_t); ok && orig != nil {
		*st = *orig
	}
	st.Uid, st.Gid = i.a.uid, i.a.gid
	setPerm(&st.Mode, i.a.mode)
	return st
}

// setPerm puts perm's permission bits in a stat mode, whose width differs
// between systems (uint32 on Linux, uint16 on macOS and the BSDs).
func setPerm[T ~uint16 | ~uint32](m *T, perm fs.FileMode) {
	*m = *m&^0o777 | T(perm&fs.ModePerm)
}
