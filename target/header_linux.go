package target

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sync"
	"syscall"
	"unsafe"
)

// readHeader opens, stats, reads and closes with plain system calls: no poller
// registration and no finalizer, which halves the cost per file.
func readHeader(hostPath, name string, buf []byte) (int, int64, error) {
	fd, err := openNoatime(func(extra int) (int, error) {
		return syscall.Open(hostPath, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|extra, 0)
	})
	if err != nil {
		return 0, 0, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return readFD(scheduled, fd, func() string { return name }, buf)
}

// readWhole reads a whole file, up to max bytes, with plain system calls:
// open, fstat, read until the size fstat gave (or, for /proc files, which
// report 0, until the end), close. Going through package os would add a
// poller registration and a read only to learn of the end to every file, and
// the host scanner reads hundreds. The open does not block on a FIFO, and
// anything but a regular file is refused, so a planted pipe cannot stall a
// scan.
func readWhole(fsPath, name string, max int64) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(fsPath, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
	case syscall.S_IFDIR:
		return nil, fmt.Errorf("read %s: is a directory", name)
	default:
		return nil, fmt.Errorf("read %s: not a regular file", name)
	}
	if st.Size > max {
		return nil, fmt.Errorf("read %s: %d bytes: %w (%d)", name, st.Size, ErrTooLarge, max)
	}
	if st.Size == 0 {
		return readPseudo(fd, name, max)
	}
	buf := make([]byte, 0, st.Size+512)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow: the file grew since the fstat
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return nil, fmt.Errorf("read %s: %w (%d)", name, ErrTooLarge, max)
		}
		// The size fstat gave is read: the file as it was when opened.
		if n == 0 || int64(len(buf)) == st.Size {
			return buf, nil
		}
	}
}

// pseudoBufs hold the reads of files that report no size (/proc, /sys):
// most are a few hundred bytes, all are produced a page at a time.
var pseudoBufs = sync.Pool{New: func() any { b := make([]byte, 4096); return &b }}

// readPseudo reads fd, a file that reported size 0, to its end into a pooled
// buffer and returns a copy of what it read: two reads for the usual /proc
// file (its text, then the end) instead of one per growth of the buffer.
func readPseudo(fd int, name string, max int64) ([]byte, error) {
	bp := pseudoBufs.Get().(*[]byte)
	defer func() {
		if len(*bp) <= 64<<10 { // a large one is left to the collector
			pseudoBufs.Put(bp)
		}
	}()
	buf, n := *bp, 0
	for {
		if n == len(buf) {
			buf = append(buf, make([]byte, len(buf))...)
			*bp = buf
		}
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		n += m
		if int64(n) > max {
			return nil, fmt.Errorf("read %s: %w (%d)", name, ErrTooLarge, max)
		}
		if m == 0 {
			return append(make([]byte, 0, n), buf[:n]...), nil
		}
	}
}

// readFD reads the start of fd into buf and closes it; name is called only
// for an error's message.
func readFD(s sys, fd int, name func() string, buf []byte) (int, int64, error) {
	defer s.close(fd)
	var st syscall.Stat_t
	if err := s.fstat(fd, &st); err != nil {
		return 0, 0, &fs.PathError{Op: "stat", Path: name(), Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return 0, 0, fmt.Errorf("%s is not a regular file", name())
	}
	n := 0
	// stop at the size fstat gave: a second read only to learn of the end
	// would double the system calls for files smaller than buf
	for n < len(buf) && int64(n) < st.Size {
		m, err := s.read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, st.Size, &fs.PathError{Op: "read", Path: name(), Err: err}
		}
		if m == 0 {
			break
		}
		n += m
	}
	return n, st.Size, nil
}

// dirHeaders opens files relative to a directory descriptor, so the kernel
// walks the directory's path once, not once per file.
type dirHeaders struct {
	fd       int
	name     string
	sys      sys
	fallback func(name string, buf []byte) (int, int64, error)
}

