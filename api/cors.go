package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// exposedHeaders are the response headers a page on another origin may read: every header
// the API answers with that says something about the answer.
var exposedHeaders = []string{
	"ETag", "Location", "Retry-After", "X-Request-Id", "Content-Language", "Content-Disposition",
	"Idempotent-Replayed", "Glapp-Redacted", "Glapp-History",
}

// cors lets browsers on the listed origins call the API, and no others: a request from
// another origin gets no CORS headers, so the browser keeps the answer from its page.
// Tokens travel in the Authorization header, never in cookies, so credentials are not
// allowed.
func cors(origins []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if origin == "" || !slices.Contains(origins, origin) {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", strings.Join(exposedHeaders, ", "))
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", strings.Join(allowedMethods, ", "))
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, Accept-Language")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}
