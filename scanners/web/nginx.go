package web

import (
	"bytes"
	"fmt"
	"net"
	"path"
	"slices"
	"strings"
)

// Nginx is nginx's effective configuration as `nginx -T` printed it.
type Nginx struct {
	// Installed is false when the host has no nginx; the rest is then empty.
	Installed bool   `json:"installed"`
	Source    string `json:"source"`
	// Files are the configuration files nginx read, in order.
	Files []string `json:"files"`
	// Servers are the server blocks of the http context.
	Servers []Server `json:"servers"`
	// RateLimitZones names the limit_req_zone and limit_conn_zone zones.
	RateLimitZones []string `json:"rate_limit_zones"`
}

// Server is one server block.
type Server struct {
	Names  []string `json:"server_names"`
	Listen []string `json:"listen"`
	// Public: it listens on an address other than loopback or a unix socket.
	Public bool `json:"public"`
	// SSL: a listen directive has the ssl parameter (or "ssl on").
	SSL bool `json:"ssl"`
	// SSLProtocols is the effective ssl_protocols (server, else http, else
	// nginx's default); SSLProtocolsDefault tells that nothing set it.
	SSLProtocols        []string `json:"ssl_protocols"`
	SSLProtocolsDefault bool     `json:"ssl_protocols_default"`
	// RateLimited: a limit_req or limit_conn applies to every request of the
	// server (set in http or server, or in every location).
	RateLimited bool `json:"rate_limited"`
	// Limits lists the limit directives that apply, with where they are set.
	Limits []string `json:"limits"`
	File   string   `json:"file"`
	Line   int      `json:"line"`
}

