package target

// Clock is implemented by targets that can ask their kernel about the system
// clock directly, as the local machine can; the others answer from recorded
// command output (timedatectl show).
type Clock interface {
	// NTPSynchronized reports whether the kernel holds the clock as
	// synchronised, by the rule systemd's timedated uses for timedatectl's
	// NTPSynchronized: adjtimex's maximum error below 16 seconds.
	NTPSynchronized() (bool, error)
}

var _ Clock = (*Local)(nil)

// NTPSynchronized asks the local kernel with adjtimex(2), changing nothing.
func (*Local) NTPSynchronized() (bool, error) { return ntpSynchronized() }

// maxErrorUnsynced is the kernel's maximum error, in microseconds, from which
// the clock counts as unsynchronised (NTP_PHASE_LIMIT; systemd's ntp_synced).
const maxErrorUnsynced = 16_000_000
