package sla

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/config"
)

// maxResponse caps one Prometheus API answer.
const maxResponse = 64 << 20

// maxPoints is how many steps one query_range asks for; Prometheus refuses
// more than 11,000 per series.
const maxPoints = 10000

type promClient struct {
	cfg  *config.Prometheus
	http *http.Client
}

func newPromClient(cfg *config.Prometheus) *promClient {
	return &promClient{cfg: cfg, http: &http.Client{Timeout: cfg.Timeout}}
}

// get calls an API path and decodes data from the success envelope.
func (p *promClient) get(ctx context.Context, path string, q url.Values, into any) error {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	u := p.cfg.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("prometheus %s: %w", path, err)
	}
	resp, err := p.http.Do(req)
	if err != nil {
		return fmt.Errorf("prometheus %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return fmt.Errorf("prometheus %s: read answer: %w", path, err)
	}
	if len(body) > maxResponse {
		return fmt.Errorf("prometheus %s: answer exceeds %d bytes", path, maxResponse)
	}
	var env struct {
		Status    string          `json:"status"`
		Data      json.RawMessage `json:"data"`
		ErrorType string          `json:"errorType"`
		Error     string          `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("prometheus %s answered HTTP %d with something that is not the API's JSON: %w", path, resp.StatusCode, err)
	}
	if env.Status != "success" {
		return fmt.Errorf("prometheus %s: HTTP %d, status %q: %s %s", path, resp.StatusCode, env.Status, env.ErrorType, env.Error)
	}
	if err := json.Unmarshal(env.Data, into); err != nil {
		return fmt.Errorf("prometheus %s: data: %w", path, err)
	}
	return nil
}

type matrix struct {
	ResultType string `json:"resultType"`
	Result     []struct {
		Metric map[string]string `json:"metric"`
		Values [][2]any          `json:"values"`
	} `json:"result"`
}

// fill asks Prometheus, per service and minute, how many probe samples there
// were and how many were up: count_over_time and sum_over_time over the
// minute ending at each step, summed over the service's series. The range is
// a millisecond short of a minute so that a sample on the boundary is counted
// once, whether the server's ranges are closed (2.x) or left-open (3.x). A minute with
// no sample comes back as no point, which stays unknown in the grid.
func (p *promClient) fill(ctx context.Context, g *grid) error {
	sel := strings.TrimSpace(p.cfg.Query)
	by := p.cfg.ServiceLabel
	queries := map[string]string{
		"n":  fmt.Sprintf("sum by (%s) (count_over_time(%s[59999ms]))", by, sel),
		"up": fmt.Sprintf("sum by (%s) (sum_over_time(%s[59999ms]))", by, sel),
	}
	end := g.from.Add(time.Duration(g.minutes) * time.Minute)
	type key struct {
		svc string
		i   int
	}
	counts := map[key]float64{}
	for start := g.from; start.Before(end); start = start.Add(maxPoints * time.Minute) {
		stop := start.Add(maxPoints * time.Minute)
		if stop.After(end) {
			stop = end
		}
		for _, which := range []string{"n", "up"} {
			q := url.Values{
				"query": {queries[which]},
				// a step at t covers (t-1m, t]: the first step closes the first minute
				"start": {strconv.FormatInt(start.Add(time.Minute).Unix(), 10)},
				"end":   {strconv.FormatInt(stop.Unix(), 10)},
				"step":  {"60"},
			}
			var m matrix
			if err := p.get(ctx, "/api/v1/query_range", q, &m); err != nil {
				return err
			}
			if m.ResultType != "matrix" {
				return fmt.Errorf("prometheus query_range: result type %q, want matrix", m.ResultType)
			}
			for _, s := range m.Result {
				svc, ok := s.Metric[by]
				if !ok || svc == "" {
					return fmt.Errorf("prometheus query_range: a %s series has no %s label to name its service", sel, by)
				}
				cs := g.service(svc)
				for _, v := range s.Values {
					ts, ok := v[0].(float64)
					str, ok2 := v[1].(string)
					if !ok || !ok2 {
						return fmt.Errorf("prometheus query_range: malformed sample %v", v)
					}
					f, err := strconv.ParseFloat(str, 64)
					if err != nil || f < 0 || math.IsNaN(f) {
						return fmt.Errorf("prometheus query_range: sample value %q for %s is not a count", str, svc)
					}
					i := g.minute(time.Unix(int64(ts), 0).Add(-time.Minute))
					if i < 0 {
						continue
					}
					if which == "n" {
						counts[key{svc, i}] = f
						continue
					}
					n, ok := counts[key{svc, i}]
					if !ok {
						return fmt.Errorf("prometheus query_range: %s at %s has up samples but no sample count", svc, time.Unix(int64(ts), 0).UTC().Format(time.RFC3339))
					}
					if f > n {
						return fmt.Errorf("prometheus query_range: %s at %s: %v up of %v samples; the series must be 0 or 1", svc, time.Unix(int64(ts), 0).UTC().Format(time.RFC3339), f, n)
					}
					add(cs, i, n, f)
					delete(counts, key{svc, i})
				}
			}
		}
		// minutes counted without an up answer: treat as unknown rather than up
		for k := range counts {
			delete(counts, k)
		}
	}
	return nil
}

// Target is a host:port pair the monitoring scrapes or probes.
type Target struct {
	Job      string `json:"job"`
	Instance string `json:"instance"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Health   string `json:"health"`
}

// targets reads /api/v1/targets: the active targets with their job, the
// host and port their instance label names, and their health.
func (p *promClient) targets(ctx context.Context) ([]Target, error) {
	var d struct {
		ActiveTargets []struct {
			Labels map[string]string `json:"labels"`
			Health string            `json:"health"`
		} `json:"activeTargets"`
	}
	if err := p.get(ctx, "/api/v1/targets", url.Values{"state": {"active"}}, &d); err != nil {
		return nil, err
	}
	out := []Target{}
	for _, at := range d.ActiveTargets {
		inst := at.Labels["instance"]
		host, port := hostPort(inst)
		out = append(out, Target{Job: at.Labels["job"], Instance: inst, Host: host, Port: port, Health: at.Health})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Job != out[j].Job {
			return out[i].Job < out[j].Job
		}
		return out[i].Instance < out[j].Instance
	})
	return out, nil
}

var schemePorts = map[string]int{"http": 80, "https": 443, "ssh": 22, "tcp": 0, "icmp": 0}

// hostPort reads an instance label: host:port, or a URL as blackbox probes name them.
func hostPort(inst string) (string, int) {
	if strings.Contains(inst, "://") {
		u, err := url.Parse(inst)
		if err != nil {
			return inst, 0
		}
		if p, err := strconv.Atoi(u.Port()); err == nil {
			return u.Hostname(), p
		}
		return u.Hostname(), schemePorts[u.Scheme]
	}
	h, ps, err := net.SplitHostPort(inst)
	if err != nil {
		return inst, 0
	}
	p, err := strconv.Atoi(ps)
	if err != nil {
		return h, 0
	}
	return h, p
}

var errNoTargets = errors.New("the availability log names no monitoring targets; SLA-004 and SLA-005 need a Prometheus source")
