package enforcer

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/vouch-audit/vouch/scanners/host"
	"github.com/vouch-audit/vouch/target"
)

// ShellTimeout fixes ACC-005 (idle shells are logged out): it installs
// /etc/profile.d/vouch-tmout.sh setting TMOUT to shell_idle_timeout_seconds,
// readonly and exported, so no later startup file or user can lift it.
//
// A readonly TMOUT read before the drop-in (in /etc/profile, /etc/bash.bashrc,
// which /etc/profile sources first, or a profile.d script sorting earlier)
// cannot be changed afterwards: the drop-in's assignment would only print
// "readonly variable" at every login. If that earlier value is within the
// limit nothing is needed; if not, the assignment is changed in place instead
// of adding the drop-in.
type ShellTimeout struct{}

var _ Remediation = ShellTimeout{}

// tmoutDropIn is the file ShellTimeout installs.
const tmoutDropIn = "/etc/profile.d/vouch-tmout.sh"

// Controls is ACC-005.
func (ShellTimeout) Controls() []string { return []string{"ACC-005"} }

// Plan returns the drop-in, or the in-place fix of an earlier readonly
// assignment, or nothing when TMOUT is already enforced within the limit.
func (ShellTimeout) Plan(_ context.Context, t target.Target, in Input) ([]Change, error) {
	if !in.failing("ACC-005") {
		return nil, nil
	}
	limit, err := paramInt(in.Params, "shell_idle_timeout_seconds", 900)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("read param shell_idle_timeout_seconds: want a positive number of seconds, got %d", limit)
	}
	if in.Facts == nil || in.Facts.ShellTimeout == nil {
		return nil, errors.New("plan shell timeout: host.shell_timeout was not collected")
	}
	var others []host.ShellTimeout
	for _, e := range in.Facts.ShellTimeout {
		if path.Clean(e.File) != tmoutDropIn {
			others = append(others, e)
		}
	}
	slices.SortStableFunc(others, func(a, b host.ShellTimeout) int {
		if c := compareReadOrder(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	within := func(v int) bool { return v > 0 && v <= limit }

	// The first readonly assignment read before the drop-in fixes the value.
	for _, e := range others {
		if compareReadOrder(e.File, tmoutDropIn) >= 0 {
			break
		}
		if !e.Readonly {
			continue
		}
		if within(e.Value) {
			return nil, nil
		}
		c, err := tmoutLineChange(t, e, limit)
		if err != nil {
			return nil, err
		}
		return []Change{c}, nil
	}

	after := []byte(fmt.Sprintf("# Log out shells idle for %d seconds (ACC-005). Set by vouch enforce.\n"+
		"TMOUT=%d\nreadonly TMOUT\nexport TMOUT\n", limit, limit))
	before, exists, _, err := current(t, tmoutDropIn)
	if err != nil {
		return nil, err
	}
	if exists && string(before) == string(after) {
		return nil, nil
	}
	desc := fmt.Sprintf("set TMOUT=%d for login shells, readonly and exported", limit)
	var later []string
	for _, e := range others {
		if compareReadOrder(e.File, tmoutDropIn) > 0 && e.Value != limit {
			later = append(later, fmt.Sprintf("%s:%d (TMOUT=%d)", e.File, e.Line, e.Value))
		}
	}
	if len(later) > 0 {
		desc += "; assignments read later fail against the readonly value and leave it in force: " + strings.Join(later, ", ")
	}
	return []Change{{
		Controls:    []string{"ACC-005"},
		Path:        tmoutDropIn,
		Before:      before,
		After:       after,
		Created:     !exists,
		Mode:        0o644,
		Description: desc,
	}}, nil
}

// tmoutLineChange rewrites the value of the readonly assignment e.
func tmoutLineChange(t target.Target, e host.ShellTimeout, limit int) (Change, error) {
	before, exists, mode, err := current(t, e.File)
	if err != nil {
		return Change{}, err
	}
	if !exists {
		return Change{}, fmt.Errorf("read %s: the facts name it, but it does not exist; scan again", e.File)
	}
	lines := splitLines(before)
	if e.Line < 1 || e.Line > len(lines) {
		return Change{}, fmt.Errorf("edit %s: line %d is past the end; scan again", e.File, e.Line)
	}
	fixed, ok := setTMOUT(lines[e.Line-1], limit)
	if !ok {
		return Change{}, fmt.Errorf("edit %s: no TMOUT assignment on line %d; scan again", e.File, e.Line)
	}
	lines[e.Line-1] = fixed
	return Change{
		Controls: []string{"ACC-005"},
		Path:     e.File,
		Before:   before,
		After:    []byte(strings.Join(lines, "")),
		Mode:     mode,
		Description: fmt.Sprintf("%s:%d makes TMOUT=%d readonly before any later file can lower it: set it to %d there",
			e.File, e.Line, e.Value, limit),
	}, nil
}

// setTMOUT replaces the number in the first "TMOUT=N" of a shell line,
// keeping quotes and everything around it.
func setTMOUT(line string, value int) (string, bool) {
	for i := 0; ; {
		j := strings.Index(line[i:], "TMOUT=")
		if j < 0 {
			return line, false
		}
		at := i + j
		i = at + len("TMOUT=")
		if at > 0 && isNameByte(line[at-1]) {
			continue // MY_TMOUT=, not TMOUT=
		}
		k := i
		if k < len(line) && (line[k] == '"' || line[k] == '\'') {
			k++
		}
		end := k
		for end < len(line) && line[end] >= '0' && line[end] <= '9' {
			end++
		}
		return line[:k] + strconv.Itoa(value) + line[end:], true
	}
}

func isNameByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// readOrder places a startup file in the order a Debian login shell reads
// them: /etc/profile, then /etc/bash.bashrc (sourced from it), then
// /etc/profile.d/*.sh by name. Other files come after.
func readOrder(file string) (int, string) {
	file = path.Clean(file)
	switch {
	case file == "/etc/profile":
		return 0, ""
	case file == "/etc/bash.bashrc":
		return 1, ""
	case path.Dir(file) == "/etc/profile.d" && strings.HasSuffix(file, ".sh"):
		return 2, path.Base(file)
	}
	return 3, file
}

// compareReadOrder orders two files by readOrder.
func compareReadOrder(a, b string) int {
	ra, na := readOrder(a)
	rb, nb := readOrder(b)
	if ra != rb {
		return ra - rb
	}
	return strings.Compare(na, nb)
}
