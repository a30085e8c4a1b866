package backup

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// namePattern matches archive file names such as
// "{instance}-{time:20060102T150405Z}.tar.gz.gpg": {instance} is any text,
// {time:LAYOUT} a Go time layout (or {time:unix}, seconds since the epoch),
// '*' any text, everything else literal.
type namePattern struct {
	re       *regexp.Regexp
	layout   string
	unix     bool
	instance int // submatch index of {instance}, 0 when absent
	time     int
}

// layoutTokens are the Go layout elements a pattern may use, longest first,
// with the text they match.
var layoutTokens = []struct{ tok, re string }{
	{"January", `[A-Z][a-z]+`}, {"Monday", `[A-Z][a-z]+`},
	{".000000000", `\.\d{9}`}, {".000000", `\.\d{6}`}, {".000", `\.\d{3}`},
	{"Z07:00", `(?:Z|[+-]\d{2}:\d{2})`}, {"-07:00", `[+-]\d{2}:\d{2}`},
	{"Z0700", `(?:Z|[+-]\d{4})`}, {"-0700", `[+-]\d{4}`},
	{"2006", `\d{4}`}, {"Jan", `[A-Z][a-z]{2}`}, {"Mon", `[A-Z][a-z]{2}`}, {"MST", `[A-Z]{3,5}`},
	{"01", `\d{2}`}, {"02", `\d{2}`}, {"15", `\d{2}`}, {"04", `\d{2}`}, {"05", `\d{2}`}, {"06", `\d{2}`},
	{"_2", `[ \d]\d`}, {"PM", `(?:AM|PM)`}, {"pm", `(?:am|pm)`},
	{"1", `\d{1,2}`}, {"2", `\d{1,2}`}, {"3", `\d{1,2}`},
}

func layoutRegexp(layout string) (string, error) {
	var b strings.Builder
	for s := layout; s != ""; {
		matched := false
		for _, t := range layoutTokens {
			if strings.HasPrefix(s, t.tok) {
				b.WriteString(t.re)
				s = s[len(t.tok):]
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if s[0] >= '0' && s[0] <= '9' {
			return "", fmt.Errorf("time layout %q: %q is not a layout element (use 2006 01 02 15 04 05)", layout, s)
		}
		b.WriteString(regexp.QuoteMeta(s[:1]))
		s = s[1:]
	}
	return b.String(), nil
}

func compilePattern(p string) (*namePattern, error) {
	np := &namePattern{}
	var b strings.Builder
	b.WriteString("^")
	group := 0
	for s := p; s != ""; {
		switch {
		case strings.HasPrefix(s, "{instance}"):
			if np.instance != 0 {
				return nil, fmt.Errorf("pattern %q: {instance} appears twice", p)
			}
			group++
			np.instance = group
			b.WriteString(`(.+?)`)
			s = s[len("{instance}"):]
		case strings.HasPrefix(s, "{time:"):
			end := strings.IndexByte(s, '}')
			if end < 0 {
				return nil, fmt.Errorf("pattern %q: {time: is not closed", p)
			}
			if np.time != 0 {
				return nil, fmt.Errorf("pattern %q: {time:...} appears twice", p)
			}
			layout := s[len("{time:"):end]
			group++
			np.time = group
			if layout == "unix" {
				np.unix = true
				b.WriteString(`(\d{9,11})`)
			} else {
				re, err := layoutRegexp(layout)
				if err != nil {
					return nil, err
				}
				np.layout = layout
				b.WriteString("(" + re + ")")
			}
			s = s[end+1:]
		case s[0] == '{':
			return nil, fmt.Errorf("pattern %q: unknown placeholder at %q (want {instance} or {time:LAYOUT})", p, s)
		case s[0] == '*':
			b.WriteString(`.*?`)
			s = s[1:]
		default:
			b.WriteString(regexp.QuoteMeta(s[:1]))
			s = s[1:]
		}
	}
	if np.time == 0 {
		return nil, fmt.Errorf("pattern %q has no {time:LAYOUT}", p)
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", p, err)
	}
	np.re = re
	return np, nil
}

// match reports whether name is an archive of the set; if so it returns the
// instance ("" when the pattern has none) and the time, or why the time in the
// name does not parse.
func (np *namePattern) match(name string, loc *time.Location) (instance string, t time.Time, ok bool, err error) {
	m := np.re.FindStringSubmatch(name)
	if m == nil {
		return "", time.Time{}, false, nil
	}
	if np.instance != 0 {
		instance = m[np.instance]
	}
	ts := m[np.time]
	if np.unix {
		sec, perr := strconv.ParseInt(ts, 10, 64)
		if perr != nil {
			return instance, t, true, fmt.Errorf("time %q: %w", ts, perr)
		}
		return instance, time.Unix(sec, 0).UTC(), true, nil
	}
	t, err = time.ParseInLocation(np.layout, ts, loc)
	if err != nil {
		return instance, t, true, fmt.Errorf("time %q does not parse as %s: %w", ts, np.layout, err)
	}
	return instance, t.UTC(), true, nil
}
