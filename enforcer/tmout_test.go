package enforcer

import (
	"context"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/scanners/host"
)

const tmout900 = "# Log out shells idle for 900 seconds (ACC-005). Set by vouch enforce.\nTMOUT=900\nreadonly TMOUT\nexport TMOUT\n"

func TestShellTimeoutPlan(t *testing.T) {
	cases := []struct {
		name     string
		files    map[string]string
		facts    []host.ShellTimeout
		params   map[string]any
		failing  []string
		wantPath string // "" means no change
		wantNew  bool
		want     string
		wantDesc string
		wantErr  string
	}{
		{
			name:     "no TMOUT anywhere installs the drop-in",
			facts:    []host.ShellTimeout{},
			failing:  []string{"ACC-005"},
			wantPath: "/etc/profile.d/vouch-tmout.sh", wantNew: true, want: tmout900,
		},
		{
			name:     "the limit comes from the parameter",
			facts:    []host.ShellTimeout{},
			params:   map[string]any{"shell_idle_timeout_seconds": float64(600)},
			failing:  []string{"ACC-005"},
			wantPath: "/etc/profile.d/vouch-tmout.sh", wantNew: true,
			want: "# Log out shells idle for 600 seconds (ACC-005). Set by vouch enforce.\nTMOUT=600\nreadonly TMOUT\nexport TMOUT\n",
		},
		{
			name:     "a larger TMOUT that is not readonly is overridden by the drop-in",
			files:    map[string]string{"etc/profile": "TMOUT=3600\nexport TMOUT\n"},
			facts:    []host.ShellTimeout{{File: "/etc/profile", Line: 1, Value: 3600, Exported: true}},
			failing:  []string{"ACC-005"},
			wantPath: "/etc/profile.d/vouch-tmout.sh", wantNew: true, want: tmout900,
		},
		{
			name:     "a readonly larger TMOUT in /etc/profile is changed there instead",
			files:    map[string]string{"etc/profile": "# profile\nreadonly TMOUT=\"3600\" # site policy\nexport TMOUT\n"},
			facts:    []host.ShellTimeout{{File: "/etc/profile", Line: 2, Value: 3600, Readonly: true, Exported: true}},
			failing:  []string{"ACC-005"},
			wantPath: "/etc/profile", want: "# profile\nreadonly TMOUT=\"900\" # site policy\nexport TMOUT\n",
			wantDesc: "/etc/profile:2 makes TMOUT=3600 readonly",
		},
		{
			name:     "a readonly TMOUT=0 in an earlier profile.d script is changed there",
			files:    map[string]string{"etc/profile.d/autologout.sh": "declare -r TMOUT=0\n"},
			facts:    []host.ShellTimeout{{File: "/etc/profile.d/autologout.sh", Line: 1, Value: 0, Readonly: true}},
			failing:  []string{"ACC-005"},
			wantPath: "/etc/profile.d/autologout.sh", want: "declare -r TMOUT=900\n",
		},
		{
			name:    "a readonly TMOUT within the limit read first needs nothing",
			facts:   []host.ShellTimeout{{File: "/etc/profile", Line: 4, Value: 600, Readonly: true}},
			failing: []string{"ACC-005"},
		},
		{
			name:     "a later profile.d script is described, not edited",
			files:    map[string]string{"etc/profile.d/zz-dev.sh": "TMOUT=7200\n"},
			facts:    []host.ShellTimeout{{File: "/etc/profile.d/zz-dev.sh", Line: 1, Value: 7200}},
			failing:  []string{"ACC-005"},
			wantPath: "/etc/profile.d/vouch-tmout.sh", wantNew: true, want: tmout900,
			wantDesc: "/etc/profile.d/zz-dev.sh:1 (TMOUT=7200)",
		},
		{
			name:     "a drop-in with another limit is rewritten",
			files:    map[string]string{"etc/profile.d/vouch-tmout.sh": strings.ReplaceAll(tmout900, "900", "1800")},
			facts:    []host.ShellTimeout{{File: "/etc/profile.d/vouch-tmout.sh", Line: 2, Value: 1800, Readonly: true, Exported: true}},
			failing:  []string{"ACC-005"},
			wantPath: "/etc/profile.d/vouch-tmout.sh", want: tmout900,
		},
		{
			name:    "the drop-in already in place needs nothing",
			files:   map[string]string{"etc/profile.d/vouch-tmout.sh": tmout900},
			facts:   []host.ShellTimeout{{File: "/etc/profile.d/vouch-tmout.sh", Line: 2, Value: 900, Readonly: true, Exported: true}},
			failing: []string{"ACC-005"},
		},
		{
			name:  "a passing control gets nothing",
			facts: []host.ShellTimeout{},
		},
		{
			name:    "missing facts are an error",
			failing: []string{"ACC-005"},
			wantErr: "host.shell_timeout was not collected",
		},
		{
			name:    "a zero limit is refused",
			facts:   []host.ShellTimeout{},
			params:  map[string]any{"shell_idle_timeout_seconds": float64(0)},
			failing: []string{"ACC-005"},
			wantErr: "shell_idle_timeout_seconds",
		},
		{
			name:    "facts pointing at a line without TMOUT are an error",
			files:   map[string]string{"etc/profile": "PATH=/bin\nreadonly TMOUT\n"},
			facts:   []host.ShellTimeout{{File: "/etc/profile", Line: 1, Value: 3600, Readonly: true}},
			failing: []string{"ACC-005"},
			wantErr: "no TMOUT assignment on line 1",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := newTree(t, tc.files)
			in := Input{Facts: &host.Facts{ShellTimeout: tc.facts}, Params: tc.params, Failing: tc.failing}
			got, err := ShellTimeout{}.Plan(context.Background(), d, in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Plan error = %v; want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantPath == "" {
				if len(got) != 0 {
					t.Fatalf("Plan = %q; want no change", paths(got))
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("Plan = %q; want one change to %s", paths(got), tc.wantPath)
			}
			c := got[0]
			if c.Path != tc.wantPath || c.Created != tc.wantNew || string(c.After) != tc.want {
				t.Errorf("Plan = %s (created %v) writing\n%s\nwant %s (created %v) writing\n%s", c.Path, c.Created, c.After, tc.wantPath, tc.wantNew, tc.want)
			}
			if c.Mode.Perm() != 0o644 || strings.Join(c.Controls, ",") != "ACC-005" {
				t.Errorf("mode %v controls %v; want 0644 for ACC-005", c.Mode, c.Controls)
			}
			if tc.wantDesc != "" && !strings.Contains(c.Description, tc.wantDesc) {
				t.Errorf("description %q; want it to say %q", c.Description, tc.wantDesc)
			}
		})
	}
}

func TestSetTMOUT(t *testing.T) {
	cases := map[string]string{
		"TMOUT=3600":                        "TMOUT=900",
		"readonly TMOUT=3600; export TMOUT": "readonly TMOUT=900; export TMOUT",
		"  declare -r TMOUT='3600'":         "  declare -r TMOUT='900'",
		"MY_TMOUT=5 TMOUT=3600":             "MY_TMOUT=5 TMOUT=900",
		"export TMOUT=\n":                   "export TMOUT=900\n",
	}
	for in, want := range cases {
		if got, ok := setTMOUT(in, 900); !ok || got != want {
			t.Errorf("setTMOUT(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := setTMOUT("MY_TMOUT=5", 900); ok {
		t.Errorf("setTMOUT(MY_TMOUT=5) found an assignment; want none")
	}
}
