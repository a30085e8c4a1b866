package container

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// Caps on what an image inventory reads. A layer can hold anything; only
// these few files are read, each with a cap, and the rest is skipped over.
const (
	maxPackageDB = 64 << 20
	maxOSRelease = 64 << 10
	maxHistory   = 4096
)

// packageManagers are binaries whose presence means packages can be
// installed at run time.
var packageManagers = map[string]string{
	"usr/bin/dpkg": "dpkg", "usr/bin/apt": "apt", "usr/bin/apt-get": "apt-get",
	"sbin/apk": "apk", "usr/bin/apk": "apk",
	"usr/bin/rpm": "rpm", "bin/rpm": "rpm", "usr/bin/yum": "yum", "usr/bin/dnf": "dnf", "usr/bin/microdnf": "microdnf",
}

// rpmDBs are rpm database locations; rpm databases are binary (BerkeleyDB,
// sqlite), so only their presence is recorded.
var rpmDBs = []string{"var/lib/rpm/", "usr/lib/sysimage/rpm/"}

// OpenImage opens an image: "docker-archive:PATH" (a docker save tarball),
// "oci:PATH" (an OCI image layout holding one image) or "registry:REF" (an
// image in a registry, read anonymously; plain HTTP only for loopback
// registries). ctx bounds every registry request, layer reads included.
func OpenImage(ctx context.Context, spec string) (v1.Image, error) {
	switch {
	case strings.HasPrefix(spec, "registry:"):
		ref := strings.TrimPrefix(spec, "registry:")
		opts := []name.Option{}
		if h, _, _ := strings.Cut(ref, "/"); strings.HasPrefix(h, "localhost:") || strings.HasPrefix(h, "127.0.0.1:") || strings.HasPrefix(h, "[::1]:") {
			opts = append(opts, name.Insecure)
		}
		r, err := name.ParseReference(ref, opts...)
		if err != nil {
			return nil, fmt.Errorf("image reference %q: %w", ref, err)
		}
		img, err := remote.Image(r, remote.WithContext(ctx))
		if err != nil {
			return nil, fmt.Errorf("read image %s from its registry: %w", ref, err)
		}
		return img, nil
	case strings.HasPrefix(spec, "docker-archive:"):
		p := strings.TrimPrefix(spec, "docker-archive:")
		img, err := tarball.ImageFromPath(p, nil)
		if err != nil {
			return nil, fmt.Errorf("open image tarball %s: %w", p, err)
		}
		return img, nil
	case strings.HasPrefix(spec, "oci:"):
		p := strings.TrimPrefix(spec, "oci:")
		lp, err := layout.FromPath(p)
		if err != nil {
			return nil, fmt.Errorf("open oci layout %s: %w", p, err)
		}
		idx, err := lp.ImageIndex()
		if err != nil {
			return nil, fmt.Errorf("read oci layout %s: %w", p, err)
		}
		m, err := idx.IndexManifest()
		if err != nil {
			return nil, fmt.Errorf("read oci layout %s index: %w", p, err)
		}
		if len(m.Manifests) != 1 {
			return nil, fmt.Errorf("oci layout %s holds %d manifests; want exactly one image", p, len(m.Manifests))
		}
		img, err := lp.Image(m.Manifests[0].Digest)
		if err != nil {
			return nil, fmt.Errorf("open oci layout %s image: %w", p, err)
		}
		return img, nil
	}
	return nil, fmt.Errorf("image %q: want docker-archive:PATH, oci:PATH or registry:REF", spec)
}

// Inventory reads an image's config and the software in its layers.
func Inventory(img v1.Image, source string) (Image, error) {
	out := Image{Source: source}
	id, err := img.ConfigName()
	if err != nil {
		return out, fmt.Errorf("read image config digest: %w", err)
	}
	out.ID = id.String()
	cf, err := img.ConfigFile()
	if err != nil {
		return out, fmt.Errorf("read image config: %w", err)
	}
	applyConfig(&out, cf)
	if err := inventoryLayers(img, &out); err != nil {
		out.InventoryError = err.Error()
		return out, err
	}
	return out, nil
}

