package ssh

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Spec is a connection as `sshd -T -C` describes one. Empty fields match no
// Match criterion that needs them, as in sshd's test mode.
type Spec struct {
	User  string `json:"user,omitempty"`
	Host  string `json:"host,omitempty"`
	Addr  string `json:"addr,omitempty"`
	LAddr string `json:"laddr,omitempty"`
	LPort string `json:"lport,omitempty"`
	// Groups are the user's groups for Match Group; nil means the user does
	// not exist on the machine, so no Group criterion matches.
	Groups []string `json:"-"`
}

// Arg renders the spec as the argument of sshd's -C flag.
func (s Spec) Arg() string {
	var parts []string
	for _, kv := range [][2]string{{"user", s.User}, {"host", s.Host}, {"addr", s.Addr}, {"laddr", s.LAddr}, {"lport", s.LPort}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return strings.Join(parts, ",")
}

// kind says how a keyword's arguments become sshd -T lines and how repeated
// directives combine.
type kind int

const (
	kFlag      kind = iota // yes|no
	kEnum                  // a fixed set of words, see enums
	kInt                   // decimal integer >= 0
	kTime                  // sshd time format, printed in seconds
	kString                // one argument, first wins
	kRest                  // the raw rest of the line, first wins
	kEach                  // every argument of every line, one line each
	kEachFirst             // every argument of the first line, one line each
	kOneLine               // the first line's arguments on one line
	kAlgs                  // an algorithm list with +, - and ^ forms
	kSpecial               // handled by name
	kIgnored               // accepted and without effect (deprecated, unsupported)
)

type keyword struct {
	name  string // sshd -T name
	kind  kind
	match bool // allowed inside a Match block
}

// keywords is OpenSSH 9.2p1's keyword table (servconf.c) as Debian builds it,
// keyed by lowercase spelling.
var keywords = func() map[string]keyword {
	m := map[string]keyword{}
	add := func(k kind, match bool, names ...string) {
		for _, n := range names {
			m[n] = keyword{name: n, kind: k, match: match}
		}
	}
	add(kFlag, false, "usepam", "ignoreuserknownhosts", "kerberosorlocalpasswd", "kerberosticketcleanup",
		"gssapicleanupcredentials", "gssapikeyexchange", "gssapistrictacceptorcheck", "gssapistorecredentialsonrekey",
		"printmotd", "printlastlog", "strictmodes", "tcpkeepalive", "usedns")
	add(kFlag, true, "hostbasedauthentication", "hostbasedusesnamefrompacketonly", "pubkeyauthentication",
		"kerberosauthentication", "gssapiauthentication", "passwordauthentication", "kbdinteractiveauthentication",
		"x11forwarding", "x11uselocalhost", "permittty", "permituserrc", "permitemptypasswords",
		"allowagentforwarding", "disableforwarding", "streamlocalbindunlink", "exposeauthinfo")
	add(kEnum, false, "compression", "addressfamily", "fingerprinthash", "syslogfacility")
	add(kEnum, true, "permitrootlogin", "ignorerhosts", "gatewayports", "allowtcpforwarding",
		"allowstreamlocalforwarding", "permittunnel", "loglevel")
	add(kInt, false, "requiredrsasize")
	add(kInt, true, "x11displayoffset", "maxauthtries", "maxsessions", "clientalivecountmax")
	add(kTime, false, "logingracetime")
	add(kTime, true, "clientaliveinterval", "unusedconnectiontimeout")
	add(kString, false, "pidfile", "modulifile", "xauthlocation", "securitykeyprovider", "hostkeyagent", "permituserenvironment")
	add(kString, true, "banner", "chrootdirectory", "trustedusercakeys", "revokedkeys", "authorizedprincipalsfile",
		"authorizedkeyscommanduser", "authorizedprincipalscommanduser")
	add(kRest, false, "versionaddendum")
	add(kRest, true, "forcecommand", "authorizedkeyscommand", "authorizedprincipalscommand")
	add(kEach, false, "hostcertificate", "hostkey")
	add(kEach, true, "allowusers", "denyusers", "allowgroups", "denygroups", "acceptenv")
	add(kEachFirst, true, "setenv")
	add(kOneLine, false, "logverbose", "gssapikexalgorithms")
	add(kOneLine, true, "authorizedkeysfile", "authenticationmethods", "channeltimeout", "permitopen",
		"permitlisten", "pubkeyauthoptions")
	add(kAlgs, false, "ciphers", "macs", "kexalgorithms", "hostkeyalgorithms")
	add(kAlgs, true, "casignaturealgorithms", "pubkeyacceptedalgorithms", "hostbasedacceptedalgorithms")
	add(kSpecial, false, "port", "listenaddress", "subsystem", "maxstartups", "persourcemaxstartups", "persourcenetblocksize")
	add(kSpecial, true, "ipqos", "rekeylimit", "streamlocalbindmask")
	add(kIgnored, false, "protocol", "useprivilegeseparation", "keyregenerationinterval", "serverkeybits",
		"rsaauthentication", "rhostsrsaauthentication", "rhostsauthentication", "dsaauthentication", "uselogin",
		"pamauthenticationviakbdint", "hostdsakey", "verifyreversemapping", "reversemappingcheck",
		"authorizedkeysfile2", "checkmail", "skeyauthentication", "kerberostgtpassing", "afstokenpassing",
		"gssusesessionccache", "gssapiusesessioncredcache", "kerberosgetafstoken", "permitblacklistedkeys",
		"debianbanner")
	add(kIgnored, true, "rdomain")
	for alias, to := range map[string]string{
		"challengeresponseauthentication": "kbdinteractiveauthentication",
		"pubkeyacceptedkeytypes":          "pubkeyacceptedalgorithms",
		"hostbasedacceptedkeytypes":       "hostbasedacceptedalgorithms",
		"gssapicleanupcreds":              "gssapicleanupcredentials",
		"keepalive":                       "tcpkeepalive",
	} {
		m[alias] = m[to]
	}
	return m
}()

// enums maps each enumerated keyword's accepted words to what sshd -T prints.
var enums = map[string]map[string]string{
	"permitrootlogin":            {"yes": "yes", "prohibit-password": "without-password", "without-password": "without-password", "forced-commands-only": "forced-commands-only", "no": "no"},
	"ignorerhosts":               {"yes": "yes", "no": "no", "shosts-only": "shosts-only"},
	"compression":                {"yes": "yes", "delayed": "yes", "no": "no"},
	"gatewayports":               {"no": "no", "yes": "yes", "clientspecified": "clientspecified"},
	"allowtcpforwarding":         {"yes": "yes", "all": "yes", "no": "no", "local": "local", "remote": "remote"},
	"allowstreamlocalforwarding": {"yes": "yes", "all": "yes", "no": "no", "local": "local", "remote": "remote"},
	"permittunnel":               {"yes": "yes", "no": "no", "point-to-point": "point-to-point", "ethernet": "ethernet"},
	"addressfamily":              {"any": "any", "inet": "inet", "inet6": "inet6"},
	"fingerprinthash":            {"md5": "MD5", "sha256": "SHA256"},
	"loglevel":                   {"quiet": "QUIET", "fatal": "FATAL", "error": "ERROR", "info": "INFO", "verbose": "VERBOSE", "debug": "DEBUG", "debug1": "DEBUG", "debug2": "DEBUG2", "debug3": "DEBUG3"},
	"syslogfacility":             {"daemon": "DAEMON", "user": "USER", "auth": "AUTH", "authpriv": "AUTHPRIV", "local0": "LOCAL0", "local1": "LOCAL1", "local2": "LOCAL2", "local3": "LOCAL3", "local4": "LOCAL4", "local5": "LOCAL5", "local6": "LOCAL6", "local7": "LOCAL7"},
}

// clearOnNone are string options sshd resets when set to "none" in any case.
var clearOnNone = map[string]bool{"pidfile": true, "xauthlocation": true, "banner": true, "trustedusercakeys": true,
	"revokedkeys": true, "authorizedprincipalsfile": true, "forcecommand": true, "chrootdirectory": true, "versionaddendum": true}

// defaults parses defaultLines into keyword -> lines.
func defaults() map[string][]string {
	m := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(defaultLines), "\n") {
		k, v, _ := strings.Cut(l, " ")
		m[k] = append(m[k], v)
	}
	return m
}

