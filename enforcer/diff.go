package enforcer

import (
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines shown around a change, as in
// `diff -u`.
const diffContext = 3

// Diff renders changes as one unified diff, in the order given: "--- a/PATH"
// and "+++ b/PATH" headers (--- /dev/null for a file that does not exist yet)
// and "@@ -l,s +l,s @@" hunks with three lines of context, as GNU diff -u
// writes them, so `patch -p1` and review tools read it. A change whose bytes do
// not differ prints nothing.
func Diff(changes []Change) string {
	var b strings.Builder
	for _, c := range changes {
		writeFileDiff(&b, c)
	}
	return b.String()
}

func writeFileDiff(b *strings.Builder, c Change) {
	if !c.Created && string(c.Before) == string(c.After) {
		return
	}
	name := strings.TrimPrefix(c.Path, "/")
	if c.Created {
		b.WriteString("--- /dev/null\n")
	} else {
		fmt.Fprintf(b, "--- a/%s\n", name)
	}
	fmt.Fprintf(b, "+++ b/%s\n", name)
	a, z := splitLines(c.Before), splitLines(c.After)
	for _, h := range hunks(editScript(a, z), diffContext) {
		fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(h.oldStart, h.oldCount), hunkRange(h.newStart, h.newCount))
		for _, e := range h.edits {
			switch e.kind {
			case opEqual:
				writeLine(b, ' ', a[e.old])
			case opDelete:
				writeLine(b, '-', a[e.old])
			case opInsert:
				writeLine(b, '+', z[e.new])
			}
		}
	}
}

// writeLine prints one diff line; a last line without its newline gets the
// marker diff and patch use for it.
func writeLine(b *strings.Builder, prefix byte, line string) {
	b.WriteByte(prefix)
	b.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		b.WriteString("\n\\ No newline at end of file\n")
	}
}

// hunkRange formats one side of a hunk header. start is the 0-based index of
// the hunk's first line. GNU diff omits a count of one, and an empty range
// names the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

// splitLines cuts text into lines that keep their "\n", so a missing final
// newline is a difference like any other.
func splitLines(b []byte) []string {
	var lines []string
	s := string(b)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

type opKind byte

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// edit is one step of an edit script: old and new are the line indexes in
// each file before the step.
type edit struct {
	kind     opKind
	old, new int
}

// editScript is a shortest edit script from a to b (Myers, "An O(ND)
// Difference Algorithm and Its Variations", 1986), deletions before insertions
// within a change, as diff prints them.
func editScript(a, b []string) []edit {
	n, m := len(a), len(b)
	max := n + m
	if max == 0 {
		return nil
	}
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
search:
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				break search
			}
		}
	}
	// Walk back from the end through the saved frontiers.
	var rev []edit
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := v[off+pk]
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, edit{kind: opEqual, old: x, new: y})
		}
		if d == 0 {
			break
		}
		if x == px {
			y--
			rev = append(rev, edit{kind: opInsert, old: x, new: y})
		} else {
			x--
			rev = append(rev, edit{kind: opDelete, old: x, new: y})
		}
	}
	script := make([]edit, len(rev))
	for i, e := range rev {
		script[len(rev)-1-i] = e
	}
	return orderChanges(script)
}

// orderChanges puts the deletions of each run of changes before its
// insertions, the way diff -u prints a replaced block.
func orderChanges(s []edit) []edit {
	out := make([]edit, 0, len(s))
	for i := 0; i < len(s); {
		if s[i].kind == opEqual {
			out = append(out, s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j].kind != opEqual {
			j++
		}
		for _, e := range s[i:j] {
			if e.kind == opDelete {
				out = append(out, e)
			}
		}
		for _, e := range s[i:j] {
			if e.kind == opInsert {
				out = append(out, e)
			}
		}
		i = j
	}
	return out
}

// hunk is a run of edits with its context and its place in both files.
type hunk struct {
	oldStart, oldCount int
	newStart, newCount int
	edits              []edit
}

// hunks groups an edit script into hunks with ctx lines of context; changes
// separated by no more than 2*ctx unchanged lines share a hunk.
func hunks(s []edit, ctx int) []hunk {
	var out []hunk
	for i := 0; i < len(s); {
		if s[i].kind == opEqual {
			i++
			continue
		}
		start := max(i-ctx, 0)
		end := i // one past the last change in the hunk
		for j := i; j < len(s); j++ {
			if s[j].kind != opEqual {
				end = j + 1
				continue
			}
			if j-end >= 2*ctx {
				break
			}
		}
		stop := min(end+ctx, len(s))
		h := hunk{oldStart: s[start].old, newStart: s[start].new, edits: s[start:stop]}
		for _, e := range h.edits {
			if e.kind != opInsert {
				h.oldCount++
			}
			if e.kind != opDelete {
				h.newCount++
			}
		}
		out = append(out, h)
		i = stop
	}
	return out
}
