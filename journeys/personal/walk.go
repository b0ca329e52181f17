package personal

import (
	"encoding/json"
	"reflect"
	"slices"
)

// RedactAll redacts, in place, every string reachable from v, and returns the
// replacements counted by kind (nil when nothing was replaced). It follows exported struct
// fields (nested or embedded), pointers, slices, arrays, interfaces, and maps (their string
// keys as well as their values). Every string is redacted, whatever its field: a field
// added later is covered without anyone remembering to list it. Like Redact it is
// idempotent.
//
// v must be a pointer, a slice or a map, so that the strings can be changed; anything else
// is a programming error and panics. Unexported fields, byte slices and json.Number are
// left alone: they are not text a client wrote.
func RedactAll(v any) map[string]int {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
	default:
		panic("personal.RedactAll: v must be a pointer, a slice or a map, not " + rv.Type().String())
	}
	w := walker{seen: map[visit]bool{}}
	w.walk(rv)
	return w.counts
}

// walker carries one RedactAll's counts and the pointers it has already followed, so that
// a cycle ends.
type walker struct {
	counts map[string]int
	seen   map[visit]bool
}

// visit is a pointer, slice or map already followed. A slice's length is part of it:
// slices over one array share their pointer, and a shorter one seen first must not hide
// the elements only a longer one reaches.
type visit struct {
	ptr uintptr
	typ reflect.Type
	len int
}

var numberType = reflect.TypeFor[json.Number]()

// redact redacts s and adds its counts.
func (w *walker) redact(s string) string {
	out, counts := Redact(s)
	for k, n := range counts {
		if w.counts == nil {
			w.counts = map[string]int{}
		}
		w.counts[k] += n
	}
	return out
}

// walk redacts the strings in v and reports whether it changed any. A v that cannot be set
// (a map's value, an interface's content) is changed through a copy by its caller.
func (w *walker) walk(v reflect.Value) bool {
	if v.Type() == numberType || v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
		return false
	}
	switch v.Kind() {
	case reflect.String:
		out := w.redact(v.String())
		if out == v.String() {
			return false
		}
		if v.CanSet() {
			v.SetString(out)
		}
		return true
	case reflect.Pointer:
		if v.IsNil() || !w.follow(v) {
			return false
		}
		return w.walk(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return false
		}
		c := reflect.New(v.Elem().Type()).Elem()
		c.Set(v.Elem())
		if !w.walk(c) {
			return false
		}
		if v.CanSet() {
			v.Set(c)
		}
		return true
	case reflect.Struct:
		changed := false
		for i := range v.NumField() {
			if f := v.Field(i); v.Type().Field(i).IsExported() && w.walk(f) {
				changed = true
			}
		}
		return changed
	case reflect.Slice:
		if v.IsNil() || !w.follow(v) {
			return false
		}
		fallthrough
	case reflect.Array:
		changed := false
		for i := range v.Len() {
			if w.walk(v.Index(i)) {
				changed = true
			}
		}
		return changed
	case reflect.Map:
		if v.IsNil() || !w.follow(v) {
			return false
		}
		return w.walkMap(v)
	}
	return false
}

// follow reports whether the pointer, slice or map v is seen for the first time.
func (w *walker) follow(v reflect.Value) bool {
	k := visit{v.Pointer(), v.Type(), 0}
	if v.Kind() == reflect.Slice {
		k.len = v.Len()
	}
	if w.seen[k] {
		return false
	}
	w.seen[k] = true
	return true
}

// walkMap redacts a map's values and string keys, in key order so that two keys that
// redact alike keep the value of the last, whatever the map's order.
func (w *walker) walkMap(m reflect.Value) bool {
	keys := m.MapKeys()
	if m.Type().Key().Kind() == reflect.String {
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			switch {
			case a.String() < b.String():
				return -1
			case a.String() > b.String():
				return 1
			}
			return 0
		})
	}
	changed := false
	for _, k := range keys {
		val := reflect.New(m.Type().Elem()).Elem()
		val.Set(m.MapIndex(k))
		valChanged := w.walk(val)
		nk, keyChanged := k, false
		if k.Kind() == reflect.String {
			if out := w.redact(k.String()); out != k.String() {
				nk, keyChanged = reflect.New(k.Type()).Elem(), true
				nk.SetString(out)
				m.SetMapIndex(k, reflect.Value{})
			}
		}
		if valChanged || keyChanged {
			m.SetMapIndex(nk, val)
			changed = true
		}
	}
	return changed
}