// DefaultSSLProtocols is nginx's ssl_protocols default (since 1.23.4).
var DefaultSSLProtocols = []string{"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}

// maxIncludeDepth bounds include nesting, as a loop guard; maxDirectives
// bounds the expanded configuration, so includes that fan out cannot blow up.
const (
	maxIncludeDepth = 16
	maxDirectives   = 200000
)

// directive is one parsed nginx directive.
type directive struct {
	name  string
	args  []string
	block []directive // nil for a simple directive
	file  string
	line  int
}

// ParseDump reads `nginx -T` output: each file follows a
// "# configuration file PATH:" line, the first being the main file. Include
// directives are resolved against the files printed.
func ParseDump(out []byte) (*Nginx, error) {
	const marker = "# configuration file "
	type file struct {
		name string
		text []byte
	}
	var files []file
	for _, line := range bytes.SplitAfter(out, []byte("\n")) {
		s := strings.TrimRight(string(line), "\r\n")
		if strings.HasPrefix(s, marker) && strings.HasSuffix(s, ":") {
			files = append(files, file{name: strings.TrimSuffix(strings.TrimPrefix(s, marker), ":")})
			continue
		}
		if len(files) == 0 {
			continue // nginx's own "syntax is ok" lines
		}
		files[len(files)-1].text = append(files[len(files)-1].text, line...)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no %q section: not nginx -T output", strings.TrimSpace(marker))
	}
	parsed := map[string][]directive{}
	n := &Nginx{Installed: true, Source: "nginx -T", Servers: []Server{}, RateLimitZones: []string{}}
	for _, f := range files {
		ds, err := parse(f.name, f.text)
		if err != nil {
			return nil, err
		}
		parsed[f.name] = ds
		n.Files = append(n.Files, f.name)
	}
	confDir := path.Dir(files[0].name)
	total := 0
	var expand func(ds []directive, depth int) ([]directive, error)
	expand = func(ds []directive, depth int) ([]directive, error) {
		if depth > maxIncludeDepth {
			return nil, fmt.Errorf("includes nested deeper than %d", maxIncludeDepth)
		}
		var out []directive
		for _, d := range ds {
			if total++; total > maxDirectives {
				return nil, fmt.Errorf("more than %d directives after includes", maxDirectives)
			}
			if d.name == "include" && d.block == nil && len(d.args) == 1 {
				pat := d.args[0]
				if !path.IsAbs(pat) {
					pat = path.Join(confDir, pat)
				}
				for _, f := range n.Files {
					if ok, _ := path.Match(pat, f); ok {
						sub, err := expand(parsed[f], depth+1)
						if err != nil {
							return nil, err
						}
						out = append(out, sub...)
					}
				}
				continue
			}
			if d.block != nil {
				b, err := expand(d.block, depth+1)
				if err != nil {
					return nil, err
				}
				d.block = b
				if d.block == nil {
					d.block = []directive{}
				}
			}
			out = append(out, d)
		}
		return out, nil
	}
	root, err := expand(parsed[files[0].name], 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", files[0].name, err)
	}
	for _, h := range root {
		if h.name != "http" || h.block == nil {
			continue
		}
		var httpProtocols []string
		var httpLimits []string
		for _, d := range h.block {
			switch d.name {
			case "ssl_protocols":
				httpProtocols = d.args
			case "limit_req", "limit_conn":
				httpLimits = append(httpLimits, d.String()+" (http)")
			case "limit_req_zone", "limit_conn_zone":
				for _, a := range d.args {
					if z, ok := strings.CutPrefix(a, "zone="); ok {
						name, _, _ := strings.Cut(z, ":")
						n.RateLimitZones = append(n.RateLimitZones, name)
					}
				}
			}
		}
		for _, d := range h.block {
			if d.name == "server" && d.block != nil {
				n.Servers = append(n.Servers, server(d, httpProtocols, httpLimits))
			}
		}
	}
	return n, nil
}

// server reads one server block.
func server(s directive, httpProtocols, httpLimits []string) Server {
	sv := Server{Names: []string{}, Listen: []string{}, Limits: slices.Clone(httpLimits), File: s.file, Line: s.line}
	if sv.Limits == nil {
		sv.Limits = []string{}
	}
	protocols := httpProtocols
	var locations, limited int
	var locLimits []string
	for _, d := range s.block {
		switch d.name {
		case "listen":
			sv.Listen = append(sv.Listen, strings.Join(d.args, " "))
			if slices.Contains(d.args, "ssl") {
				sv.SSL = true
			}
			if len(d.args) > 0 && publicAddr(d.args[0]) {
				sv.Public = true
			}
		case "server_name":
			sv.Names = append(sv.Names, d.args...)
		case "ssl":
			if len(d.args) == 1 && d.args[0] == "on" {
				sv.SSL = true
			}
		case "ssl_protocols":
			protocols = d.args
		case "limit_req", "limit_conn":
			sv.Limits = append(sv.Limits, d.String()+" (server)")
		case "location":
			locations++
			if ls := limitsIn(d); len(ls) > 0 {
				limited++
				for _, l := range ls {
					locLimits = append(locLimits, l+" (location "+strings.Join(d.args, " ")+")")
				}
			}
		}
	}
	if len(sv.Listen) == 0 {
		// nginx's default: listen *:80 (or *:8000 when not root).
		sv.Listen = []string{"*:80 (default)"}
		sv.Public = true
	}
	if protocols == nil {
		protocols, sv.SSLProtocolsDefault = DefaultSSLProtocols, true
	}
	sv.SSLProtocols = slices.Clone(protocols)
	sv.RateLimited = len(sv.Limits) > 0 || (locations > 0 && limited == locations)
	if len(sv.Limits) == 0 && sv.RateLimited {
		sv.Limits = locLimits
	}
	return sv
}

// limitsIn lists the limit directives inside a location, nested blocks included.
func limitsIn(d directive) []string {
	var out []string
	for _, c := range d.block {
		if c.name == "limit_req" || c.name == "limit_conn" {
			out = append(out, c.String())
		}
		if c.block != nil {
			out = append(out, limitsIn(c)...)
		}
	}
	return out
}

// publicAddr reports whether a listen address is reachable from other hosts:
// not loopback, not a unix socket.
func publicAddr(a string) bool {
	if strings.HasPrefix(a, "unix:") {
		return false
	}
	host := a
	if h, _, err := net.SplitHostPort(a); err == nil {
		host = h
	} else if strings.HasPrefix(a, "[") {
		host = strings.Trim(a, "[]")
	} else if !strings.Contains(a, ".") && !strings.Contains(a, ":") {
		return true // a bare port: every address
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return !ip.IsLoopback()
	}
	return true // "*" or a name
}

// String renders the directive as written (without a block).
func (d directive) String() string {
	return strings.TrimSpace(d.name + " " + strings.Join(d.args, " "))
}

// parse tokenizes and parses one nginx configuration file.
func parse(name string, src []byte) ([]directive, error) {
	p := &parser{name: name, src: src, line: 1}
	ds, err := p.block(0)
	if err != nil {
		return nil, err
	}
	return ds, nil
}

type parser struct {
	name string
	src  []byte
	pos  int
	line int
}

// token kinds
const (
	tokWord = iota
	tokSemi
	tokOpen
	tokClose
	tokEOF
)

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.name, p.line, fmt.Sprintf(format, args...))
}

