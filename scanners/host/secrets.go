package host

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Bounds of the secret-file walk: it runs on every audit, so it stays small
// whatever sits under /opt.
const (
	secretMaxDepth   = 8
	secretMaxEntries = 20000
	secretMaxSize    = 1 << 20
	secretReaders    = 4
)

// Kinds of SecretFile.
const (
	kindPrivateKey = "private_key"
	kindCredential = "credential"
)

// secretRoots are the trees walked for secret files.
func secretRoots() []string { return []string{"/etc", "/srv", "/opt"} }

// skipSecretDir reports whether a directory holds only public material or
// tooling the walk should not descend into.
func skipSecretDir(p string) bool {
	switch p {
	case "/etc/ssl/certs", "/etc/ca-certificates", "/etc/pki/ca-trust", "/etc/pki/tls/certs",
		"/etc/fonts", "/etc/alternatives", "/etc/X11", "/etc/terminfo", "/etc/apparmor.d":
		return true
	}
	switch path.Base(p) {
	case ".git", ".hg", ".svn", "node_modules", "__pycache__":
		return true
	}
	return false
}

// isAccountDatabase reports whether p is the shadow password or group file
// (or its backup): ACC-002 and ACC-003 judge those, not ACC-006.
func isAccountDatabase(p string) bool {
	switch p {
	case "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-":
		return true
	}
	return false
}

var (
	// privateKeyLine is a PEM private key header alone on its line (PKCS#1,
	// PKCS#8, EC, DSA, encrypted, OpenSSH).
	privateKeyLine = regexp.MustCompile(`(?m)^[ \t]*-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[ \t\r]*$`)
	// upperCredential is DB_PASSWORD=..., API_TOKEN: ... anywhere on a line,
	// but not $PASSWORD or ${SECRET} (a reference, not a value). The common
	// SECRET_KEY, SECRET_KEY_BASE and AWS_SECRET_ACCESS_KEY names count too.
	upperCredential = regexp.MustCompile(`(?:^|[^$A-Za-z0-9_{])[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|SECRET_KEY|SECRET_KEY_BASE|SECRET_ACCESS_KEY|TOKEN|API_KEY)["']?[ \t]*[=:][ \t]*(\S.*)$`)
	// lowerCredential is a lower-case key starting a line: "password = ...",
	// "  db_password: ...", "\"api_key\": ...". A bare "secret" or "token"
	// key needs a prefix (client_secret): alone it names too many other things,
	// such as the demo CMP secret in Debian's stock openssl.cnf.
	lowerCredential = regexp.MustCompile(`^[ \t]*["']?(?:(?:[a-z0-9_]*_)?(?:password|passwd|api_key)|[a-z0-9_]*_(?:secret|token))["']?[ \t]*[=:][ \t]*(\S.*)$`)
)

// collectSecretFiles walks /etc, /srv and /opt for files holding a private key
// or a credential assignment. Only the path, kind, owner, mode and SHA-256 of
// the content are kept; no value is copied.
func collectSecretFiles(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.secret_files"}
	defer n.flush(c)
	files := walkSecretCandidates(ctx, t, secretRoots(), n)
	users := readIDNames(t, passwdPath)
	groups := readIDNames(t, groupPath)
	found, skipped := classifySecretFiles(ctx, t, files, users, groups)
	for _, s := range skipped {
		n.add("%s", s)
	}
	f.SecretFiles = found
}

// walkSecretCandidates lists the regular files under roots, bounded in depth
// and entries. Symlinks are not followed, so a link loop cannot trap the walk;
// a linked file's destination is judged where it lies, if under a root.
func walkSecretCandidates(ctx context.Context, t target.Target, roots []string, n *notes) []string {
	type dir struct {
		path  string
		depth int
	}
	var files []string
	entries := 0
	for _, root := range roots {
		fi, err := t.Stat(root)
		if isMissing(err) {
			continue
		}
		if err != nil {
			n.add("stat %s: %v", root, err)
			continue
		}
		if !fi.IsDir() {
			continue
		}
		stack := []dir{{root, 0}}
		for len(stack) > 0 {
			if ctx.Err() != nil {
				return files
			}
			d := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			es, err := t.ReadDir(d.path)
			if err != nil {
				n.add("list %s: %v", d.path, err)
				continue
			}
			// Push subdirectories in reverse so they are visited in name order.
			var subdirs []dir
			for _, e := range es {
				entries++
				if entries > secretMaxEntries {
					n.add("walk stopped after %d entries; files after %s were not examined", secretMaxEntries, d.path)
					return files
				}
				p := path.Join(d.path, e.Name())
				switch typ := e.Type(); {
				case typ&fs.ModeSymlink != 0:
				case typ.IsDir():
					if skipSecretDir(p) {
						continue
					}
					if d.depth+1 > secretMaxDepth {
						n.add("%s is deeper than %d levels; not examined", p, secretMaxDepth)
						continue
					}
					subdirs = append(subdirs, dir{p, d.depth + 1})
				case typ.IsRegular():
					if !isAccountDatabase(p) {
						files = append(files, p)
					}
				}
			}
			slices.Reverse(subdirs)
			stack = append(stack, subdirs...)
		}
	}
	return files
}

