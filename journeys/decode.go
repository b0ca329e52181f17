package journeys

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DecodeStrict decodes exactly one JSON value from data into v. Unknown fields are refused
// (no mass assignment) and so is anything after the first value.
func DecodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return InvalidError("The request body must hold exactly one JSON value.", nil)
	}
	return nil
}

// decodeError turns an encoding/json error into an INVALID error that says where the
// problem is, without echoing the input.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		pointer := "/" + strings.ReplaceAll(typeErr.Field, ".", "/")
		return InvalidError("The request body has a value of the wrong type.", []Violation{{
			Pointer: pointer, Detail: fmt.Sprintf("Expected %s, got a JSON %s.", jsonTypeName(typeErr.Type.Kind().String()), typeErr.Value),
		}})
	case errors.As(err, &syntaxErr):
		return InvalidError(fmt.Sprintf("The request body is not valid JSON (at byte %d).", syntaxErr.Offset), nil)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return InvalidError("The request body is empty or cut short; a JSON document is required.", nil)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return InvalidError("The request body has a field this API does not know.", []Violation{{
			Pointer: "/" + field, Detail: fmt.Sprintf("Unknown field %q.", field),
		}})
	default:
		return InvalidError("The request body could not be read as JSON.", nil)
	}
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "ptr":
		return "a value"
	default:
		return "a number"
	}
}

// MergePatch applies an RFC 7396 JSON merge patch to the JSON document target: members
// of patch replace those of target, and a null member removes one (which, for Glapp's
// nullable fields, means "not known").
func MergePatch(target, patch []byte) ([]byte, error) {
	var t, p any
	dec := json.NewDecoder(bytes.NewReader(target))
	dec.UseNumber()
	if err := dec.Decode(&t); err != nil {
		return nil, err
	}
	dec = json.NewDecoder(bytes.NewReader(patch))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return nil, decodeError(err)
	}
	if _, ok := p.(map[string]any); !ok {
		return nil, InvalidError("A merge patch must be a JSON object.", nil)
	}
	return json.Marshal(mergeValue(t, p))
}

func mergeValue(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
		} else {
			tm[k] = mergeValue(tm[k], v)
		}
	}
	return tm
}
