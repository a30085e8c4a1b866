package target

import "syscall"

const noatime = syscall.O_NOATIME