// listenAddr is a queued ListenAddress: port is empty when every Port applies.
type listenAddr struct{ host, port string }

// state is one pass's options, in sshd -T form.
type state struct {
	vals   map[string][]string
	listen []listenAddr
}

const (
	flagMatchOnly  = 1 << iota // in the top file of a Match re-parse, before any Match
	flagNeverMatch             // included from an inactive Match block
)

type evaluator struct {
	spec *Spec // nil in the first pass
	pass int
	st   *state
}

// Effective computes what `sshd -T` prints for the tree, or with a non-nil
// spec what `sshd -T -C spec` prints: keyword -> one element per line printed
// for it, in order. extraHostKeys stand for sshd's -h flags.
func (tr *Tree) Effective(spec *Spec, extraHostKeys ...string) (map[string][]string, error) {
	first := &state{vals: map[string][]string{}}
	if len(extraHostKeys) > 0 {
		first.vals["hostkey"] = append([]string(nil), extraHostKeys...)
	}
	e := &evaluator{pass: 1, st: first}
	active := true
	if err := e.walk(tr.root, 0, &active); err != nil {
		return nil, err
	}
	// sshd -T always re-parses for a connection; without -C every field is
	// empty and only "Match All" applies.
	if spec == nil {
		spec = &Spec{}
	}
	mo := &state{vals: map[string][]string{}}
	e = &evaluator{pass: 2, spec: spec, st: mo}
	active = false
	if err := e.walk(tr.root, flagMatchOnly, &active); err != nil {
		return nil, err
	}
	for k, v := range mo.vals {
		if kw, ok := keywords[k]; ok && kw.match {
			first.vals[k] = v
		}
	}
	return finish(first), nil
}

