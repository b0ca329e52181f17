// Command openapi-gen formats the swag annotations in api/, regenerates the OpenAPI 3
// document in docs/openapi and the Go client generated from it in internal/apiclient.
// Run it from the repository root: go run ./scripts/openapi-gen
package main

import (
	"log"
	"os"

	"github.com/glapp/glapp/internal/openapigen"
)

func main() {
	if err := openapigen.Format("."); err != nil {
		log.Fatal(err)
	}
	if err := openapigen.Generate(".", "docs/openapi"); err != nil {
		log.Fatal(err)
	}
	doc, err := os.ReadFile("docs/openapi/" + openapigen.DocumentFile)
	if err != nil {
		log.Fatal(err)
	}
	if err := openapigen.GenerateClient(doc, "internal/apiclient"); err != nil {
		log.Fatal(err)
	}
}
