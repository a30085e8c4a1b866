package sla

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/target"
)

// maxLogRead caps an availability log read whole on a target that cannot stream.
const maxLogRead = 256 << 20

// fillFromLog reads an availability log: CSV with a header naming time,
// service and up, or JSON lines {"time","service","up"}. Each sample stands
// for interval from its time, or until the service's next sample. Samples of
// a service must come in time order: a repeated or earlier time is an error,
// never a second vote.
func fillFromLog(t target.Target, p string, interval time.Duration, g *grid) error {
	var r io.Reader
	if o, ok := t.(target.Opener); ok {
		f, err := o.Open(p)
		if err != nil {
			return fmt.Errorf("read availability log: %w", err)
		}
		defer f.Close()
		r = f
	} else {
		b, err := t.ReadFile(p, maxLogRead)
		if err != nil {
			return fmt.Errorf("read availability log: %w", err)
		}
		r = bytes.NewReader(b)
	}
	type last struct {
		t  time.Time
		up bool
	}
	prev := map[string]*last{}
	flush := func(svc string, l *last, until time.Time) {
		end := l.t.Add(interval)
		if !until.IsZero() && until.Before(end) {
			end = until
		}
		cs := g.service(svc)
		for m := l.t.Truncate(time.Minute); m.Before(end); m = m.Add(time.Minute) {
			i := g.minute(m)
			if i < 0 {
				continue
			}
			u := 0.0
			if l.up {
				u = 1
			}
			add(cs, i, 1, u)
		}
	}
	sample := func(line int, ts, svc string, up bool) error {
		tm, err := time.Parse(time.RFC3339, ts)
		if err != nil {
			return fmt.Errorf("availability log %s:%d: time %q: want RFC 3339", p, line, ts)
		}
		if svc == "" {
			return fmt.Errorf("availability log %s:%d: empty service", p, line)
		}
		l := prev[svc]
		if l != nil {
			if !tm.After(l.t) {
				return fmt.Errorf("availability log %s:%d: sample for %s at %s does not follow the previous one (%s): duplicated or out of order", p, line, svc, ts, l.t.Format(time.RFC3339))
			}
			flush(svc, l, tm)
		}
		prev[svc] = &last{t: tm, up: up}
		return nil
	}
	var err error
	if strings.EqualFold(path.Ext(p), ".csv") {
		err = readCSV(p, r, sample)
	} else {
		err = readJSONLines(p, r, sample)
	}
	if err != nil {
		return err
	}
	for svc, l := range prev {
		flush(svc, l, time.Time{})
	}
	return nil
}

func parseUp(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "up":
		return true, true
	case "0", "false", "down":
		return false, true
	}
	return false, false
}

func readCSV(p string, r io.Reader, sample func(int, string, string, bool) error) error {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("availability log %s: header: %w", p, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"time", "service", "up"} {
		if _, ok := col[need]; !ok {
			return fmt.Errorf("availability log %s:1: header %v has no %q column (want time,service,up)", p, head, need)
		}
	}
	width := len(head)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return fmt.Errorf("availability log %s: %w", p, err)
		}
		if len(rec) != width {
			return fmt.Errorf("availability log %s:%d: %d fields, the header has %d", p, line, len(rec), width)
		}
		up, ok := parseUp(rec[col["up"]])
		if !ok {
			return fmt.Errorf("availability log %s:%d: up %q: want 1/0, true/false or up/down", p, line, rec[col["up"]])
		}
		if err := sample(line, rec[col["time"]], rec[col["service"]], up); err != nil {
			return err
		}
	}
}

func readJSONLines(p string, r io.Reader, sample func(int, string, string, bool) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for n := 1; sc.Scan(); n++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rec struct {
			Time    string          `json:"time"`
			Service string          `json:"service"`
			Up      json.RawMessage `json:"up"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return fmt.Errorf("availability log %s:%d: %w", p, n, err)
		}
		up, ok := parseUp(strings.Trim(string(rec.Up), `"`))
		if !ok {
			return fmt.Errorf("availability log %s:%d: up %s: want true/false or 1/0", p, n, rec.Up)
		}
		if err := sample(n, rec.Time, rec.Service, up); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("availability log %s: %w", p, err)
	}
	return nil
}
