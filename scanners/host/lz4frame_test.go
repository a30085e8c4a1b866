package host

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pierrec/lz4/v4"

	"github.com/vouch-audit/vouch/internal/testenv"
)

func lz4Frame(t *testing.T, data []byte, opts ...lz4.Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := lz4.NewWriter(&buf)
	if err := w.Apply(opts...); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLZ4ReaderMatchesTheLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var text strings.Builder
	for i := range 30000 {
		text.WriteString("Package: p")
		text.WriteString(strings.Repeat(string(rune('a'+r.IntN(26))), 1+r.IntN(12)))
		text.WriteString("\nVersion: 1.")
		text.WriteString(strings.Repeat("9", i%7+1))
		text.WriteString("\n\n")
	}
	data := []byte(text.String())
	noise := make([]byte, 200<<10)
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	skippable := binary.LittleEndian.AppendUint32(nil, lz4SkipMagic+3)
	skippable = binary.LittleEndian.AppendUint32(skippable, 5)
	skippable = append(skippable, "hello"...)
	cases := map[string][]byte{
		"64 KB blocks":               lz4Frame(t, data, lz4.BlockSizeOption(lz4.Block64Kb)),
		"4 MB blocks with checksums": lz4Frame(t, data, lz4.BlockSizeOption(lz4.Block4Mb), lz4.BlockChecksumOption(true), lz4.ChecksumOption(true)),
		"content size":               lz4Frame(t, data, lz4.SizeOption(uint64(len(data)))),
		"incompressible":             lz4Frame(t, noise),
		"two frames and a skippable": append(append(lz4Frame(t, data[:1000]), skippable...), lz4Frame(t, data[1000:])...),
	}
	for name, frame := range cases {
		t.Run(name, func(t *testing.T) {
			want, err := io.ReadAll(lz4.NewReader(bytes.NewReader(frame)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(newLZ4Reader(bytes.NewReader(frame)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("decoded %d bytes differ from the library's %d", len(got), len(want))
			}
		})
	}
	for _, cut := range []int{3, 6, 20, len(cases["64 KB blocks"]) - 2} {
		if _, err := io.ReadAll(newLZ4Reader(bytes.NewReader(cases["64 KB blocks"][:cut]))); err == nil {
			t.Errorf("a frame cut at %d bytes decoded without an error", cut)
		}
	}
	if _, err := io.ReadAll(newLZ4Reader(strings.NewReader("not lz4 at all"))); err == nil || !strings.Contains(err.Error(), "not an LZ4 frame") {
		t.Errorf("garbage: error %v; want not an LZ4 frame", err)
	}
}

// TestLZ4ReaderLinkedBlocks checks frames with linked blocks, which APT
// writes and the library's writer does not: made by the real lz4(1) with -BD,
// and every lz4 list APT keeps on this machine, each compared with the
// library's reader byte for byte.
func TestLZ4ReaderLinkedBlocks(t *testing.T) {
	lz4cmd := testenv.Need(t, "lz4", "lz4")
	var text strings.Builder
	for i := range 200000 {
		fmt.Fprintf(&text, "Package: pkg%d\nVersion: 2.%d-1\nDescription: the same words again and again %d\n\n", i%977, i%13, i%31)
	}
	in := filepath.Join(t.TempDir(), "Packages")
	if err := os.WriteFile(in, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, flags := range [][]string{{"-BD", "-B4"}, {"-BD", "-B7", "-BX"}} {
		out := in + flags[1] + ".lz4"
		if b, err := exec.Command(lz4cmd, append(append([]string{"-q", "-f"}, flags...), in, out)...).CombinedOutput(); err != nil {
			t.Fatalf("lz4 %v: %v: %s", flags, err, b)
		}
		files = append(files, out)
	}
	apt, _ := filepath.Glob("/var/lib/apt/lists/*_Packages.lz4")
	for _, p := range append(files, apt...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		h1, h2 := sha256.New(), sha256.New()
		n1, err1 := io.Copy(h1, lz4.NewReader(bytes.NewReader(b)))
		n2, err2 := io.Copy(h2, newLZ4Reader(bytes.NewReader(b)))
		if err1 != nil || err2 != nil || n1 != n2 || !bytes.Equal(h1.Sum(nil), h2.Sum(nil)) || n2 == 0 {
			t.Errorf("%s: library %d bytes (%v), ours %d bytes (%v), equal %v", filepath.Base(p), n1, err1, n2, err2, bytes.Equal(h1.Sum(nil), h2.Sum(nil)))
		}
	}
}
