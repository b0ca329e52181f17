package personal

import "testing"

// FuzzRedact checks what must hold for any text: Redact is idempotent, reports counts
// exactly when it changed something, and leaves no personal number by either checker. Its
// seed corpus is in testdata/fuzz/FuzzRedact, next to any crasher found.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"19121212-1212", "070-123 45 67", "a@b.se", "19121212AB12", "+46 8 123 456 78",
		"121212-1212121212-1212", "0701234567@x.se", "(08) 123 45 67", "2026-03-14 kl. 09:30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, counts := Redact(s)
		if again, more := Redact(out); again != out || more != nil {
			t.Fatalf("Redact(%q) = %q, but Redact of that = %q, %v", s, out, again, more)
		}
		if (counts == nil) != (out == s) {
			t.Fatalf("Redact(%q) = %q with counts %v", s, out, counts)
		}
		if containsPersonalNumber(out) || independentPersonalNumber(out) {
			t.Fatalf("Redact(%q) = %q still holds a personal number", s, out)
		}
	})
}