// classifySecretFiles reads the candidates with a few readers and keeps the
// secret ones, sorted by path. skipped says which could not be read.
func classifySecretFiles(ctx context.Context, t target.Target, files []string, users, groups map[uint32]string) (found []SecretFile, skipped []string) {
	type result struct {
		file SecretFile
		ok   bool
		note string
	}
	results := make([]result, len(files))
	// Files are opened relative to their directory where the target can:
	// one path walk per directory, not per file.
	hr, _ := t.(target.HeaderReader)
	var (
		mu   sync.Mutex
		dirs = map[string]target.DirHeaders{}
	)
	dirOf := func(dir string) target.DirHeaders {
		mu.Lock()
		defer mu.Unlock()
		dh, seen := dirs[dir]
		if !seen {
			dh, _ = hr.OpenDir(dir) // nil: read by path
			dirs[dir] = dh
		}
		return dh
	}
	defer func() {
		for _, dh := range dirs {
			if dh != nil {
				dh.Close()
			}
		}
	}()
	var wg sync.WaitGroup
	next := make(chan int)
	for range secretReaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := range next {
				var sf SecretFile
				var ok bool
				var note string
				var dh target.DirHeaders
				if hr != nil {
					dh = dirOf(path.Dir(files[i]))
				}
				if dh == nil {
					sf, ok, note = examineSecretFile(t, files[i], users, groups)
				} else {
					if buf == nil {
						buf = make([]byte, secretMaxSize)
					}
					sf, ok, note = examineSecretHeader(t, dh, files[i], buf, users, groups)
				}
				results[i] = result{sf, ok, note}
			}
		}()
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	found = []SecretFile{}
	for _, r := range results {
		if r.note != "" {
			skipped = append(skipped, r.note)
		}
		if r.ok {
			found = append(found, r.file)
		}
	}
	slices.SortFunc(found, func(a, b SecretFile) int { return strings.Compare(a.Path, b.Path) })
	return found, skipped
}

