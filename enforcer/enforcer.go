// Package enforcer fixes failing controls on a target and proves the fix. A
// Remediation turns one target's host facts and the run's parameters into
// Changes: whole-file contents for configuration files and single writes to
// /proc/sys for kernel parameters. Plan collects them and Diff renders them as
// a unified diff; Apply writes them atomically with a backup, asks a Verifier
// (the caller's re-scan and re-evaluation) whether each control now passes,
// and restores the exact previous bytes of every change whose control does
// not. The package never evaluates controls itself, so it does not depend on
// the policy engine.
package enforcer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/audit"
	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

// maxConfigRead caps a configuration file a remediation reads to rewrite it.
const maxConfigRead = 1 << 20

// Input is what a remediation plans from.
type Input struct {
	// Facts is the target's host section, as the host scanner collected it.
	Facts *host.Facts
	// Params are the run's parameters as the controls see them (defaults, then
	// the profile, then vouch.yaml), JSON-typed: numbers are float64, objects
	// map[string]any. A missing key means the control's default.
	Params map[string]any
	// Failing lists the ids of the controls that currently fail on the target.
	// A remediation plans only for these.
	Failing []string
}

// failing reports whether control id currently fails.
func (in Input) failing(id string) bool { return slices.Contains(in.Failing, id) }

// Change is one write the enforcer would make.
type Change struct {
	// Controls are the controls the change is made for, sorted. A file shared
	// by several controls (one sysctl drop-in for HOST-001 and HOST-013) names
	// all of them, and is kept only if all of them pass.
	Controls []string
	// Path is the absolute path on the target.
	Path string
	// Before is the content the plan was made from; Apply refuses to write if
	// the file no longer holds it. Nil when Created.
	Before []byte
	// After is the content to write.
	After []byte
	// Created says the file does not exist yet; rolling back removes it.
	Created bool
	// Mode is the permission the file is written with (the existing file's,
	// or the remediation's choice for a new one). Unused for Runtime changes.
	Mode fs.FileMode
	// Description says what the change does and why, for people.
	Description string
	// Runtime marks a write to a kernel parameter under /proc/sys: written in
	// place, never backed up to a file (its old value is kept in Before).
	Runtime bool
}

// Remediation fixes one or more controls.
type Remediation interface {
	// Controls lists the control ids the remediation can fix.
	Controls() []string
	// Plan returns the changes that would make the failing controls among
	// Controls pass; none when the facts show nothing to fix. It reads the
	// files it rewrites from t and never writes.
	Plan(ctx context.Context, t target.Target, in Input) ([]Change, error)
}

// Verifier re-scans the target and re-evaluates the given controls after
// Apply has written its changes, returning each control's new status. A
// control missing from the map counts as not passing.
type Verifier func(ctx context.Context, controls []string) (map[string]audit.Status, error)

// Enforcer holds the remediations a run may use and the clock that names
// backups. Build it with New or Default; it has no global state.
type Enforcer struct {
	rems []Remediation
	now  func() time.Time
}

// New builds an enforcer from remediations. now is the run's clock (nil means
// time.Now). Two remediations claiming one control is a programming error.
func New(now func() time.Time, rs ...Remediation) *Enforcer {
	if now == nil {
		now = time.Now
	}
	seen := map[string]bool{}
	for _, r := range rs {
		for _, id := range r.Controls() {
			if seen[id] {
				panic("enforcer: two remediations for " + id)
			}
			seen[id] = true
		}
	}
	return &Enforcer{rems: rs, now: now}
}

// Default is the enforcer with every remediation vouch ships: kernel
// parameters (HOST-001, HOST-013) and the shell idle timeout (ACC-005).
func Default(now func() time.Time) *Enforcer {
	return New(now, Sysctl{}, ShellTimeout{})
}

// Controls lists the control ids some remediation can fix, sorted.
func (e *Enforcer) Controls() []string {
	var ids []string
	for _, r := range e.rems {
		ids = append(ids, r.Controls()...)
	}
	slices.Sort(ids)
	return ids
}

