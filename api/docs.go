package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/docs/openapi"
	swaggerFiles "github.com/swaggo/files"
	ginSwagger "github.com/swaggo/gin-swagger"
)

// openAPI serves the generated OpenAPI 3 document (scripts/openapi.sh writes it).
//
//	@Summary	This document: OpenAPI 3.0
//	@Tags		health
//	@Produce	json
//	@Success	200	{object}	object	"The OpenAPI document"
//	@Router		/openapi.json [get]
func (s *server) openAPI(c *gin.Context) error {
	c.Data(http.StatusOK, "application/json; charset=utf-8", openapi.JSON)
	return nil
}

// swaggerUI serves Swagger UI, from assets compiled into the binary, reading /openapi.json.
func swaggerUI() gin.HandlerFunc {
	return ginSwagger.WrapHandler(swaggerFiles.Handler, ginSwagger.URL("/openapi.json"))
}

// redirectToDocs sends /docs to Swagger UI's page.
func redirectToDocs(c *gin.Context) {
	c.Redirect(http.StatusFound, "/docs/index.html")
}
