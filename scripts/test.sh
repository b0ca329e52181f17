#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: formatting, vet, the Cypher lint, the
# OpenAPI document's freshness (a Go test), and every Go test under the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "gofmt"
unformatted=$(gofmt -l $(find . -name '*.go' -not -path './node_modules/*'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change these files; run: gofmt -w ." >&2
  echo "$unformatted" >&2
  exit 1
fi
echo ok

step "go vet"
go vet ./...
echo ok

step "cypher lint"
scripts/lint-cypher.sh

# The race detector needs cgo and a C compiler. CI must run with it; a newcomer's machine
# without gcc still gets the full suite, without the race detector, and is told so.
race=-race
if [ "$(go env CGO_ENABLED)" != "1" ] || ! command -v "$(go env CC)" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "CI needs the race detector, which needs cgo and a C compiler ($(go env CC))." >&2
    exit 1
  fi
  echo "SKIP race detector: cgo or a C compiler is missing; tests run without -race." >&2
  race=
fi

# The web page's end-to-end test drives Debian's chromium. CI must run it, so CI installs
# the browser when it is missing; elsewhere the test says SKIP without it.
if [ "${CI:-}" = "true" ] && [ ! -x /usr/bin/chromium ]; then
  step "install chromium (CI)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "CI needs chromium for the browser test (cmd/glapp/browser_test.go), and installing it failed." >&2
    echo "Install Debian's chromium package (/usr/bin/chromium) in the CI image." >&2
    exit 1
  fi
fi

step "go test ${race} ./..."
go test ${race} -count=1 -timeout 12m ./...
