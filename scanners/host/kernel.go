package host

import (
	"slices"
	"strings"

	"github.com/vouch-audit/vouch/scanners"
	"github.com/vouch-audit/vouch/target"
)

// collectKernel compares the running kernel (proc/sys/kernel/osrelease) with
// the linux-image packages installed, and reads the reboot-required flag that
// Debian's and Ubuntu's kernel postinst scripts leave in /run. pkgs and
// events are the dpkg status and log, read once for every packaging fact.
func collectKernel(t target.Target, c *scanners.Collection, f *Facts, pkgs []dpkgPackage, events []dpkgEvent) {
	b, err := t.ReadFile("/proc/sys/kernel/osrelease", capSmall)
	if err != nil {
		c.Errorf("host.kernel", "read running kernel: %v", err)
		return
	}
	k := &Kernel{Running: strings.TrimSpace(string(b)), Installed: []InstalledKernel{}, RebootPackages: []string{}}
	n := &notes{fact: "host.kernel"}
	defer n.flush(c)

	if bt, err := bootTime(t); err == nil {
		k.BootTime = rfc3339(bt)
	} else {
		n.add("boot time: %v", err)
	}

	k.Installed = installedKernels(pkgs, events)
	for i := range k.Installed {
		if k.Installed[i].InstalledAt != "" {
			continue
		}
		// Without a log entry, the image's mtime is when it was unpacked.
		if fi, err := t.Stat("/boot/vmlinuz-" + k.Installed[i].Release); err == nil {
			k.Installed[i].InstalledAt = rfc3339(fi.ModTime())
		}
	}
	if len(k.Installed) > 0 {
		k.Newest = k.Installed[len(k.Installed)-1].Release
	}

	for _, dir := range []string{"/run", "/var/run"} {
		if _, err := t.Stat(dir + "/reboot-required"); err != nil {
			continue
		}
		k.RebootRequired = true
		if b, err := t.ReadFile(dir+"/reboot-required.pkgs", capSmall); err == nil {
			for _, l := range lines(b) {
				if l = strings.TrimSpace(l); l != "" && !slices.Contains(k.RebootPackages, l) {
					k.RebootPackages = append(k.RebootPackages, l)
				}
			}
		}
		break
	}
	f.Kernel = k
}

// installedKernels picks the kernel image packages, oldest first by Debian
// version order, each with the time of its newest install or upgrade.
func installedKernels(pkgs []dpkgPackage, events []dpkgEvent) []InstalledKernel {
	out := []InstalledKernel{}
	for _, p := range pkgs {
		release, ok := kernelRelease(p.Name)
		if !ok {
			continue
		}
		ik := InstalledKernel{Release: release, Package: p.Name, Version: p.Version}
		for _, e := range events {
			if e.Package == p.Name && (ik.InstalledAt == "" || rfc3339(e.At) > ik.InstalledAt) {
				ik.InstalledAt = rfc3339(e.At)
			}
		}
		out = append(out, ik)
	}
	slices.SortStableFunc(out, func(a, b InstalledKernel) int {
		if c := compareDebVersions(a.Version, b.Version); c != 0 {
			return c
		}
		return verrevcmp(a.Release, b.Release)
	})
	return out
}

// kernelRelease returns the uname -r release a linux-image package installs.
// Meta packages (linux-image-amd64, linux-image-cloud-amd64, Ubuntu's
// linux-image-generic) do not start with a version; debug-symbol packages and
// the -unsigned twins of signed images are not kernels of their own.
func kernelRelease(pkg string) (string, bool) {
	rel, ok := strings.CutPrefix(pkg, "linux-image-")
	if !ok || rel == "" || rel[0] < '0' || rel[0] > '9' {
		return "", false
	}
	if strings.HasSuffix(rel, "-dbg") || strings.HasSuffix(rel, "-dbgsym") {
		return "", false
	}
	rel = strings.TrimSuffix(rel, "-unsigned")
	return rel, true
}
