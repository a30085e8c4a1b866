package sla

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vouch-audit/vouch/target"
)

// maxCalendar caps a maintenance calendar.
const maxCalendar = 4 << 20

// readMaintenance reads a maintenance calendar: an ICS file (.ics) or YAML
// ({windows: [{start, end, summary, announced}]}). loc places floating ICS
// times. A calendar that does not parse is an error naming the line.
func readMaintenance(t target.Target, p string, loc *time.Location) ([]Window, error) {
	b, err := t.ReadFile(p, maxCalendar)
	if err != nil {
		return nil, fmt.Errorf("read maintenance calendar: %w", err)
	}
	var ws []Window
	if strings.EqualFold(path.Ext(p), ".ics") {
		ws, err = parseICS(p, b, loc)
	} else {
		ws, err = parseMaintenanceYAML(p, b)
	}
	if err != nil {
		return nil, err
	}
	for i := range ws {
		w := &ws[i]
		if !w.End.After(w.Start) {
			return nil, fmt.Errorf("maintenance calendar %s: window %q ends (%s) before it starts (%s)", w.Source, w.Summary, w.End.Format(time.RFC3339), w.Start.Format(time.RFC3339))
		}
		if w.Announced != nil {
			h := round(w.Start.Sub(*w.Announced).Hours(), 2)
			w.AnnouncedHoursBefore = &h
			w.Excluded = w.Announced.Before(w.Start)
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].Start.Before(ws[j].Start) })
	return ws, nil
}

type windowYAML struct {
	Start     string `yaml:"start"`
	End       string `yaml:"end"`
	Summary   string `yaml:"summary"`
	Announced string `yaml:"announced"`
}

func parseMaintenanceYAML(p string, b []byte) ([]Window, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("maintenance calendar %s: malformed YAML: %w", p, err)
	}
	ws := []Window{}
	if len(doc.Content) == 0 {
		return ws, nil
	}
	root := doc.Content[0]
	var list *yaml.Node
	if root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value != "windows" {
				return nil, fmt.Errorf("maintenance calendar %s:%d: unknown key %q (want windows)", p, root.Content[i].Line, root.Content[i].Value)
			}
			list = root.Content[i+1]
		}
	}
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("maintenance calendar %s:%d: want windows: a list of {start, end, summary, announced}", p, root.Line)
	}
	for _, n := range list.Content {
		var w windowYAML
		raw, _ := yaml.Marshal(n)
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		dec.KnownFields(true)
		if err := dec.Decode(&w); err != nil {
			return nil, fmt.Errorf("maintenance calendar %s:%d: %v", p, n.Line, err)
		}
		src := fmt.Sprintf("%s:%d", p, n.Line)
		start, err := time.Parse(time.RFC3339, w.Start)
		if err != nil {
			return nil, fmt.Errorf("maintenance calendar %s: start %q: want RFC 3339", src, w.Start)
		}
		end, err := time.Parse(time.RFC3339, w.End)
		if err != nil {
			return nil, fmt.Errorf("maintenance calendar %s: end %q: want RFC 3339", src, w.End)
		}
		win := Window{Start: start.UTC(), End: end.UTC(), Summary: w.Summary, Source: src}
		if w.Announced != "" {
			a, err := time.Parse(time.RFC3339, w.Announced)
			if err != nil {
				return nil, fmt.Errorf("maintenance calendar %s: announced %q: want RFC 3339", src, w.Announced)
			}
			a = a.UTC()
			win.Announced = &a
		}
		ws = append(ws, win)
	}
	return ws, nil
}

