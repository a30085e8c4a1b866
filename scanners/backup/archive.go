package backup

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"sync"
	"time"

	"github.com/vouch-audit/vouch/config"
	"github.com/vouch-audit/vouch/target"
)

// headerRead is how much of an archive a header check may buffer; session key
// packets of every real key size fit in it.
const headerRead = 4096

// maxWholeRead caps an archive read whole on a target that cannot stream.
const maxWholeRead = 64 << 20

func (s *Scanner) scanArchives(ctx context.Context, t target.Target, now time.Time, bs config.BackupSet) (*Set, error) {
	np, err := compilePattern(bs.Pattern)
	if err != nil {
		return nil, err
	}
	loc := time.UTC
	if bs.Timezone != "" {
		if loc, err = time.LoadLocation(bs.Timezone); err != nil {
			return nil, fmt.Errorf("timezone %q: %w", bs.Timezone, err)
		}
	}
	entries, err := t.ReadDir(bs.Path)
	if err != nil {
		return nil, fmt.Errorf("read archive directory %s: %w", bs.Path, err)
	}
	set := &Set{Name: bs.Name, Type: bs.Type, Location: bs.Location, Source: bs.Path, MaxAgeHours: bs.MaxAgeHours}

	// Headers are read by workers while the names are still being matched; a
	// file that cannot be read is not a backup.
	var dh target.DirHeaders
	if hr, ok := t.(target.HeaderReader); ok {
		if dh, err = hr.OpenDir(bs.Path); err != nil {
			return nil, fmt.Errorf("read archive directory %s: %w", bs.Path, err)
		}
		defer dh.Close()
	}
	type candidate struct {
		ts   time.Time
		inst string
		i    int // index in entries and headers
	}
	var (
		cands   = make([]candidate, 0, len(entries))
		headers = make([]archiveHeader, len(entries))
		wg      sync.WaitGroup
		next    = make(chan int, 1024)
	)
	for range max(1, s.workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hb := &headerBuf{br: bufio.NewReaderSize(nil, headerRead), buf: make([]byte, headerRead)}
			for i := range next {
				headers[i] = readHeader(t, dh, bs.Path, entries[i].Name(), hb)
			}
		}()
	}
	for i, e := range entries {
		if ctx.Err() != nil {
			break
		}
		if e.IsDir() {
			continue
		}
		name := e.Name()
		inst, ts, ok, err := np.match(name, loc)
		switch {
		case !ok:
			set.Ignored++
			continue
		case err != nil:
			set.Anomalies = append(set.Anomalies, Anomaly{ID: name, Reason: err.Error()})
			continue
		case ts.After(now.Add(futureSkew)):
			set.Anomalies = append(set.Anomalies, Anomaly{ID: name, Reason: fmt.Sprintf("time %s in the file name is in the future", ts.Format(time.RFC3339))})
			continue
		}
		if inst == "" {
			inst = bs.Instance
		}
		if inst == "" {
			inst = bs.Name
		}
		cands = append(cands, candidate{ts: ts, inst: inst, i: i})
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Newest first; the same time in name order (entries are sorted by name).
	// Sorting these small records, not the backups, keeps 100,000 archives cheap.
	slices.SortFunc(cands, func(a, b candidate) int {
		if c := b.ts.Compare(a.ts); c != 0 {
			return c
		}
		return a.i - b.i
	})
	set.Backups = make([]Backup, 0, len(cands))
	for _, c := range cands {
		name, h := entries[c.i].Name(), &headers[c.i]
		if h.err != "" {
			set.Anomalies = append(set.Anomalies, Anomaly{ID: name, Reason: h.err})
			continue
		}
		size := h.size
		set.Backups = append(set.Backups, Backup{ID: name, Time: c.ts, Instance: c.inst, Size: &size, Encryption: h.enc})
	}
	if len(set.Backups) > 0 {
		in := checkArchive(t, path.Join(bs.Path, set.Backups[0].ID))
		set.Backups[0].Integrity = &in
	}
	return set, nil
}

