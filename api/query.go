package api

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/glapp/glapp/journeys"
	"github.com/go-playground/validator/v10"
)

var registerOnce sync.Once

// registerValidation makes validator errors name the query parameter or JSON field the
// client wrote, not the Go field.
func registerValidation() {
	registerOnce.Do(func() {
		v, ok := binding.Validator.Engine().(*validator.Validate)
		if !ok {
			return
		}
		v.RegisterTagNameFunc(func(f reflect.StructField) string {
			for _, tag := range []string{"form", "json"} {
				if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
					return name
				}
			}
			return f.Name
		})
		if err := v.RegisterValidation("enum", func(fl validator.FieldLevel) bool {
			return validEnum(fl.Field().Type(), fl.Field().String())
		}); err != nil {
			panic(err) // only a bad tag name fails, which is a bug here
		}
	})
}

// pageQuery is the pagination every list takes (Google AIP-158 style).
type pageQuery struct {
	// Limit is a pointer so that an explicit limit=0 is refused rather than read as unset.
	Limit  *int   `form:"limit" binding:"omitempty,min=1,max=500"`
	Cursor string `form:"cursor" binding:"omitempty,max=1024"`
}

func (q pageQuery) page() journeys.Page {
	p := journeys.Page{Cursor: q.Cursor}
	if q.Limit != nil {
		p.Limit = *q.Limit
	}
	return p
}

// journeyListQuery filters the journey list.
type journeyListQuery struct {
	pageQuery
	Kind        journeys.JourneyKind `form:"kind" binding:"omitempty,enum"`
	TargetGroup string               `form:"targetGroup" binding:"omitempty,max=300"`
	AgeGroup    journeys.AgeGroup    `form:"ageGroup" binding:"omitempty,enum"`
}

// editQuery carries the options of element-level edits.
type editQuery struct {
	Cascade bool `form:"cascade"`
}

// bindQuery reads and validates query parameters into v, reporting every bad parameter.
func bindQuery(c *gin.Context, v any) error {
	err := c.ShouldBindQuery(v)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return journeys.InvalidError("A query parameter has a value of the wrong type.", []journeys.Violation{{Detail: err.Error()}})
	}
	out := make([]journeys.Violation, 0, len(verrs))
	for _, fe := range verrs {
		out = append(out, journeys.Violation{Parameter: fe.Field(), Detail: ruleText(fe)})
	}
	return journeys.InvalidError("A query parameter is not valid.", out)
}

func ruleText(fe validator.FieldError) string {
	switch fe.Tag() {
	case "enum":
		return fmt.Sprintf("Must be one of: %s.", enumText(fe.Type()))
	case "min":
		return fmt.Sprintf("Must be at least %s.", fe.Param())
	case "max":
		return fmt.Sprintf("Must be at most %s.", fe.Param())
	case "required":
		return "This parameter is required."
	}
	return fmt.Sprintf("Fails the %q rule.", fe.Tag())
}
