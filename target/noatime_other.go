//go:build unix && !linux

package target

const noatime = 0
