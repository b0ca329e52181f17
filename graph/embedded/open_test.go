package embedded

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	bolt "go.etcd.io/bbolt"
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
	if !strings.Contains(err.Error(), "in use by another glapp process") || !errors.Is(err, ErrInUse) {
		t.Errorf("Open(%q) while open = %v; want it to say the directory is in use by another glapp process", dir, err)
	}
}

// TestOpenRefusesForeignFile checks that a file that is not a Glapp store, even an empty
// one, is refused with a message saying so and left exactly as it was: never replaced
// by a new, empty store.
func TestOpenRefusesForeignFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"Empty", func(t *testing.T, path string) { writeFile(t, path, nil) }, "empty (0 bytes)"},
		{"Text", func(t *testing.T, path string) {
			writeFile(t, path, bytes.Repeat([]byte("Anteckningar från intervjun.\n"), 1000))
		}, "not a bbolt database"},
		{"ShortText", func(t *testing.T, path string) { writeFile(t, path, []byte("hej\n")) }, "not a Glapp store"},
		{"OtherBolt", func(t *testing.T, path string) {
			boltFile(t, path, func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("settings")); return err })
		}, "no Glapp marker"},
		{"NewerGlapp", func(t *testing.T, path string) {
			boltFile(t, path, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket(glappKey)
				if err != nil {
					return err
				}
				return b.Put(schemaKey, []byte("99"))
			})
		}, "newer Glapp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			tc.make(t, path)
			before := readFile(t, path)
			for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
				s, err := open(dir)
				if err == nil {
					s.Close()
					t.Fatalf("%s() of a foreign file = nil error; want one refusing it", name)
				}
				if !errors.Is(err, ErrNotGlapp) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "restore the file from a copy") {
					t.Errorf("%s() = %v; want ErrNotGlapp saying %q and what to do", name, err, tc.want)
				}
				if after := readFile(t, path); !bytes.Equal(before, after) {
					t.Errorf("%s() changed the foreign file (%d bytes before, %d after); want it untouched", name, len(before), len(after))
				}
			}
		})
	}
}

// TestOpenEmptyBolt checks that a bbolt file without any bucket, which a first start that
// stopped before its first commit leaves, becomes a Glapp store with the marker.
func TestOpenEmptyBolt(t *testing.T) {
	dir := t.TempDir()
	boltFile(t, filepath.Join(dir, FileName), func(*bolt.Tx) error { return nil })
	if s, err := OpenReadOnly(dir); err == nil {
		s.Close()
		t.Errorf("OpenReadOnly() of an empty bbolt file = nil error; want a refusal (it cannot write the marker)")
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open() of an empty bbolt file = %v; want nil error", err)
	}
	defer s.Close()
	if err := s.db.View(func(tx *bolt.Tx) error {
		if got := string(tx.Bucket(glappKey).Get(schemaKey)); got != "1" {
			t.Errorf("marker schema = %q; want \"1\"", got)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestOpenReadOnly checks that the read-only open never creates a store, reads one that
// exists, and writes nothing.
func TestOpenReadOnly(t *testing.T) {
	t.Run("Missing", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "no", "such", "dir")
		s, err := OpenReadOnly(dir)
		if err == nil {
			s.Close()
			t.Fatal("OpenReadOnly() of a missing directory = nil error; want ErrNoStore")
		}
		if !errors.Is(err, ErrNoStore) || !strings.Contains(err.Error(), "--data-dir") {
			t.Errorf("OpenReadOnly() = %v; want ErrNoStore naming --data-dir", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("OpenReadOnly() left %s behind (%v); want nothing created", dir, err)
		}
	})
	t.Run("Reads", func(t *testing.T) {
		dir := t.TempDir()
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p1", Name: "Projekt"}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		before := readFile(t, filepath.Join(dir, FileName))
		ro, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatalf("OpenReadOnly() = %v; want nil error", err)
		}
		defer ro.Close()
		if _, err := ro.GetProject(t.Context(), "p1"); err != nil {
			t.Errorf("GetProject() read-only = %v; want nil error", err)
		}
		if _, err := ro.CreateProject(t.Context(), &journeys.Project{ID: "p2", Name: "Nytt"}); err == nil {
			t.Errorf("CreateProject() read-only = nil error; want a refusal")
		}
		if after := readFile(t, filepath.Join(dir, FileName)); !bytes.Equal(before, after) {
			t.Errorf("a read-only open changed the file")
		}
	})
}

// TestDamagedFile flips bytes in a page of a copy of a store and checks that Open says
// the file is damaged, with what to do, instead of panicking or serving from it.
func TestDamagedFile(t *testing.T) {
	dir := damagedStore(t)
	for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		s, err := open(dir)
		if err == nil {
			s.Close()
			t.Fatalf("%s() of a damaged file = nil error; want ErrDamaged", name)
		}
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "restore the file from a copy") {
			t.Errorf("%s() = %v; want ErrDamaged saying to restore from a copy", name, err)
		}
	}
}

