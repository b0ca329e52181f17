package embedded

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// FileName is the name of the database file inside the data directory.
const FileName = "glapp.db"

// schemaVersion is the layout of the file this code writes and reads, kept in the
// marker. A file with a higher number was written by a newer Glapp and is refused,
// rather than misread.
const schemaVersion = 1

// openCheckLimit is the largest file whose every page Open checks with bbolt's
// consistency check before serving from it. The check reads the whole file; below this
// size it costs well under a second (docs/performance.md, BenchmarkCheck). Larger files
// are checked by "glapp check", and a damaged page met later still ends as a clear
// error and a failing Ping, never a crash.
var openCheckLimit int64 = 256 << 20

// openTimeout bounds the wait for bbolt's file lock. A variable so that tests need not
// wait the full two seconds.
var openTimeout = 2 * time.Second

var (
	// ErrNotGlapp is the cause of Open's error when the data file is not a Glapp store:
	// empty (0 bytes), not a bbolt database at all, a bbolt database of some other
	// program, or one written by a newer Glapp. Glapp never replaces such a file.
	ErrNotGlapp = errors.New("not a Glapp store")
	// ErrDamaged is the cause of Open's error when the data file is a Glapp store whose
	// pages or records are broken.
	ErrDamaged = errors.New("the database file is damaged")
	// ErrInUse is the cause of Open's error when another process holds the data
	// directory, which for a writer means a running glapp serve.
	ErrInUse = errors.New("in use by another glapp process")
	// ErrNoStore is the cause of OpenReadOnly's error when the data directory holds no
	// database file.
	ErrNoStore = errors.New("no Glapp store")
)

// What to do, at the end of every message about a foreign or damaged file.
const (
	foreignHint = "restore the file from a copy (see docs/operations.md) or point --data-dir (GLAPP_DATA_DIR) at the right directory"
	restoreHint = "stop glapp, move the damaged file aside and restore the file from a copy (see docs/operations.md)"
)

// Open opens the store in dir for reading and writing, creating the directory (readable
// by the owner only: it holds interview evidence) and the database file when they do not
// exist. It refuses a file that is not a Glapp store (ErrNotGlapp), even an empty one,
// and a file it finds damaged (ErrDamaged), instead of replacing either with an empty
// store. Only one process may have a data directory open; Open fails after a short wait
// when another glapp holds it, instead of blocking forever.
func Open(dir string) (*Store, error) {
	return open(dir, false)
}

// OpenReadOnly opens the store in dir for commands that only read ("glapp report",
// "diagram", "check"): it never creates the directory or the file (ErrNoStore when there
// is none) and never writes. Every write through the returned store fails. Several
// read-only processes may share a data directory; none may while a writer holds it.
func OpenReadOnly(dir string) (*Store, error) {
	return open(dir, true)
}

func open(dir string, readOnly bool) (*Store, error) {
	path := filepath.Join(dir, FileName)
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && readOnly:
		return nil, fmt.Errorf("%w in %s: there is no %s; check --data-dir (GLAPP_DATA_DIR)", ErrNoStore, dir, FileName)
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", path, err)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s is %w: it is not a regular file; %s", path, ErrNotGlapp, foreignHint)
	case info.Size() == 0:
		// bbolt would write a new, empty database into it. An empty file is what a disk
		// that filled up or a botched copy leaves, so a store is never made from it.
		return nil, fmt.Errorf("%s is %w: the file is empty (0 bytes). Glapp will not replace it with a new store; %s, or delete it to start afresh", path, ErrNotGlapp, foreignHint)
	}
	var db *bolt.DB
	err = safely(func() error {
		var err error
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: openTimeout, ReadOnly: readOnly})
		return err
	})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("data directory %s is %w (only one may open it at a time): %w", dir, ErrInUse, err)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch):
		return nil, fmt.Errorf("%s is %w: it is not a bbolt database (%v); %s", path, ErrNotGlapp, err, foreignHint)
	case err != nil && info != nil && info.Size() < 4*int64(os.Getpagesize()):
		// Too short for a bbolt file, whatever bbolt says about it.
		return nil, fmt.Errorf("%s is %w: it is too short to be a bbolt database (%v); %s", path, ErrNotGlapp, err, foreignHint)
	case err != nil:
		return nil, fmt.Errorf("%s: %w (%v); %s", path, ErrDamaged, err, restoreHint)
	}
	s := &Store{db: db, dir: dir, Now: func() time.Time { return time.Now().UTC() }}
	if err := s.admit(path, readOnly, info); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// admit checks, and for a writer prepares, a freshly opened file before the store serves
