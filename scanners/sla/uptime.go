package sla

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// grid holds, per service and per minute of the measured range, how many
// probe samples were seen and how many said up. A minute without samples is
// unknown: it counts neither as up nor as down.
type grid struct {
	from    time.Time // first minute, inclusive
	minutes int
	cells   map[string][]cell
}

// cell counts one minute's samples, saturating at 255.
type cell struct{ n, up uint8 }

func newGrid(from, to time.Time) *grid {
	return &grid{from: from, minutes: int(to.Sub(from) / time.Minute), cells: map[string][]cell{}}
}

func (g *grid) service(name string) []cell {
	c, ok := g.cells[name]
	if !ok {
		c = make([]cell, g.minutes)
		g.cells[name] = c
	}
	return c
}

// minute is the grid index of the minute holding t, or -1 outside the range.
func (g *grid) minute(t time.Time) int {
	d := t.Sub(g.from)
	if d < 0 {
		return -1
	}
	i := int(d / time.Minute)
	if i >= g.minutes {
		return -1
	}
	return i
}

// add records samples (n probes, up of them successful) in minute i of a
// service's cells; counts beyond 255 are scaled down, keeping the ratio.
func add(cs []cell, i int, n, up float64) {
	if i < 0 || i >= len(cs) || n <= 0 {
		return
	}
	c := &cs[i]
	tn, tu := float64(c.n)+n, float64(c.up)+up
	if tn > 255 {
		tu = math.Round(tu * 255 / tn)
		tn = 255
	}
	c.n, c.up = uint8(tn), uint8(tu)
}

// Window is a maintenance window.
type Window struct {
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Summary string    `json:"summary"`
	// Announced is when the window was announced (YAML announced, ICS CREATED
	// or DTSTAMP); nil when the calendar does not say.
	Announced *time.Time `json:"announced"`
	// AnnouncedHoursBefore is the notice given before Start.
	AnnouncedHoursBefore *float64 `json:"announced_hours_before"`
	// Excluded tells whether the window's minutes are left out of the uptime:
	// only a window announced before it starts is planned maintenance.
	Excluded bool `json:"excluded"`
	// Source is FILE:LINE of the window's definition.
	Source string `json:"source"`
}

// Month is one service's availability over one calendar month (up to the
// run's clock for the current month). Minutes partition the month:
//
//	minutes = maintenance + up + down + unknown
//
// where maintenance is time inside announced windows, and up, down and unknown
// are the rest, observed up, observed down, and without data. Uptime is
//
//	uptime = up / (up + down)
//
// measured over the observed time outside maintenance; the bounds count
// every unknown minute as down (min) or as up (max):
//
//	uptime_min = up / (minutes - maintenance)
//	uptime_max = (up + unknown) / (minutes - maintenance)
//
// A control that can decide on the bounds never has to guess about gaps.
type Month struct {
	Service            string    `json:"service"`
	Month              string    `json:"month"`
	Start              time.Time `json:"start"`
	End                time.Time `json:"end"`
	Minutes            float64   `json:"minutes"`
	MaintenanceMinutes float64   `json:"maintenance_minutes"`
	UpMinutes          float64   `json:"up_minutes"`
	DownMinutes        float64   `json:"unplanned_downtime_minutes"`
	UnknownMinutes     float64   `json:"unknown_minutes"`
	// Incidents counts runs of consecutive minutes with failed probes.
	Incidents int `json:"incidents"`
	// UptimePercent is nil when nothing outside maintenance was observed.
	UptimePercent    *float64 `json:"uptime_percent"`
	UptimeMinPercent float64  `json:"uptime_min_percent"`
	UptimeMaxPercent float64  `json:"uptime_max_percent"`
	CoveragePercent  float64  `json:"coverage_percent"`
}

// month is a calendar month clipped to the grid.
type month struct {
	name       string
	start, end time.Time
}

