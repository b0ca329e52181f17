// Package doclinks holds only a test: every link in the repository's Markdown stays inside
// the repository and points at something that exists, so that the docs read the same in a
// checkout, an archive or an offline copy. Run it with "go test ./internal/doclinks/".
package doclinks
