package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// BackupSet is one set of backups vouch judges: an archive directory on the
// target or a restic repository.
type BackupSet struct {
	// Name identifies the set in facts and reports; letters, digits, '-' and '_'.
	Name string `yaml:"name" json:"name"`
	// Type is archive (files in a directory) or restic (a restic repository).
	Type string `yaml:"type" json:"type"`
	// Path is the archive directory on the target (type archive).
	Path string `yaml:"path" json:"path,omitempty"`
	// Pattern is the archive file name with {instance} and {time:LAYOUT}
	// placeholders; LAYOUT is a Go time layout ("20060102T150405Z") or unix.
	// Files that do not match are not backups of the set.
	Pattern string `yaml:"pattern" json:"pattern,omitempty"`
	// Instance names the instance when the pattern has no {instance}
	// (default: the set name).
	Instance string `yaml:"instance" json:"instance,omitempty"`
	// Timezone interprets file-name times without a zone (default UTC).
	Timezone string `yaml:"timezone" json:"timezone,omitempty"`
	// Location is the declared place (datacentre, provider) the set lives in.
	Location string `yaml:"location" json:"location"`
	// MaxAgeHours overrides the backup_max_age_hours parameter for this set.
	MaxAgeHours *float64 `yaml:"max_age_hours" json:"max_age_hours,omitempty"`
	// Repository is the restic repository (type restic), as restic -r takes it.
	Repository string `yaml:"repository" json:"repository,omitempty"`
	// PasswordFile is a file on the target holding the restic password; it is
	// handed to restic as RESTIC_PASSWORD_FILE and never read by vouch.
	PasswordFile string `yaml:"password_file" json:"password_file,omitempty"`
	// PasswordEnv names an environment variable of the vouch process holding
	// the restic password; it is passed to restic's environment only.
	PasswordEnv string `yaml:"password_env" json:"password_env,omitempty"`
	// ReadData makes restic check read every pack (slow, complete).
	ReadData bool `yaml:"read_data" json:"read_data,omitempty"`
	// Line is where the set is declared in vouch.yaml.
	Line int `yaml:"-" json:"-"`
}

// Availability says where monitoring data and maintenance windows come from.
type Availability struct {
	// Prometheus is a Prometheus server holding probe series.
	Prometheus *Prometheus `yaml:"prometheus" json:"prometheus,omitempty"`
	// Log is an availability log on the target: CSV (time,service,up) or JSON
	// lines ({"time","service","up"}), chosen by the .csv extension.
	Log string `yaml:"log" json:"log,omitempty"`
	// LogInterval is how long one log sample stands for (default 1m).
	LogInterval time.Duration `yaml:"-" json:"log_interval,omitempty"`
	// Maintenance is a maintenance calendar on the target: YAML or .ics.
	Maintenance string `yaml:"maintenance" json:"maintenance,omitempty"`
	// Months is how many calendar months are measured, the current one
	// included (default 3).
	Months int `yaml:"months" json:"months,omitempty"`
	// Timezone draws the calendar month boundaries (default UTC).
	Timezone string `yaml:"timezone" json:"timezone,omitempty"`
}

// Prometheus is a Prometheus HTTP API and the series that tell availability.
type Prometheus struct {
	// URL is the server's base address (http://127.0.0.1:9090).
	URL string `yaml:"url" json:"url"`
	// Query is a series selector whose samples are 1 when up and 0 when down
	// (default probe_success).
	Query string `yaml:"query" json:"query,omitempty"`
	// ServiceLabel groups series into services (default job).
	ServiceLabel string `yaml:"service_label" json:"service_label,omitempty"`
	// Timeout bounds each HTTP request (default 10s).
	Timeout time.Duration `yaml:"-" json:"timeout,omitempty"`
}

var setName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

type availabilityYAML struct {
	Prometheus  *prometheusYAML `yaml:"prometheus"`
	Log         string          `yaml:"log"`
	LogInterval string          `yaml:"log_interval"`
	Maintenance string          `yaml:"maintenance"`
	Months      int             `yaml:"months"`
	Timezone    string          `yaml:"timezone"`
}

type prometheusYAML struct {
	URL          string `yaml:"url"`
	Query        string `yaml:"query"`
	ServiceLabel string `yaml:"service_label"`
	Timeout      string `yaml:"timeout"`
}