func applyConfig(out *Image, cf *v1.ConfigFile) {
	c := cf.Config
	out.User = c.User
	out.Labels = safeLabels(c.Labels)
	out.ExposedPorts = []string{}
	for p := range c.ExposedPorts {
		out.ExposedPorts = append(out.ExposedPorts, p)
	}
	sort.Strings(out.ExposedPorts)
	if c.Healthcheck != nil && len(c.Healthcheck.Test) > 0 {
		out.Healthcheck = &Healthcheck{Test: c.Healthcheck.Test, Disabled: c.Healthcheck.Test[0] == "NONE"}
	}
	out.Values = envValues("env", c.Env)
	keys := make([]string, 0, len(c.Labels))
	for k := range c.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out.Values = append(out.Values, hashValue("label", k, c.Labels[k]))
	}
	hist := cf.History
	if len(hist) > maxHistory {
		hist = hist[:maxHistory]
	}
	out.HistoryCount = len(cf.History)
	lines := make([]string, 0, len(hist))
	for _, h := range hist {
		lines = append(lines, h.CreatedBy)
	}
	out.Values = append(out.Values, historyValues(lines)...)
}

// layerWalk remembers, walking layers from the top down, which paths an
// upper layer already decided (a file, or a whiteout deleting it).
type layerWalk struct {
	seen    map[string]bool
	opaque  []string // directories an upper layer made opaque
	out     *Image
	osFound bool
	dpkg    [][]byte // status and status.d entries, top layer first
}

