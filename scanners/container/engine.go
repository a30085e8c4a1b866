package container

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	ctypes "github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"

	"github.com/vouch-audit/vouch/target"
)

// source is where engine facts come from: a live Docker Engine, or a
// recording of one under a dir: target.
type source interface {
	endpoint() string
	version(ctx context.Context) (version, api string, err error)
	containers(ctx context.Context) ([]ctypes.InspectResponse, error)
	networks(ctx context.Context) ([]network.Summary, error)
	diff(ctx context.Context, c ctypes.InspectResponse) ([]ctypes.FilesystemChange, error)
	// image opens the image with this id for inventory; refs are its tags.
	image(ctx context.Context, id string) (img v1.Image, refs []string, cleanup func(), err error)
	close()
}

// live talks to a Docker Engine through its API.
type live struct {
	host     string
	cli      *client.Client
	timeout  time.Duration
	maxImage int64
	tmpDir   string
}

func newLive(host, apiVersion string, timeout time.Duration, maxImage int64, tmpDir string) (*live, error) {
	opts := []client.Opt{client.WithHost(host)}
	if apiVersion != "" {
		opts = append(opts, client.WithAPIVersion(apiVersion))
	} else {
		opts = append(opts, client.WithAPIVersionNegotiation())
	}
	cli, err := client.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("docker client for %s: %w", host, err)
	}
	return &live{host: host, cli: cli, timeout: timeout, maxImage: maxImage, tmpDir: tmpDir}, nil
}

func (l *live) endpoint() string { return l.host }
func (l *live) close()           { _ = l.cli.Close() }

func (l *live) call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, l.timeout)
}

func (l *live) version(ctx context.Context) (string, string, error) {
	ctx, cancel := l.call(ctx)
	defer cancel()
	if _, err := l.cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		return "", "", fmt.Errorf("reach docker engine at %s: %w", l.host, err)
	}
	v, err := l.cli.ServerVersion(ctx, client.ServerVersionOptions{})
	if err != nil {
		return "", "", fmt.Errorf("read docker engine version at %s: %w", l.host, err)
	}
	return v.Version, v.APIVersion, nil
}

func (l *live) containers(ctx context.Context) ([]ctypes.InspectResponse, error) {
	lctx, cancel := l.call(ctx)
	list, err := l.cli.ContainerList(lctx, client.ContainerListOptions{All: true})
	cancel()
	if err != nil {
		return nil, fmt.Errorf("list containers: %w", err)
	}
	out := make([]ctypes.InspectResponse, len(list.Items))
	errs := make([]error, len(list.Items))
	parallel(len(list.Items), 8, func(i int) {
		ictx, cancel := l.call(ctx)
		defer cancel()
		r, err := l.cli.ContainerInspect(ictx, list.Items[i].ID, client.ContainerInspectOptions{})
		if err != nil {
			errs[i] = fmt.Errorf("inspect container %s: %w", list.Items[i].ID, err)
			return
		}
		out[i] = r.Container
	})
	// A container removed between list and inspect is gone, not an error.
	kept := out[:0]
	for i, c := range out {
		if errs[i] != nil {
			if strings.Contains(errs[i].Error(), "No such container") {
				continue
			}
			return nil, errs[i]
		}
		kept = append(kept, c)
	}
	return kept, nil
}

func (l *live) networks(ctx context.Context) ([]network.Summary, error) {
	ctx, cancel := l.call(ctx)
	defer cancel()
	r, err := l.cli.NetworkList(ctx, client.NetworkListOptions{})
	if err != nil {
		return nil, fmt.Errorf("list networks: %w", err)
	}
	return r.Items, nil
}

func (l *live) diff(ctx context.Context, c ctypes.InspectResponse) ([]ctypes.FilesystemChange, error) {
	ctx, cancel := l.call(ctx)
	defer cancel()
	r, err := l.cli.ContainerDiff(ctx, c.ID, client.ContainerDiffOptions{})
	if err != nil {
		return nil, fmt.Errorf("diff container %s: %w", strings.TrimPrefix(c.Name, "/"), err)
	}
	return r.Changes, nil
}