// open streams a target file, or reads it whole (capped) where the target
// cannot stream.
func open(t target.Target, p string) (io.ReadCloser, int64, error) {
	if o, ok := t.(target.Opener); ok {
		f, err := o.Open(p)
		if err != nil {
			return nil, 0, err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, err
		}
		if !fi.Mode().IsRegular() {
			f.Close()
			return nil, 0, fmt.Errorf("%s is not a regular file", p)
		}
		return f, fi.Size(), nil
	}
	b, err := t.ReadFile(p, maxWholeRead)
	if err != nil {
		return nil, 0, err
	}
	return io.NopCloser(bytes.NewReader(b)), int64(len(b)), nil
}

// archiveHeader is what the first bytes of an archive say.
type archiveHeader struct {
	size int64
	enc  Encryption
	err  string // the file could not be read: it is not a backup
}

// headerBuf is one header reader's buffers, reused from file to file.
type headerBuf struct {
	br  *bufio.Reader
	r   bytes.Reader
	buf []byte
}

// readHeader reads an archive's size and encryption from its first packets.
func readHeader(t target.Target, dh target.DirHeaders, dir, name string, hb *headerBuf) archiveHeader {
	br := hb.br
	if dh != nil {
		n, size, err := dh.ReadHeader(name, hb.buf)
		if err != nil {
			return archiveHeader{err: fmt.Sprintf("read archive header: %v", err)}
		}
		hb.r.Reset(hb.buf[:n])
		br.Reset(&hb.r)
		return archiveHeader{size: size, enc: encryptionOf(br)}
	}
	f, size, err := open(t, path.Join(dir, name))
	if err != nil {
		return archiveHeader{err: fmt.Sprintf("read archive header: %v", err)}
	}
	defer f.Close()
	br.Reset(f)
	return archiveHeader{size: size, enc: encryptionOf(br)}
}

func encryptionOf(br *bufio.Reader) Encryption {
	detail := sniff(br)
	m, err := parseMessage(br, false)
	switch {
	case errors.Is(err, errNotOpenPGP):
		return Encryption{Format: "none", Detail: detail}
	case err != nil:
		return Encryption{Format: "openpgp", Detail: "OpenPGP structure does not parse: " + err.Error()}
	case !m.Encrypted:
		return Encryption{Format: "openpgp", Detail: "OpenPGP message starting with a " + m.First + " packet, not encrypted"}
	}
	return Encryption{Encrypted: true, Format: "openpgp", Method: m.Method, KeyIDs: m.KeyIDs, DataPacket: m.DataPacket}
}

// checkArchive reads an archive to its end: OpenPGP packets must parse to the
// last byte, a gzip stream must decompress to its end with a good checksum.
func checkArchive(t target.Target, p string) Integrity {
	f, _, err := open(t, p)
	if err != nil {
		return Integrity{Checked: true, Method: "read", Detail: fmt.Sprintf("read %s: %v", p, err)}
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	if sniff(br) == "gzip data" {
		zr, err := gzip.NewReader(br)
		if err == nil {
			_, err = io.Copy(io.Discard, zr)
		}
		if err != nil {
			return Integrity{Checked: true, Method: "gzip stream", Detail: err.Error()}
		}
		return Integrity{Checked: true, OK: true, Method: "gzip stream"}
	}
	m, err := parseMessage(br, true)
	switch {
	case errors.Is(err, errNotOpenPGP):
		return Integrity{Method: "none", Detail: "neither OpenPGP nor gzip: no structure to check"}
	case err != nil:
		return Integrity{Checked: true, Method: "openpgp packets", Detail: err.Error()}
	case !m.Encrypted:
		return Integrity{Method: "openpgp packets", Detail: "unencrypted OpenPGP message: structure not checked"}
	}
	return Integrity{Checked: true, OK: true, Method: "openpgp packets", Detail: "packets parse to the end of the file"}
}
