package target

import (
	"io/fs"
	"os"
	"path"
)

// Opener is implemented by targets that can stream a file, so a caller reads
// an archive's header without loading the archive. Local and Dir implement it.
type Opener interface {
	// Open opens a file of the target for reading.
	Open(path string) (fs.File, error)
}

var (
	_ Opener = (*Local)(nil)
	_ Opener = (*Dir)(nil)
)

// Open opens a local file.
func (*Local) Open(path string) (fs.File, error) { return os.Open(path) }

// Open opens a file of the tree, following symlinks inside it.
func (d *Dir) Open(p string) (fs.File, error) {
	hp, err := d.resolve(p, true)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(hp)
	if err != nil {
		return nil, relabel(err, p)
	}
	return f, nil
}

// HeaderReader is implemented by targets that read the first bytes of a file
// and its size in one step, with as few system calls as the platform allows.
// Scanning many archives' headers costs mostly system calls.
type HeaderReader interface {
	// ReadHeader fills buf from the start of a regular file and returns how
	// many bytes it read and the file's size.
	ReadHeader(path string, buf []byte) (n int, size int64, err error)
	// OpenDir returns a reader of headers of files directly in dir, which
	// opens each one relative to the directory rather than by full path.
	OpenDir(dir string) (DirHeaders, error)
}

// DirHeaders reads the headers of files in one directory; it is safe for
// concurrent use until closed.
type DirHeaders interface {
	ReadHeader(name string, buf []byte) (n int, size int64, err error)
	Close() error
}

var (
	_ HeaderReader = (*Local)(nil)
	_ HeaderReader = (*Dir)(nil)
)

// ReadHeader reads the start of a local file.
func (*Local) ReadHeader(path string, buf []byte) (int, int64, error) {
	return readHeader(path, path, buf)
}

// ReadHeader reads the start of a file of the tree, following symlinks inside it.
func (d *Dir) ReadHeader(p string, buf []byte) (int, int64, error) {
	hp, err := d.resolve(p, true)
	if err != nil {
		return 0, 0, err
	}
	return readHeader(hp, p, buf)
}

// OpenDir opens a local directory for header reads.
func (*Local) OpenDir(dir string) (DirHeaders, error) { return openDirHeaders(dir, dir, nil) }

// OpenDir opens a directory of the tree for header reads; a symlink inside
// it is resolved within the tree.
func (d *Dir) OpenDir(p string) (DirHeaders, error) {
	hp, err := d.resolve(p, true)
	if err != nil {
		return nil, err
	}
	return openDirHeaders(hp, p, func(name string, buf []byte) (int, int64, error) {
		return d.ReadHeader(path.Join(p, name), buf)
	})
}
