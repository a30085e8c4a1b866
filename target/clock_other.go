//go:build !linux

package target

import "errors"

func ntpSynchronized() (bool, error) {
	return false, errors.New("the kernel's clock state is read with adjtimex, which only Linux has")
}