// Plan asks every remediation with a failing control for its changes. Two
// remediations changing one path is an error, since Apply could not keep one
// and roll back the other.
func (e *Enforcer) Plan(ctx context.Context, t target.Target, in Input) ([]Change, error) {
	var all []Change
	owner := map[string]string{}
	for _, r := range e.rems {
		ids := r.Controls()
		if !slices.ContainsFunc(ids, in.failing) {
			continue
		}
		cs, err := r.Plan(ctx, t, in)
		if err != nil {
			return nil, fmt.Errorf("plan %s: %w", strings.Join(ids, ", "), err)
		}
		for _, c := range cs {
			p := path.Clean(c.Path)
			if prev, dup := owner[p]; dup {
				return nil, fmt.Errorf("plan %s: %s is also changed for %s", strings.Join(c.Controls, ", "), p, prev)
			}
			owner[p] = strings.Join(c.Controls, ", ")
			all = append(all, c)
		}
	}
	return all, nil
}

// State is what became of one change.
type State string

// States of a change after Apply.
const (
	// Applied: written, and every control it serves passed verification.
	Applied State = "applied"
	// RolledBack: written, then restored because a control it serves (or one
	// sharing a file with it) did not pass, or because a later write for the
	// same control failed.
	RolledBack State = "rolled back"
	// Failed: the write failed; nothing of it remains.
	Failed State = "failed"
	// Skipped: not written, because an earlier change for the same control failed.
	Skipped State = "skipped"
	// RollbackFailed: written, and restoring the old content failed too; the
	// file needs a person (Backup holds the old bytes where there is one).
	RollbackFailed State = "rollback failed"
)

// Result is what Apply did with one change.
type Result struct {
	Change Change
	State  State
	// Status is the verdict verification returned for the control that decided
	// the outcome: pass for an applied change, the failing status for a change
	// rolled back after verification. Empty when verification did not run.
	Status audit.Status
	// Reason says why a change was rolled back or skipped.
	Reason string
	// Err is the write or rollback error of a Failed or RollbackFailed change.
	Err error
	// Backup is the copy of the old file kept beside an applied change
	// (PATH.vouch-bak.TIMESTAMP); empty for runtime writes and new files.
	Backup string
}

// String is one line for people: "applied HOST-013 /etc/sysctl.d/...".
func (r Result) String() string {
	s := fmt.Sprintf("%s %s %s", r.State, strings.Join(r.Change.Controls, ","), r.Change.Path)
	if r.Backup != "" {
		s += " (backup " + r.Backup + ")"
	}
	if r.Reason != "" {
		s += ": " + r.Reason
	}
	if r.Err != nil {
		s += ": " + r.Err.Error()
	}
	return s
}

// Outcome is the result of Apply, one Result per change in plan order.
type Outcome struct {
	Results []Result
	// Verified holds the statuses the verifier returned; nil if it did not run.
	Verified map[string]audit.Status
}

// Count returns how many changes ended in state s.
func (o Outcome) Count(s State) int {
	n := 0
	for _, r := range o.Results {
		if r.State == s {
			n++
		}
	}
	return n
}

// backupLayout is the UTC timestamp in backup names. The suffix goes after the
// whole name so a backup never matches the *.conf or *.sh globs that boot and
// login read.
const backupLayout = "20060102T150405Z"

// applied is the state Apply keeps for a change it wrote.
type applied struct {
	mode   fs.FileMode // the replaced file's mode, to restore it
	backup string
}

