#!/usr/bin/env bash
# Regenerates the OpenAPI document in docs/openapi from the swag annotations in api/.
# Never edit docs/openapi by hand; api/openapi_test.go fails when it is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./scripts/openapi-gen
