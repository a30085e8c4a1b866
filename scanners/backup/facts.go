// Package backup reads the backups vouch.yaml declares — archive directories
// whose file names carry an instance and a time, and restic repositories read
// through the restic CLI — and the restore-test records a restore script
// appends to. For archives it parses the OpenPGP packet structure by hand
// (RFC 9580 section 4 and 5): the session key packets and their key ids tell
// who can decrypt, the encrypted data packet tells that the content is
// encrypted, and reading the packets to the end tells that the newest archive
// is whole. It never decrypts anything and never reads a password.
package backup

import "time"

// Facts is the backup section of a facts document.
type Facts struct {
	// Declared names every set in vouch.yaml, so a control can tell a set that
	// could not be read (absent from Sets, with an error) from one never declared.
	Declared []string `json:"declared"`
	// Sets holds each set that could be read, by name.
	Sets map[string]*Set `json:"sets"`
	// RestoreTests are the restore-test records, oldest first; nil when the
	// record file is not configured or could not be read.
	RestoreTests []RestoreTest `json:"restore_tests"`
}

// Set is one backup set and what it holds.
type Set struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Location string `json:"location"`
	// Source is the directory or repository read.
	Source string `json:"source"`
	// MaxAgeHours is the set's own limit, overriding backup_max_age_hours.
	MaxAgeHours *float64 `json:"max_age_hours"`
	// Count is the number of backups found.
	Count int `json:"count"`
	// Newest is the most recent backup, with its integrity checked.
	Newest *Backup `json:"newest"`
	// NewestAgeHours is the newest backup's age at the run's clock.
	NewestAgeHours *float64 `json:"newest_age_hours"`
	// RPOHours is the longest stretch without a backup over the last 30 days,
	// the time since the newest one included: the data a disaster could lose.
	RPOHours *float64 `json:"rpo_hours"`
	// Backups lists every backup, newest first.
	Backups []Backup `json:"backups"`
	// Anomalies are files or snapshots that look like backups but are not
	// counted: a time that does not parse or lies in the future, an unreadable
	// file. They are never taken as backed up.
	Anomalies []Anomaly `json:"anomalies"`
	// Ignored counts directory entries that do not match the pattern.
	Ignored int `json:"ignored"`
	// Check is the result of restic check (restic sets only).
	Check *Integrity `json:"check,omitempty"`
	// Instances summarises the backups per instance, so controls judge each
	// instance without walking every backup once per instance.
	Instances map[string]*Instance `json:"instances"`
}

// Instance is what a set holds for one instance.
type Instance struct {
	Count int `json:"count"`
	// Newest is the id and time of the instance's most recent backup.
	Newest     string    `json:"newest"`
	NewestTime time.Time `json:"newest_time"`
	// KeyIDs are the OpenPGP key ids its backups are encrypted to.
	KeyIDs []string `json:"key_ids"`
	// Days are the distinct UTC days (days since 1970-01-01) holding a
	// backup, newest first: what a retention schedule counts.
	Days []int64 `json:"days"`
}

// Backup is one archive or snapshot.
type Backup struct {
	// ID is the file name or the snapshot id.
	ID       string    `json:"id"`
	Time     time.Time `json:"time"`
	Size     *int64    `json:"size"`
	Instance string    `json:"instance"`
	// Encryption is what the archive's structure or the repository format says.
	Encryption Encryption `json:"encryption"`
	// Integrity is checked for the newest backup of each set only.
	Integrity *Integrity `json:"integrity,omitempty"`
}

// Encryption describes how a backup is encrypted, from its structure.
type Encryption struct {
	Encrypted bool `json:"encrypted"`
	// Format is openpgp, restic or none.
	Format string `json:"format"`
	// Method is public-key, passphrase or public-key+passphrase (OpenPGP), or
	// the restic repository cipher.
	Method string `json:"method,omitempty"`
	// KeyIDs are the OpenPGP key ids a session key is encrypted to.
	KeyIDs []string `json:"key_ids,omitempty"`
	// DataPacket names the encrypted data packet and its version.
	DataPacket string `json:"data_packet,omitempty"`
	// Detail says what an unencrypted file is.
	Detail string `json:"detail,omitempty"`
}

// Integrity is the result of a structural check.
type Integrity struct {
	// Checked is false when the format has no check vouch can run.
	Checked bool `json:"checked"`
	OK      bool `json:"ok"`
	// Method names the check: "openpgp packets", "gzip stream", "restic check".
	Method string `json:"method"`
	Detail string `json:"detail,omitempty"`
}

// Anomaly is an entry that is not counted as a backup, and why.
type Anomaly struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// RestoreTest is one line of the restore-test record file.
type RestoreTest struct {
	// Time is when the restore started (RFC 3339).
	Time time.Time `json:"time"`
	// DurationSeconds is how long the restore took until the service answered.
	DurationSeconds float64 `json:"duration_seconds"`
	// Outcome is success or failure.
	Outcome string `json:"outcome"`
	// Backup names what was restored: "SET/ID" or a free label.
	Backup string `json:"backup"`
	// Who ran the test: a person or a job.
	Who string `json:"who"`
	// Line is the record's line in the file.
	Line int `json:"line"`
}