// from it: the Glapp marker, for a file of at most openCheckLimit every page, and the
// layout. Nothing is written before the checks pass, so that a refused file is left as
// it was found.
func (s *Store) admit(path string, readOnly bool, info os.FileInfo) error {
	if err := admitError(path, safely(func() error {
		return s.db.View(func(tx *bolt.Tx) error { _, err := checkMarker(tx); return err })
	})); err != nil {
		return err
	}
	if info != nil && info.Size() <= openCheckLimit { // not new, and cheap to check whole
		var problems []string
		s.checkPages(func(p string) { problems = append(problems, p) })
		if len(problems) > 0 {
			return fmt.Errorf("%s: %w: %s (%d problems; glapp check lists them); %s", path, ErrDamaged, problems[0], len(problems), restoreHint)
		}
	}
	return admitError(path, safely(func() error {
		if readOnly {
			return s.db.View(checkLayout)
		}
		return s.db.Update(prepare)
	}))
}

// admitError turns what a check of admit returned into Open's error.
func admitError(path string, err error) error {
	var nf *notGlappError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &nf):
		return fmt.Errorf("%s is %w: %s; %s", path, ErrNotGlapp, nf.reason, foreignHint)
	}
	return fmt.Errorf("%s: %w (%v); %s", path, ErrDamaged, err, restoreHint)
}

// notGlappError says why a bbolt file is not a Glapp store.
type notGlappError struct{ reason string }

func (e *notGlappError) Error() string { return e.reason }

// The marker: a root bucket named glapp whose schema key holds the layout version. Open
// writes it into a new file, and into a file of an older Glapp (which had no marker but
// has the projects bucket); a file with neither is some other program's.
var (
	glappKey  = []byte("glapp")
	schemaKey = []byte("schema")
)

// checkMarker reports whether tx's file is a Glapp store this code can read, and whether
// it has the marker; a file without any bucket, which is what a first start that stopped
// before its first commit leaves, counts as a new Glapp store.
func checkMarker(tx *bolt.Tx) (marked bool, err error) {
	if m := tx.Bucket(glappKey); m != nil {
		v, err := strconv.Atoi(string(m.Get(schemaKey)))
		switch {
		case err != nil:
			return false, &notGlappError{fmt.Sprintf("its Glapp marker holds no schema version (%q)", m.Get(schemaKey))}
		case v > schemaVersion:
			return false, &notGlappError{fmt.Sprintf("it was written by a newer Glapp (store schema %d; this glapp reads up to %d); run that version or newer", v, schemaVersion)}
		}
		return true, nil
	}
	if tx.Bucket(projectsKey) != nil {
		return false, nil // written by a Glapp from before the marker
	}
	empty := true
	_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		empty = false
		return errors.New("stop")
	})
	if !empty {
		return false, &notGlappError{"it is a bbolt database, but not Glapp's: it has no Glapp marker (bucket \"glapp\") and no projects"}
	}
	return false, nil
}

// checkLayout checks, without writing, that a file has the marker and every bucket that
// the store's methods take for granted, which prepare creates in a file of an older
// Glapp. A read-only open cannot create them, so it refuses the file instead.
func checkLayout(tx *bolt.Tx) error {
	marked, err := checkMarker(tx)
	if err != nil {
		return err
	}
	if !marked && tx.Bucket(projectsKey) == nil {
		return &notGlappError{"it is an empty bbolt database; start glapp serve on it once to make it a Glapp store"}
	}
	for _, key := range rootBuckets {
		if tx.Bucket(key) == nil {
			return fmt.Errorf("the %q bucket is missing; if an older glapp wrote this file, start glapp serve on it once to bring it up to date", key)
		}
	}
	root := tx.Bucket(projectsKey)
	return root.ForEachBucket(func(id []byte) error {
		b := root.Bucket(id)
		for _, key := range projectBuckets {
			if b.Bucket(key) == nil {
				return fmt.Errorf("project %q lacks its %q bucket; if an older glapp wrote this file, start glapp serve on it once to bring it up to date", id, key)
			}
		}
		return nil
	})
}

// prepare checks the marker and brings a file written by this or any older version to
// the current layout: the marker, every root bucket, and every bucket each project needs.
func prepare(tx *bolt.Tx) error {
	marked, err := checkMarker(tx)
	if err != nil {
		return err
	}
	if !marked {
		m, err := tx.CreateBucket(glappKey)
		if err != nil {
			return err
		}
		if err := m.Put(schemaKey, []byte(strconv.Itoa(schemaVersion))); err != nil {
			return err
		}
	}
	for _, key := range rootBuckets {
		if _, err := tx.CreateBucketIfNotExists(key); err != nil {
			return err
		}
	}
	root := tx.Bucket(projectsKey)
	return root.ForEachBucket(func(id []byte) error {
		b := root.Bucket(id)
		if err := ensureProjectBuckets(b); err != nil {
			return err
		}
		// An import that was running when the process died never became visible: drop
		// what it had built.
		return abandonImport(b, nil)
	})
}

// checkPages runs bbolt's consistency check over the whole file and calls problem with
// each problem it finds. It reads every page, so its cost grows with the file.
func (s *Store) checkPages(problem func(string)) {
	err := safely(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				problem(err.Error())
			}
			return nil
		})
	})
	if err != nil {
		problem(err.Error())
	}
}
