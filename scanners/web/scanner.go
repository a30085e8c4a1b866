// Package web reads a machine's web-server configuration as the server itself
// resolves it: `nginx -T` prints every included file, and from that vouch
// takes, per server block, where it listens, its ssl_protocols and whether a
// request rate or connection limit (limit_req, limit_conn) applies. A host
// without nginx says so, and the controls that need it skip with that reason.
package web

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// maxConfig caps the `nginx -T` output read.
const maxConfig = 8 << 20

// nginxCmd is the command whose output is the source of truth.
var nginxCmd = target.Command{Name: "nginx", Args: []string{"-T"}, MaxOutput: maxConfig}

// Scanner collects the "web" section of local and dir: machine targets.
type Scanner struct{}

var _ scanners.Scanner = (*Scanner)(nil)

// New returns the web-server configuration scanner.
func New() *Scanner { return &Scanner{} }

// Name is the facts section key.
func (*Scanner) Name() string { return "web" }

// Facts is the "web" section.
type Facts struct {
	Nginx *Nginx `json:"nginx,omitzero"`
}

// Scan runs `nginx -T` on the target (a dir: target answers from its recorded
// output). nginx not being there is a fact (installed: false), not an error.
func (*Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	n, err := CollectNginx(ctx, t)
	if err != nil {
		c.Errorf("web.nginx", "%v", err)
		return &Facts{}, nil
	}
	return &Facts{Nginx: n}, nil
}

// nginxBinaries are where Debian installs nginx; a dir: tree that has one but
// no recorded `nginx -T` cannot be judged.
var nginxBinaries = []string{"/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"}

// CollectNginx reads nginx's effective configuration from the target.
func CollectNginx(ctx context.Context, t target.Target) (*Nginx, error) {
	out, err := t.Run(ctx, nginxCmd)
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
			return &Nginx{Installed: false, Source: "nginx -T", Servers: []Server{}}, nil
		}
		if errors.Is(err, target.ErrNotRecorded) {
			for _, b := range nginxBinaries {
				if _, serr := t.Stat(b); serr == nil {
					return nil, fmt.Errorf("nginx is installed (%s) but the output of nginx -T was not recorded: %w", b, err)
				}
			}
			return &Nginx{Installed: false, Source: "nginx -T", Servers: []Server{}}, nil
		}
		return nil, fmt.Errorf("run nginx -T: %w", err)
	}
	if out.ExitCode != 0 {
		return nil, fmt.Errorf("nginx -T exited %d: %s", out.ExitCode, firstLine(out.Stderr))
	}
	n, err := ParseDump(out.Stdout)
	if err != nil {
		return nil, fmt.Errorf("parse nginx -T output: %w", err)
	}
	return n, nil
}

func firstLine(b []byte) string {
	for i, c := range b {
		if c == '\n' {
			return string(b[:i])
		}
	}
	return string(b)
}
