package embedded

import (
	"strings"
	"testing"
	"time"
)

// TestOpenInUse checks that a second process, here a second Open, gives up with a clear
// message instead of waiting forever for the file lock.
func TestOpenInUse(t *testing.T) {
	defer func(d time.Duration) { openTimeout = d }(openTimeout)
	openTimeout = 100 * time.Millisecond

	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%q) = %v; want nil error", dir, err)
	}
	defer s.Close()
	second, err := Open(dir)
	if err == nil {
		second.Close()
		t.Fatalf("Open(%q) while open = nil error; want one saying the directory is in use", dir)
	}
	if !strings.Contains(err.Error(), "in use by another glapp process") {
		t.Errorf("Open(%q) while open = %v; want it to say the directory is in use by another glapp process", dir, err)
	}
}
