// Package openapigen generates docs/openapi from the swag annotations in api/. It is the
// one description of how the document is built, shared by the generator command
// (scripts/openapi-gen) and the test that fails when the checked-in document is stale.
// It is not linked into the glapp binary.
package openapigen

import (
	"io"
	"log"

	"github.com/swaggo/swag"
	"github.com/swaggo/swag/format"
	"github.com/swaggo/swag/gen"
)

// Format rewrites the swag annotations in api/ into swag's canonical layout. root is the
// repository's root directory.
func Format(root string) error {
	return format.New().Build(&format.Config{SearchDir: root + "/api", MainFile: "doc.go"})
}

// Generate writes docs.go and swagger.json for package openapi into outDir. root is the
// repository's root directory.
func Generate(root, outDir string) error {
	return gen.New().Build(&gen.Config{
		SearchDir:          root + "/api," + root + "/journeys," + root + "/imports," + root + "/evidence",
		MainAPIFile:        "doc.go",
		PropNamingStrategy: swag.CamelCase,
		OutputDir:          outDir,
		OutputTypes:        []string{"go", "json"},
		PackageName:        "openapi",
		ParseDepth:         100,
		ParseGoList:        true,
		LeftTemplateDelim:  "{{",
		RightTemplateDelim: "}}",
		CollectionFormat:   "csv",
		Debugger:           log.New(io.Discard, "", 0),
	})
}
