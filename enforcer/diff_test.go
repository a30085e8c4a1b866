package enforcer

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-audit/vouch/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func numbered(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	ten := numbered(1, 10)
	cases := []struct {
		name          string
		before, after string
		created       bool
		want          string
	}{
		{
			name: "new file is diffed against /dev/null", created: true, after: "a\nb\n",
			want: "--- /dev/null\n+++ b/etc/x.conf\n@@ -0,0 +1,2 @@\n+a\n+b\n",
		},
		{
			name: "new empty file has headers only", created: true, after: "",
			want: "--- /dev/null\n+++ b/etc/x.conf\n",
		},
		{
			name: "identical content prints nothing", before: "a\n", after: "a\n",
			want: "",
		},
		{
			name: "one-line file omits the counts", before: "0\n", after: "1\n",
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -1 +1 @@\n-0\n+1\n",
		},
		{
			name:   "change in the middle has three lines of context",
			before: ten, after: strings.Replace(ten, "line 5\n", "line five\n", 1),
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n",
		},
		{
			name: "append at the end", before: ten, after: ten + "line 11\n",
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -8,3 +8,4 @@\n line 8\n line 9\n line 10\n+line 11\n",
		},
		{
			name: "insert at the start", before: "b\nc\n", after: "a\nb\nc\n",
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -1,2 +1,3 @@\n+a\n b\n c\n",
		},
		{
			name: "everything deleted", before: "a\n", after: "",
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -1 +0,0 @@\n-a\n",
		},
		{
			name: "missing final newline is marked", before: "a\nb", after: "a\nb\n",
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			name:   "changes seven lines apart get two hunks",
			before: numbered(1, 20),
			after:  strings.Replace(strings.Replace(numbered(1, 20), "line 3\n", "three\n", 1), "line 11\n", "eleven\n", 1),
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n" +
				"@@ -1,6 +1,6 @@\n line 1\n line 2\n-line 3\n+three\n line 4\n line 5\n line 6\n" +
				"@@ -8,7 +8,7 @@\n line 8\n line 9\n line 10\n-line 11\n+eleven\n line 12\n line 13\n line 14\n",
		},
		{
			name:   "changes six lines apart share a hunk",
			before: numbered(1, 20),
			after:  strings.Replace(strings.Replace(numbered(1, 20), "line 3\n", "three\n", 1), "line 10\n", "ten\n", 1),
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n" +
				"@@ -1,13 +1,13 @@\n line 1\n line 2\n-line 3\n+three\n line 4\n line 5\n line 6\n line 7\n line 8\n line 9\n-line 10\n+ten\n line 11\n line 12\n line 13\n",
		},
		{
			name: "replaced block shows deletions before insertions", before: "a\nb\nc\nd\n", after: "a\nx\ny\nd\n",
			want: "--- a/etc/x.conf\n+++ b/etc/x.conf\n@@ -1,4 +1,4 @@\n a\n-b\n-c\n+x\n+y\n d\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Change{Path: "/etc/x.conf", After: []byte(tc.after), Created: tc.created}
			if !tc.created {
				c.Before = []byte(tc.before)
			}
			if got := Diff([]Change{c}); got != tc.want {
				t.Errorf("Diff =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestEditScriptIsMinimalAndReproducesBothFiles checks the Myers script on
// random inputs against a dynamic-programming LCS.
func TestEditScriptIsMinimalAndReproducesBothFiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 500; n++ {
		a, b := randomLines(r), randomLines(r)
		s := editScript(a, b)
		var gotA, gotB []string
		changes := 0
		for _, e := range s {
			switch e.kind {
			case opEqual:
				if a[e.old] != b[e.new] {
					t.Fatalf("%q -> %q: equal step pairs %q with %q", a, b, a[e.old], b[e.new])
				}
				gotA, gotB = append(gotA, a[e.old]), append(gotB, b[e.new])
			case opDelete:
				gotA = append(gotA, a[e.old])
				changes++
			case opInsert:
				gotB = append(gotB, b[e.new])
				changes++
			}
		}
		if strings.Join(gotA, "") != strings.Join(a, "") || strings.Join(gotB, "") != strings.Join(b, "") {
			t.Fatalf("%q -> %q: script does not reproduce the files", a, b)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); changes != want {
			t.Fatalf("%q -> %q: %d changes; a shortest script has %d", a, b, changes, want)
		}
	}
}

// TestDiffAppliesWithPatch feeds random diffs to patch(1): the format is only
// right if the standard tool agrees.
func TestDiffAppliesWithPatch(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		testenv.Unavailable(t, "patch(1) is not installed (Debian package patch)")
	}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 40; n++ {
		before := strings.Join(randomLines(r), "")
		after := strings.Join(randomLines(r), "")
		if r.IntN(4) == 0 {
			after = strings.TrimSuffix(after, "\n")
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "etc", "x.conf")
		os.MkdirAll(filepath.Dir(file), 0o755)
		os.WriteFile(file, []byte(before), 0o644)
		d := Diff([]Change{{Path: "/etc/x.conf", Before: []byte(before), After: []byte(after)}})
		cmd := exec.Command(patch, "-p1", "--quiet", "--forward", "--no-backup-if-mismatch")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch rejected the diff: %v\n%s\ndiff:\n%s", err, out, d)
		}
		got, _ := os.ReadFile(file)
		if string(got) != after {
			t.Fatalf("patched file = %q; want %q\ndiff:\n%s", got, after, d)
		}
	}
}

func randomLines(r *rand.Rand) []string {
	lines := make([]string, r.IntN(14))
	for i := range lines {
		lines[i] = string(rune('a'+r.IntN(4))) + "\n"
	}
	return lines
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
