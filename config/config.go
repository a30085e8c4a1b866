// Package config reads vouch.yaml: the profile to audit against, parameter
// overrides, targets, endpoints and waivers. Every mistake is reported with the
// file and line it sits on, because a compliance gate that guesses is worse
// than none.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vouch-audit/vouch/audit"
)

// MaxSize caps the configuration file.
const MaxSize = 1 << 20

// Config is a parsed vouch.yaml.
type Config struct {
	// File is where the configuration was read from ("" for none).
	File string
	// Profile names the profile to audit against (default baseline).
	Profile string
	// Params override the profile's parameter values, by parameter name.
	Params map[string]any
	// ParamLines gives the line of each parameter, for error messages.
	ParamLines map[string]int
	// Targets are target specs: local, dir:PATH, ssh://user@host[:port].
	Targets []string
	// Endpoints are network services probed live.
	Endpoints []Endpoint
	// Waivers accept known failures until they expire.
	Waivers []audit.Waiver
	// Backups are the backup sets the backup scanner reads.
	Backups []BackupSet
	// RestoreTests is the restore-test record file (JSON lines) on the target.
	RestoreTests string
	// Availability says where the SLA scanner reads monitoring data.
	Availability *Availability
	// VulnDB is the directory holding the offline vulnerability database
	// (trivy.db and metadata.json) the container scanner matches images
	// against; --vuln-db overrides it. Nothing is downloaded.
	VulnDB string
	// Images are image archives on the machine running vouch that the
	// container scanner inventories besides the engine's: docker-archive:PATH
	// (a docker save tarball), oci:PATH (an OCI image layout) or registry:REF.
	Images []string
	// SSHProbeTimeout bounds the live probe of one SSH server ("ssh:
	// {probe_timeout: 10s}"); zero means the scanner's default of 5 s.
	SSHProbeTimeout time.Duration
}

// Endpoint is a service to probe: an https:// or ssh:// URL, and for HTTPS
// the plain-HTTP address whose redirect TLS-001 checks.
type Endpoint struct {
	URL     string `yaml:"url" json:"url"`
	HTTPURL string `yaml:"http_url" json:"http_url,omitempty"`
}

// Error is a configuration mistake at a place in the file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads a configuration file.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}
	if len(b) > MaxSize {
		return nil, &Error{File: path, Msg: fmt.Sprintf("larger than %d bytes", MaxSize)}
	}
	return Parse(path, b)
}

// Parse reads configuration text; name labels errors.
func Parse(name string, b []byte) (*Config, error) {
	c := &Config{File: name, Params: map[string]any{}, ParamLines: map[string]int{}}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		return nil, yamlError(name, err)
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: name, Line: root.Line, Msg: "want a mapping with profile, params, targets, endpoints, waivers"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var err error
		switch k.Value {
		case "profile":
			err = decodeAs(v, &c.Profile, "a profile name")
		case "params":
			err = c.parseParams(v)
		case "targets":
			err = decodeAs(v, &c.Targets, "a list of targets")
		case "endpoints":
			err = c.parseEndpoints(v)
		case "waivers":
			err = c.parseWaivers(v)
		case "backups":
			err = c.parseBackups(v)
		case "restore_tests":
			err = decodeAs(v, &c.RestoreTests, "the path of the restore-test record file")
		case "availability":
			err = c.parseAvailability(v)
		case "vuln_db":
			err = decodeAs(v, &c.VulnDB, "the directory holding trivy.db and metadata.json")
		case "images":
			err = decodeAs(v, &c.Images, "a list of images (docker-archive:PATH, oci:PATH, registry:REF)")
		case "ssh":
			err = c.parseSSH(v)
		default:
			return nil, &Error{File: name, Line: k.Line, Msg: fmt.Sprintf("unknown key %q (want profile, params, targets, endpoints, waivers, backups, restore_tests, availability, vuln_db, images, ssh)", k.Value)}
		}
		if err != nil {
			var ce *Error
			if errors.As(err, &ce) {
				ce.File = name
				return nil, ce
			}
			return nil, &Error{File: name, Line: v.Line, Msg: fmt.Sprintf("%s: %v", k.Value, err)}
		}
	}
	return c, nil
}

