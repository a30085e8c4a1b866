package tls

import (
	"context"
	gotls "crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
)

// HTTP reads are capped: headers at 64 KiB, bodies are read at most this far
// and thrown away.
const (
	maxHeaderBytes = 64 << 10
	maxBodyBytes   = 64 << 10
)

// HSTS is the Strict-Transport-Security header of the HTTPS answer.
type HSTS struct {
	// Present is false when the header was not sent.
	Present           bool   `json:"present"`
	MaxAge            int64  `json:"max_age"`
	IncludeSubDomains bool   `json:"include_subdomains"`
	Preload           bool   `json:"preload"`
	Raw               string `json:"raw,omitempty"`
}

// PlainHTTP is the answer to a plain-HTTP request for the same host (or the
// endpoint's http_url), redirects not followed.
type PlainHTTP struct {
	URL string `json:"url"`
	// Listening is false when nothing accepts connections there (refused):
	// the site is HTTPS only.
	Listening bool   `json:"listening"`
	Status    int    `json:"status"`
	Location  string `json:"location"`
	// HTTPSLocation: Location is an https:// URL.
	HTTPSLocation bool `json:"https_location"`
	// SameHost: Location names the endpoint's host.
	SameHost bool `json:"same_host"`
}

// httpFacts fetches the HTTPS response headers and the plain-HTTP answer.
func httpFacts(ctx context.Context, ep Endpoint, sni, path, httpURL string, opts Options, f *Facts) {
	dial := opts.Dial
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	addr := ep.String()
	host := sni
	if host == "" {
		host = ep.Host
	}
	if path == "" {
		path = "/"
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	var suites []uint16
	for _, cs := range gotls.CipherSuites() {
		suites = append(suites, cs.ID)
	}
	for _, cs := range gotls.InsecureCipherSuites() {
		suites = append(suites, cs.ID)
	}
	tr := &http.Transport{
		TLSClientConfig: &gotls.Config{
			ServerName:         sni,
			InsecureSkipVerify: true, // the chain is judged by the scan, not here
			MinVersion:         gotls.VersionTLS10,
			CipherSuites:       suites,
		},
		MaxResponseHeaderBytes: maxHeaderBytes,
		ResponseHeaderTimeout:  opts.Timeout,
		TLSHandshakeTimeout:    opts.Timeout,
		DisableKeepAlives:      true,
		Proxy:                  nil,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport:     tr,
		Timeout:       opts.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}

	// HTTPS: always dial the scanned address, whatever the URL's host
	// resolves to, and send the name asked for.
	tr.DialTLSContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		raw, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		tc := gotls.Client(raw, tr.TLSClientConfig)
		hctx, cancel := context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
		if err := tc.HandshakeContext(hctx); err != nil {
			raw.Close()
			return nil, err
		}
		return tc, nil
	}
	u := "https://" + net.JoinHostPort(host, strconv.Itoa(ep.Port)) + path
	status, hdr, err := get(ctx, client, u)
	if err != nil {
		f.errorf("headers", fmt.Errorf("get %s: %w", u, err))
		f.errorf("hsts", fmt.Errorf("get %s: %w", u, err))
	} else {
		f.HTTPSStatus = status
		f.Headers = map[string][]string{}
		for k, v := range hdr {
			k = strings.ToLower(k)
			if k == "set-cookie" {
				continue // session identifiers are secrets; never copied
			}
			f.Headers[k] = v
		}
		f.HSTS = parseHSTS(hdr.Get("Strict-Transport-Security"))
	}

	if httpURL == "" {
		httpURL = "http://" + bracket(ep.Host) + path
		if sni != "" {
			httpURL = "http://" + sni + path
		}
	}
	pu, err := url.Parse(httpURL)
	if err != nil {
		f.errorf("http", fmt.Errorf("parse %s: %w", httpURL, err))
		return
	}
	// The plain-HTTP request goes to the endpoint's own address when the URL
	// names the endpoint's SNI host, so a test name need not resolve.
	plainAddr := pu.Host
	if pu.Port() == "" {
		plainAddr = net.JoinHostPort(pu.Hostname(), "80")
	}
	if pu.Hostname() == sni && sni != "" {
		plainAddr = net.JoinHostPort(ep.Host, portOr(pu.Port(), "80"))
	}
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return dial(ctx, network, plainAddr)
	}
	ph := &PlainHTTP{URL: httpURL}
	status, hdr, err = get(ctx, client, httpURL)
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		f.HTTP = ph
	case err != nil:
		f.errorf("http", fmt.Errorf("get %s: %w", httpURL, err))
	default:
		ph.Listening = true
		ph.Status = status
		ph.Location = hdr.Get("Location")
		if lu, err := url.Parse(ph.Location); err == nil && ph.Location != "" {
			ph.HTTPSLocation = lu.Scheme == "https"
			ph.SameHost = strings.EqualFold(lu.Hostname(), host) || strings.EqualFold(lu.Hostname(), ep.Host)
		}
		f.HTTP = ph
	}
}

func portOr(p, def string) string {
	if p == "" {
		return def
	}
	return p
}

func bracket(host string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// get sends one GET and returns the status and headers; the body is read at
// most maxBodyBytes far.
func get(ctx context.Context, c *http.Client, u string) (int, http.Header, error) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", "vouch")
	resp, err := c.Do(req)
	if err != nil {
		var ne net.Error
		if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
			return 0, nil, fmt.Errorf("no answer within %s (timeout)", c.Timeout)
		}
		return 0, nil, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBodyBytes))
	return resp.StatusCode, resp.Header, nil
}

// parseHSTS reads a Strict-Transport-Security value (RFC 6797 §6.1).
func parseHSTS(v string) *HSTS {
	h := &HSTS{Present: v != "", Raw: v}
	for _, d := range strings.Split(v, ";") {
		d = strings.TrimSpace(d)
		name, val, _ := strings.Cut(d, "=")
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "max-age":
			n, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
			if err == nil && n >= 0 {
				h.MaxAge = n
			}
		case "includesubdomains":
			h.IncludeSubDomains = true
		case "preload":
			h.Preload = true
		}
	}
	return h
}

// errorf records why a fact could not be collected.
func (f *Facts) errorf(path string, err error) {
	if f.Errors == nil {
		f.Errors = map[string]string{}
	}
	f.Errors[path] = err.Error()
}

// Collect scans the endpoint (ScanEndpoint), then reads the HTTPS response
// headers at path and the plain-HTTP answer at httpURL (empty: http://HOST/),
// and grades the result.
func Collect(ctx context.Context, ep Endpoint, path, httpURL string, opts Options) (*Facts, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	f, err := ScanEndpoint(ctx, ep, opts)
	if err != nil {
		return nil, err
	}
	httpFacts(ctx, ep, f.SNI, path, httpURL, opts, f)
	g, err := Rate(f)
	if err != nil {
		f.errorf("grade", err)
	}
	f.Grade = g
	return f, nil
}
