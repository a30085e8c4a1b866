package firewall

import (
	"encoding/json"
	"fmt"
	"slices"
)

// parseIPAddr reads `ip -j addr` (iproute2's JSON).
func parseIPAddr(b []byte) ([]Interface, error) {
	var raw []struct {
		Ifname   string   `json:"ifname"`
		Flags    []string `json:"flags"`
		LinkType string   `json:"link_type"`
		AddrInfo []struct {
			Local     string `json:"local"`
			Prefixlen int    `json:"prefixlen"`
		} `json:"addr_info"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("parse JSON: %w", err)
	}
	out := make([]Interface, 0, len(raw))
	for _, r := range raw {
		if r.Ifname == "" {
			return nil, fmt.Errorf("interface without a name")
		}
		i := Interface{Name: r.Ifname, Up: slices.Contains(r.Flags, "UP"), Loopback: r.LinkType == "loopback" || slices.Contains(r.Flags, "LOOPBACK"), Addresses: []string{}}
		for _, a := range r.AddrInfo {
			if a.Local != "" {
				i.Addresses = append(i.Addresses, fmt.Sprintf("%s/%d", a.Local, a.Prefixlen))
			}
		}
		out = append(out, i)
	}
	return out, nil
}