func (e *evaluator) walk(cf *configFile, flags int, active *bool) error {
	for i := range cf.lines {
		d := &cf.lines[i]
		lk := strings.ToLower(d.keyword)
		switch lk {
		case "match":
			var ci *Spec
			if e.pass == 2 && flags&flagNeverMatch == 0 {
				ci = e.spec
			}
			v, err := matchLine(d, ci)
			if err != nil {
				return err
			}
			*active = v && flags&flagNeverMatch == 0
			flags &^= flagMatchOnly
			continue
		case "include":
			oactive := *active
			sub := flagNeverMatch
			if flags&flagMatchOnly != 0 {
				sub = flagMatchOnly
			} else if oactive {
				sub = 0
			}
			for _, inc := range d.include {
				if err := e.walk(inc, sub, active); err != nil {
					return err
				}
				*active = oactive
			}
			continue
		}
		kw, ok := keywords[lk]
		if !ok {
			return fmt.Errorf("%s line %d: bad configuration option: %s", d.file, d.line, d.keyword)
		}
		if !*active && !kw.match {
			if e.pass == 1 {
				return fmt.Errorf("%s line %d: directive %q is not allowed within a Match block", d.file, d.line, d.keyword)
			}
			continue
		}
		lines, err := normalize(kw, d)
		if err != nil {
			return fmt.Errorf("%s line %d: %s: %w", d.file, d.line, d.keyword, err)
		}
		if !*active {
			continue
		}
		if err := e.apply(kw, d, lines); err != nil {
			return fmt.Errorf("%s line %d: %s: %w", d.file, d.line, d.keyword, err)
		}
	}
	return nil
}

func (e *evaluator) apply(kw keyword, d *directive, lines []string) error {
	v := e.st.vals
	switch kw.kind {
	case kIgnored:
		return nil
	case kEach:
		v[kw.name] = append(v[kw.name], lines...)
		return nil
	}
	switch kw.name {
	case "port":
		v["port"] = append(v["port"], lines...)
		return nil
	case "listenaddress":
		h, p, err := splitListen(d.args[0])
		if err != nil {
			return err
		}
		e.st.listen = append(e.st.listen, listenAddr{h, p})
		return nil
	case "subsystem":
		name, _, _ := strings.Cut(lines[0], " ")
		for _, s := range v["subsystem"] {
			if n, _, _ := strings.Cut(s, " "); n == name {
				return fmt.Errorf("subsystem %q already defined", name)
			}
		}
		v["subsystem"] = append(v["subsystem"], lines...)
		return nil
	}
	if _, set := v[kw.name]; !set {
		v[kw.name] = lines
	}
	return nil
}