func (w *layerWalk) hidden(p string) bool {
	if w.seen[p] {
		return true
	}
	for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
		if w.seen[d+"/"] {
			return true
		}
	}
	for _, d := range w.opaque {
		if strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// inventoryLayers walks the layers top-down, reading only package databases
// and os-release, each under a cap, and streams over everything else.
func inventoryLayers(img v1.Image, out *Image) error {
	layers, err := img.Layers()
	if err != nil {
		return fmt.Errorf("list image layers: %w", err)
	}
	w := &layerWalk{seen: map[string]bool{}, out: out}
	managers := map[string]bool{}
	dbs := map[string]bool{}
	for i := len(layers) - 1; i >= 0; i-- {
		var layerOpaque []string
		var layerSeen []string
		if err := func() error {
			rc, err := layers[i].Uncompressed()
			if err != nil {
				return err
			}
			defer rc.Close()
			tr := tar.NewReader(rc)
			for {
				hdr, err := tr.Next()
				if errors.Is(err, io.EOF) {
					return nil
				}
				if err != nil {
					return err
				}
				name, ok := cleanEntry(hdr.Name)
				if !ok {
					out.Warnings = append(out.Warnings, fmt.Sprintf("layer %d: entry %q escapes the image root; not followed", i, hdr.Name))
					continue
				}
				base := path.Base(name)
				if base == ".wh..wh..opq" {
					layerOpaque = append(layerOpaque, path.Dir(name))
					continue
				}
				if strings.HasPrefix(base, ".wh.") {
					del := path.Join(path.Dir(name), strings.TrimPrefix(base, ".wh."))
					if !w.hidden(del) {
						layerSeen = append(layerSeen, del, del+"/")
					}
					continue
				}
				if w.hidden(name) {
					continue
				}
				layerSeen = append(layerSeen, name)
				if err := w.entry(tr, hdr, name, managers, dbs); err != nil {
					return err
				}
			}
		}(); err != nil {
			return fmt.Errorf("read image layer %d: %w", i, err)
		}
		for _, s := range layerSeen {
			w.seen[s] = true
		}
		w.opaque = append(w.opaque, layerOpaque...)
	}
	out.Packages = map[string]Package{}
	for i := len(w.dpkg) - 1; i >= 0; i-- {
		maps := parseDpkgStatus(w.dpkg[i])
		for k, v := range maps {
			out.Packages[k] = v
		}
	}
	for k := range managers {
		out.PackageManagers = append(out.PackageManagers, k)
	}
	sort.Strings(out.PackageManagers)
	if out.PackageManagers == nil {
		out.PackageManagers = []string{}
	}
	for k := range dbs {
		out.PackageDBs = append(out.PackageDBs, k)
	}
	sort.Strings(out.PackageDBs)
	if out.PackageDBs == nil {
		out.PackageDBs = []string{}
	}
	return nil
}

// entry handles one visible layer entry.
func (w *layerWalk) entry(tr *tar.Reader, hdr *tar.Header, name string, managers, dbs map[string]bool) error {
	// A sparse file is a regular file whose holes are not stored.
	regular := hdr.Typeflag == tar.TypeReg || hdr.Typeflag == tar.TypeGNUSparse || hdr.Typeflag == '\x00'
	if !regular && hdr.Typeflag != tar.TypeSymlink && hdr.Typeflag != tar.TypeLink {
		return nil
	}
	if m, ok := packageManagers[name]; ok {
		managers[m] = true
	}
	for _, d := range rpmDBs {
		if strings.HasPrefix(name, d) {
			dbs["/"+strings.TrimSuffix(d, "/")] = true
		}
	}
	if !regular {
		return nil
	}
	switch {
	case name == "etc/os-release" || name == "usr/lib/os-release":
		if w.osFound && name == "usr/lib/os-release" {
			return nil
		}
		b, err := readCapped(tr, hdr, name, maxOSRelease)
		if err != nil {
			return err
		}
		w.osFound = true
		w.out.OS = parseOSRelease(b)
	case name == "var/lib/dpkg/status" || strings.HasPrefix(name, "var/lib/dpkg/status.d/"):
		b, err := readCapped(tr, hdr, name, maxPackageDB)
		if err != nil {
			return err
		}
		dbs["/var/lib/dpkg"] = true
		w.dpkg = append(w.dpkg, b)
	case name == "lib/apk/db/installed":
		b, err := readCapped(tr, hdr, name, maxPackageDB)
		if err != nil {
			return err
		}
		dbs["/lib/apk/db"] = true
		if w.out.Packages == nil {
			w.out.Packages = map[string]Package{}
		}
		for k, v := range parseAPKInstalled(b) {
			w.out.Packages[k] = v
		}
	}
	return nil
}

func readCapped(r io.Reader, hdr *tar.Header, name string, limit int64) ([]byte, error) {
	if hdr.Size > limit {
		return nil, fmt.Errorf("/%s is %d bytes, over the %d-byte cap", name, hdr.Size, limit)
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read /%s: %w", name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("/%s is over the %d-byte cap", name, limit)
	}
	return b, nil
}

// cleanEntry normalises a tar entry name to a relative path inside the
// image; ok is false for names that climb out of the root.
func cleanEntry(n string) (string, bool) {
	n = strings.TrimPrefix(n, "./")
	if slices.Contains(strings.Split(n, "/"), "..") {
		return "", false
	}
	c := path.Clean("/" + n)
	return strings.TrimPrefix(c, "/"), c != "/"
}

// parseDpkgStatus reads installed packages from a dpkg status file.
func parseDpkgStatus(b []byte) map[string]Package {
	out := map[string]Package{}
	for _, st := range bytes.Split(b, []byte("\n\n")) {
		fields := map[string]string{}
		sc := bufio.NewScanner(bytes.NewReader(st))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == ' ' || line[0] == '\t' {
				continue
			}
			k, v, ok := strings.Cut(line, ":")
			if ok {
				fields[strings.ToLower(k)] = strings.TrimSpace(v)
			}
		}
		name := fields["package"]
		if name == "" || !strings.HasSuffix(fields["status"], " installed") && fields["status"] != "" {
			continue
		}
		p := Package{Version: fields["version"], Arch: fields["architecture"], Manager: "dpkg"}
		if src := fields["source"]; src != "" {
			s, ver, _ := strings.Cut(src, " ")
			p.SourceName = s
			p.SourceVersion = strings.Trim(ver, "()")
		}
		out[name] = p
	}
	return out
}

// parseAPKInstalled reads an Alpine installed database (P: name, V: version).
func parseAPKInstalled(b []byte) map[string]Package {
	out := map[string]Package{}
	var name string
	var p Package
	flush := func() {
		if name != "" {
			p.Manager = "apk"
			out[name] = p
		}
		name, p = "", Package{}
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" {
			flush()
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch k {
		case "P":
			name = v
		case "V":
			p.Version = v
		case "A":
			p.Arch = v
		case "o":
			p.SourceName = v
		}
	}
	flush()
	return out
}

// parseOSRelease reads ID and VERSION_ID from os-release.
func parseOSRelease(b []byte) *OS {
	o := &OS{}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"'`)
		switch k {
		case "ID":
			o.ID = v
		case "VERSION_ID":
			o.VersionID = v
		}
	}
	return o
}