// calendarMonths lists the n calendar months (in loc) ending with the one
// holding the last minute before now; that month ends at now.
func calendarMonths(now time.Time, n int, loc *time.Location) []month {
	now = now.Truncate(time.Minute)
	l := now.Add(-time.Minute).In(loc)
	first := time.Date(l.Year(), l.Month()-time.Month(n-1), 1, 0, 0, 0, 0, loc)
	var out []month
	for i := range n {
		s := time.Date(first.Year(), first.Month()+time.Month(i), 1, 0, 0, 0, 0, loc)
		e := time.Date(s.Year(), s.Month()+1, 1, 0, 0, 0, 0, loc)
		if e.After(now) {
			e = now
		}
		if !e.After(s) {
			continue
		}
		out = append(out, month{name: s.Format("2006-01"), start: s.UTC(), end: e.UTC()})
	}
	return out
}

// maintenanceMask marks the minutes inside excluded windows.
func (g *grid) maintenanceMask(ws []Window) []bool {
	mask := make([]bool, g.minutes)
	for _, w := range ws {
		if !w.Excluded {
			continue
		}
		s := max(0, int(math.Floor(w.Start.Sub(g.from).Minutes())))
		e := min(g.minutes, int(math.Ceil(w.End.Sub(g.from).Minutes())))
		for i := s; i < e; i++ {
			mask[i] = true
		}
	}
	return mask
}

// months computes every service's monthly figures, sorted by service then month.
func (g *grid) months(ms []month, mask []bool) []Month {
	names := make([]string, 0, len(g.cells))
	for n := range g.cells {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]Month, 0, len(names)*len(ms))
	for _, name := range names {
		cs := g.cells[name]
		for _, m := range ms {
			s, e := g.minute(m.start), int(m.end.Sub(g.from)/time.Minute)
			if s < 0 {
				s = 0
			}
			e = min(e, g.minutes)
			out = append(out, measure(name, m, cs[s:e], mask[s:e]))
		}
	}
	return out
}

func measure(service string, m month, cs []cell, mask []bool) Month {
	r := Month{Service: service, Month: m.name, Start: m.start, End: m.end, Minutes: float64(len(cs))}
	var up, down float64
	maint, unknown := 0, 0
	inIncident := false
	for i, c := range cs {
		switch {
		case mask[i]:
			maint++
			inIncident = false
		case c.n == 0:
			unknown++
			inIncident = false
		default:
			u := float64(c.up) / float64(c.n)
			up += u
			down += 1 - u
			if c.up < c.n {
				if !inIncident {
					r.Incidents++
				}
				inIncident = true
			} else {
				inIncident = false
			}
		}
	}
	r.MaintenanceMinutes = float64(maint)
	r.UnknownMinutes = float64(unknown)
	r.UpMinutes = round(up, 4)
	r.DownMinutes = round(down, 4)
	eligible := float64(len(cs) - maint)
	if up+down > 0 {
		p := round(100*up/(up+down), 6)
		r.UptimePercent = &p
	}
	if eligible > 0 {
		r.UptimeMinPercent = round(100*up/eligible, 6)
		r.UptimeMaxPercent = round(100*(up+float64(unknown))/eligible, 6)
		r.CoveragePercent = round(100*(up+down)/eligible, 6)
	} else {
		// the whole month was announced maintenance: nothing to hold against it
		r.UptimeMinPercent, r.UptimeMaxPercent, r.CoveragePercent = 100, 100, 100
	}
	return r
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// String renders a month for test failure messages.
func (m Month) String() string {
	u := "n/a"
	if m.UptimePercent != nil {
		u = fmt.Sprintf("%.4f%%", *m.UptimePercent)
	}
	return fmt.Sprintf("%s %s: uptime %s, down %.2f min, maintenance %.0f min, unknown %.0f min, %d incidents",
		m.Service, m.Month, u, m.DownMinutes, m.MaintenanceMinutes, m.UnknownMinutes, m.Incidents)
}
