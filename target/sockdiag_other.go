//go:build !linux

package target

import (
	"errors"
	"fmt"
)

func dualStackPorts() (map[string]bool, error) {
	return nil, fmt.Errorf("sock_diag is Linux's: %w", errors.ErrUnsupported)
}
