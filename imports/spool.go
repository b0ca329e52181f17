package imports

import (
	"io"
	"os"
	"path/filepath"
)

// SpoolPrefix starts the name of every file Spool creates in os.TempDir(), so that
// SweepSpool can find what an earlier run left behind.
const SpoolPrefix = "glapp-import-"

// Spool copies an upload to a temporary file, so that formats that need random access
// (zip) can have it and a large file never sits in memory. An upload is unredacted text,
// so the file is unlinked as soon as it is created: the open file is the only way to it,
// and a crash leaves nothing on disk. Where the system cannot unlink an open file, release
// removes it. release closes the file; call it when the import is done.
func Spool(r io.Reader) (file *os.File, size int64, release func(), err error) {
	f, err := os.CreateTemp("", SpoolPrefix+"*")
	if err != nil {
		return nil, 0, nil, err
	}
	name := f.Name()
	unlinked := os.Remove(name) == nil
	release = func() {
		f.Close()
		if !unlinked {
			os.Remove(name)
		}
	}
	size, err = io.Copy(f, r)
	if err != nil {
		release()
		return nil, 0, nil, err
	}
	return f, size, release, nil
}

// SweepSpool removes the spool files that an earlier run could not (a crash between
// creating one and unlinking it, or a system that cannot unlink an open file) and returns
// how many it removed. Run it at start.
func SweepSpool() (int, error) {
	names, err := filepath.Glob(filepath.Join(os.TempDir(), SpoolPrefix+"*"))
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, name := range names {
		// Another process's file in its moment before unlinking goes too; its open
		// file stays readable.
		if err := os.Remove(name); err == nil {
			removed++
		} else if !os.IsNotExist(err) {
			return removed, err
		}
	}
	return removed, nil
}