// finish fills what the configuration left unset, as fill_default_server_options does.
func finish(st *state) map[string][]string {
	out := defaults()
	for k, v := range st.vals {
		out[k] = v
	}
	ports := st.vals["port"]
	if len(ports) == 0 {
		ports = []string{"22"}
	}
	out["port"] = ports
	if len(out["hostkey"]) == 0 {
		out["hostkey"] = []string{"/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key"}
	}
	var la []string
	if len(st.listen) == 0 {
		for _, p := range ports {
			switch out["addressfamily"][0] {
			case "inet":
				la = append(la, "0.0.0.0:"+p)
			case "inet6":
				la = append(la, "[::]:"+p)
			default:
				la = append(la, "[::]:"+p, "0.0.0.0:"+p)
			}
		}
	}
	for _, l := range st.listen {
		ps := ports
		if l.port != "" {
			ps = []string{l.port}
		}
		for _, p := range ps {
			la = append(la, joinHostPort(l.host, p))
		}
	}
	out["listenaddress"] = la
	return out
}

func joinHostPort(h, p string) string {
	if a, err := netip.ParseAddr(h); err == nil {
		if a.Is4() {
			return a.String() + ":" + p
		}
		return "[" + a.String() + "]:" + p
	}
	return h + ":" + p
}

// splitListen parses a ListenAddress argument: host, host:port, [host]:port.
func splitListen(s string) (host, port string, err error) {
	if strings.HasPrefix(s, "[") {
		end := strings.Index(s, "]")
		if end < 0 {
			return "", "", fmt.Errorf("invalid address %q", s)
		}
		host, rest := s[1:end], s[end+1:]
		if rest == "" {
			return host, "", nil
		}
		if !strings.HasPrefix(rest, ":") {
			return "", "", fmt.Errorf("invalid address %q", s)
		}
		p, err := parsePort(rest[1:])
		return host, p, err
	}
	if strings.Count(s, ":") == 1 {
		h, p, _ := strings.Cut(s, ":")
		pp, err := parsePort(p)
		return h, pp, err
	}
	return s, "", nil
}

func parsePort(s string) (string, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > 65535 {
		return "", fmt.Errorf("badly formatted port number %q", s)
	}
	return strconv.Itoa(n), nil
}

