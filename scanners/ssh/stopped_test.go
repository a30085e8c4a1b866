package ssh

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/target"
)

// stoppedLocal is configuredLocal on a machine whose sshd is installed but
// not running: every command runs in a private mount namespace with an empty
// /run, so the real sshd finds no privilege separation directory (/run/sshd),
// as on a host whose sshd service is stopped: systemd removes the directory
// with it. The rest of the machine is left as it is.
type stoppedLocal struct {
	configuredLocal
	sshd string
}

func (s stoppedLocal) Run(ctx context.Context, cmd target.Command) (target.Output, error) {
	if cmd.Name == "sshd" {
		if len(cmd.Args) > 0 && cmd.Args[0] == "-T" {
			cmd.Args = append([]string{"-T", "-f", s.config}, cmd.Args[1:]...)
		}
		cmd.Args = append([]string{"--mount", "--propagation", "private", "--",
			"sh", "-c", `mount -t tmpfs tmpfs /run && exec "$@"`, "sh", s.sshd}, cmd.Args...)
		cmd.Name = "unshare"
	}
	return s.Local.Run(ctx, cmd)
}

// TestStoppedSSHDIsJudgedFromItsFiles: sshd -T refuses to print anything
// while sshd's privilege separation directory is missing, which is every
// machine where the server is installed but stopped. The configuration is
// then computed from the files, says why, keeps the refused run as evidence,
// and is what sshd -T prints once the directory exists.
func TestStoppedSSHDIsJudgedFromItsFiles(t *testing.T) {
	sshd := needSSHD(t) // also creates /run/sshd, for the reference run below
	dir := t.TempDir()
	key := hostKey(t, dir, "ed25519", 0)
	cfg := filepath.Join(dir, "sshd_config")
	body := fmt.Sprintf("HostKey %s\nPort 2222\nPasswordAuthentication no\nPermitRootLogin prohibit-password\nMaxAuthTries 3\n"+
		"Match User nobody\n\tPasswordAuthentication yes\n", key)
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := sshdT(sshd, cfg, nil)
	if err != nil {
		t.Fatalf("reference sshd -T with /run/sshd present: %v", err)
	}

	st := stoppedLocal{configuredLocal: configuredLocal{Local: target.NewLocal(), config: cfg}, sshd: sshd}
	out, err := st.Run(context.Background(), target.Command{Name: "sshd", Args: []string{"-T"}})
	if err != nil || out.ExitCode == 0 || !noPrivsepDir(out) {
		t.Fatalf("sshd -T without /run: exit %d, err %v, stderr %q; want the missing-directory refusal", out.ExitCode, err, out.Stderr)
	}

	got, err := CollectConfig(context.Background(), st)
	if err != nil {
		t.Fatalf("CollectConfig: %v", err)
	}
	if got.Source != "files" {
		t.Errorf("source = %q; want files", got.Source)
	}
	if !strings.Contains(got.Note, "Missing privilege separation directory") {
		t.Errorf("note = %q; want the reason sshd -T gave", got.Note)
	}
	if len(got.Evidence) != 1 || got.Evidence[0].Command != "sshd -T" || got.Evidence[0].ExitCode != 255 {
		t.Errorf("evidence = %+v; want the refused sshd -T run", got.Evidence)
	}
	compareEffective(t, "global", got.Effective, want)
	nobody := false
	for _, m := range got.Matches {
		if m.Error != "" {
			t.Errorf("match %s: %s", m.User, m.Error)
		}
		nobody = nobody || m.User == "nobody"
		if m.User == "nobody" && !equalStrings(m.Effective["passwordauthentication"], []string{"yes"}) {
			t.Errorf("match nobody: passwordauthentication = %q; want yes", m.Effective["passwordauthentication"])
		}
	}
	if !nobody {
		t.Errorf("matches = %+v; want the connection of user nobody, whom a Match block names", got.Matches)
	}
}