// image saves the image from the engine to a temporary file under a size
// cap and opens it as a docker save tarball: the tarball is read several
// times (manifest, config, layers), which a single API stream cannot serve.
func (l *live) image(ctx context.Context, id string) (v1.Image, []string, func(), error) {
	ictx, cancel := l.call(ctx)
	ins, err := l.cli.ImageInspect(ictx, id)
	cancel()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("inspect image %s: %w", id, err)
	}
	f, err := os.CreateTemp(l.tmpDir, "vouch-image-*.tar")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("save image %s: %w", id, err)
	}
	cleanup := func() { f.Close(); os.Remove(f.Name()) }
	sctx, cancel := context.WithTimeout(ctx, 10*l.timeout)
	defer cancel()
	rc, err := l.cli.ImageSave(sctx, []string{id})
	if err != nil {
		cleanup()
		return nil, nil, nil, fmt.Errorf("save image %s: %w", id, err)
	}
	n, err := io.Copy(f, io.LimitReader(rc, l.maxImage+1))
	rc.Close()
	if err != nil {
		cleanup()
		return nil, nil, nil, fmt.Errorf("save image %s: %w", id, err)
	}
	if n > l.maxImage {
		cleanup()
		return nil, nil, nil, fmt.Errorf("save image %s: larger than the %d-byte cap", id, l.maxImage)
	}
	img, err := tarball.ImageFromPath(f.Name(), nil)
	if err != nil {
		cleanup()
		return nil, nil, nil, fmt.Errorf("open saved image %s: %w", id, err)
	}
	return img, ins.RepoTags, cleanup, nil
}

// RecordDir is where a dir: target keeps its recorded Docker Engine, as
// documented in fixtures/hosts/README.md.
const RecordDir = "/.vouch/docker"

// ErrNotRecorded is the section error of a dir: target with no recording.
var ErrNotRecorded = errors.New("no docker engine recorded")

// recorded answers from files under RecordDir on a dir: target.
type recorded struct {
	t target.Target
}

func (r *recorded) endpoint() string { return r.t.Info().Name + RecordDir }
func (r *recorded) close()           {}

func (r *recorded) readJSON(name string, v any) error {
	p := RecordDir + "/" + name
	b, err := r.t.ReadFile(p, target.DefaultMaxRead)
	if err != nil {
		return fmt.Errorf("read %s: %w", p, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", p, err)
	}
	return nil
}

func (r *recorded) version(context.Context) (string, string, error) {
	var v struct{ Version, APIVersion string }
	if err := r.readJSON("version.json", &v); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", "", nil
		}
		return "", "", err
	}
	return v.Version, v.APIVersion, nil
}

func (r *recorded) containers(context.Context) ([]ctypes.InspectResponse, error) {
	var out []ctypes.InspectResponse
	if err := r.readJSON("containers.json", &out); err != nil {
		return nil, err
	}
	return out, nil
}

func (r *recorded) networks(context.Context) ([]network.Summary, error) {
	var out []network.Summary
	if err := r.readJSON("networks.json", &out); err != nil {
		return nil, err
	}
	return out, nil
}

// diff reads diff/NAME.txt, the output of `docker diff NAME` ("A /path").
func (r *recorded) diff(_ context.Context, c ctypes.InspectResponse) ([]ctypes.FilesystemChange, error) {
	name := strings.TrimPrefix(c.Name, "/")
	p := RecordDir + "/diff/" + name + ".txt"
	b, err := r.t.ReadFile(p, target.DefaultMaxRead)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	var out []ctypes.FilesystemChange
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		k, path, ok := strings.Cut(line, " ")
		kind, known := map[string]ctypes.ChangeType{"C": ctypes.ChangeModify, "A": ctypes.ChangeAdd, "D": ctypes.ChangeDelete}[k]
		if !ok || !known || !strings.HasPrefix(path, "/") {
			return nil, fmt.Errorf("%s:%d: want \"A|C|D /path\", got %q", p, n, line)
		}
		out = append(out, ctypes.FilesystemChange{Path: path, Kind: kind})
	}
	return out, nil
}

// image opens images/ID.tar (the id without "sha256:"), a docker save tarball.
func (r *recorded) image(_ context.Context, id string) (v1.Image, []string, func(), error) {
	p := RecordDir + "/images/" + strings.TrimPrefix(id, "sha256:") + ".tar"
	op, ok := r.t.(target.Opener)
	if !ok {
		return nil, nil, nil, fmt.Errorf("image %s: target cannot stream files", id)
	}
	if _, err := r.t.Stat(p); err != nil {
		return nil, nil, nil, fmt.Errorf("image %s not recorded: %w", id, err)
	}
	img, err := tarball.Image(func() (io.ReadCloser, error) { return op.Open(p) }, nil)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("open recorded image %s: %w", p, err)
	}
	return img, nil, func() {}, nil
}

// parallel runs fn(0..n-1) with at most limit at once.
func parallel(n, limit int, fn func(i int)) {
	sem := make(chan struct{}, limit)
	done := make(chan struct{}, n)
	for i := 0; i < n; i++ {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; done <- struct{}{} }()
			fn(i)
		}()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}
