package api

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// backupStall is how long a backup may wait for the client to take the next bytes. It
// replaces the server's write timeout for this route, which would cut off a large copy
// however fast it moved; a client that stops reading is still cut off.
const backupStall = 2 * time.Minute

// backup godoc
//
//	@Summary		A consistent copy of the whole store
//	@Description	Admin only. Streams the embedded store's database file as one read transaction sees it, while writes go on: save it as `glapp.db` in a data directory (`glapp restore` does) and it opens as the store was when the backup began. Content-Length is the file's size, so a cut transfer is seen as cut; the file name carries the time of the backup. A server on Neo4j answers 501: back up the Neo4j database with its own tools (neo4j-admin database dump or backup, Aura snapshots); Glapp keeps no state outside the database.
//	@Tags			operations
//	@Produce		application/octet-stream
//	@Security		BearerToken
//	@Success		200	{file}		binary	"The database file (Content-Disposition: attachment; filename=glapp-YYYYMMDDTHHMMSSZ.db)"
//	@Failure		501	{object}	Problem	"The store is Neo4j, which its own tools back up"
//	@Router			/api/v1/backup [get]
func (s *server) backup(c *gin.Context) error {
	name := "glapp-" + s.now().UTC().Format("20060102T150405Z") + ".db"
	err := s.store.Backup(c.Request.Context(), func(size int64) io.Writer {
		h := c.Writer.Header()
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Length", strconv.FormatInt(size, 10))
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		h.Set("Cache-Control", "no-store")
		c.Status(http.StatusOK)
		return &stallWriter{w: c.Writer, rc: http.NewResponseController(c.Writer)}
	})
	if err != nil && !c.Writer.Written() {
		// The problem that answers instead must not claim the file's length or name.
		c.Writer.Header().Del("Content-Length")
		c.Writer.Header().Del("Content-Disposition")
	}
	return err
}

// stallWriter writes a long answer, moving the connection's write deadline backupStall
// ahead before each write.
type stallWriter struct {
	w  io.Writer
	rc *http.ResponseController
}

func (s *stallWriter) Write(p []byte) (int, error) {
	_ = s.rc.SetWriteDeadline(time.Now().Add(backupStall)) // unsupported under test recorders: no deadline to move
	return s.w.Write(p)
}
