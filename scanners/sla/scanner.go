// Package sla measures availability the way an SLA promises it: per service
// and calendar month, uptime excluding announced maintenance, unplanned
// downtime minutes, incidents, and how much of the month the data covers — a
// gap in the data is unknown, never up. Availability comes from a Prometheus
// server (query_range over a probe series, the targets API for what is
// monitored) or from a CSV/JSON availability log; maintenance windows come
// from a YAML or ICS calendar.
package sla

import (
	"context"
	"fmt"
	"time"

	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// Facts is the sla section of a facts document.
type Facts struct {
	// Source names where availability was read.
	Source string `json:"source"`
	// Months holds each service's calendar months, by service then month;
	// nil when availability could not be read.
	Months []Month `json:"months"`
	// Maintenance lists the calendar's windows; nil when not read.
	Maintenance []Window `json:"maintenance"`
	// Targets are what the monitoring scrapes or probes; nil for a log source.
	Targets []Target `json:"targets"`
}

// Scanner collects the sla section.
type Scanner struct {
	cfg *config.Availability
}

var _ scanners.Scanner = (*Scanner)(nil)

// New returns an SLA scanner for the availability section of cfg (nil:
// nothing configured, every SLA control errors saying so).
func New(cfg *config.Config) *Scanner {
	s := &Scanner{}
	if cfg != nil {
		s.cfg = cfg.Availability
	}
	return s
}

// Name is the facts section key.
func (*Scanner) Name() string { return "sla" }

// Scan reads the maintenance calendar, then the availability source.
func (s *Scanner) Scan(ctx context.Context, t target.Target, c *scanners.Collection) (any, error) {
	f := &Facts{}
	a := s.cfg
	if a == nil {
		const why = "no availability source is configured (availability: in vouch.yaml)"
		c.Errorf("sla.months", why)
		c.Errorf("sla.maintenance", why)
		c.Errorf("sla.targets", why)
		return f, nil
	}
	loc := time.UTC
	if a.Timezone != "" {
		var err error
		if loc, err = time.LoadLocation(a.Timezone); err != nil {
			return nil, fmt.Errorf("timezone %q: %w", a.Timezone, err)
		}
	}
	var windows []Window
	calendarOK := true
	if a.Maintenance == "" {
		c.Errorf("sla.maintenance", "%v", errNoCalendar)
	} else if ws, err := readMaintenance(t, a.Maintenance, loc); err != nil {
		c.Errorf("sla.maintenance", "%v", err)
		calendarOK = false
	} else {
		windows = ws
		f.Maintenance = ws
	}

	ms := calendarMonths(c.Now, max(1, a.Months), loc)
	if len(ms) == 0 {
		c.Errorf("sla.months", "no calendar month has started before the run's clock")
		return f, nil
	}
	g := newGrid(ms[0].start, ms[len(ms)-1].end)
	var err error
	if a.Prometheus != nil {
		p := newPromClient(a.Prometheus)
		f.Source = fmt.Sprintf("prometheus %s: %s by %s", a.Prometheus.URL, a.Prometheus.Query, a.Prometheus.ServiceLabel)
		err = p.fill(ctx, g)
		if ts, terr := p.targets(ctx); terr != nil {
			c.Errorf("sla.targets", "%v", terr)
		} else {
			f.Targets = ts
		}
	} else {
		f.Source = "availability log " + a.Log
		err = fillFromLog(t, a.Log, a.LogInterval, g)
		c.Errorf("sla.targets", "%v", errNoTargets)
	}
	switch {
	case err != nil:
		c.Errorf("sla.months", "%v", err)
	case !calendarOK:
		c.Errorf("sla.months", "uptime excludes announced maintenance, and the maintenance calendar does not parse")
	case len(g.cells) == 0:
		c.Errorf("sla.months", "%s holds no samples between %s and %s", f.Source, ms[0].start.Format(time.RFC3339), ms[len(ms)-1].end.Format(time.RFC3339))
	default:
		f.Months = g.months(ms, g.maintenanceMask(windows))
	}
	return f, ctx.Err()
}

var _ scanners.Applier = (*Scanner)(nil)

// Applies reports whether the scanner reads t: machines, once vouch.yaml
// configures an availability source. Without one the SLA controls are
// reported as not evaluated rather than judged on nothing.
func (s *Scanner) Applies(t target.Target) bool {
	return t.Info().Kind != "endpoint" && s.cfg != nil
}
