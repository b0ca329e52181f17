// Command openapi-gen formats the swag annotations in api/ and regenerates the OpenAPI 3
// document in docs/openapi.
// Run it from the repository root: go run ./scripts/openapi-gen
package main

import (
	"log"

	"github.com/glapp/glapp/internal/openapigen"
)

func main() {
	if err := openapigen.Format("."); err != nil {
		log.Fatal(err)
	}
	if err := openapigen.Generate(".", "docs/openapi"); err != nil {
		log.Fatal(err)
	}
}