// Apply writes changes in order, verifies the controls they serve and rolls
// back what did not fix its control. For every change it checks the file still
// holds the planned Before bytes, copies an existing non-/proc file to
// PATH.vouch-bak.TIMESTAMP (the enforcer's clock, UTC), and writes After. A
// write that fails rolls back the changes already written for the same
// controls and skips their later ones. Then verify is called once with every
// control that has a written change; each change serving a control that did
// not pass — and, transitively, every change sharing a control with one being
// rolled back, so no control keeps half a fix — is restored to its exact old
// bytes (or removed, if Apply created it) in reverse order, and its backup
// deleted.
//
// The error is non-nil when the target cannot be written, verification
// failed (every change is then rolled back), or a rollback failed; the Outcome
// still says what happened to each change.
func (e *Enforcer) Apply(ctx context.Context, t target.Target, changes []Change, verify Verifier) (Outcome, error) {
	out := Outcome{Results: make([]Result, len(changes))}
	for i, c := range changes {
		out.Results[i].Change = c
	}
	if len(changes) == 0 {
		return out, nil
	}
	w, ok := t.(target.Writer)
	if !ok {
		return out, fmt.Errorf("apply changes to %s: target cannot be written", t.Info().Name)
	}
	stamp := e.now().UTC().Format(backupLayout)
	done := map[int]applied{} // index of each written change
	var order []int           // written changes, in write order
	broken := map[string]bool{}
	var errs []error

	for i, c := range changes {
		res := &out.Results[i]
		if err := ctx.Err(); err != nil {
			res.State, res.Reason = Skipped, "cancelled"
			continue
		}
		if id, bad := firstIn(c.Controls, broken); bad {
			res.State, res.Reason = Skipped, "the changes for "+id+" were undone after a write failed"
			continue
		}
		a, err := write(t, w, c, stamp)
		if err != nil {
			res.State, res.Err = Failed, err
			for _, id := range c.Controls {
				broken[id] = true
			}
			reason := fmt.Sprintf("a later change for %s (%s) failed", strings.Join(c.Controls, ", "), c.Path)
			errs = append(errs, e.rollback(w, changes, &out, done, &order, broken, func(int, string) (audit.Status, string) {
				return "", reason
			}))
			continue
		}
		res.State, res.Backup = Applied, a.backup
		done[i] = a
		order = append(order, i)
	}
	if len(order) == 0 {
		return out, errors.Join(errs...)
	}
	if err := ctx.Err(); err != nil {
		all := map[string]bool{}
		for _, i := range order {
			for _, id := range changes[i].Controls {
				all[id] = true
			}
		}
		errs = append(errs, e.rollback(w, changes, &out, done, &order, all, func(int, string) (audit.Status, string) {
			return "", "cancelled before verification"
		}))
		return out, errors.Join(append(errs, err)...)
	}

	var ids []string
	for _, i := range order {
		for _, id := range changes[i].Controls {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	statuses, err := verify(ctx, ids)
	if err != nil {
		all := map[string]bool{}
		for _, id := range ids {
			all[id] = true
		}
		errs = append(errs, e.rollback(w, changes, &out, done, &order, all, func(int, string) (audit.Status, string) {
			return "", "verification failed"
		}))
		return out, errors.Join(append(errs, fmt.Errorf("verify %s: %w", strings.Join(ids, ", "), err))...)
	}
	out.Verified = statuses
	bad := map[string]bool{}
	for _, id := range ids {
		if statuses[id] != audit.Pass {
			bad[id] = true
		}
	}
	why := func(i int, id string) (audit.Status, string) {
		st := statuses[id]
		shown := string(st)
		if st == "" {
			shown = "no result"
		}
		if slices.Contains(changes[i].Controls, id) {
			return st, fmt.Sprintf("%s is %s after the change", id, shown)
		}
		return st, fmt.Sprintf("undone with the other changes for %s, which is %s", id, shown)
	}
	errs = append(errs, e.rollback(w, changes, &out, done, &order, bad, why))
	for _, i := range order {
		out.Results[i].Status = audit.Pass
	}
	return out, errors.Join(errs...)
}

// firstIn returns the first id that is in set.
func firstIn(ids []string, set map[string]bool) (string, bool) {
	for _, id := range ids {
		if set[id] {
			return id, true
		}
	}
	return "", false
}

// rollback restores, newest first, every written change that serves a control
// in bad, growing bad with the other controls of each change it restores until
// nothing more is pulled in: a control never keeps half a fix. why gives the
// status and reason for change i, given the control first found bad that
// pulled it in. Restored changes leave order and done.
func (e *Enforcer) rollback(w target.Writer, changes []Change, out *Outcome, done map[int]applied,
	order *[]int, bad map[string]bool, why func(i int, id string) (audit.Status, string)) error {
	root := map[string]string{} // control -> the originally bad control that pulled it in
	for id := range bad {
		root[id] = id
	}
	cause := map[int]string{}
	for grew := true; grew; {
		grew = false
		for _, i := range *order {
			if _, marked := cause[i]; marked {
				continue
			}
			id, hit := firstIn(changes[i].Controls, bad)
			if !hit {
				continue
			}
			cause[i] = root[id]
			for _, other := range changes[i].Controls {
				if !bad[other] {
					bad[other], root[other] = true, root[id]
					grew = true
				}
			}
		}
	}
	var errs []error
	var keep []int
	for k := len(*order) - 1; k >= 0; k-- {
		i := (*order)[k]
		id, undo := cause[i]
		if !undo {
			keep = append(keep, i)
			continue
		}
		res := &out.Results[i]
		res.Status, res.Reason = why(i, id)
		if err := restore(w, changes[i], done[i]); err != nil {
			res.State, res.Err = RollbackFailed, err
			errs = append(errs, err)
		} else {
			res.State, res.Backup = RolledBack, ""
		}
		delete(done, i)
	}
	slices.Reverse(keep)
	*order = keep
	return errors.Join(errs...)
}

// write checks that c's path still holds the planned bytes, backs the file
// up, and writes the new content.
func write(t target.Target, w target.Writer, c Change, stamp string) (applied, error) {
	var a applied
	cur, exists, mode, err := current(t, c.Path)
	if err != nil {
		return a, err
	}
	switch {
	case c.Created && exists:
		return a, fmt.Errorf("write %s: file appeared since the plan was made; plan again", c.Path)
	case !c.Created && !exists:
		return a, fmt.Errorf("write %s: file disappeared since the plan was made; plan again", c.Path)
	case !c.Created && string(cur) != string(c.Before):
		return a, fmt.Errorf("write %s: file changed since the plan was made; plan again", c.Path)
	}
	a.mode = mode
	perm := c.Mode
	if perm == 0 {
		perm = mode
	}
	if exists && !c.Runtime {
		a.backup, err = backup(t, w, c.Path, cur, mode, stamp)
		if err != nil {
			return a, err
		}
	}
	if err := w.WriteFile(c.Path, c.After, perm); err != nil {
		if a.backup != "" {
			w.Remove(a.backup)
		}
		if c.Runtime {
			// An in-place write may have truncated an ordinary file (a tree's
			// proc/); the kernel keeps the old value itself on a bad write.
			w.WriteFile(c.Path, cur, perm)
		}
		return a, err
	}
	return a, nil
}

// current reads a file's bytes and mode; a missing file is not an error.
func current(t target.Target, p string) (data []byte, exists bool, mode fs.FileMode, err error) {
	fi, err := t.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, 0, nil
	}
	if err != nil {
		return nil, false, 0, fmt.Errorf("stat %s: %w", p, err)
	}
	b, err := t.ReadFile(p, maxConfigRead)
	if err != nil {
		return nil, false, 0, fmt.Errorf("read %s: %w", p, err)
	}
	return b, true, fi.Mode().Perm(), nil
}

// backup copies the old bytes to PATH.vouch-bak.STAMP, with a numeric suffix
// when a backup of that second already exists.
func backup(t target.Target, w target.Writer, p string, data []byte, mode fs.FileMode, stamp string) (string, error) {
	name := p + ".vouch-bak." + stamp
	for n := 1; ; n++ {
		if _, err := t.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			break
		}
		if n > 100 {
			return "", fmt.Errorf("back up %s: too many backups named %s.*", p, name)
		}
		name = fmt.Sprintf("%s.vouch-bak.%s.%d", p, stamp, n)
	}
	if err := w.WriteFile(name, data, mode); err != nil {
		return "", fmt.Errorf("back up %s: %w", p, err)
	}
	return name, nil
}

// restore puts back the bytes a change replaced, or removes the file it
// created, then deletes the backup.
func restore(w target.Writer, c Change, a applied) error {
	var err error
	if c.Created {
		err = w.Remove(c.Path)
	} else {
		err = w.WriteFile(c.Path, c.Before, a.mode)
	}
	if err != nil {
		return fmt.Errorf("roll back %s: %w", c.Path, err)
	}
	if a.backup != "" {
		if err := w.Remove(a.backup); err != nil {
			return fmt.Errorf("remove backup %s: %w", a.backup, err)
		}
	}
	return nil
}