// normalize turns a directive's arguments into the lines sshd -T would print.
func normalize(kw keyword, d *directive) ([]string, error) {
	args := d.args
	if len(args) == 0 {
		return nil, fmt.Errorf("missing argument")
	}
	one := func() error {
		if len(args) > 1 {
			return fmt.Errorf("extra arguments at end of line")
		}
		return nil
	}
	switch kw.kind {
	case kIgnored:
		return nil, nil
	case kFlag:
		if err := one(); err != nil {
			return nil, err
		}
		switch strings.ToLower(args[0]) {
		case "yes":
			return []string{"yes"}, nil
		case "no":
			return []string{"no"}, nil
		}
		return nil, fmt.Errorf("unsupported option %q", args[0])
	case kEnum:
		if err := one(); err != nil {
			return nil, err
		}
		if v, ok := enums[kw.name][strings.ToLower(args[0])]; ok {
			return []string{v}, nil
		}
		return nil, fmt.Errorf("unsupported option %q", args[0])
	case kInt:
		if err := one(); err != nil {
			return nil, err
		}
		n, err := strconv.ParseInt(args[0], 10, 32)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("integer value %q invalid", args[0])
		}
		return []string{strconv.FormatInt(n, 10)}, nil
	case kTime:
		if err := one(); err != nil {
			return nil, err
		}
		if kw.name == "unusedconnectiontimeout" && strings.EqualFold(args[0], "none") {
			return []string{"none"}, nil
		}
		n, err := convtime(args[0])
		if err != nil {
			return nil, err
		}
		if kw.name == "unusedconnectiontimeout" && n == 0 {
			return []string{"none"}, nil
		}
		return []string{strconv.FormatInt(n, 10)}, nil
	case kString:
		if err := one(); err != nil {
			return nil, err
		}
		if clearOnNone[kw.name] && strings.EqualFold(args[0], "none") {
			return []string{"none"}, nil
		}
		if kw.name == "permituserenvironment" && (strings.EqualFold(args[0], "yes") || strings.EqualFold(args[0], "no")) {
			return []string{strings.ToLower(args[0])}, nil
		}
		return []string{args[0]}, nil
	case kRest:
		r := strings.TrimLeft(d.rest, " \t")
		if clearOnNone[kw.name] && strings.EqualFold(r, "none") {
			return []string{"none"}, nil
		}
		return []string{r}, nil
	case kEach, kEachFirst:
		return append([]string(nil), args...), nil
	case kOneLine:
		if kw.name == "pubkeyauthoptions" {
			return pubkeyAuthOptions(args)
		}
		return []string{strings.Join(args, " ")}, nil
	case kAlgs:
		if err := one(); err != nil {
			return nil, err
		}
		s, err := assembleAlgs(kw.name, args[0])
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	switch kw.name {
	case "port":
		if err := one(); err != nil {
			return nil, err
		}
		p, err := parsePort(args[0])
		return []string{p}, err
	case "listenaddress":
		if len(args) != 1 && !(len(args) == 3 && strings.EqualFold(args[1], "rdomain")) {
			return nil, fmt.Errorf("bad ListenAddress arguments")
		}
		_, _, err := splitListen(args[0])
		return nil, err
	case "subsystem":
		if len(args) < 2 {
			return nil, fmt.Errorf("missing subsystem command")
		}
		return []string{strings.Join(args, " ")}, nil
	case "maxstartups":
		if err := one(); err != nil {
			return nil, err
		}
		f := strings.Split(args[0], ":")
		switch len(f) {
		case 1:
			if _, err := strconv.Atoi(f[0]); err != nil {
				return nil, fmt.Errorf("invalid MaxStartups %q", args[0])
			}
			return []string{f[0] + ":30:" + f[0]}, nil
		case 3:
			a, e1 := strconv.Atoi(f[0])
			b, e2 := strconv.Atoi(f[1])
			c, e3 := strconv.Atoi(f[2])
			if e1 != nil || e2 != nil || e3 != nil || a > c || b > 100 || b < 1 {
				return nil, fmt.Errorf("invalid MaxStartups %q", args[0])
			}
			return []string{fmt.Sprintf("%d:%d:%d", a, b, c)}, nil
		}
		return nil, fmt.Errorf("invalid MaxStartups %q", args[0])
	case "persourcemaxstartups":
		if err := one(); err != nil {
			return nil, err
		}
		if strings.EqualFold(args[0], "none") {
			return []string{"none"}, nil
		}
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 1 {
			return nil, fmt.Errorf("invalid PerSourceMaxStartups %q", args[0])
		}
		return []string{strconv.Itoa(n)}, nil
	case "persourcenetblocksize":
		if err := one(); err != nil {
			return nil, err
		}
		v4, v6, has6 := strings.Cut(args[0], ":")
		a, err := strconv.Atoi(v4)
		if err != nil || a < 0 || a > 32 {
			return nil, fmt.Errorf("invalid PerSourceNetBlockSize %q", args[0])
		}
		b := 0
		if has6 {
			if b, err = strconv.Atoi(v6); err != nil || b < 0 || b > 128 {
				return nil, fmt.Errorf("invalid PerSourceNetBlockSize %q", args[0])
			}
		}
		return []string{fmt.Sprintf("%d:%d", a, b)}, nil
	case "ipqos":
		if len(args) > 2 {
			return nil, fmt.Errorf("extra arguments at end of line")
		}
		a, err := parseIPQoS(args[0])
		if err != nil {
			return nil, err
		}
		b := a
		if len(args) == 2 {
			if b, err = parseIPQoS(args[1]); err != nil {
				return nil, err
			}
		}
		return []string{a + " " + b}, nil
	case "rekeylimit":
		if len(args) > 2 {
			return nil, fmt.Errorf("extra arguments at end of line")
		}
		var bytes int64
		if !strings.EqualFold(args[0], "default") && !strings.EqualFold(args[0], "none") {
			n, err := scanScaled(args[0])
			if err != nil {
				return nil, err
			}
			if n != 0 && n < 16 {
				return nil, fmt.Errorf("RekeyLimit too small")
			}
			bytes = n
		}
		var secs int64
		if len(args) == 2 && !strings.EqualFold(args[1], "default") && !strings.EqualFold(args[1], "none") {
			n, err := convtime(args[1])
			if err != nil {
				return nil, err
			}
			secs = n
		}
		return []string{fmt.Sprintf("%d %d", bytes, secs)}, nil
	case "streamlocalbindmask":
		if err := one(); err != nil {
			return nil, err
		}
		n, err := strconv.ParseUint(args[0], 8, 32)
		if err != nil || n > 0777 {
			return nil, fmt.Errorf("invalid StreamLocalBindMask %q", args[0])
		}
		return []string{"0" + strconv.FormatUint(n, 8)}, nil
	}
	return nil, fmt.Errorf("unhandled keyword %s", kw.name)
}