func (p *parser) next() (int, string, error) {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.line++
			p.pos++
		case c == ' ' || c == '\t' || c == '\r':
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			goto token
		}
	}
	return tokEOF, "", nil
token:
	c := p.src[p.pos]
	switch c {
	case ';':
		p.pos++
		return tokSemi, ";", nil
	case '{':
		p.pos++
		return tokOpen, "{", nil
	case '}':
		p.pos++
		return tokClose, "}", nil
	case '"', '\'':
		q := c
		p.pos++
		var b strings.Builder
		for p.pos < len(p.src) {
			ch := p.src[p.pos]
			switch {
			case ch == '\\' && p.pos+1 < len(p.src):
				b.WriteByte(p.src[p.pos+1])
				p.pos += 2
				continue
			case ch == q:
				p.pos++
				return tokWord, b.String(), nil
			case ch == '\n':
				p.line++
			}
			b.WriteByte(ch)
			p.pos++
		}
		return 0, "", p.errorf("unterminated quoted string")
	}
	start := p.pos
	for p.pos < len(p.src) {
		ch := p.src[p.pos]
		if ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ';' || ch == '{' || (ch == '}' && !bytes.Contains(p.src[start:p.pos], []byte("${"))) {
			break
		}
		if ch == '\\' && p.pos+1 < len(p.src) {
			p.pos++
		}
		p.pos++
	}
	return tokWord, string(p.src[start:p.pos]), nil
}

// block parses directives up to the closing brace (depth > 0) or the end.
func (p *parser) block(depth int) ([]directive, error) {
	if depth > 64 {
		return nil, p.errorf("blocks nested deeper than 64")
	}
	var out []directive
	for {
		kind, tok, err := p.next()
		if err != nil {
			return nil, err
		}
		switch kind {
		case tokEOF:
			if depth > 0 {
				return nil, p.errorf("unexpected end of file: missing }")
			}
			return out, nil
		case tokClose:
			if depth == 0 {
				return nil, p.errorf("unexpected }")
			}
			return out, nil
		case tokSemi, tokOpen:
			return nil, p.errorf("unexpected %q", tok)
		}
		d := directive{name: tok, file: p.name, line: p.line}
		for {
			kind, arg, err := p.next()
			if err != nil {
				return nil, err
			}
			if kind == tokSemi {
				break
			}
			if kind == tokOpen {
				b, err := p.block(depth + 1)
				if err != nil {
					return nil, err
				}
				d.block = b
				if d.block == nil {
					d.block = []directive{}
				}
				break
			}
			if kind != tokWord {
				return nil, p.errorf("directive %q is not terminated by \";\"", d.name)
			}
			d.args = append(d.args, arg)
		}
		out = append(out, d)
	}
}
