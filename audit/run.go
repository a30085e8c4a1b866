package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Evaluator judges a facts document; the policy engine implements it.
type Evaluator interface {
	Evaluate(ctx context.Context, facts Facts, params map[string]any, now time.Time, ids []string) ([]Result, error)
}

// Run is one audit: which scanners gather facts, what judges them, with which
// parameters and waivers, at what time.
type Run struct {
	Scanners  *scanners.Registry
	Evaluator Evaluator
	Params    map[string]any
	// Controls restricts the run to these ids (all when empty).
	Controls []string
	Waivers  []Waiver
	// Now is the run's clock: facts, verdicts and waivers all use it.
	Now time.Time
	// Concurrency bounds how many targets are scanned at once (default 4).
	Concurrency int
	// Progress, when set, is told as each target finishes.
	Progress func(target string, done, total int)
}

// Collect gathers one target's facts with every registered scanner that
// applies to it, all at once: scanners are independent, and most of their time
// is spent waiting on files, programs and the network. A scanner that fails
// records its error under its own name; the others go on.
func (r *Run) Collect(ctx context.Context, t target.Target) Facts {
	info := t.Info()
	f := Facts{
		Schema:      FactsSchema,
		Target:      TargetInfo{Name: info.Name, Kind: info.Kind},
		CollectedAt: r.Now.UTC(),
		Scanned:     []string{},
		Sections:    map[string]json.RawMessage{},
		Errors:      map[string]string{},
	}
	type outcome struct {
		section json.RawMessage
		errs    map[string]string
		err     string
	}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out = map[string]outcome{}
	)
	// What two scanners both need of this target is read once.
	ctx = scanners.WithShared(ctx)
	for _, name := range r.Scanners.Names() {
		s, _ := r.Scanners.Get(name)
		if !scanners.Applies(s, t) {
			continue
		}
		f.Scanned = append(f.Scanned, name)
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := scanners.NewCollection(r.Now)
			var o outcome
			defer func() {
				// A scanner bug must cost its own section, not the run.
				if p := recover(); p != nil {
					mu.Lock()
					out[name] = outcome{errs: c.Errors(), err: fmt.Sprintf("scan %s: internal error: %v", name, p)}
					mu.Unlock()
				}
			}()
			section, err := s.Scan(ctx, t, c)
			o.errs = c.Errors()
			if err != nil {
				o.err = fmt.Sprintf("scan %s: %v", name, err)
			} else if b, err := json.Marshal(section); err != nil {
				o.err = fmt.Sprintf("encode %s facts: %v", name, err)
			} else {
				o.section = b
			}
			mu.Lock()
			out[name] = o
			mu.Unlock()
		}()
	}
	wg.Wait()
	// Merge in name order so the document does not depend on which scanner
	// finished first.
	for _, name := range f.Scanned {
		o := out[name]
		for k, v := range o.errs {
			f.Errors[k] = v
		}
		if o.err != "" {
			f.Errors[name] = o.err
			continue
		}
		f.Sections[name] = o.section
	}
	return f
}

// CollectAll gathers facts from every target, a bounded number at a time, in
// the targets' order.
func (r *Run) CollectAll(ctx context.Context, targets []target.Target) []Facts {
	out := make([]Facts, len(targets))
	limit := r.Concurrency
	if limit <= 0 {
		limit = 4
	}
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = r.Collect(ctx, t)
			if r.Progress != nil {
				mu.Lock()
				done++
				r.Progress(t.Info().Name, done, len(targets))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}

// Judge evaluates facts documents into results with waivers applied.
func (r *Run) Judge(ctx context.Context, docs []Facts) ([]Result, error) {
	var results []Result
	for _, f := range docs {
		rs, err := r.Evaluator.Evaluate(ctx, f, r.Params, r.Now, r.Controls)
		if err != nil {
			return nil, fmt.Errorf("evaluate %s: %w", f.Target.Name, err)
		}
		results = append(results, rs...)
	}
	ApplyWaivers(results, r.Waivers, r.Now)
	return results, nil
}

// NewReport assembles a report from results.
func NewReport(tool Tool, profile string, now time.Time, targets []string, controls []Control, results []Result) *Report {
	rep := &Report{
		Schema: ReportSchema, GeneratedAt: now.UTC(), Tool: tool, Profile: profile,
		Targets: targets, Results: results, Controls: controls,
	}
	if rep.Results == nil {
		rep.Results = []Result{}
	}
	for _, res := range results {
		rep.Summary.Add(res.Status)
	}
	missing := 0
	for _, res := range results {
		if res.Status == Error {
			missing++
		}
	}
	if missing > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d control results had no facts to decide on (status error)", missing))
	}
	return rep
}

// ApplyWaivers marks failing and erroring results covered by a live waiver as
// waived. A waiver past its expiry stops applying; the result keeps its status
// and says the waiver expired.
func ApplyWaivers(results []Result, waivers []Waiver, now time.Time) {
	for i := range results {
		res := &results[i]
		if res.Status != Fail && res.Status != Error {
			continue
		}
		for _, w := range waivers {
			if w.Control != res.ControlID || (len(w.Targets) > 0 && !slices.Contains(w.Targets, res.Target)) {
				continue
			}
			wc := w
			if w.Expires != nil && !now.Before(*w.Expires) {
				wc.Expired = true
				res.Waiver = &wc
				res.Message += fmt.Sprintf(" (waiver by %s expired %s)", w.Owner, w.Expires.Format("2006-01-02"))
				continue
			}
			res.Waiver = &wc
			res.Original = res.Status
			res.Status = Waived
			break
		}
	}
}
