# METADATA
# title: Data paths are on encrypted block devices
# description: >-
#   Data at rest is protected only if the filesystem holding it sits on dm-crypt
#   (LUKS) with a strong cipher. For each path in encrypted_paths the control
#   finds the mount that stores it and fails when that mount is not encrypted,
#   or uses a cipher or key size outside the allowed ones. Without
#   encrypted_paths there is nothing to check and the control is skipped.
# custom:
#   id: HOST-011
#   severity: high
#   claim: "Data stored on the server by users is systematically encrypted using the AES256 (Advanced Encryption Standard) symmetrical encryption method"
#   sources:
#     - doc: 002_ba81f47ec2314e3a.txt
#       section: PROTECTION OF DATA STORED ON THE SERVER
#     - doc: 003_7131057a99cca39e.txt
#       section: Data Encryption
#     - doc: 004_72802e2c2274da85.txt
#       section: Measures protecting your code and data / Data Encryption
#   facts: [host.encryption]
#   parameters:
#     encrypted_paths:
#       type: array
#       default: []
#       description: Absolute paths holding data that must be encrypted at rest (e.g. /srv, /var/lib/postgresql). Empty skips the control.
#     allowed_ciphers:
#       type: array
#       default: [aes-xts-plain64]
#       description: >-
#         dm-crypt cipher specifications accepted, as cryptsetup reports them. Together
#         with min_key_bits this is the minimum cipher.
#     min_key_bits:
#       type: integer
#       default: 256
#       description: >-
#         Smallest dm-crypt key size accepted, in bits, as cryptsetup reports it. XTS
#         splits the key in two: aes-xts-plain64 with 256 bits is AES-128, with 512 bits
#         AES-256.
#   remediation: >-
#     Move the data to a LUKS2 volume (cryptsetup luksFormat --cipher aes-xts-plain64
#     --key-size 512) and mount it at the path.
package vouch.controls.host.encryption_at_rest

import data.vouch.lib

enc := input.host.encryption

error contains msg if some msg in lib.missing({"host.encryption"})

skip contains "no encrypted_paths are configured: name the data paths that must be encrypted at rest" if {
	count(input.params.encrypted_paths) == 0
}

points := [m.mount_point | some m in enc.mounts]

# mount_of is the encryption state of the mount that stores path.
mount_of(path) := m if {
	mp := lib.mount_for(path, points)
	some m in enc.mounts
	m.mount_point == mp
}

device(name) := d if {
	some d in enc.devices
	d.name == name
}

error contains msg if {
	enc
	some path in input.params.encrypted_paths
	not mount_of(path)
	msg := sprintf("no mount holds %s", [path])
}

error contains msg if {
	some path in input.params.encrypted_paths
	m := mount_of(path)
	m.encrypted
	not device(m.crypt_name)
	msg := sprintf("%s is on dm-crypt device %s, whose cipher was not collected", [path, m.crypt_name])
}

deny contains {"msg": msg, "data": {"path": path, "mount": m}} if {
	some path in input.params.encrypted_paths
	m := mount_of(path)
	not m.encrypted
	msg := sprintf("%s is on %s (mounted at %s), which is not encrypted", [path, m.device, m.mount_point])
}

deny contains {"msg": msg, "data": {"path": path, "mount": m, "device": d}} if {
	some path in input.params.encrypted_paths
	m := mount_of(path)
	m.encrypted
	d := device(m.crypt_name)
	not d.cipher in input.params.allowed_ciphers
	msg := sprintf("%s is encrypted with %s, not an allowed cipher (%s)", [path, d.cipher, concat(", ", input.params.allowed_ciphers)])
}

deny contains {"msg": msg, "data": {"path": path, "mount": m, "device": d}} if {
	some path in input.params.encrypted_paths
	m := mount_of(path)
	m.encrypted
	d := device(m.crypt_name)
	d.key_bits < input.params.min_key_bits
	msg := sprintf("%s is encrypted with a %d-bit key, below %d bits", [path, d.key_bits, input.params.min_key_bits])
}

evidence contains {"msg": msg, "data": {"path": path, "mount": m, "device": d}} if {
	some path in input.params.encrypted_paths
	m := mount_of(path)
	m.encrypted
	d := device(m.crypt_name)
	msg := sprintf("%s is on %s %s (%s, %d-bit key)", [path, d.type, d.name, d.cipher, d.key_bits])
}