// examineSecretFile stats p without following a link (a dir: target's
// .vouch/attrs override applies there), skips large or binary files and
// classifies the rest.
func examineSecretFile(t target.Target, p string, users, groups map[uint32]string) (SecretFile, bool, string) {
	fi, err := t.Lstat(p)
	if err != nil {
		return SecretFile{}, false, fmt.Sprintf("stat %s: %v", p, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 || fi.Size() > secretMaxSize {
		return SecretFile{}, false, ""
	}
	b, err := t.ReadFile(p, secretMaxSize)
	if err != nil {
		return SecretFile{}, false, fmt.Sprintf("read %s: %v", p, err)
	}
	kind := secretKind(b)
	if kind == "" {
		return SecretFile{}, false, ""
	}
	return secretFile(p, kind, b, fi, users, groups), true, ""
}

// examineSecretHeader is examineSecretFile for a file read through its
// directory: the content first, and only for a secret the owner and mode.
func examineSecretHeader(t target.Target, dh target.DirHeaders, p string, buf []byte, users, groups map[uint32]string) (SecretFile, bool, string) {
	n, size, err := dh.ReadHeader(path.Base(p), buf)
	if err != nil {
		return SecretFile{}, false, fmt.Sprintf("read %s: %v", p, err)
	}
	if size == 0 || size > secretMaxSize {
		return SecretFile{}, false, ""
	}
	b := buf[:n]
	kind := secretKind(b)
	if kind == "" {
		return SecretFile{}, false, ""
	}
	fi, err := t.Lstat(p)
	if err != nil {
		return SecretFile{}, false, fmt.Sprintf("stat %s: %v", p, err)
	}
	return secretFile(p, kind, b, fi, users, groups), true, ""
}

// secretFile describes a secret: where, what, its mode and owner, and a hash
// of its content (never the content).
func secretFile(p, kind string, b []byte, fi fs.FileInfo, users, groups map[uint32]string) SecretFile {
	sum := sha256.Sum256(b)
	sf := SecretFile{
		Path:   p,
		Kind:   kind,
		Mode:   fmt.Sprintf("%04o", fi.Mode().Perm()),
		SHA256: hex.EncodeToString(sum[:]),
	}
	if uid, gid, ok := target.Owner(fi); ok {
		sf.Owner = idName(users, uid)
		sf.Group = idName(groups, gid)
	}
	return sf
}

func idName(names map[uint32]string, id uint32) string {
	if name, ok := names[id]; ok {
		return name
	}
	return strconv.FormatUint(uint64(id), 10)
}

// secretKind says whether content holds a private key or a credential
// assignment, or neither. Binary content (a NUL in the first 8 KiB) is neither.
func secretKind(b []byte) string {
	if bytes.IndexByte(b[:min(len(b), 8<<10)], 0) >= 0 {
		return ""
	}
	if bytes.Contains(b, []byte("PRIVATE KEY-----")) && privateKeyLine.Match(b) {
		return kindPrivateKey
	}
	// The regular expressions run only on lines holding one of the names.
	h := newHintScan(b)
	for {
		at := h.next()
		if at < 0 {
			return ""
		}
		start := bytes.LastIndexByte(b[:at], '\n') + 1
		end := bytes.IndexByte(b[at:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += at
		}
		if isCredentialLine(string(b[start:end])) {
			return kindCredential
		}
		h.from = end + 1
	}
}

// credentialHints are the names the credential patterns look for, lower
// case ("passw" covers password and passwd), each with the offset of a byte
// rarer in text than its first letter: the search jumps from one of those to
// the next with bytes.IndexByte instead of testing every byte.
var credentialHints = []struct {
	name   []byte
	anchor int
}{{[]byte("passw"), 4}, {[]byte("secret"), 2}, {[]byte("token"), 2}, {[]byte("api_key"), 3}}

// hintScan finds the credential hints of a text in any letter case. It keeps
// where each anchor byte (both cases) occurs next, so finding every hint line
// of a text reads it once per anchor, however many lines there are.
type hintScan struct {
	b    []byte
	from int
	at   [2 * 4]int // per hint and case: the next hint start found, -1 none left, -2 not searched
}

func newHintScan(b []byte) *hintScan {
	h := &hintScan{b: b}
	for i := range h.at {
		h.at[i] = -2
	}
	return h
}

// next returns the start of a hint at or after the scan's position, the
// earliest of them, or -1.
func (h *hintScan) next() int {
	best := -1
	for i := range h.at {
		if h.at[i] == -2 || h.at[i] >= 0 && h.at[i] < h.from {
			h.at[i] = h.find(i)
		}
		if n := h.at[i]; n >= 0 && (best < 0 || n < best) {
			best = n
		}
	}
	return best
}

// find searches for hint i/2 by its anchor in case i%2 from the position.
func (h *hintScan) find(i int) int {
	hint := credentialHints[i/2]
	a := hint.name[hint.anchor]
	if i%2 == 1 {
		if a < 'a' || a > 'z' {
			return -1 // '_' has one case
		}
		a -= 'a' - 'A'
	}
	for off := h.from + hint.anchor; off < len(h.b); {
		j := bytes.IndexByte(h.b[off:], a)
		if j < 0 {
			return -1
		}
		start := off + j - hint.anchor
		if hasPrefixFold(h.b[start:], hint.name) {
			return start
		}
		off += j + 1
	}
	return -1
}

// hasPrefixFold reports whether b starts with lower, ignoring ASCII case.
func hasPrefixFold(b, lower []byte) bool {
	if len(b) < len(lower) {
		return false
	}
	for j, c := range lower {
		if x := b[j]; x != c && (c < 'a' || c > 'z' || x != c-0x20) {
			return false
		}
	}
	return true
}

// isCredentialLine reports whether a line assigns a real-looking value to a
// password, secret or token name. Comments, references ($VAR, ${VAR},
// {{ var }}, %(var)s) and placeholders are not credentials.
func isCredentialLine(line string) bool {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' || strings.HasPrefix(trimmed, "//") {
		return false
	}
	// "passwd: files systemd" names the account database in nsswitch.conf(5),
	// not a password.
	if strings.HasPrefix(trimmed, "passwd:") {
		return false
	}
	for _, re := range []*regexp.Regexp{upperCredential, lowerCredential} {
		if m := re.FindStringSubmatch(line); m != nil && !isPlaceholder(m[1]) {
			return true
		}
	}
	return false
}

// isPlaceholder reports whether an assigned value is empty, a reference or a
// stand-in rather than a secret.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	v = strings.TrimRight(v, ",;")
	v = strings.TrimSpace(unquoteShellWord(v))
	if v == "" {
		return true
	}
	switch v[0] {
	case '$', '%', '<', '{', '[', '|', '>', '*', '`':
		return true
	}
	switch strings.ToLower(strings.Trim(v, ".-_")) {
	case "", "changeme", "change_me", "changethis", "change-me", "xxx", "xxxx", "xxxxxx", "xxxxxxxx",
		"none", "null", "nil", "undef", "example", "password", "passwd", "secret", "token",
		"your_password", "yourpassword", "your-password", "your_secret", "your_token", "mypassword",
		"todo", "tbd", "replace_me", "replaceme", "redacted", "placeholder", "dummy", "true", "false":
		return true
	}
	return strings.Trim(strings.ToLower(v), "x*.") == ""
}
