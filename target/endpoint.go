package target

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"strings"
)

// ErrNoFilesystem is returned by an Endpoint for every file or command
// operation: a network service is probed, not logged into.
var ErrNoFilesystem = errors.New("an endpoint has no filesystem or commands; it is probed over the network")

// Endpoint is a network service probed live: https://host[:port][/path] or
// ssh://host[:port]. Scanners that apply to it dial URL themselves.
type Endpoint struct {
	// URL is the endpoint as parsed, with the scheme lower-cased.
	URL *url.URL
	// HTTPURL is the plain-HTTP address whose redirect TLS-001 checks; empty
	// means http://HOST/ for an https endpoint.
	HTTPURL string
	name    string
}

var _ Target = (*Endpoint)(nil)

// NewEndpoint parses an endpoint URL. httpURL may be empty.
func NewEndpoint(raw, httpURL string) (*Endpoint, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch u.Scheme {
	case "https", "ssh":
	default:
		return nil, fmt.Errorf("endpoint %q: unknown scheme (want https://host[:port][/path] or ssh://host[:port])", raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("endpoint %q: no host (want %s://host[:port])", raw, u.Scheme)
	}
	if p := u.Port(); p != "" {
		if _, err := net.LookupPort("tcp", p); err != nil {
			return nil, fmt.Errorf("endpoint %q: bad port %q", raw, p)
		}
	}
	if httpURL != "" {
		hu, err := url.Parse(httpURL)
		if err != nil || (hu.Scheme != "http" && hu.Scheme != "https") || hu.Host == "" {
			return nil, fmt.Errorf("endpoint %q: http_url %q is not an http:// URL", raw, httpURL)
		}
	}
	return &Endpoint{URL: u, HTTPURL: httpURL, name: raw}, nil
}

// HostPort is the address to dial, with the scheme's default port filled in.
func (e *Endpoint) HostPort() string {
	port := e.URL.Port()
	if port == "" {
		port = map[string]string{"https": "443", "ssh": "22"}[e.URL.Scheme]
	}
	return net.JoinHostPort(e.URL.Hostname(), port)
}

// Info names the endpoint as the user spelled it.
func (e *Endpoint) Info() Info { return Info{Name: e.name, Kind: "endpoint"} }

// ReadFile always fails: see ErrNoFilesystem.
func (e *Endpoint) ReadFile(path string, _ int64) ([]byte, error) {
	return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNoFilesystem}
}

// ReadDir always fails: see ErrNoFilesystem.
func (e *Endpoint) ReadDir(path string) ([]fs.DirEntry, error) {
	return nil, &fs.PathError{Op: "readdir", Path: path, Err: ErrNoFilesystem}
}

// Stat always fails: see ErrNoFilesystem.
func (e *Endpoint) Stat(path string) (fs.FileInfo, error) {
	return nil, &fs.PathError{Op: "stat", Path: path, Err: ErrNoFilesystem}
}

// Lstat always fails: see ErrNoFilesystem.
func (e *Endpoint) Lstat(path string) (fs.FileInfo, error) {
	return nil, &fs.PathError{Op: "lstat", Path: path, Err: ErrNoFilesystem}
}

// Readlink always fails: see ErrNoFilesystem.
func (e *Endpoint) Readlink(path string) (string, error) {
	return "", &fs.PathError{Op: "readlink", Path: path, Err: ErrNoFilesystem}
}

// Run always fails: see ErrNoFilesystem.
func (e *Endpoint) Run(_ context.Context, c Command) (Output, error) {
	return Output{}, fmt.Errorf("run %s: %w", c, ErrNoFilesystem)
}
