package container

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"regexp"
	"strings"
)

var (
	privateKeyRe = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----`)
	awsKeyRe     = regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)
	// assignmentRe finds NAME=value in image history lines (ENV, ARG, RUN).
	assignmentRe = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|]*)`)
)

// hashValue reduces a value to its hash, length, entropy estimate and the
// secret kinds it looks like.
func hashValue(where, key, value string) Value {
	sum := sha256.Sum256([]byte(value))
	v := Value{
		Where:       where,
		Key:         key,
		SHA256:      hex.EncodeToString(sum[:]),
		Length:      len(value),
		EntropyBits: EntropyBits(value),
	}
	if privateKeyRe.MatchString(value) {
		v.Kinds = append(v.Kinds, "private_key")
	}
	if awsKeyRe.MatchString(value) {
		v.Kinds = append(v.Kinds, "aws_access_key")
	}
	return v
}

// secretName matches variable and label names that conventionally hold
// secrets.
var secretName = regexp.MustCompile(`(?i)(password|passwd|secret|token|api[_.-]?key|private[_.-]?key|credential)`)

// safeLabels copies labels, replacing each value that looks like a secret
// (by its name or its content) with its SHA-256: labels are kept in clear
// because tenants and roles are read from them.
func safeLabels(in map[string]string) map[string]string {
	out := make(map[string]string, len(in))
	for k, v := range in {
		if secretName.MatchString(k) || len(hashValue("label", k, v).Kinds) > 0 {
			sum := sha256.Sum256([]byte(v))
			v = "sha256:" + hex.EncodeToString(sum[:])
		}
		out[k] = v
	}
	return out
}

// envValues hashes KEY=VALUE entries.
func envValues(where string, env []string) []Value {
	out := make([]Value, 0, len(env))
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		out = append(out, hashValue(where, k, v))
	}
	return out
}

// historyValues finds assignments and key material in image history lines.
func historyValues(lines []string) []Value {
	var out []Value
	for _, line := range lines {
		for _, m := range assignmentRe.FindAllStringSubmatch(line, -1) {
			out = append(out, hashValue("history", m[1], strings.Trim(m[2], `"'`)))
		}
		if privateKeyRe.MatchString(line) || awsKeyRe.MatchString(line) {
			v := hashValue("history", "", line)
			out = append(out, v)
		}
	}
	return out
}

// EntropyBits estimates the strength of a secret in bits: its length times
// the smaller of the bits per character of its alphabet (lower, upper,
// digits, symbols; hex-only strings count 16 symbols) and its Shannon entropy
// per character plus one. The second term stops long repetitive strings
// ("aaaa...") from scoring as strong.
func EntropyBits(s string) float64 {
	if s == "" {
		return 0
	}
	var lower, upper, digit, other, hexOnly = false, false, false, false, true
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		n++
		counts[r]++
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
			if r > 'f' {
				hexOnly = false
			}
		case r >= 'A' && r <= 'Z':
			upper = true
			hexOnly = false
		case r >= '0' && r <= '9':
			digit = true
		default:
			other = true
			hexOnly = false
		}
	}
	pool := 0
	if hexOnly {
		pool = 16
	} else {
		if lower {
			pool += 26
		}
		if upper {
			pool += 26
		}
		if digit {
			pool += 10
		}
		if other {
			pool += 33
		}
	}
	var h float64
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	perChar := math.Min(math.Log2(float64(pool)), h+1)
	return math.Round(perChar*float64(n)*10) / 10
}
