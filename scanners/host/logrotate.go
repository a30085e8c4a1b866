package host

import (
	"context"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

const (
	logrotateConf = "/etc/logrotate.conf"
	// logrotateMaxIncludes bounds include nesting (a loop is caught sooner).
	logrotateMaxIncludes = 8
	// unboundedRetentionDays stands for "rotate -1" (old logs never removed)
	// without maxage: kept for as long as the disk lasts.
	unboundedRetentionDays = 36500
)

// collectLogrotate reads /etc/logrotate.conf and what it includes, as
// logrotate(8) does: global directives set the defaults for the blocks that
// follow them, in the same file or in included ones.
func collectLogrotate(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.logrotate"}
	defer n.flush(c)
	p := &logrotateParser{t: t, n: n, rules: []LogrotateRule{}, def: logrotateDefaults(), seen: map[string]bool{logrotateConf: true}}
	b, err := t.ReadFile(logrotateConf, capSmall)
	switch {
	case isMissing(err):
		// Nothing runs logrotate with a configuration: no file is rotated.
		n.add("%s does not exist: no logrotate rules", logrotateConf)
	case err != nil:
		c.Errorf("host.logrotate", "read %s: %v", logrotateConf, err)
		return
	default:
		p.parse(b, logrotateConf, []string{logrotateConf})
	}
	f.Logrotate = &Logrotate{Rules: p.rules}
}

// logrotateSettings are the directives a rule's retention depends on.
type logrotateSettings struct {
	period string // daily, weekly, monthly, yearly, hourly, size
	rotate int
	maxage int
}

// logrotateDefaults are logrotate's built-in defaults: rotate by size (1M),
// keep no old logs.
func logrotateDefaults() logrotateSettings { return logrotateSettings{period: "size"} }

type logrotateParser struct {
	t     target.Target
	n     *notes
	rules []LogrotateRule
	def   logrotateSettings
	seen  map[string]bool // files parsed, so none is read twice
}

// parse reads one configuration file. chain is the include path that led to
// it, ending with file.
func (p *logrotateParser) parse(b []byte, file string, chain []string) {
	var (
		pending     []string // patterns read before the '{'
		pendingLine int
		inBlock     bool
		inScript    bool
		blockLine   int
		block       logrotateSettings
		patterns    []string
	)
	ls := lines(b)
	for i := 0; i < len(ls); i++ {
		lineNo := i + 1
		text := strings.TrimSpace(ls[i])
		if inScript {
			if strings.Fields(text) != nil && strings.Fields(text)[0] == "endscript" {
				inScript = false
			}
			continue
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !inBlock {
			before, after, opens := strings.Cut(text, "{")
			if !opens {
				words := shellWords(text)
				if isLogrotatePattern(words[0]) {
					if len(pending) == 0 {
						pendingLine = lineNo
					}
					pending = append(pending, unquoteAll(words)...)
					continue
				}
				if len(pending) > 0 {
					p.n.add("%s:%d: patterns %s are not followed by a '{' block; ignored", file, pendingLine, strings.Join(pending, " "))
					pending = nil
				}
				p.global(words, file, lineNo, chain)
				continue
			}
			if len(pending) == 0 {
				pendingLine = lineNo
			}
			patterns = append(pending, unquoteAll(shellWords(before))...)
			pending = nil
			if len(patterns) == 0 {
				p.n.add("%s:%d: '{' without a log file pattern; block ignored", file, lineNo)
			}
			inBlock, blockLine, block = true, pendingLine, p.def
			text = strings.TrimSpace(after)
			if text == "" {
				continue
			}
		}
		// Inside a block: directives until '}'.
		body, closes := text, false
		if j := strings.IndexByte(text, '}'); j >= 0 {
			body, closes = strings.TrimSpace(text[:j]), true
		}
		if body != "" {
			words := shellWords(body)
			switch words[0] {
			case "postrotate", "prerotate", "firstaction", "lastaction", "preremove":
				inScript = true
				continue
			case "include":
				p.n.add("%s:%d: include inside a block is not allowed; ignored", file, lineNo)
			default:
				applyLogrotate(&block, words, file, lineNo, p.n)
			}
		}
		if closes {
			if len(patterns) > 0 {
				p.rules = append(p.rules, logrotateRule(file, blockLine, patterns, block))
			}
			inBlock, patterns = false, nil
		}
	}
	if inBlock {
		p.n.add("%s:%d: block for %s is never closed; ignored", file, blockLine, strings.Join(patterns, " "))
	}
	if len(pending) > 0 {
		p.n.add("%s:%d: patterns %s are not followed by a '{' block; ignored", file, pendingLine, strings.Join(pending, " "))
	}
}

// global applies a directive outside any block: it changes the defaults for
// the blocks that follow, or includes more configuration.
func (p *logrotateParser) global(words []string, file string, line int, chain []string) {
	if words[0] != "include" {
		applyLogrotate(&p.def, words, file, line, p.n)
		return
	}
	if len(words) < 2 {
		p.n.add("%s:%d: include without a path", file, line)
		return
	}
	inc := unquoteShellWord(words[1])
	if !path.IsAbs(inc) {
		inc = path.Join(path.Dir(file), inc)
	}
	fi, err := p.t.Stat(inc)
	if err != nil {
		p.n.add("%s:%d: include %s: %v", file, line, inc, err)
		return
	}
	files := []string{inc}
	if fi.IsDir() {
		files, err = listDir(p.t, inc)
		if err != nil {
			p.n.add("%s:%d: include %s: %v", file, line, inc, err)
			return
		}
		files = slices.DeleteFunc(files, isLogrotateTaboo)
	}
	for _, sub := range files {
		if slices.Contains(chain, sub) {
			p.n.add("%s:%d: include of %s skipped: include loop (%s)", file, line, sub, strings.Join(append(slices.Clip(chain), sub), " -> "))
			continue
		}
		if p.seen[sub] {
			// logrotate would reject the file's entries as duplicates.
			p.n.add("%s:%d: include of %s skipped: already read", file, line, sub)
			continue
		}
		if len(chain) > logrotateMaxIncludes {
			p.n.add("%s:%d: include of %s skipped: nested deeper than %d", file, line, sub, logrotateMaxIncludes)
			continue
		}
		b, err := p.t.ReadFile(sub, capSmall)
		if err != nil {
			p.n.add("%s:%d: include %s: %v", file, line, sub, err)
			continue
		}
		p.seen[sub] = true
		p.parse(b, sub, append(slices.Clip(chain), sub))
	}
}

// applyLogrotate applies one directive to s; directives that do not bear on
// retention are ignored.
func applyLogrotate(s *logrotateSettings, words []string, file string, line int, n *notes) {
	number := func() (int, bool) {
		if len(words) < 2 {
			n.add("%s:%d: %s needs a number", file, line, words[0])
			return 0, false
		}
		v, err := strconv.Atoi(words[1])
		if err != nil {
			n.add("%s:%d: %s %q is not a number; ignored", file, line, words[0], words[1])
			return 0, false
		}
		return v, true
	}
	switch words[0] {
	case "hourly", "daily", "weekly", "monthly", "yearly":
		s.period = words[0]
	case "size":
		// "size" replaces the time criterion: the last of size/daily/... wins.
		s.period = "size"
	case "rotate":
		if v, ok := number(); ok {
			s.rotate = v
		}
	case "maxage":
		if v, ok := number(); ok {
			s.maxage = v
		}
	}
}

// logrotateRule computes a rule's retention: rotate x period in days, or
// maxage when that is set and shorter. A size-only rule keeps logs for an
// unknown time unless maxage bounds it.
func logrotateRule(file string, line int, patterns []string, s logrotateSettings) LogrotateRule {
	r := LogrotateRule{File: file, Line: line, Patterns: patterns, Period: s.period, Rotate: s.rotate, MaxAge: max(s.maxage, 0)}
	days := 0
	switch {
	case s.rotate < 0:
		days = unboundedRetentionDays
	case s.period == "hourly":
		days = s.rotate / 24
	default:
		days = s.rotate * map[string]int{"daily": 1, "weekly": 7, "monthly": 30, "yearly": 365}[s.period]
	}
	switch {
	case r.MaxAge > 0 && s.period == "size" && s.rotate >= 0:
		days = r.MaxAge
	case r.MaxAge > 0:
		days = min(days, r.MaxAge)
	}
	r.RetentionDays = days
	return r
}

// isLogrotatePattern reports whether the first word of a line outside a
// block names log files rather than a directive.
func isLogrotatePattern(w string) bool {
	return strings.ContainsAny(w, "/*?[") || strings.HasPrefix(w, `"`) || strings.HasPrefix(w, "'")
}

// isLogrotateTaboo reports whether an included directory's file is skipped by
// logrotate's default tabooext list (package manager leftovers, editor backups).
func isLogrotateTaboo(file string) bool {
	base := path.Base(file)
	for _, ext := range []string{",v", ".cfsaved", ".disabled", ".dpkg-bak", ".dpkg-del", ".dpkg-dist",
		".dpkg-new", ".dpkg-old", ".rpmnew", ".rpmorig", ".rpmsave", ".swp", ".ucf-dist", ".ucf-new", ".ucf-old", "~"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return strings.HasPrefix(base, ".")
}

func unquoteAll(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if w = unquoteShellWord(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}
