// Package host reads a machine's hardening, account and logging state — sysctls,
// mounts, packages, APT, services, accounts, PAM, shell timeouts, secret files,
// logrotate and listening sockets — from files under the target's root, running
// a program only where it is the source of truth (apt-get -s, df, fail2ban-client,
// timedatectl) and keeping its output as evidence. A dir: target answers those
// programs from recorded outputs, so a fixture reproduces a host exactly.
package host