func (c *Config) parseBackups(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return &Error{Line: n.Line, Msg: "backups: want a list of backup sets"}
	}
	seen := map[string]int{}
	for _, e := range n.Content {
		var s BackupSet
		if err := strictDecode(e, &s); err != nil {
			return &Error{Line: e.Line, Msg: "backups: " + err.Error()}
		}
		s.Line = e.Line
		fail := func(format string, args ...any) error {
			return &Error{Line: e.Line, Msg: fmt.Sprintf("backup set %q: ", s.Name) + fmt.Sprintf(format, args...)}
		}
		if !setName.MatchString(s.Name) {
			return &Error{Line: e.Line, Msg: fmt.Sprintf("backups: name %q: want letters, digits, '-' or '_'", s.Name)}
		}
		if prev, dup := seen[s.Name]; dup {
			return fail("declared twice (first on line %d)", prev)
		}
		seen[s.Name] = e.Line
		if strings.TrimSpace(s.Location) == "" {
			return fail("location is required (BAK-004 counts the places holding a copy)")
		}
		if s.MaxAgeHours != nil && *s.MaxAgeHours <= 0 {
			return fail("max_age_hours must be positive")
		}
		if s.Timezone != "" {
			if _, err := time.LoadLocation(s.Timezone); err != nil {
				return fail("timezone %q: %v", s.Timezone, err)
			}
		}
		switch s.Type {
		case "archive":
			if s.Path == "" || s.Pattern == "" {
				return fail("type archive needs path and pattern")
			}
			if s.Repository != "" || s.PasswordFile != "" || s.PasswordEnv != "" || s.ReadData {
				return fail("repository, password_file, password_env and read_data belong to type restic")
			}
			if !strings.Contains(s.Pattern, "{time:") {
				return fail("pattern %q has no {time:LAYOUT}", s.Pattern)
			}
		case "restic":
			if s.Repository == "" {
				return fail("type restic needs repository")
			}
			if (s.PasswordFile == "") == (s.PasswordEnv == "") {
				return fail("type restic needs exactly one of password_file or password_env")
			}
			if s.Path != "" || s.Pattern != "" {
				return fail("path and pattern belong to type archive")
			}
		default:
			return fail("type %q: want archive or restic", s.Type)
		}
		c.Backups = append(c.Backups, s)
	}
	return nil
}

func (c *Config) parseAvailability(n *yaml.Node) error {
	var a availabilityYAML
	if err := strictDecode(n, &a); err != nil {
		return &Error{Line: n.Line, Msg: "availability: " + err.Error()}
	}
	fail := func(format string, args ...any) error {
		return &Error{Line: n.Line, Msg: "availability: " + fmt.Sprintf(format, args...)}
	}
	if (a.Prometheus == nil) == (a.Log == "") {
		return fail("want exactly one of prometheus or log")
	}
	out := &Availability{Log: a.Log, Maintenance: a.Maintenance, Months: a.Months, Timezone: a.Timezone, LogInterval: time.Minute}
	if out.Months == 0 {
		out.Months = 3
	}
	if out.Months < 1 || out.Months > 36 {
		return fail("months %d: want 1 to 36", a.Months)
	}
	if a.Timezone != "" {
		if _, err := time.LoadLocation(a.Timezone); err != nil {
			return fail("timezone %q: %v", a.Timezone, err)
		}
	}
	if a.LogInterval != "" {
		d, err := time.ParseDuration(a.LogInterval)
		if err != nil || d <= 0 {
			return fail("log_interval %q: want a positive duration such as 1m", a.LogInterval)
		}
		out.LogInterval = d
	}
	if p := a.Prometheus; p != nil {
		u, err := url.Parse(p.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fail("prometheus.url %q: want http(s)://host:port", p.URL)
		}
		op := &Prometheus{URL: strings.TrimRight(p.URL, "/"), Query: p.Query, ServiceLabel: p.ServiceLabel, Timeout: 10 * time.Second}
		if op.Query == "" {
			op.Query = "probe_success"
		}
		if op.ServiceLabel == "" {
			op.ServiceLabel = "job"
		}
		if p.Timeout != "" {
			d, err := time.ParseDuration(p.Timeout)
			if err != nil || d <= 0 {
				return fail("prometheus.timeout %q: want a positive duration such as 10s", p.Timeout)
			}
			op.Timeout = d
		}
		out.Prometheus = op
	}
	c.Availability = out
	return nil
}
