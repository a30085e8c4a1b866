//go:build !linux

package target

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func readHeader(hostPath, name string, buf []byte) (int, int64, error) {
	f, err := os.Open(hostPath)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	if !fi.Mode().IsRegular() {
		return 0, 0, fmt.Errorf("%s is not a regular file", name)
	}
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return n, fi.Size(), err
}

type dirHeaders struct {
	host, name string
	fallback   func(string, []byte) (int, int64, error)
}

func openDirHeaders(hostPath, name string, fallback func(string, []byte) (int, int64, error)) (DirHeaders, error) {
	return &dirHeaders{host: hostPath, name: name, fallback: fallback}, nil
}

func (d *dirHeaders) ReadHeader(file string, buf []byte) (int, int64, error) {
	if d.fallback != nil {
		return d.fallback(file, buf)
	}
	return readHeader(filepath.Join(d.host, file), file, buf)
}

func (d *dirHeaders) Close() error { return nil }

func readWhole(fsPath, name string, max int64) ([]byte, error) {
	return readWholeFile(fsPath, name, max)
}