func pubkeyAuthOptions(args []string) ([]string, error) {
	touch, verify := false, false
	for _, a := range args {
		switch strings.ToLower(a) {
		case "none":
		case "touch-required":
			touch = true
		case "verify-required":
			verify = true
		default:
			return nil, fmt.Errorf("unsupported option %q", a)
		}
	}
	var parts []string
	if touch {
		parts = append(parts, "touch-required")
	}
	if verify {
		parts = append(parts, "verify-required")
	}
	if len(parts) == 0 {
		parts = []string{"none"}
	}
	return []string{strings.Join(parts, " ")}, nil
}

// ipqosNames is OpenSSH's ipqos table in its order (misc.c); printing takes
// the first name with the value.
var ipqosNames = []struct {
	name string
	val  int
}{
	{"none", 1 << 30},
	{"af11", 0x28}, {"af12", 0x30}, {"af13", 0x38}, {"af21", 0x48}, {"af22", 0x50}, {"af23", 0x58},
	{"af31", 0x68}, {"af32", 0x70}, {"af33", 0x78}, {"af41", 0x88}, {"af42", 0x90}, {"af43", 0x98},
	{"cs0", 0x00}, {"cs1", 0x20}, {"cs2", 0x40}, {"cs3", 0x60}, {"cs4", 0x80}, {"cs5", 0xa0}, {"cs6", 0xc0}, {"cs7", 0xe0},
	{"ef", 0xb8}, {"le", 0x04}, {"lowdelay", 0x10}, {"throughput", 0x08}, {"reliability", 0x04},
}

func parseIPQoS(s string) (string, error) {
	val := -1
	for _, q := range ipqosNames {
		if strings.EqualFold(q.name, s) {
			val = q.val
			break
		}
	}
	if val < 0 {
		n, err := strconv.ParseInt(s, 0, 32)
		if err != nil || n < 0 || n > 255 {
			return "", fmt.Errorf("bad IPQoS value %q", s)
		}
		val = int(n)
	}
	for _, q := range ipqosNames {
		if q.val == val {
			return q.name, nil
		}
	}
	return fmt.Sprintf("0x%02x", val), nil
}

// convtime parses sshd's time format: a number of seconds, or a sequence of
// numbers each followed by s, m, h, d or w.
func convtime(s string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("invalid time value %q", s)
	}
	var total int64
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("invalid time value %q", s)
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("invalid time value %q", s)
		}
		mult := int64(1)
		if i < len(s) {
			switch s[i] {
			case 's', 'S':
			case 'm', 'M':
				mult = 60
			case 'h', 'H':
				mult = 3600
			case 'd', 'D':
				mult = 86400
			case 'w', 'W':
				mult = 7 * 86400
			default:
				return 0, fmt.Errorf("invalid time value %q", s)
			}
			i++
		}
		total += n * mult
		if total > 1<<31-1 {
			return 0, fmt.Errorf("time value %q too large", s)
		}
		s = s[i:]
	}
	return total, nil
}

