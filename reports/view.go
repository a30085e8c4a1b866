package reports

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/audit"
)

// view is the ordering every human-facing writer shares: targets as the run
// listed them, families and controls in catalog order (the order of
// Report.Controls), results sorted by family, control, then target.
type view struct {
	report   *audit.Report
	targets  []string
	families []string
	controls map[string]audit.Control
	rules    []audit.Control // catalog first, then controls only results name
	ruleIdx  map[string]int
	results  []audit.Result
}

// familyGroup is the results of one family, in view order.
type familyGroup struct {
	family  string
	results []audit.Result
}

func newView(r *audit.Report) *view {
	v := &view{report: r, controls: map[string]audit.Control{}, ruleIdx: map[string]int{}}
	famIdx := map[string]int{}
	addFamily := func(f string) {
		if _, ok := famIdx[f]; !ok {
			famIdx[f] = len(v.families)
			v.families = append(v.families, f)
		}
	}
	addRule := func(c audit.Control) {
		if _, ok := v.ruleIdx[c.ID]; ok {
			return
		}
		v.ruleIdx[c.ID] = len(v.rules)
		v.rules = append(v.rules, c)
		v.controls[c.ID] = c
	}
	for _, c := range r.Controls {
		if c.Family == "" {
			c.Family = familyOf(c.ID)
		}
		addRule(c)
		addFamily(c.Family)
	}
	tgtIdx := map[string]int{}
	addTarget := func(t string) {
		if _, ok := tgtIdx[t]; !ok {
			tgtIdx[t] = len(v.targets)
			v.targets = append(v.targets, t)
		}
	}
	for _, t := range r.Targets {
		addTarget(t)
	}
	v.results = make([]audit.Result, len(r.Results))
	copy(v.results, r.Results)
	for i := range v.results {
		res := &v.results[i]
		if res.Family == "" {
			if c, ok := v.controls[res.ControlID]; ok {
				res.Family = c.Family
			} else {
				res.Family = familyOf(res.ControlID)
			}
		}
		addFamily(res.Family)
		addTarget(res.Target)
		// A result whose control is missing from the catalog still gets a
		// rule, built from what the result says about it.
		addRule(audit.Control{ID: res.ControlID, Title: res.Title, Severity: res.Severity, Family: res.Family})
	}
	sort.SliceStable(v.results, func(i, j int) bool {
		a, b := v.results[i], v.results[j]
		if fa, fb := famIdx[a.Family], famIdx[b.Family]; fa != fb {
			return fa < fb
		}
		if ca, cb := v.ruleIdx[a.ControlID], v.ruleIdx[b.ControlID]; ca != cb {
			return ca < cb
		}
		return tgtIdx[a.Target] < tgtIdx[b.Target]
	})
	return v
}

// groups splits the sorted results by family.
func (v *view) groups() []familyGroup {
	var out []familyGroup
	for _, res := range v.results {
		if n := len(out); n == 0 || out[n-1].family != res.Family {
			out = append(out, familyGroup{family: res.Family})
		}
		out[len(out)-1].results = append(out[len(out)-1].results, res)
	}
	return out
}

// tally counts the results by status, so the counts a writer prints always
// match the rows it prints.
func (v *view) tally() audit.Summary {
	var s audit.Summary
	for _, res := range v.results {
		s.Add(res.Status)
	}
	return s
}

// controlCount is the number of distinct controls with a result.
func (v *view) controlCount() int {
	seen := map[string]bool{}
	for _, res := range v.results {
		seen[res.ControlID] = true
	}
	return len(seen)
}

// byStatus returns the results with the given status, in view order.
func (v *view) byStatus(st audit.Status) []audit.Result {
	var out []audit.Result
	for _, res := range v.results {
		if res.Status == st {
			out = append(out, res)
		}
	}
	return out
}

// summaryLine reads like "24 controls on 1 target: 17 pass, 5 fail, 1 error,
// 1 skip, 0 waived". With several targets it also says how many results the
// counts add up to.
func (v *view) summaryLine() string {
	s := v.tally()
	head := fmt.Sprintf("%s on %s", plural(v.controlCount(), "control"), plural(len(v.targets), "target"))
	if len(v.targets) > 1 {
		head += ", " + plural(s.Total(), "result")
	}
	return fmt.Sprintf("%s: %d pass, %d fail, %d error, %d skip, %d waived", head, s.Pass, s.Fail, s.Error, s.Skip, s.Waived)
}

// noFactsLine says how many controls could not be judged for want of facts,
// and which; empty when none.
func (v *view) noFactsLine() string {
	errs := v.byStatus(audit.Error)
	if len(errs) == 0 {
		return ""
	}
	names := make([]string, len(errs))
	for i, res := range errs {
		names[i] = res.ControlID
		if len(v.targets) > 1 {
			names[i] += " on " + res.Target
		}
	}
	verb := "controls had"
	if len(errs) == 1 {
		verb = "control had"
	}
	return fmt.Sprintf("%d %s no facts to judge: %s", len(errs), verb, strings.Join(names, ", "))
}

// waiverNote describes the waiver on a result: who accepted it, until when and
// why, or that it has expired. Empty when the result has no waiver.
func waiverNote(res audit.Result) string {
	w := res.Waiver
	if w == nil {
		return ""
	}
	var b strings.Builder
	switch {
	case w.Expired && w.Expires != nil:
		fmt.Fprintf(&b, "waiver by %s expired %s", orUnknown(w.Owner), day(*w.Expires))
	case w.Expired:
		fmt.Fprintf(&b, "waiver by %s expired", orUnknown(w.Owner))
	case w.Expires != nil:
		fmt.Fprintf(&b, "waived by %s until %s", orUnknown(w.Owner), day(*w.Expires))
	default:
		fmt.Fprintf(&b, "waived by %s, no expiry", orUnknown(w.Owner))
	}
	if w.Reason != "" {
		b.WriteString(": " + w.Reason)
	}
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "(no owner)"
	}
	return s
}

// day prints a date alone when it is midnight UTC, else the full timestamp.
func day(t time.Time) string {
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// familyOf is the id's prefix: HOST-001 -> HOST.
func familyOf(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}
