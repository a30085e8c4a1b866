package ssh

import (
	"fmt"

	xssh "golang.org/x/crypto/ssh"

	"github.com/vouch-audit/vouch/target"
)

// maxPublicKey caps a .pub read; the largest OpenSSH public key is far smaller.
const maxPublicKey = 64 << 10

// statFile returns the ownership and mode of a file.
func statFile(t target.Target, p string) FileInfo {
	fi := FileInfo{Path: p}
	st, err := t.Stat(p)
	if err != nil {
		fi.Error = fmt.Sprintf("stat %s: %v", p, err)
		return fi
	}
	fi.Mode = fmt.Sprintf("%04o", st.Mode().Perm())
	if uid, gid, ok := target.Owner(st); ok {
		u, g := int(uid), int(gid)
		fi.Owner, fi.Group = &u, &g
	}
	return fi
}

// hostKeyInfo describes a HostKey: the private file is only stat'ed; type,
// size and fingerprint come from the public key beside it (PATH.pub).
func hostKeyInfo(t target.Target, p string) HostKey {
	fi := statFile(t, p)
	hk := HostKey{Path: p, Owner: fi.Owner, Group: fi.Group, Mode: fi.Mode, Error: fi.Error}
	data, err := t.ReadFile(p+".pub", maxPublicKey)
	if err != nil {
		if hk.Error == "" {
			hk.Error = fmt.Sprintf("read %s.pub: %v", p, err)
		}
		return hk
	}
	pk, _, _, _, err := xssh.ParseAuthorizedKey(data)
	if err != nil {
		if hk.Error == "" {
			hk.Error = fmt.Sprintf("parse %s.pub: %v", p, err)
		}
		return hk
	}
	d := describeKey(pk)
	hk.Type, hk.Bits, hk.Fingerprint = d.Type, d.Bits, d.Fingerprint
	return hk
}
