package target

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHeaderReadsAgreeWithOrWithoutTheScheduler reads the same files with the
// calls told to the scheduler and with raw ones: same bytes, same sizes, same
// errors naming the file.
func TestHeaderReadsAgreeWithOrWithoutTheScheduler(t *testing.T) {
	dir := t.TempDir()
	small := []byte("\x85\x01\x0c\x03header")
	big := bytes.Repeat([]byte{0xa5}, 10_000)
	for name, b := range map[string][]byte{"small.gpg": small, "big.gpg": big, "empty.gpg": nil} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.gpg"), 0o755); err != nil {
		t.Fatal(err)
	}
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	for _, s := range []sys{scheduled, unscheduled} {
		d := &dirHeaders{fd: fd, name: "/backups", sys: s}
		buf := make([]byte, 4096)
		for name, want := range map[string][]byte{"small.gpg": small, "big.gpg": big[:4096], "empty.gpg": {}} {
			n, size, err := d.ReadHeader(name, buf)
			if err != nil {
				t.Fatalf("unscheduled=%v %s: %v", s, name, err)
			}
			if !bytes.Equal(buf[:n], want) {
				t.Errorf("unscheduled=%v %s: read %d bytes, want %d", s, name, n, len(want))
			}
			if wantSize := map[string]int64{"small.gpg": int64(len(small)), "big.gpg": 10_000, "empty.gpg": 0}[name]; size != wantSize {
				t.Errorf("unscheduled=%v %s: size %d, want %d", s, name, size, wantSize)
			}
		}
		if _, _, err := d.ReadHeader("missing.gpg", buf); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "/backups/missing.gpg") {
			t.Errorf("unscheduled=%v missing file: %v, want not-exist naming /backups/missing.gpg", s, err)
		}
		if _, _, err := d.ReadHeader("sub.gpg", buf); err == nil || !strings.Contains(err.Error(), "/backups/sub.gpg is not a regular file") {
			t.Errorf("unscheduled=%v directory: %v, want not a regular file", s, err)
		}
	}
}

// TestLocalDirectoriesUseRawCalls checks the filesystem test: a directory on
// this machine's disk or tmpfs is local, so its headers are read raw.
func TestLocalDirectoriesUseRawCalls(t *testing.T) {
	dh, err := openDirHeaders(t.TempDir(), "tmp", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dh.Close()
	var st syscall.Statfs_t
	if err := syscall.Statfs(os.TempDir(), &st); err != nil {
		t.Fatal(err)
	}
	if got := dh.(*dirHeaders).sys; got != sys(localFS[int64(st.Type)]) {
		t.Errorf("filesystem type %#x: unscheduled=%v, want %v", st.Type, got, localFS[int64(st.Type)])
	}
	if !localFS[int64(st.Type)] {
		t.Logf("the temporary directory is on filesystem %#x, not in the local list", st.Type)
	}
}

// TestReadWholeFiles reads what the host scanner reads: a regular file, a
// /proc file that reports size 0, a FIFO that must not stall the read, and
// files over the cap.
func TestReadWholeFiles(t *testing.T) {
	dir := t.TempDir()
	body := bytes.Repeat([]byte("line of text\n"), 1000)
	if err := os.WriteFile(filepath.Join(dir, "f"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := readWhole(filepath.Join(dir, "f"), "/etc/f", 1<<20); err != nil || !bytes.Equal(b, body) {
		t.Errorf("regular file: %d bytes, %v; want %d bytes", len(b), err, len(body))
	}
	if _, err := readWhole(filepath.Join(dir, "f"), "/etc/f", 100); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "/etc/f") {
		t.Errorf("file over the cap: %v; want ErrTooLarge naming /etc/f", err)
	}
	// /proc/self/status reports size 0 and is longer than the first buffer.
	want, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	b, err := readWhole("/proc/self/status", "/proc/self/status", 1<<20)
	if err != nil || !bytes.HasPrefix(b, []byte("Name:")) || len(b) < len(want)/2 {
		t.Errorf("/proc/self/status: %d bytes, %v; want about %d bytes starting Name:", len(b), err, len(want))
	}
	// smaps is many pages long: read to its end, past the pooled buffer.
	b, err = readWhole("/proc/self/smaps", "/proc/self/smaps", 64<<20)
	if err != nil || len(b) < 16<<10 || !bytes.HasSuffix(b, []byte("\n")) || !bytes.Contains(b[len(b)-200:], []byte("VmFlags:")) {
		t.Errorf("/proc/self/smaps: %d bytes, %v; want all of it, ending with a VmFlags line", len(b), err)
	}
	if _, err := readWhole("/proc/self/status", "/proc/self/status", 64); !errors.Is(err, ErrTooLarge) {
		t.Errorf("/proc file over the cap: %v; want ErrTooLarge", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readWhole(filepath.Join(dir, "pipe"), "/etc/passwd", 1<<20); err == nil || !strings.Contains(err.Error(), "/etc/passwd: not a regular file") {
		t.Errorf("FIFO: %v; want not a regular file", err)
	}
	if _, err := readWhole(dir, "/etc", 1<<20); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v; want is a directory", err)
	}
	if _, err := readWhole(filepath.Join(dir, "missing"), "/etc/missing", 1<<20); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "/etc/missing") {
		t.Errorf("missing file: %v; want not-exist naming /etc/missing", err)
	}
}
