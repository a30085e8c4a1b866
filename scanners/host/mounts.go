package host

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// collectMounts reads the kernel's mount table.
func collectMounts(_ context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.mounts"}
	defer n.flush(c)
	ms, err := readMounts(t, n)
	if err != nil {
		c.Errorf("host.mounts", "%v", err)
		return
	}
	f.Mounts = ms
}

// readMounts reads /proc/mounts (a link to /proc/self/mounts), falling back to
// /proc/self/mounts for trees that recorded only that.
func readMounts(t target.Target, n *notes) ([]Mount, error) {
	var firstErr error
	for _, p := range []string{"/proc/mounts", "/proc/self/mounts"} {
		b, err := t.ReadFile(p, capLarge)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		return parseMounts(b, p, n), nil
	}
	return nil, fmt.Errorf("read mount table: %w", firstErr)
}

// parseMounts reads fstab-format lines (proc_pid_mounts(5)); spaces and other
// bytes inside fields are octal escapes (\040).
func parseMounts(b []byte, file string, n *notes) []Mount {
	out := []Mount{}
	for i, line := range lines(b) {
		fs := strings.Fields(line)
		if len(fs) == 0 {
			continue
		}
		if len(fs) < 4 {
			n.add("%s:%d: %d fields, want at least 4", file, i+1, len(fs))
			continue
		}
		out = append(out, Mount{
			Device:     unescapeOctal(fs[0]),
			MountPoint: unescapeOctal(fs[1]),
			FSType:     fs[2],
			Options:    strings.Split(fs[3], ","),
		})
	}
	return out
}

// unescapeOctal decodes the \ooo escapes the kernel writes for space, tab,
// newline and backslash in mount fields.
func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				sb.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// virtualFSTypes hold no data of their own, or are read-only images whose
// usage is always 100%: df's numbers for them say nothing about free space.
var virtualFSTypes = map[string]bool{
	"tmpfs": true, "devtmpfs": true, "ramfs": true, "proc": true, "sysfs": true,
	"overlay": true, "aufs": true, "squashfs": true, "iso9660": true,
	"cgroup": true, "cgroup2": true, "devpts": true, "mqueue": true, "debugfs": true,
	"tracefs": true, "securityfs": true, "pstore": true, "bpf": true, "autofs": true,
	"hugetlbfs": true, "configfs": true, "fusectl": true, "binfmt_misc": true,
	"nsfs": true, "efivarfs": true, "rpc_pipefs": true, "nfsd": true, "selinuxfs": true,
	"none": true, "shm": true,
}

// realFS reports whether a filesystem type stores data of its own.
func realFS(fstype string) bool {
	return !virtualFSTypes[fstype] && !strings.HasPrefix(fstype, "fuse.") && fstype != "fuse"
}

// collectFilesystems runs df twice, for blocks and for inodes, and keeps real
// filesystems (by their type in the mount table).
func collectFilesystems(ctx context.Context, t target.Target, c *scanners.Collection, f *Facts) {
	n := &notes{fact: "host.filesystems"}
	defer n.flush(c)
	types := map[string]string{}
	if ms, err := readMounts(t, &notes{}); err == nil {
		for _, m := range ms {
			types[m.MountPoint] = m.FSType
		}
	}
	// df exits 1 when one filesystem cannot be read (a stale NFS mount) yet
	// prints the others; keep what it printed.
	blocks, err := runTool(ctx, t, 10*time.Second, "df", "-P", "-k")
	if err != nil && len(blocks) == 0 {
		c.Errorf("host.filesystems", "%v", err)
		return
	} else if err != nil {
		n.add("%v", err)
	}
	inodes, err := runTool(ctx, t, 10*time.Second, "df", "-P", "-i")
	if err != nil && len(inodes) == 0 {
		c.Errorf("host.filesystems", "%v", err)
		return
	} else if err != nil {
		n.add("%v", err)
	}
	f.Filesystems = mergeDF(parseDF(blocks, "df -P -k", n), parseDF(inodes, "df -P -i", n), types)
}

// dfRow is one line of df -P output: total, used and available in the unit of
// the run (KiB blocks or inodes).
type dfRow struct {
	device, mountPoint     string
	total, used, available int64
	noLimit                bool // "-" columns: no inode table (btrfs, vfat)
}

// parseDF reads POSIX df output; the mount point is the rest of the line after
// the fifth column, since it may hold spaces.
func parseDF(b []byte, what string, n *notes) []dfRow {
	var out []dfRow
	for i, line := range lines(b) {
		fs := strings.Fields(line)
		if i == 0 && len(fs) > 0 && fs[0] == "Filesystem" {
			continue
		}
		if len(fs) == 0 {
			continue
		}
		if len(fs) < 6 {
			n.add("%s line %d: %d columns, want 6", what, i+1, len(fs))
			continue
		}
		r := dfRow{device: fs[0], mountPoint: strings.Join(fs[5:], " ")}
		if fs[1] == "-" || fs[2] == "-" {
			r.noLimit = true
			out = append(out, r)
			continue
		}
		var errs [3]error
		r.total, errs[0] = strconv.ParseInt(fs[1], 10, 64)
		r.used, errs[1] = strconv.ParseInt(fs[2], 10, 64)
		r.available, errs[2] = strconv.ParseInt(fs[3], 10, 64)
		if errs[0] != nil || errs[1] != nil || errs[2] != nil {
			n.add("%s line %d: non-numeric columns", what, i+1)
			continue
		}
		out = append(out, r)
	}
	return out
}

// usedPercent is df's use%: used over what a non-root user could have
// (used + available), so root's reserved blocks count as full.
func usedPercent(used, available int64) float64 {
	if used+available <= 0 {
		return 0
	}
	return math.Round(float64(used)*10000/float64(used+available)) / 100
}

// mergeDF joins block and inode rows by mount point, keeping real filesystems.
// A mount point not in the mount table is kept only if its device is a device
// node. A mount point listed twice (bind mounts) keeps its last row, as df
// shows the filesystem mounted on top.
func mergeDF(blocks, inodes []dfRow, types map[string]string) []Filesystem {
	out := []Filesystem{}
	index := map[string]int{}
	for _, r := range blocks {
		fstype, known := types[r.mountPoint]
		if known && !realFS(fstype) || !known && !strings.HasPrefix(r.device, "/dev/") {
			continue
		}
		fsys := Filesystem{MountPoint: r.mountPoint, Device: r.device, FSType: fstype, BlocksTotalKB: r.total}
		if !r.noLimit {
			fsys.BlocksUsedPercent = usedPercent(r.used, r.available)
		}
		if i, dup := index[r.mountPoint]; dup {
			out[i] = fsys
			continue
		}
		index[r.mountPoint] = len(out)
		out = append(out, fsys)
	}
	for _, r := range inodes {
		i, ok := index[r.mountPoint]
		if !ok || r.noLimit {
			continue
		}
		out[i].InodesTotal = r.total
		if r.total > 0 {
			out[i].InodesUsedPercent = usedPercent(r.used, r.available)
		}
	}
	return out
}
