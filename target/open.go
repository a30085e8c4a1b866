package target

import (
	"io/fs"
	"os"
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
