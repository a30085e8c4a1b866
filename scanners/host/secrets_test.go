package host

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

func newTestCollection() *scanners.Collection {
	return scanners.NewCollection(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
}

func TestSecretKind(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"pkcs8 key", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n", kindPrivateKey},
		{"rsa key after text", "note\n  -----BEGIN RSA PRIVATE KEY-----\nMIIE\n", kindPrivateKey},
		{"openssh key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n", kindPrivateKey},
		{"key header quoted in a script", "grep -q '-----BEGIN RSA PRIVATE KEY-----' \"$f\"\n", ""},
		{"certificate only", "-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----\n", ""},
		{"env password", "APP=1\nDB_PASSWORD=hunter2hunter2\n", kindCredential},
		{"export token", "export GITHUB_TOKEN=ghp_abcdefghijklmnop\n", kindCredential},
		{"yaml secret", "app:\n  CLIENT_SECRET: s3cr3t-value\n", kindCredential},
		{"json api key", "{\n  \"API_KEY\": \"abc123def456\"\n}\n", kindCredential},
		{"lower-case ini password", "[client]\nuser = debian-sys-maint\npassword = Zt8q2LmP0vXk\n", kindCredential},
		{"lower-case prefixed secret", "client_secret: 9f8e7d6c5b4a\n", kindCredential},
		{"bare lower-case secret is not enough", "secret = pass:insta\n", ""},
		{"comment", "# DB_PASSWORD=hunter2\n; PASSWORD=x1\n// TOKEN=abc\n", ""},
		{"empty value", "DB_PASSWORD=\nDB_PASSWORD=\"\"\n", ""},
		{"reference", "DB_PASSWORD=$DB_PASS\nTOKEN=${TOKEN}\nAPI_KEY={{ api_key }}\n", ""},
		{"placeholder", "DB_PASSWORD=changeme\nSECRET=<your secret>\nTOKEN=xxxxxx\nPASSWORD=***\n", ""},
		{"shell test of a variable", "if [ \"$PASSWORD\" = \"x\" ]; then :; fi\n", ""},
		{"name continues", "DB_PASSWORD_FILE=/run/secrets/db\n", ""},
		{"prose", "PasswordAuthentication no\nsecret handshake\n", ""},
		{"binary", "DB_PASSWORD=hunter2\x00\x01", ""},
		{"nsswitch account database", "passwd:         files systemd\ngroup:          files systemd\n", ""},
		{"passwd key with a value elsewhere on the line", "db_passwd: Zt8q2LmP0vXk\n", kindCredential},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := secretKind([]byte(tt.in)); got != tt.want {
				t.Errorf("secretKind(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSecretFilesWalk(t *testing.T) {
	const key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBogus\n-----END EC PRIVATE KEY-----\n"
	files := map[string]string{
		"/etc/passwd":                     "root:x:0:0::/root:/bin/bash\napp:x:996:996::/srv/app:/usr/sbin/nologin\n",
		"/etc/group":                      "root:x:0:\nssl-cert:x:108:\napp:x:996:\n",
		"/etc/shadow":                     "root:$6$abc$PASSWORD=notasecret:1:0:99999:7:::\n",
		"/etc/gshadow":                    "root:*::\n",
		"/etc/ssl/private/site.key":       key,
		"/etc/ssl/certs/bundle.pem":       key, // public directory: skipped
		"/etc/app/secrets.env":            "DB_PASSWORD=correct-horse-battery\n",
		"/etc/app/plain.conf":             "listen = 8080\n",
		"/srv/app/.git/config":            "TOKEN=abcdef123456\n",
		"/opt/vendor/conf/settings.yaml":  "API_KEY: 0123456789abcdef\n",
		"/etc/a/b/c/d/e/f/g/h/i/deep.env": "SECRET=deeper-than-the-walk\n",
	}
	_, root := accTree(t, files)
	// Links: a loop back to /etc, a self loop, a link to a secret file and a
	// dangling one. None is followed.
	for link, dest := range map[string]string{
		"etc/loop":          "/etc",
		"etc/app/self":      "self",
		"etc/app/key.pem":   "/etc/ssl/private/site.key",
		"etc/app/dangling":  "/nowhere",
		"opt/vendor/parent": "..",
	} {
		if err := os.Symlink(dest, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	writeAttrs(t, root, "0600 0 108 /etc/ssl/private/site.key\n0640 996 996 /etc/app/secrets.env\n")
	d, err := target.NewDir(root, "dir:test")
	if err != nil {
		t.Fatal(err)
	}
	f, errs := accRun(d, collectSecretFiles)
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	want := []SecretFile{
		{Path: "/etc/app/secrets.env", Kind: kindCredential, Owner: "app", Group: "app", Mode: "0640", SHA256: sum(files["/etc/app/secrets.env"])},
		{Path: "/etc/ssl/private/site.key", Kind: kindPrivateKey, Owner: "root", Group: "ssl-cert", Mode: "0600", SHA256: sum(key)},
		{Path: "/opt/vendor/conf/settings.yaml", Kind: kindCredential, Owner: "root", Group: "root", Mode: "0644", SHA256: sum(files["/opt/vendor/conf/settings.yaml"])},
	}
	if !reflect.DeepEqual(f.SecretFiles, want) {
		t.Errorf("secret_files = %+v\nwant %+v", f.SecretFiles, want)
	}
	if n := errs["host.secret_files.notes"]; !strings.Contains(n, "/etc/a/b/c/d/e/f/g/h/i") || !strings.Contains(n, "deeper than 8") {
		t.Errorf("notes = %q; want the depth limit named", n)
	}
}

// writeAttrs writes a dir: tree's mode and owner overrides.
func writeAttrs(t *testing.T, root, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(target.AttrsFile))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSecretFilesRootIsALoop(t *testing.T) {
	d, root := accTree(t, map[string]string{"/etc/app/secrets.env": "TOKEN=abcdef123456\n"})
	if err := os.Symlink("/srv", filepath.Join(root, "srv")); err != nil {
		t.Fatal(err)
	}
	f, errs := accRun(d, collectSecretFiles)
	if len(f.SecretFiles) != 1 || f.SecretFiles[0].Path != "/etc/app/secrets.env" {
		t.Errorf("secret_files = %+v; want the /etc file despite the /srv loop", f.SecretFiles)
	}
	if n := errs["host.secret_files.notes"]; !strings.Contains(n, "/srv") {
		t.Errorf("notes = %q; want the looping /srv named", n)
	}
}

// TestScanNeverLeaksSecrets plants known secrets and a shadow hash, runs the
// whole host scanner and checks the JSON facts and errors hold none of them.
func TestScanNeverLeaksSecrets(t *testing.T) {
	const (
		password  = "Plant3d-Db-Passw0rd-7f1c"
		token     = "plantedtoken9b8a7c6d5e4f"
		hashSalt  = "Qz9PlantedSalt"
		hashValue = "$6$" + hashSalt + "$PlantedHashValue0123456789abcdefghijklmnopqrstuvwxyzABCDEFG/."
		keyBody   = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCPlantedKeyBody"
	)
	d, _ := accTree(t, map[string]string{
		"/etc/passwd":                "root:x:0:0::/root:/bin/bash\ndeploy:x:1001:1001::/home/deploy:/bin/bash\n",
		"/etc/shadow":                "root:*:1:0:99999:7:::\ndeploy:" + hashValue + ":20000:0:99999:7:::\nbroken:" + hashValue + ":1\n",
		"/etc/app/secrets.env":       "DB_PASSWORD=" + password + "\nAPI_TOKEN=" + token + "\n",
		"/srv/app/.env":              "SECRET_KEY_BASE: " + token + "\n",
		"/opt/keys/id.key":           "-----BEGIN PRIVATE KEY-----\n" + keyBody + "\n-----END PRIVATE KEY-----\n",
		"/etc/login.defs":            "ENCRYPT_METHOD SHA512\n",
		"/etc/logrotate.conf":        "weekly\n",
		"/etc/profile":               "TMOUT=900\n",
		"/etc/systemd/journald.conf": "[Journal]\nStorage=persistent\n",
	})
	c := newTestCollection()
	got, err := New().Scan(context.Background(), d, c)
	if err != nil {
		t.Fatal(err)
	}
	f := got.(*Facts)
	if len(f.SecretFiles) != 3 {
		t.Errorf("secret_files = %+v; want the three planted files found", f.SecretFiles)
	}
	if len(f.Accounts) != 2 || f.Accounts[1].Password != "usable" || f.Accounts[1].Scheme != "sha512crypt" {
		t.Errorf("accounts = %+v; want deploy usable sha512crypt", f.Accounts)
	}
	out, err := json.Marshal(map[string]any{"host": f, "errors": c.Errors()})
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{password, token, hashSalt, "PlantedHashValue", keyBody[:40], "Planted"} {
		if strings.Contains(string(out), secret) {
			t.Errorf("facts JSON contains planted secret %q", secret)
		}
	}
}

// referenceSecretKind is secretKind the plain way: lower-case the text and
// test every line that holds a hint.
func referenceSecretKind(b []byte) string {
	if bytes.IndexByte(b[:min(len(b), 8<<10)], 0) >= 0 {
		return ""
	}
	if bytes.Contains(b, []byte("PRIVATE KEY-----")) && privateKeyLine.Match(b) {
		return kindPrivateKey
	}
	for _, line := range strings.Split(string(b), "\n") {
		low := strings.ToLower(line)
		hint := false
		for _, h := range []string{"passw", "secret", "token", "api_key"} {
			hint = hint || strings.Contains(low, h)
		}
		if hint && isCredentialLine(line) {
			return kindCredential
		}
	}
	return ""
}

// TestSecretKindAgreesWithTheReference on random texts made of the hints'
// pieces in both cases, assignments, comments and line ends.
func TestSecretKindAgreesWithTheReference(t *testing.T) {
	pieces := []string{"pass", "w", "W", "PASSW", "passwd", "secret", "SeCrEt", "sec", "ret", "token", "TOKEN", "tok", "en",
		"api_key", "API_KEY", "api", "_key", "_", "=", ": ", " ", "\t", "\n", "\n", "x", "#", "'", "\"", "hunter2", "$VAR",
		"${X}", "changeme", "db_", "k", "K", "c", "C"}
	r := rand.New(rand.NewPCG(1, 2))
	hits := 0
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := []byte(sb.String())
		got, want := secretKind(in), referenceSecretKind(in)
		if got != want {
			t.Fatalf("secretKind(%q) = %q; the reference says %q", in, got, want)
		}
		if hasCredentialHint(in) != (want == kindCredential || strings.Contains(strings.ToLower(sb.String()), "passw") ||
			strings.Contains(strings.ToLower(sb.String()), "secret") || strings.Contains(strings.ToLower(sb.String()), "token") ||
			strings.Contains(strings.ToLower(sb.String()), "api_key")) {
			t.Fatalf("hasCredentialHint(%q) = %v disagrees with a plain search", in, hasCredentialHint(in))
		}
		if want == kindCredential {
			hits++
		}
	}
	if hits < 200 {
		t.Errorf("only %d of 20000 random texts held a credential; the pieces no longer exercise the search", hits)
	}
}
