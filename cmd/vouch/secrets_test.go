package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverLeaveTheHost plants known secrets in a copy of the drifted
// host (a credential file, a private key, a shadow hash) and greps every output
// vouch can write for them.
func TestSecretsNeverLeaveTheHost(t *testing.T) {
	root := t.TempDir()
	copyTree(t, filepath.Join(fixtures, "debian12-drifted"), root)
	const (
		password = "Sup3r-S3cret-Planted-Value-91f3"
		keyBody  = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDplantedkeybody"
		hashSalt = "plantedSaltXYZ"
	)
	writeFile(t, filepath.Join(root, "etc/app/planted.env"), "DB_PASSWORD="+password+"\nAPI_TOKEN="+password+"\n")
	writeFile(t, filepath.Join(root, "srv/app/tls.key"), "-----BEGIN PRIVATE KEY-----\n"+keyBody+"\n-----END PRIVATE KEY-----\n")
	shadow, err := os.ReadFile(filepath.Join(root, "etc/shadow"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "etc/shadow"), string(shadow)+"planted:$6$"+hashSalt+"$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ./abcdefghijklmnopqrstu:19700:0:99999:7:::\n")
	passwd, _ := os.ReadFile(filepath.Join(root, "etc/passwd"))
	writeFile(t, filepath.Join(root, "etc/passwd"), string(passwd)+"planted:x:1500:1500::/home/planted:/bin/bash\n")

	out := t.TempDir()
	tgt := "dir:" + root
	_, facts, errOut := vouch(t, "facts", "--target", tgt, "--now", fixtureNow)
	if facts == "" {
		t.Fatalf("vouch facts printed nothing: %s", errOut)
	}
	code, table, errOut := vouch(t, "audit", "--now", fixtureNow, "--target", tgt, "--config", fixtureCfg,
		"-f", "table", "-f", "json="+filepath.Join(out, "r.json"), "-f", "sarif="+filepath.Join(out, "r.sarif"),
		"-f", "junit="+filepath.Join(out, "r.xml"), "-f", "markdown="+filepath.Join(out, "r.md"))
	if code == 1 {
		t.Fatalf("audit: %s", errOut)
	}
	outputs := map[string]string{"facts": facts, "table": table, "stderr": errOut}
	for _, f := range []string{"r.json", "r.sarif", "r.xml", "r.md"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		outputs[f] = string(b)
	}
	if !strings.Contains(facts, "/etc/app/planted.env") || !strings.Contains(facts, "/srv/app/tls.key") {
		t.Errorf("facts do not describe the planted secret files; the test would prove nothing")
	}
	for name, text := range outputs {
		for _, secret := range []string{password, keyBody, hashSalt, "abcdefghijklmnopqrstuvwxyz0123456789"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains the planted secret %q", name, secret)
			}
		}
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			dest, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(dest, to)
		case fi.IsDir():
			return os.MkdirAll(to, 0o755)
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, fi.Mode().Perm())
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}