// parseSSH reads the ssh scanner's settings: {probe_timeout: DURATION}.
func (c *Config) parseSSH(n *yaml.Node) error {
	var v struct {
		ProbeTimeout string `yaml:"probe_timeout"`
	}
	if err := strictDecode(n, &v); err != nil {
		return &Error{Line: n.Line, Msg: "ssh: " + err.Error() + " (want {probe_timeout: 5s})"}
	}
	if v.ProbeTimeout == "" {
		return nil
	}
	d, err := time.ParseDuration(v.ProbeTimeout)
	if err != nil || d <= 0 || d > 10*time.Minute {
		return &Error{Line: n.Line, Msg: fmt.Sprintf("ssh.probe_timeout %q: want a duration between 1ms and 10m, as in 5s", v.ProbeTimeout)}
	}
	c.SSHProbeTimeout = d
	return nil
}

func decodeAs(n *yaml.Node, into any, want string) error {
	if err := n.Decode(into); err != nil {
		return &Error{Line: n.Line, Msg: fmt.Sprintf("want %s", want)}
	}
	return nil
}

func (c *Config) parseParams(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &Error{Line: n.Line, Msg: "params: want a mapping of parameter names to values"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var val any
		if err := v.Decode(&val); err != nil {
			return &Error{Line: v.Line, Msg: fmt.Sprintf("params.%s: %v", k.Value, err)}
		}
		if _, dup := c.Params[k.Value]; dup {
			return &Error{Line: k.Line, Msg: fmt.Sprintf("params.%s: set twice", k.Value)}
		}
		c.Params[k.Value] = val
		c.ParamLines[k.Value] = k.Line
	}
	return nil
}

func (c *Config) parseEndpoints(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return &Error{Line: n.Line, Msg: "endpoints: want a list of URLs or {url, http_url}"}
	}
	for _, e := range n.Content {
		switch e.Kind {
		case yaml.ScalarNode:
			c.Endpoints = append(c.Endpoints, Endpoint{URL: e.Value})
		case yaml.MappingNode:
			var ep Endpoint
			if err := strictDecode(e, &ep); err != nil {
				return &Error{Line: e.Line, Msg: "endpoints: " + err.Error()}
			}
			if ep.URL == "" {
				return &Error{Line: e.Line, Msg: "endpoints: url is required"}
			}
			c.Endpoints = append(c.Endpoints, ep)
		default:
			return &Error{Line: e.Line, Msg: "endpoints: want a URL or {url, http_url}"}
		}
	}
	return nil
}

// waiverYAML is a waiver as written: expires is a date or a timestamp.
type waiverYAML struct {
	Control string   `yaml:"control"`
	Targets []string `yaml:"targets"`
	Reason  string   `yaml:"reason"`
	Owner   string   `yaml:"owner"`
	Expires string   `yaml:"expires"`
}

func (c *Config) parseWaivers(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return &Error{Line: n.Line, Msg: "waivers: want a list"}
	}
	for _, e := range n.Content {
		var w waiverYAML
		if err := strictDecode(e, &w); err != nil {
			return &Error{Line: e.Line, Msg: "waivers: " + err.Error()}
		}
		var missing []string
		for name, v := range map[string]string{"control": w.Control, "reason": w.Reason, "owner": w.Owner, "expires": w.Expires} {
			if strings.TrimSpace(v) == "" {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			return &Error{Line: e.Line, Msg: fmt.Sprintf("waiver: %s required (a waiver without an owner, a reason and an end is a blind spot)", strings.Join(missing, ", "))}
		}
		exp, err := parseDate(w.Expires)
		if err != nil {
			return &Error{Line: e.Line, Msg: fmt.Sprintf("waiver %s: expires %q: want YYYY-MM-DD or RFC 3339", w.Control, w.Expires)}
		}
		c.Waivers = append(c.Waivers, audit.Waiver{Control: w.Control, Targets: w.Targets, Reason: w.Reason, Owner: w.Owner, Expires: &exp})
	}
	return nil
}

func strictDecode(n *yaml.Node, into any) error {
	b, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(into); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return errors.New(strings.Join(te.Errors, "; "))
		}
		return err
	}
	return nil
}

// parseDate reads a date (end of that day, UTC) or an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, err
	}
	return t.Add(24*time.Hour - time.Second).UTC(), nil
}

func yamlError(name string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if _, err := fmt.Sscanf(msg, "line %d:", &line); err == nil {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	}
	return &Error{File: name, Line: line, Msg: "malformed YAML: " + msg}
}
