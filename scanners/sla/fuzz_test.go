package sla

import (
	"testing"
	"time"
)

func FuzzParseICS(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/Paris:20261114T220000\r\nDTEND:20261115T000000Z\r\nCREATED:20261101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VALARM\nEND:VALARM\n END:VEVENT\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = parseICS("m.ics", b, time.UTC)
		_, _ = parseMaintenanceYAML("m.yaml", b)
	})
}
