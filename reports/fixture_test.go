package reports

import (
	"time"

	"github.com/vouch-audit/vouch/audit"
)

// Targets of the sample report.
const (
	webTarget = "dir:fixtures/hosts/web-1"
	dbTarget  = "ssh://audit@db-1.example.com:2222"
)

func date(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// sampleReport is a run over two targets with every status a result can
// have: pass, fail, error, skip, a waived failure and a failure whose waiver
// has expired. Its controls come in catalog order (HOST, ACC, LOG, SSH, TLS)
// and carry sources, parameters and remediations.
func sampleReport() *audit.Report {
	controls := []audit.Control{
		{
			ID: "HOST-001", Title: "Address space layout randomisation is enabled", Severity: audit.High, Family: "HOST",
			Claim:   "hosts are hardened against memory corruption exploits",
			Sources: []audit.Source{{Doc: "000_43fc48adc9aaf829.txt", Section: "System Security"}},
			Facts:   []string{"host.sysctl"}, Remediation: "Set kernel.randomize_va_space = 2 in /etc/sysctl.d/.",
			Package: "vouch.controls.host.aslr", File: "controls/host/aslr.rego",
		},
		{
			ID: "ACC-002", Title: "Password hashes use a strong algorithm", Severity: audit.Medium, Family: "ACC",
			Claim:       "stored credentials are hashed with a modern algorithm",
			Description: "Every account with a password in /etc/shadow uses yescrypt or SHA-512 crypt.",
			Sources:     []audit.Source{{Doc: "000_43fc48adc9aaf829.txt", Section: "Access Control"}, {Doc: "sla_2026.pdf"}},
			Facts:       []string{"host.shadow"},
			Remediation: "Set ENCRYPT_METHOD YESCRYPT in /etc/login.defs and make the listed users change their password.",
			Package:     "vouch.controls.acc.hashes",
		},
		{
			ID: "LOG-001", Title: "Logs are kept long enough", Severity: audit.Low, Family: "LOG",
			Claim:   "logs are retained for at least the contractual period",
			Sources: []audit.Source{{Doc: "sla_2026.pdf", Section: "4.2 Logging"}},
			Parameters: []audit.Parameter{
				{Name: "log_retention_days", Type: "integer", Default: 90, Description: "days logs must be kept"},
			},
			Facts:   []string{"host.journald"},
			Package: "vouch.controls.log.retention",
		},
		{
			ID: "SSH-001", Title: "SSH password authentication is disabled", Severity: audit.High, Family: "SSH",
			Claim:       "management interface password access disabled",
			Sources:     []audit.Source{{Doc: "000_43fc48adc9aaf829.txt", Section: "System Security"}},
			Facts:       []string{"ssh.config"},
			Remediation: "Set PasswordAuthentication no in sshd_config and reload sshd.",
			Package:     "vouch.controls.ssh.password_auth",
		},
		{
			ID: "TLS-003", Title: "Only TLS 1.2 or later is accepted", Severity: audit.Critical, Family: "TLS",
			Claim:   "data in transit is encrypted with current protocols",
			Sources: []audit.Source{{Doc: "000_43fc48adc9aaf829.txt", Section: "Encryption"}},
			Parameters: []audit.Parameter{
				{Name: "tls_min_version", Type: "string", Default: "1.2"},
			},
			Facts:   []string{"tls.endpoints"},
			Package: "vouch.controls.tls.min_version",
		},
	}
	ctl := map[string]audit.Control{}
	for _, c := range controls {
		ctl[c.ID] = c
	}
	result := func(id, target string, st audit.Status, msg string, ev ...audit.Evidence) audit.Result {
		c := ctl[id]
		if ev == nil {
			ev = []audit.Evidence{}
		}
		return audit.Result{
			ControlID: id, Title: c.Title, Severity: c.Severity, Family: c.Family, Target: target,
			Status: st, Message: msg, Evidence: ev, Facts: c.Facts,
		}
	}

	waived := result("LOG-001", dbTarget, audit.Waived, "journald keeps 30 days | want 90",
		audit.Evidence{Message: "journald keeps 30 days | want 90", Data: map[string]any{"max_retention_days": 30, "want": 90}})
	waived.Original = audit.Fail
	waived.Waiver = &audit.Waiver{
		Control: "LOG-001", Targets: []string{dbTarget}, Owner: "ops-team",
		Reason: "moving to central logging\ntracked in OPS-42", Expires: date("2027-01-31"),
	}

	expired := result("SSH-001", webTarget, audit.Fail, "PasswordAuthentication yes in /etc/ssh/sshd_config",
		audit.Evidence{Message: "PasswordAuthentication yes in /etc/ssh/sshd_config", Data: map[string]any{"path": "/etc/ssh/sshd_config", "line": 57}},
		audit.Evidence{Message: "live probe offered methods publickey,password", Data: map[string]any{"methods": []string{"publickey", "password"}}})
	expired.Waiver = &audit.Waiver{
		Control: "SSH-001", Owner: "alice@example.com", Reason: "legacy jump host <decommission>",
		Expires: date("2026-10-01"), Expired: true,
	}

	results := []audit.Result{
		result("HOST-001", webTarget, audit.Pass, "kernel.randomize_va_space = 2",
			audit.Evidence{Message: "kernel.randomize_va_space = 2", Data: map[string]any{"sysctl": "kernel.randomize_va_space", "value": 2}}),
		result("ACC-002", webTarget, audit.Fail, "2 accounts use md5-crypt (and 1 more)",
			audit.Evidence{Message: "2 accounts use md5-crypt", Data: map[string]any{"accounts": []string{"bob", "carol"}, "file": "/etc/shadow", "hash_sha256": "9f86d081884c7d65"}},
			audit.Evidence{Message: "1 account has no password"}),
		result("LOG-001", webTarget, audit.Skip, "journald is not in use on this host"),
		expired,
		result("HOST-001", dbTarget, audit.Pass, "compliant"),
		result("ACC-002", dbTarget, audit.Error, "facts host.shadow not collected: open /etc/shadow: permission denied",
			audit.Evidence{Message: "facts host.shadow not collected: open /etc/shadow: permission denied"}),
		waived,
		result("SSH-001", dbTarget, audit.Pass, "PasswordAuthentication no"),
		result("TLS-003", dbTarget, audit.Fail, "TLS 1.0 accepted on :443",
			audit.Evidence{Message: "TLS 1.0 accepted on :443", Data: map[string]any{"endpoint": "db-1.example.com:443", "versions": []string{"TLS1.0", "TLS1.2"}}}),
	}
	r := &audit.Report{
		Schema:      audit.ReportSchema,
		GeneratedAt: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC),
		Tool:        audit.Tool{Name: "vouch", Version: "test"},
		Profile:     "baseline",
		Targets:     []string{webTarget, dbTarget},
		Results:     results,
		Controls:    controls,
		Notes:       []string{"TLS controls ran against db-1 only: no endpoint was given for web-1"},
	}
	for _, res := range results {
		r.Summary.Add(res.Status)
	}
	return r
}

// oneTargetReport is the sample cut down to its first target.
func oneTargetReport() *audit.Report {
	r := sampleReport()
	r.Targets = r.Targets[:1]
	var keep []audit.Result
	r.Summary = audit.Summary{}
	for _, res := range r.Results {
		if res.Target == webTarget {
			keep = append(keep, res)
			r.Summary.Add(res.Status)
		}
	}
	r.Results = keep
	return r
}
