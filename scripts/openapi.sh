#!/usr/bin/env bash
# Regenerates the OpenAPI 3 document in docs/openapi from the swag annotations and the
# route table in api/ (see internal/openapigen).
# Never edit docs/openapi by hand; api/openapi_test.go fails when it is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./scripts/openapi-gen