func openDirHeaders(hostPath, name string, fallback func(string, []byte) (int, int64, error)) (DirHeaders, error) {
	fd, err := syscall.Open(hostPath, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	s := scheduled
	var st syscall.Statfs_t
	if syscall.Fstatfs(fd, &st) == nil && localFS[int64(st.Type)] {
		s = unscheduled
	}
	return &dirHeaders{fd: fd, name: name, sys: s, fallback: fallback}, nil
}

func (d *dirHeaders) ReadHeader(file string, buf []byte) (int, int64, error) {
	flags := syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK
	if d.fallback != nil {
		flags |= syscall.O_NOFOLLOW // a tree's symlinks resolve inside the tree
	}
	fd, err := openNoatime(func(extra int) (int, error) { return d.sys.openat(d.fd, file, flags|extra) })
	if errors.Is(err, syscall.ELOOP) && d.fallback != nil {
		return d.fallback(file, buf)
	}
	if err != nil {
		return 0, 0, &fs.PathError{Op: "open", Path: path.Join(d.name, file), Err: err}
	}
	return readFD(d.sys, fd, func() string { return path.Join(d.name, file) }, buf)
}

func (d *dirHeaders) Close() error { return syscall.Close(d.fd) }

// openNoatime opens without touching the file's access time where the kernel
// allows it (the caller owns the file, or is root): an audit reads, it does
// not leave traces, and an atime update is an inode write.
func openNoatime(open func(extra int) (int, error)) (int, error) {
	fd, err := open(noatime)
	if err == syscall.EPERM && noatime != 0 {
		fd, err = open(0)
	}
	return fd, err
}

// sys says whether a header read's four calls are told to the Go scheduler.
//
// A call the scheduler is told of (syscall.Syscall) lets sysmon hand the
// goroutine's P to another thread when it takes a while, and wake one back
// after: on 100,000 small reads from the page cache that hand-off costs more
// than the reads. On a local filesystem the calls finish in microseconds, so
// they are made without telling it (RawSyscall). On a network or FUSE
// filesystem a call can block for as long as the server pleases, and holding
// a P meanwhile could stall the whole process, so there the calls go through
// the scheduler.
type sys bool

const (
	scheduled   sys = false
	unscheduled sys = true
)

func (s sys) openat(dirfd int, name string, flags int) (int, error) {
	if s == scheduled {
		return syscall.Openat(dirfd, name, flags, 0)
	}
	p, err := syscall.BytePtrFromString(name)
	if err != nil {
		return -1, err
	}
	fd, _, e := syscall.RawSyscall6(syscall.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(flags), 0, 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

func (s sys) fstat(fd int, st *syscall.Stat_t) error {
	if s == scheduled {
		return syscall.Fstat(fd, st)
	}
	if _, _, e := syscall.RawSyscall(syscall.SYS_FSTAT, uintptr(fd), uintptr(unsafe.Pointer(st)), 0); e != 0 {
		return e
	}
	return nil
}

func (s sys) read(fd int, p []byte) (int, error) {
	if s == scheduled {
		return syscall.Read(fd, p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	n, _, e := syscall.RawSyscall(syscall.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

func (s sys) close(fd int) {
	if s == scheduled {
		syscall.Close(fd)
		return
	}
	syscall.RawSyscall(syscall.SYS_CLOSE, uintptr(fd), 0, 0)
}

// localFS are the filesystem magic numbers (statfs f_type) of local disk and
// memory filesystems, whose calls do not wait on another machine.
var localFS = map[int64]bool{
	0xEF53:     true, // ext2, ext3, ext4
	0x58465342: true, // xfs
	0x9123683E: true, // btrfs
	0x01021994: true, // tmpfs
	0x858458F6: true, // ramfs
	0x794C7630: true, // overlayfs
	0x2FC12FC1: true, // zfs
	0xF2F52010: true, // f2fs
	0x4D44:     true, // vfat
	0x5346544E: true, // ntfs
	0x2011BAB0: true, // exfat
	0x3153464A: true, // jfs
	0x52654973: true, // reiserfs
}