// scanScaled parses a byte count with an optional K, M, G or T suffix (1024-based).
func scanScaled(s string) (int64, error) {
	mult := int64(1)
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 'k', 'K':
			mult = 1 << 10
		case 'm', 'M':
			mult = 1 << 20
		case 'g', 'G':
			mult = 1 << 30
		case 't', 'T':
			mult = 1 << 40
		}
		if mult != 1 {
			s = s[:n-1]
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid byte count %q", s)
	}
	return n * mult, nil
}

// algCategory returns the default list and every supported name for an
// algorithm keyword, and whether names may be patterns.
func algCategory(name string) (def string, all []string, wildcards bool) {
	def = defaults()[name][0]
	switch name {
	case "ciphers":
		return def, strings.Split(allCiphers, ","), false
	case "macs":
		return def, strings.Split(allMACs, ","), false
	case "kexalgorithms":
		return def, strings.Split(allKex, ","), false
	case "casignaturealgorithms":
		var plain []string
		for _, a := range strings.Split(allKeyAlgs, ",") {
			if !strings.Contains(a, "-cert-") {
				plain = append(plain, a)
			}
		}
		return def, plain, true
	}
	return def, strings.Split(allKeyAlgs, ","), true
}

// assembleAlgs is kex_assemble_names: +LIST appends to the default, -LIST
// removes matching names from it, ^LIST puts names before it, and a plain
// list replaces it; patterns expand against every supported name.
func assembleAlgs(name, list string) (string, error) {
	def, all, wild := algCategory(name)
	if list == "" {
		return "", fmt.Errorf("empty algorithm list")
	}
	if list[0] != '-' {
		body := list
		if list[0] == '+' || list[0] == '^' {
			body = list[1:]
		}
		for _, a := range strings.Split(body, ",") {
			if wild && strings.ContainsAny(a, "*?") {
				if len(filterAllow(all, a)) == 0 {
					return "", fmt.Errorf("bad algorithm %q", a)
				}
				continue
			}
			if !contains(all, a) {
				return "", fmt.Errorf("bad algorithm %q", a)
			}
		}
	}
	var tmp []string
	switch list[0] {
	case '+':
		tmp = namesCat(strings.Split(def, ","), strings.Split(list[1:], ","))
	case '-':
		var out []string
		for _, d := range strings.Split(def, ",") {
			if matchPatternList(d, list[1:], false) != 1 {
				out = append(out, d)
			}
		}
		return strings.Join(out, ","), nil
	case '^':
		tmp = namesCat(strings.Split(list[1:], ","), strings.Split(def, ","))
	default:
		tmp = strings.Split(list, ",")
	}
	var out []string
	for _, a := range tmp {
		if a == "" {
			break
		}
		out = namesCat(out, filterAllow(all, a))
	}
	return strings.Join(out, ","), nil
}

func filterAllow(all []string, pattern string) []string {
	var out []string
	for _, a := range all {
		if matchPatternList(a, pattern, false) == 1 {
			out = append(out, a)
		}
	}
	return out
}

