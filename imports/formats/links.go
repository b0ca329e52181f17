package formats

import (
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// ParseRef splits an element reference as journeys.ParseRef does, after forgiving what
// people type into research tools: spaces around the parts, and the kind in any case
// ("Step:s1"). Ids keep their case.
func ParseRef(ref string) (kind, journey, id string, ok bool) {
	k, rest, found := strings.Cut(strings.TrimSpace(ref), ":")
	if !found {
		return "", "", "", false
	}
	return journeys.ParseRef(strings.ToLower(strings.TrimSpace(k)) + ":" + strings.TrimSpace(rest))
}

// canonicalRef writes a parsed reference back in its canonical form.
func canonicalRef(kind, journey, id string) string {
	if journey != "" {
		return kind + ":" + journey + "/" + id
	}
	return kind + ":" + id
}

// Links resolves a record's codes to journey element references, in order and each once.
// A code whose name is itself a reference ("step:s1", "handover:h1", "actor:vc",
// "journey:j1", "step:j1/s1") links to it; a nested code links when its own name is one
// ("Steg/step:s1"). Otherwise mapping[code] lists the references, looked up by the full
// code path and then by the code's own name (the last path segment), since an analyst may
// key a mapping either way. Mapping values that are not references are ignored. The
// record is linked when the result is not empty.
func Links(codes []string, mapping map[string][]string) []string {
	var out []string
	add := func(ref string) {
		if kind, journey, id, ok := ParseRef(ref); ok {
			if c := canonicalRef(kind, journey, id); !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	for _, code := range codes {
		code = strings.TrimSpace(code)
		if ref, ok := codeRef(code); ok {
			add(ref)
			continue
		}
		refs, found := mapping[code]
		if !found {
			if i := strings.LastIndex(code, "/"); i >= 0 {
				refs = mapping[code[i+1:]]
			}
		}
		for _, ref := range refs {
			add(ref)
		}
	}
	return out
}

// codeRef reports whether code, or the longest tail of its path, is a reference. A tail
// is tried because a reference may itself hold a "/" ("Steg/step:j1/s1").
func codeRef(code string) (string, bool) {
	for i := 0; i >= 0 && i <= len(code); {
		if _, _, _, ok := ParseRef(code[i:]); ok {
			return code[i:], true
		}
		next := strings.Index(code[i:], "/")
		if next < 0 {
			break
		}
		i += next + 1
	}
	return "", false
}