// parseICS reads the VEVENTs of an iCalendar file (RFC 5545): DTSTART and
// DTEND as UTC (…Z), with TZID, floating (in loc) or a DATE; SUMMARY; and the
// announcement time from CREATED, else DTSTAMP.
func parseICS(p string, b []byte, loc *time.Location) ([]Window, error) {
	type prop struct {
		name, value string
		params      map[string]string
		line        int
	}
	// unfold: a line starting with a space or tab continues the previous one
	var props []prop
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" {
			continue
		}
		if (l[0] == ' ' || l[0] == '\t') && len(props) > 0 {
			props[len(props)-1].value += l[1:]
			continue
		}
		colon := strings.IndexByte(l, ':')
		if colon < 0 {
			return nil, fmt.Errorf("maintenance calendar %s:%d: %q is not NAME:VALUE", p, n, l)
		}
		head := strings.Split(l[:colon], ";")
		pr := prop{name: strings.ToUpper(head[0]), value: l[colon+1:], params: map[string]string{}, line: n}
		for _, kv := range head[1:] {
			k, v, _ := strings.Cut(kv, "=")
			pr.params[strings.ToUpper(k)] = strings.Trim(v, `"`)
		}
		props = append(props, pr)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("maintenance calendar %s: %w", p, err)
	}
	if len(props) == 0 || props[0].name != "BEGIN" || !strings.EqualFold(props[0].value, "VCALENDAR") {
		return nil, fmt.Errorf("maintenance calendar %s:1: does not start with BEGIN:VCALENDAR", p)
	}
	icsTime := func(pr prop) (time.Time, error) {
		v := pr.value
		if pr.params["VALUE"] == "DATE" || len(v) == 8 {
			l := loc
			if tz := pr.params["TZID"]; tz != "" {
				var err error
				if l, err = time.LoadLocation(tz); err != nil {
					return time.Time{}, fmt.Errorf("TZID %q: %w", tz, err)
				}
			}
			t, err := time.ParseInLocation("20060102", v, l)
			return t.UTC(), err
		}
		if strings.HasSuffix(v, "Z") {
			t, err := time.Parse("20060102T150405Z", v)
			return t.UTC(), err
		}
		l := loc
		if tz := pr.params["TZID"]; tz != "" {
			var err error
			if l, err = time.LoadLocation(tz); err != nil {
				return time.Time{}, fmt.Errorf("TZID %q: %w", tz, err)
			}
		}
		t, err := time.ParseInLocation("20060102T150405", v, l)
		return t.UTC(), err
	}
	ws := []Window{}
	var cur map[string]prop
	begin := 0
	depth := 0
	for _, pr := range props {
		switch {
		case pr.name == "BEGIN" && strings.EqualFold(pr.value, "VEVENT"):
			if cur != nil {
				return nil, fmt.Errorf("maintenance calendar %s:%d: VEVENT inside the VEVENT of line %d", p, pr.line, begin)
			}
			cur, begin = map[string]prop{}, pr.line
		case pr.name == "BEGIN":
			if cur != nil {
				depth++ // a VALARM inside the event
			}
		case pr.name == "END" && strings.EqualFold(pr.value, "VEVENT"):
			if cur == nil {
				return nil, fmt.Errorf("maintenance calendar %s:%d: END:VEVENT without BEGIN", p, pr.line)
			}
			src := fmt.Sprintf("%s:%d", p, begin)
			ds, ok := cur["DTSTART"]
			if !ok {
				return nil, fmt.Errorf("maintenance calendar %s: VEVENT without DTSTART", src)
			}
			de, ok := cur["DTEND"]
			if !ok {
				return nil, fmt.Errorf("maintenance calendar %s: VEVENT without DTEND", src)
			}
			start, err := icsTime(ds)
			if err != nil {
				return nil, fmt.Errorf("maintenance calendar %s:%d: DTSTART %q: %v", p, ds.line, ds.value, err)
			}
			end, err := icsTime(de)
			if err != nil {
				return nil, fmt.Errorf("maintenance calendar %s:%d: DTEND %q: %v", p, de.line, de.value, err)
			}
			w := Window{Start: start, End: end, Summary: cur["SUMMARY"].value, Source: src}
			ann, ok := cur["CREATED"]
			if !ok {
				ann, ok = cur["DTSTAMP"]
			}
			if ok {
				a, err := icsTime(ann)
				if err != nil {
					return nil, fmt.Errorf("maintenance calendar %s:%d: %s %q: %v", p, ann.line, ann.name, ann.value, err)
				}
				w.Announced = &a
			}
			ws = append(ws, w)
			cur = nil
		case pr.name == "END":
			if cur != nil {
				depth--
			}
		case cur != nil && depth == 0:
			if _, dup := cur[pr.name]; !dup {
				cur[pr.name] = pr
			}
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("maintenance calendar %s:%d: VEVENT is not closed", p, begin)
	}
	return ws, nil
}

var errNoCalendar = errors.New("no maintenance calendar is configured (availability.maintenance in vouch.yaml): every outage counts as unplanned")
