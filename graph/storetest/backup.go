package storetest

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/glapp/glapp/journeys"
)

// BackupOpener opens, as a store of the same kind, the bytes a store's Backup wrote; nil
// for a store that refuses to back itself up.
type BackupOpener = func(t *testing.T, backup []byte) journeys.Backend

// RunBackup runs the part of the contract about Backup. A store that can back itself up
// (reopen not nil) writes, while it stays in use, a copy that reopen opens as a sound
// store holding everything written before the backup and nothing written after it; the
// size it announces is the size it writes. A store that cannot (reopen nil) refuses with
// UNSUPPORTED and a message saying what to use instead, and writes nothing. It is apart
// from Run because only the store's own kind can open what it wrote.
func RunBackup(t *testing.T, open opener, reopen BackupOpener) {
	if reopen == nil {
		t.Run("Refused", func(t *testing.T) {
			s := open(t)
			began := false
			err := s.Backup(t.Context(), func(int64) io.Writer { began = true; return io.Discard })
			wantCode(t, err, journeys.Unsupported, "Backup()")
			if journeys.ErrorMessage(err) == "Internal error." || began {
				t.Errorf("Backup() = %v, began %v; want a refusal that says what to use instead, before beginning", err, began)
			}
		})
		return
	}

	t.Run("Snapshot", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		first := SpecExample(t)
		first.Title = "Första versionen"
		mustPutJourney(t, s, "p1", first)
		before := mustPutJourney(t, s, "p1", SpecExample(t))
		if _, err := s.CreateBaseline(t.Context(), "p1", journeys.BaselineRequest{ID: "b", Title: "B"}); err != nil {
			t.Fatal(err)
		}
		tok := mustCreateToken(t, s, newToken("tok_1", "hash-1"))
		secret := bytes.Repeat([]byte{0x5e}, journeys.ProjectSecretBytes)
		if _, err := s.ProjectSecret(t.Context(), "p1", secret); err != nil {
			t.Fatal(err)
		}
		audit := auditLog(t, s, "p1")

		var buf bytes.Buffer
		size := int64(-1)
		err := s.Backup(t.Context(), func(n int64) io.Writer { size = n; return &buf })
		if err != nil {
			t.Fatalf("Backup() = %v; want nil error", err)
		}
		if size != int64(buf.Len()) {
			t.Errorf("Backup() announced %d bytes and wrote %d; want the same", size, buf.Len())
		}
		mustPutJourney(t, s, "p1", GenerateJourney("after", 3, "A"))
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping() after Backup() = %v; want the store still in use", err)
		}

		c := reopen(t, buf.Bytes())
		mustCheck(t, c)
		got := mustGetJourney(t, c, "p1", before.ID)
		wantJourneyContent(t, got, before, "GetJourney(%q) from the backup", before.ID)
		if got.Version != before.Version {
			t.Errorf("GetJourney(%q) from the backup has version %d; want %d, as stored", before.ID, got.Version, before.Version)
		}
		if old, err := c.GetJourneyVersion(t.Context(), "p1", before.ID, 1); err != nil || old.Title != first.Title {
			t.Errorf("GetJourneyVersion(1) from the backup = %v, %v; want the kept first version", old, err)
		}
		if _, err := c.GetBaseline(t.Context(), "p1", "b"); err != nil {
			t.Errorf("GetBaseline() from the backup = %v; want the baseline", err)
		}
		_, err = c.GetJourney(t.Context(), "p1", "after")
		wantCode(t, err, journeys.NotFound, "GetJourney(a journey written after the backup) from the backup")
		if got, err := c.TokenByHash(t.Context(), "hash-1"); err != nil || got.ID != tok.ID {
			t.Errorf("TokenByHash(hash-1) from the backup = %v, %v; want token %q", got, err, tok.ID)
		}
		// A restored project pseudonymises case ids as before.
		if got, err := c.ProjectSecret(t.Context(), "p1", nil); err != nil || !bytes.Equal(got, secret) {
			t.Errorf("ProjectSecret(p1) from the backup = %x, %v; want the secret stored before it", got, err)
		}
		if got := auditLog(t, c, "p1"); len(got) != len(audit) {
			t.Errorf("the backup's audit log of p1 holds %d entries; want the %d written before it", len(got), len(audit))
		}
	})

	t.Run("Context", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		err := s.Backup(ctx, func(int64) io.Writer { return io.Discard })
		wantCode(t, err, journeys.Unavailable, "Backup(a cancelled context)")
	})

	t.Run("ErrDestination", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		err := s.Backup(t.Context(), func(int64) io.Writer { return failingWriter{} })
		wantCode(t, err, journeys.Unavailable, "Backup(to a destination that fails)")
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping() after a backup whose destination failed = %v; want nil: the store is not to blame", err)
		}
	})
}

// failingWriter fails every write, as a client that hung up does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }
