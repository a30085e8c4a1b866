package sla

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkYearOf15sProbes50Services turns a year of 15-second probe samples
// for 50 services (105 million samples, already decoded) into monthly uptime
// (make bench target: < 2 s/op). Fetching and decoding the samples is not part
// of the figure: Prometheus returns them pre-aggregated per minute.
func BenchmarkYearOf15sProbes50Services(b *testing.B) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	ms := calendarMonths(now, 12, time.UTC)
	windows := []Window{{Start: time.Date(2026, 3, 14, 22, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), Excluded: true}}
	for b.Loop() {
		g := newGrid(ms[0].start, ms[len(ms)-1].end)
		for s := range 50 {
			cs := g.service(fmt.Sprintf("svc%02d", s))
			for i := range g.minutes {
				for k := range 4 { // four 15-second samples a minute
					up := 1.0
					if (i+s*7919+k)%50_000 < 40 { // ~40 minutes down every month
						up = 0
					}
					add(cs, i, 1, up)
				}
			}
		}
		out := g.months(ms, g.maintenanceMask(windows))
		if len(out) != 50*12 || out[0].UptimePercent == nil {
			b.Fatalf("months = %d", len(out))
		}
	}
}
