// Package personal finds personal data in text and replaces it with markers: Swedish
// personal identity, coordination and reserve numbers, e-mail addresses and Swedish phone
// numbers. It is the one redactor of Glapp: imports run every text through Redact, and the
// API runs every request body through RedactAll, so that what people told us is never
// stored, logged or audited.
//
// It is pure: standard library only, no I/O. It reports counts by kind, never the values
// it replaced.
package personal
