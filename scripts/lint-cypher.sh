#!/usr/bin/env bash
# Lints every Cypher statement Glapp runs (graph/neo4j/cypher/*.cypher, and the Neo4j
# contract suite's own in graph/neo4j/testdata/) and every ```cypher recipe in
# docs/graph-model.md with Neo4j's own Cypher front end (@neo4j-cypher/language-support,
# pinned in lint-cypher/package-lock.json). Any diagnostic fails. No Neo4j server can run
# where Glapp is built, so this is the check every statement gets before it meets one.
#
# Needs Node.js. Without it the lint is skipped with a notice, except under CI=true,
# where a missing Node.js fails the run: CI must lint.
#
# The pinned package declares Node >= 24.11.1; it is known to work on Node 20, and npm
# only warns (EBADENGINE) when installing it there.
set -euo pipefail
cd "$(dirname "$0")/lint-cypher"

if ! command -v node >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "cypher lint needs Node.js (node), and CI must run it; install Node.js 20 or later." >&2
    exit 1
  fi
  echo "SKIP cypher lint: node is not installed; install Node.js 20 or later to lint the Cypher statements." >&2
  exit 0
fi

# Install the pinned linter when it is missing, or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

node lint.mjs
