package config

import (
	"strings"
	"testing"
	"time"
)

func TestParseFullConfig(t *testing.T) {
	c, err := Parse("vouch.yaml", []byte(`profile: saas-infrastructure-details
params:
  patch_max_age_days: 14
  app_log_paths: [/var/log/app/*.log]
targets: [local, dir:fixtures/hosts/debian12-compliant]
endpoints:
  - https://example.com
  - {url: "https://example.com:8443", http_url: "http://example.com:8080"}
waivers:
  - control: HOST-006
    targets: [local]
    reason: scheduled
    owner: ops@example.com
    expires: 2027-01-31
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Profile != "saas-infrastructure-details" || len(c.Targets) != 2 || len(c.Endpoints) != 2 || c.Endpoints[1].HTTPURL != "http://example.com:8080" {
		t.Errorf("config = %+v", c)
	}
	if c.Params["patch_max_age_days"] != 14 || c.ParamLines["patch_max_age_days"] != 3 {
		t.Errorf("params = %v lines %v", c.Params, c.ParamLines)
	}
	w := c.Waivers[0]
	if w.Owner != "ops@example.com" || !w.Expires.Equal(time.Date(2027, 1, 31, 23, 59, 59, 0, time.UTC)) {
		t.Errorf("waiver = %+v; want it to last to the end of 2027-01-31", w)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"unknown top-level key", "profile: x\ntargts: [local]\n", `vouch.yaml:2: unknown key "targts"`},
		{"malformed yaml", "params: {a: 1\n", "vouch.yaml:"},
		{"params not a mapping", "params: [1, 2]\n", "vouch.yaml:1: params: want a mapping"},
		{"duplicate param", "params:\n  a: 1\n  a: 2\n", "vouch.yaml:"},
		{"waiver missing fields", "waivers:\n  - control: HOST-001\n", "vouch.yaml:2: waiver: expires, owner, reason required"},
		{"waiver bad date", "waivers:\n  - {control: HOST-001, reason: r, owner: o, expires: soon}\n", `vouch.yaml:2: waiver HOST-001: expires "soon"`},
		{"waiver unknown field", "waivers:\n  - {control: HOST-001, reason: r, owner: o, expires: 2027-01-01, until: x}\n", "vouch.yaml:2: waivers: "},
		{"endpoint without url", "endpoints:\n  - {http_url: http://x}\n", "vouch.yaml:2: endpoints: url is required"},
		{"targets not a list", "targets: {a: b}\n", "vouch.yaml:1: want a list of targets"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("vouch.yaml", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestEmptyConfigIsValid(t *testing.T) {
	for _, in := range []string{"", "# nothing\n"} {
		c, err := Parse("vouch.yaml", []byte(in))
		if err != nil || c.Profile != "" || len(c.Params) != 0 {
			t.Errorf("Parse(%q) = %+v, %v", in, c, err)
		}
	}
}

func TestLoadRefusesHugeFile(t *testing.T) {
	path := t.TempDir() + "/vouch.yaml"
	big := strings.Repeat("# padding line\n", MaxSize/15+10)
	if err := writeFile(path, big); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Load(huge) = %v; want a size error", err)
	}
}
