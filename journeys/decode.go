package journeys

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DecodeStrict decodes exactly one JSON value from data into v. Unknown fields are refused
// (no mass assignment), and so is anything CheckJSON refuses: trailing data, text that is
// not valid Unicode, and member names given twice.
func DecodeStrict(data []byte, v any) error {
	if err := CheckJSON(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	return nil
}

// MaxJSONDepth bounds how deeply a JSON document may nest arrays and objects. Glapp's
// documents nest a handful of levels; the bound keeps the scan's memory small whatever a
// client sends.
const MaxJSONDepth = 64

// CheckJSON refuses data unless it is exactly one JSON value that is also an I-JSON
// message (RFC 7493): valid UTF-8 with no lone surrogate escapes, and no object with the
// same member name twice, where names that differ only in case count as the same, since
// encoding/json matches them to one field. encoding/json alone would replace bad text with
// U+FFFD and keep the last of two members, so that what is stored differs from what was
// sent.
// Violations carry a JSON pointer. The scan is one pass over the tokens, with memory
// bounded by the member names of the document and its depth by MaxJSONDepth.
func CheckJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // no number is parsed, so none can overflow
	var stack []scanFrame
	var prev int64
	done := false
	for {
		tok, err := dec.Token()
		if done {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return InvalidError("The request body must hold exactly one JSON value.", nil)
		}
		if err != nil {
			return decodeError(err)
		}
		end := dec.InputOffset()
		// Between two token ends lie only whitespace, ',' and ':' and the token itself.
		raw := data[prev:end]
		prev = end
		n := len(stack)
		if name, ok := tok.(string); ok && n > 0 && stack[n-1].object && stack[n-1].wantName {
			top := &stack[n-1]
			if !validText(raw) {
				return invalidText(pointerOf(stack[:n-1]), "A member name in this object is not valid UTF-8.")
			}
			if top.names == nil {
				top.names = map[string]bool{}
			}
			folded := foldName(name)
			if top.names[folded] {
				return InvalidError("The request body names a member twice.", []Violation{{
					Pointer: pointerOf(stack[:n-1]) + "/" + escapePointer(name), Detail: "This member appears more than once in its object (names that differ only in case are the same member).",
				}})
			}
			top.names[folded] = true
			top.name, top.wantName = name, false
			continue
		}
		if !validText(raw) {
			return invalidText(pointerOf(stack), "This value is not valid UTF-8.")
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if n >= MaxJSONDepth {
				return InvalidError("The request body nests too deeply.", []Violation{{
					Pointer: pointerOf(stack), Detail: fmt.Sprintf("Arrays and objects may nest at most %d levels deep.", MaxJSONDepth),
				}})
			}
			stack = append(stack, scanFrame{object: tok == json.Delim('{'), wantName: true})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:n-1]
		}
		// A whole value has been read.
		if len(stack) == 0 {
			done = true
		} else if top := &stack[len(stack)-1]; top.object {
			top.wantName = true
		} else {
			top.index++
		}
	}
}

// scanFrame is one open array or object in CheckJSON's scan.
type scanFrame struct {
	object   bool
	wantName bool            // object: the next token is a member name or '}'
	name     string          // object: the member being read
	names    map[string]bool // object: the member names read so far, case folded (foldName)
	index    int             // array: the element being read
}

// foldName maps member names that encoding/json takes for the same field (it matches
// names case-insensitively, under Unicode simple folding) to one key, as encoding/json
// itself folds them: each rune becomes the smallest rune of its fold set.
func foldName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		for {
			next := unicode.SimpleFold(r)
			if next <= r {
				r = next
				break
			}
			r = next
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pointerOf returns the JSON pointer of the value being read in the innermost frame.
func pointerOf(stack []scanFrame) string {
	var b strings.Builder
	for _, f := range stack {
		b.WriteByte('/')
		if f.object {
			b.WriteString(escapePointer(f.name))
		} else {
			b.WriteString(strconv.Itoa(f.index))
		}
	}
	return b.String()
}

func invalidText(pointer, detail string) error {
	return InvalidError("The request body holds text that is not valid Unicode; send UTF-8.", []Violation{{Pointer: pointer, Detail: detail}})
}

// validText reports whether raw JSON text is valid UTF-8 and every \u escape of a
// surrogate is one half of a pair, as I-JSON requires.
func validText(raw []byte) bool {
	if !utf8.Valid(raw) {
		return false
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		i++ // the escaped character; a backslash outside a string is a syntax error
		if i >= len(raw) || raw[i] != 'u' {
			continue
		}
		r, ok := hex4(raw, i+1)
		i += 4
		switch {
		case !ok || r < 0xD800 || r > 0xDFFF:
		case r >= 0xDC00:
			return false // a low surrogate with no high one before it
		default:
			low, ok := rune(0), i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u'
			if ok {
				low, ok = hex4(raw, i+3)
			}
			if !ok || low < 0xDC00 || low > 0xDFFF {
				return false
			}
			i += 6
		}
	}
	return true
}

// hex4 reads the four hex digits of a \u escape at raw[i:].
func hex4(raw []byte, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(raw[i:i+4]), 16, 16)
	return rune(n), err == nil
}

// decodeError turns an encoding/json error into an INVALID error that says where the
// problem is, without echoing the input.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		pointer := "" // the whole document (RFC 6901); "/" would name a member ""
		if typeErr.Field != "" {
			pointer = "/" + strings.ReplaceAll(typeErr.Field, ".", "/")
		}
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
// nullable fields, means "not known"). The patch is checked as DecodeStrict checks a
// body; target is the service's own JSON.
func MergePatch(target, patch []byte) ([]byte, error) {
	if err := CheckJSON(patch); err != nil {
		return nil, err
	}
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
