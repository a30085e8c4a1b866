package target

import (
	"fmt"
	"syscall"
)

func ntpSynchronized() (bool, error) {
	var tx syscall.Timex // modes 0: read only
	if _, err := syscall.Adjtimex(&tx); err != nil {
		return false, fmt.Errorf("adjtimex: %w", err)
	}
	return tx.Maxerror < maxErrorUnsynced, nil
}
