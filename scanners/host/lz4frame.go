package host

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/pierrec/lz4/v4"
)

// lz4Reader decodes LZ4 frames (the LZ4 frame format, v1.6.x), as APT writes
// compressed package lists. It exists beside github.com/pierrec/lz4's own
// Reader because that one re-allocates its dictionary for every block of a
// frame with linked blocks, which is what APT writes (64 KB blocks, each
// referring to the one before): on Debian's main list that was half the cost
// of a host scan. Blocks are decoded with the library's block decoder into one
// window that keeps the previous 64 KB as the dictionary. Checksums are not
// verified; a damaged list fails to decode or yields stanzas that match no
// installed package.
type lz4Reader struct {
	src      *bufio.Reader
	inFrame  bool
	linked   bool
	blockSum bool
	sum      bool
	blockMax int
	window   []byte // dictionary, then the current block
	pos, end int    // the unread part of window
	comp     []byte
}

const (
	lz4Magic      = 0x184D2204
	lz4SkipMagic  = 0x184D2A50 // to 0x184D2A5F
	lz4DictWindow = 64 << 10
)

func newLZ4Reader(r io.Reader) *lz4Reader {
	return &lz4Reader{src: bufio.NewReaderSize(r, 256<<10)}
}

func (z *lz4Reader) Read(p []byte) (int, error) {
	for z.pos == z.end {
		if err := z.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, z.window[z.pos:z.end])
	z.pos += n
	return n, nil
}

func (z *lz4Reader) u32() (uint32, error) {
	var b [4]byte
	if _, err := io.ReadFull(z.src, b[:]); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b[:]), nil
}

// header reads a frame header; io.EOF means the stream ended between frames.
func (z *lz4Reader) header() error {
	for {
		magic, err := z.u32()
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("lz4: truncated frame magic")
			}
			return err
		}
		if magic&0xFFFFFFF0 == lz4SkipMagic {
			n, err := z.u32()
			if err != nil {
				return fmt.Errorf("lz4: truncated skippable frame")
			}
			if _, err := z.src.Discard(int(n)); err != nil {
				return fmt.Errorf("lz4: truncated skippable frame")
			}
			continue
		}
		if magic != lz4Magic {
			return fmt.Errorf("lz4: not an LZ4 frame (magic %#x)", magic)
		}
		break
	}
	var hd [2]byte
	if _, err := io.ReadFull(z.src, hd[:]); err != nil {
		return fmt.Errorf("lz4: truncated frame header")
	}
	flg, bd := hd[0], hd[1]
	if flg>>6 != 1 {
		return fmt.Errorf("lz4: frame version %d not supported", flg>>6)
	}
	if flg&1 != 0 {
		return errors.New("lz4: frames with a dictionary id are not supported")
	}
	z.linked = flg&0x20 == 0
	z.blockSum = flg&0x10 != 0
	z.sum = flg&0x04 != 0
	switch (bd >> 4) & 7 {
	case 4:
		z.blockMax = 64 << 10
	case 5:
		z.blockMax = 256 << 10
	case 6:
		z.blockMax = 1 << 20
	case 7:
		z.blockMax = 4 << 20
	default:
		return fmt.Errorf("lz4: bad block size code %d", (bd>>4)&7)
	}
	skip := 1 // header checksum
	if flg&0x08 != 0 {
		skip += 8 // content size
	}
	if _, err := z.src.Discard(skip); err != nil {
		return fmt.Errorf("lz4: truncated frame header")
	}
	if cap(z.window) < lz4DictWindow+z.blockMax {
		z.window = make([]byte, lz4DictWindow+z.blockMax)
	}
	z.window = z.window[:lz4DictWindow+z.blockMax]
	z.pos, z.end = 0, 0
	z.inFrame = true
	return nil
}

// next decodes the following block into the window.
func (z *lz4Reader) next() error {
	for {
		if !z.inFrame {
			if err := z.header(); err != nil {
				return err
			}
		}
		size, err := z.u32()
		if err != nil {
			return fmt.Errorf("lz4: truncated block size")
		}
		if size == 0 { // end mark
			if z.sum {
				if _, err := z.src.Discard(4); err != nil {
					return fmt.Errorf("lz4: truncated content checksum")
				}
			}
			z.inFrame = false
			continue
		}
		raw := size&0x80000000 != 0
		n := int(size & 0x7FFFFFFF)
		if n > z.blockMax {
			return fmt.Errorf("lz4: block of %d bytes exceeds the frame's %d", n, z.blockMax)
		}
		if cap(z.comp) < n {
			z.comp = make([]byte, n)
		}
		comp := z.comp[:n]
		if _, err := io.ReadFull(z.src, comp); err != nil {
			return fmt.Errorf("lz4: truncated block")
		}
		if z.blockSum {
			if _, err := z.src.Discard(4); err != nil {
				return fmt.Errorf("lz4: truncated block checksum")
			}
		}
		dict := 0
		if z.linked {
			// Keep the last 64 KB decoded as the next block's dictionary.
			dict = min(z.end, lz4DictWindow)
			copy(z.window, z.window[z.end-dict:z.end])
		}
		dst := z.window[dict : dict+z.blockMax]
		var k int
		if raw {
			k = copy(dst, comp)
		} else if k, err = lz4.UncompressBlockWithDict(comp, dst, z.window[:dict]); err != nil {
			return fmt.Errorf("lz4: %w", err)
		}
		z.pos, z.end = dict, dict+k
		if k > 0 {
			return nil
		}
	}
}
