package api

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// language picks the language of explanations: the "lang" query parameter if given, else
// the first of Swedish and English in Accept-Language by quality, else Swedish, the
// projects' working language.
func language(c *gin.Context) string {
	if l := c.Query("lang"); slices.Contains(langs, lang(l)) {
		return l
	}
	best, bestQ := string(langSwedish), -1.0
	for _, part := range strings.Split(c.GetHeader("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if slices.Contains(langs, lang(primary)) && q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}
