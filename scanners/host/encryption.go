package host

import (
	"context"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// dmDevice is a device-mapper device as sysfs shows it.
type dmDevice struct {
	kname  string   // dm-0
	name   string   // srv_crypt
	uuid   string   // CRYPT-LUKS2-<uuid>-srv_crypt
	slaves []string // kernel names of the devices beneath (dm-0 under an LVM volume)
}

// cryptType is LUKS1, LUKS2 or PLAIN for a dm-crypt device, from the uuid
// prefix cryptsetup gives its mappings; "" for other targets.
func (d dmDevice) cryptType() string {
	rest, ok := strings.CutPrefix(d.uuid, "CRYPT-")
	if !ok {
		return ""
	}
	typ, _, _ := strings.Cut(rest, "-")
	return typ
}

// collectEncryption finds dm-crypt devices in /sys/block, asks `dmsetup table`
// for their cipher and key size (never the key), and says for every mount
// whether an encrypted device lies beneath it, directly or under LVM.
func collectEncryption(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	if f.Mounts == nil {
		c.Errorf("host.encryption", "mount table unavailable (see host.mounts)")
		return
	}
	n := &notes{fact: "host.encryption"}
	defer n.flush(c)
	devs, err := readDMDevices(t, n)
	if err != nil {
		c.Errorf("host.encryption", "list block devices: %v", err)
		return
	}
	enc := &Encryption{Devices: []CryptDevice{}, Mounts: []EncryptedMount{}}
	byName := map[string]dmDevice{}
	byKname := map[string]dmDevice{}
	for _, d := range devs {
		byName[d.name] = d
		byKname[d.kname] = d
		if typ := d.cryptType(); typ != "" {
			enc.Devices = append(enc.Devices, CryptDevice{Name: d.name, Type: typ})
		}
	}
	if len(enc.Devices) > 0 {
		out, err := runTool(ctx, t, 5*time.Second, "dmsetup", "table")
		if err != nil {
			// The devices and which mounts they back are still known; only
			// the cipher is not, and a cipher check must then say so.
			c.Errorf("host.encryption.devices", "cipher unknown: %v", err)
		} else {
			tables := parseDMTable(out, n)
			for i := range enc.Devices {
				ct, ok := tables[enc.Devices[i].Name]
				if unnamed, one := tables[""]; !ok && one && len(enc.Devices) == 1 {
					ct, ok = unnamed, true
				}
				if ok {
					enc.Devices[i].Cipher, enc.Devices[i].KeyBits = ct.cipher, ct.keyBits
				} else {
					n.add("dmsetup table: no crypt line for %s", enc.Devices[i].Name)
				}
			}
		}
	}

	for _, m := range f.Mounts {
		em := EncryptedMount{MountPoint: m.MountPoint, Device: m.Device}
		if d, ok := dmForDevice(m.Device, byName, byKname); ok {
			if crypt, ok := cryptBeneath(d, byKname, 0); ok {
				em.Encrypted, em.CryptName = true, crypt.name
			}
		}
		enc.Mounts = append(enc.Mounts, em)
	}
	f.Encryption = enc
}

// readDMDevices lists /sys/block/dm-* with their dm/name, dm/uuid and slaves.
func readDMDevices(t target.Target, n *notes) ([]dmDevice, error) {
	es, err := t.ReadDir("/sys/block")
	if isMissing(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []dmDevice
	for _, e := range es {
		if !strings.HasPrefix(e.Name(), "dm-") {
			continue
		}
		base := path.Join("/sys/block", e.Name())
		d := dmDevice{kname: e.Name()}
		name, err := t.ReadFile(base+"/dm/name", capSmall)
		if err != nil {
			n.add("%v", err)
			continue
		}
		d.name = strings.TrimSpace(string(name))
		if uuid, err := t.ReadFile(base+"/dm/uuid", capSmall); err == nil {
			d.uuid = strings.TrimSpace(string(uuid))
		}
		if ss, err := t.ReadDir(base + "/slaves"); err == nil {
			for _, s := range ss {
				d.slaves = append(d.slaves, s.Name())
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// dmForDevice maps a mount's device to its dm device: /dev/mapper/NAME,
// /dev/dm-N, or an LVM path /dev/VG/LV (mapper name VG-LV with hyphens doubled).
func dmForDevice(dev string, byName, byKname map[string]dmDevice) (dmDevice, bool) {
	if name, ok := strings.CutPrefix(dev, "/dev/mapper/"); ok {
		d, ok := byName[name]
		return d, ok
	}
	if kname, ok := strings.CutPrefix(dev, "/dev/"); ok {
		if d, ok := byKname[kname]; ok {
			return d, true
		}
		if vg, lv, ok := strings.Cut(kname, "/"); ok && !strings.Contains(lv, "/") {
			d, ok := byName[strings.ReplaceAll(vg, "-", "--")+"-"+strings.ReplaceAll(lv, "-", "--")]
			return d, ok
		}
	}
	return dmDevice{}, false
}

// cryptBeneath finds a dm-crypt device at d or below it.
func cryptBeneath(d dmDevice, byKname map[string]dmDevice, depth int) (dmDevice, bool) {
	if d.cryptType() != "" {
		return d, true
	}
	if depth > 8 {
		return dmDevice{}, false
	}
	for _, s := range d.slaves {
		if sd, ok := byKname[s]; ok {
			if c, ok := cryptBeneath(sd, byKname, depth+1); ok {
				return c, true
			}
		}
	}
	return dmDevice{}, false
}

type cryptTable struct {
	cipher  string
	keyBits int
}

// parseDMTable reads `dmsetup table` lines "NAME: START LEN crypt CIPHER KEY
// IV_OFFSET DEV OFFSET [OPTS]" (dm-crypt.rst). The key is either hex or a
// kernel keyring reference ":SIZE:TYPE:DESC" with SIZE in bytes; only its size
// is kept. Lines of other targets are ignored.
func parseDMTable(b []byte, n *notes) map[string]cryptTable {
	out := map[string]cryptTable{}
	for i, line := range lines(b) {
		name, rest, ok := strings.Cut(line, ": ")
		if !ok {
			// With a single device dmsetup may print the table alone.
			name, rest = "", line
		}
		fs := strings.Fields(rest)
		if len(fs) < 3 || fs[2] != "crypt" {
			continue
		}
		if len(fs) < 5 {
			n.add("dmsetup table line %d: truncated crypt line", i+1)
			continue
		}
		ct := cryptTable{cipher: fs[3], keyBits: keyBits(fs[4])}
		if prev, dup := out[name]; dup && prev.cipher != "" {
			continue // a multi-segment table: the first segment speaks for all
		}
		out[name] = ct
	}
	return out
}

// keyBits is the size of a dm-crypt key field without keeping the key.
func keyBits(key string) int {
	if strings.HasPrefix(key, ":") {
		parts := strings.SplitN(key[1:], ":", 2)
		if size, err := strconv.Atoi(parts[0]); err == nil && size > 0 {
			return size * 8
		}
		return 0
	}
	if key == "-" || len(key)%2 != 0 || strings.Trim(strings.ToLower(key), "0123456789abcdef") != "" {
		return 0
	}
	return len(key) / 2 * 8
}