// namesCat appends the names of b not already in a.
func namesCat(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, n := range b {
		if n != "" && !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// matchPattern is OpenSSH's match_pattern: '*' any run, '?' any one byte.
func matchPattern(s, p string) bool {
	for len(p) > 0 {
		switch p[0] {
		case '*':
			for len(p) > 0 && p[0] == '*' {
				p = p[1:]
			}
			if p == "" {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if matchPattern(s[i:], p) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
		default:
			if s == "" || s[0] != p[0] {
				return false
			}
		}
		s, p = s[1:], p[1:]
	}
	return s == ""
}

// matchPatternList is match_pattern_list: 1 on a positive match, -1 when a
// negated ('!') pattern matches, 0 otherwise.
func matchPatternList(s, list string, lower bool) int {
	if lower {
		s = strings.ToLower(s)
	}
	got := 0
	for _, p := range strings.Split(list, ",") {
		neg := strings.HasPrefix(p, "!")
		if neg {
			p = p[1:]
		}
		if lower {
			p = strings.ToLower(p)
		}
		if matchPattern(s, p) {
			if neg {
				return -1
			}
			got = 1
		}
	}
	return got
}

// addrMatchList is addr_match_list: CIDR entries or wildcard patterns, '!'
// negates; an inconsistent CIDR is an error.
func addrMatchList(addr, list string) (int, error) {
	a, aerr := netip.ParseAddr(addr)
	if aerr != nil {
		return 0, nil
	}
	ret := 0
	for _, p := range strings.Split(list, ",") {
		neg := strings.HasPrefix(p, "!")
		if neg {
			p = p[1:]
		}
		if p == "" {
			return 0, fmt.Errorf("empty address pattern in %q", list)
		}
		found := false
		if pfx, err := netip.ParsePrefix(p); err == nil {
			if pfx.Masked() != pfx {
				return 0, fmt.Errorf("inconsistent mask length for match network %q", p)
			}
			found = pfx.Contains(a.Unmap())
		} else if ip, err := netip.ParseAddr(p); err == nil {
			found = ip == a.Unmap()
		} else if strings.Contains(p, "/") {
			return 0, fmt.Errorf("invalid network %q", p)
		} else {
			found = matchPattern(addr, p)
		}
		if found {
			if neg {
				return -1, nil
			}
			ret = 1
		}
	}
	return ret, nil
}

// matchLine is match_cfg_line: whether a Match line applies to ci (nil: the
// first pass, where only "All" applies). Syntax errors are errors whatever ci.
func matchLine(d *directive, ci *Spec) (bool, error) {
	bad := func(format string, a ...any) (bool, error) {
		return false, fmt.Errorf("%s line %d: bad Match condition: %s", d.file, d.line, fmt.Sprintf(format, a...))
	}
	args := d.args
	if len(args) == 0 {
		return bad("one or more attributes required")
	}
	result := true
	attrs := 0
	for i := 0; i < len(args); i++ {
		attr := strings.ToLower(args[i])
		attrs++
		if attr == "all" {
			if attrs != 1 || i != len(args)-1 {
				return bad("'all' cannot be combined with other Match attributes")
			}
			return true, nil
		}
		if i+1 >= len(args) || args[i+1] == "" {
			return bad("missing Match criteria for %s", args[i])
		}
		arg := args[i+1]
		i++
		switch attr {
		case "user":
			if ci == nil || ci.User == "" || matchPatternList(ci.User, arg, false) != 1 {
				result = false
			}
		case "group":
			if ci == nil || ci.User == "" || ci.Groups == nil {
				result = false
				continue
			}
			found := false
			for _, g := range ci.Groups {
				switch matchPatternList(g, arg, false) {
				case -1:
					found = false
					goto groupDone
				case 1:
					found = true
				}
			}
		groupDone:
			if !found {
				result = false
			}
		case "host":
			if ci == nil || ci.Host == "" || matchPatternList(ci.Host, arg, true) != 1 {
				result = false
			}
		case "address", "localaddress":
			field := ""
			if ci != nil {
				field = ci.Addr
				if attr == "localaddress" {
					field = ci.LAddr
				}
			}
			if field == "" {
				if _, err := addrMatchList("127.0.0.1", arg); err != nil {
					return bad("%v", err)
				}
				result = false
				continue
			}
			r, err := addrMatchList(field, arg)
			if err != nil {
				return bad("%v", err)
			}
			if r != 1 {
				result = false
			}
		case "localport":
			p, err := parsePort(arg)
			if err != nil {
				return bad("invalid LocalPort %q", arg)
			}
			if ci == nil {
				result = false
				continue
			}
			if ci.LPort == "" {
				// sshd's test mode (-T -C) stops here rather than guess.
				return false, fmt.Errorf("%s line %d: 'Match LocalPort' in configuration but 'lport' not in connection test specification", d.file, d.line)
			}
			if ci.LPort != p {
				result = false
			}
		case "rdomain":
			result = false
		default:
			return bad("unsupported Match attribute %s", args[i-1])
		}
	}
	return result, nil
}