// TestDamageFoundLater checks a damaged page that Open does not read (the file is above
// the size it checks whole): the read that meets it answers an INTERNAL error instead
// of a panic, Ping fails from then on, and Check lists the damage.
func TestDamageFoundLater(t *testing.T) {
	defer func(n int64) { openCheckLimit = n }(openCheckLimit)
	openCheckLimit = 0
	dir := damagedStore(t)
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open() without the page check = %v; want nil error (the damage is not on its path)", err)
	}
	defer s.Close()
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping() before the damage is met = %v; want nil", err)
	}
	var readErr error
	for i := range 40 {
		if _, readErr = s.GetJourney(t.Context(), "p1", fmt.Sprintf("resa-%02d", i)); readErr != nil {
			break
		}
	}
	if journeys.ErrorCode(readErr) != journeys.Internal {
		t.Errorf("reading every journey = %v; want an INTERNAL error at the damaged page", readErr)
	}
	if err := s.Ping(t.Context()); journeys.ErrorCode(err) != journeys.Internal || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("Ping() after meeting the damage = %v; want an INTERNAL error saying the file is damaged", err)
	}
	r, err := s.Check(t.Context())
	if err != nil || r.Sound() {
		t.Errorf("Check() = %+v, %v; want problems", r, err)
	}
}

// TestPanicInSoundStore checks that a panic inside a transaction of a sound file (a bug
// in a caller's function, here) answers INTERNAL for that call only: the page check
// finds nothing, so Ping stays ready and the store keeps serving.
func TestPanicInSoundStore(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "p1", Name: "Projekt"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutJourney(ctx, "p1", storetest.SpecExample(t), journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	id := storetest.SpecExample(t).ID
	_, err = s.UpdateJourney(ctx, "p1", id, journeys.Precondition{}, func(*journeys.Journey) error { panic("a bug in the caller") })
	if journeys.ErrorCode(err) != journeys.Internal || strings.Contains(err.Error(), "damaged") {
		t.Errorf("UpdateJourney(fn that panics) = %v; want an INTERNAL error that does not call the file damaged", err)
	}
	err = s.EachJourney(ctx, "p1", func(*journeys.Journey) error { panic("a bug in a report") })
	if journeys.ErrorCode(err) != journeys.Internal {
		t.Errorf("EachJourney(fn that panics) = %v; want an INTERNAL error", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping() after a caller's panic in a sound file = %v; want nil (still ready)", err)
	}
	if _, err := s.GetJourney(ctx, "p1", id); err != nil {
		t.Errorf("GetJourney() after a caller's panic = %v; want the journey", err)
	}
}

// TestCheckFindsBadRecords checks Glapp's own pass of Check: a record that does not
// decode, a journey stored under the wrong key, and a token missing from the hash index
// are each reported, in a file whose pages are sound.
func TestCheckFindsBadRecords(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "p1", Name: "Projekt"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutJourney(ctx, "p1", storetest.SpecExample(t), journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || !r.Sound() {
		t.Fatalf("Check() of a sound store = %+v, %v; want no problems", r, err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		js := tx.Bucket(projectsKey).Bucket([]byte("p1")).Bucket(journeysKey)
		var doc []byte
		_ = js.ForEach(func(k, v []byte) error { doc = bytes.Clone(v); return nil })
		if err := js.Put([]byte("fel-nyckel"), doc); err != nil {
			return err
		}
		if err := js.Put([]byte("trasig"), []byte(`{"journey":`)); err != nil {
			return err
		}
		return tx.Bucket(tokensKey).Put([]byte("tok_x"), []byte(`{"token":{"id":"tok_x"},"hash":"h"}`))
	}); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(r.Problems, "\n")
	for _, want := range []string{`journey "trasig" cannot be read`, `stored under key "fel-nyckel"`, `token "tok_x" is missing from the token hash index`} {
		if !strings.Contains(text, want) {
			t.Errorf("Check() problems = %q; want one saying %s", r.Problems, want)
		}
	}
	if err := s.Ping(ctx); journeys.ErrorCode(err) != journeys.Internal {
		t.Errorf("Ping() after a failed Check = %v; want INTERNAL", err)
	}
}

// damagedStore writes a store with enough journeys to fill several pages, then damages
// the leaf page that holds journey resa-20, and returns its directory.
func damagedStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateProject(t.Context(), &journeys.Project{ID: "p1", Name: "Projekt"}); err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		if _, _, err := s.PutJourney(t.Context(), "p1", storetest.GenerateJourney(fmt.Sprintf("resa-%02d", i), 12, "a"), journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	path := filepath.Join(dir, FileName)
	data := readFile(t, path)
	size := os.Getpagesize()
	mark := []byte(`"id":"resa-20"`)
	damaged := false
	// Page 0 and 1 are the meta pages; a leaf page has flag 0x02 at byte 8.
	for off := 2 * size; off+size <= len(data); off += size {
		page := data[off : off+size]
		if page[8] == 0x02 && bytes.Contains(page, mark) {
			// Flip the page's type and element count: bbolt then misreads it.
			page[8], page[9], page[10], page[11] = 0xff, 0xff, 0xff, 0xff
			damaged = true
			break
		}
	}
	if !damaged {
		t.Fatal("found no leaf page holding resa-20 to damage")
	}
	writeFile(t, path, data)
	return dir
}

// boltFile writes a bbolt file at path with what fn puts in it.
func boltFile(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
