package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/journeys"
)

// journeyList is a page of journey summaries.
//
//lint:ignore U1000 named in the OpenAPI annotations, which swag reads
type journeyList = journeys.List[journeys.JourneySummary]

// listJourneys godoc
//
//	@Summary	List the project's journeys
//	@Tags		journeys
//	@Produce	json
//	@Param		projectId	path		string					true	"Project id"
//	@Param		kind		query		journeys.JourneyKind	false	"Only this kind"
//	@Param		targetGroup	query		string					false	"Only this target group (case-insensitive)"
//	@Param		ageGroup	query		journeys.AgeGroup		false	"Only this age group"
//	@Param		limit		query		int						false	"Page size (1-500, default 50)"
//	@Param		cursor		query		string					false	"The next value of the previous page"
//	@Success	200			{object}	journeyList
//	@Failure	400			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/projects/{projectId}/journeys [get]
func (s *server) listJourneys(c *gin.Context) error {
	var q journeyListQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	f := journeys.JourneyFilter{Kind: journeys.JourneyKind(q.Kind), TargetGroup: q.TargetGroup, AgeGroup: journeys.AgeGroup(q.AgeGroup)}
	list, err := s.store.ListJourneys(c.Request.Context(), c.Param("projectId"), f, q.page())
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, list)
}

// putJourney godoc
//
//	@Summary		Create or replace a whole journey
//	@Description	Writes the journey document atomically: its stages, steps, hand-overs and insights, and upserts the actors in its `actors` array, in one transaction. An invalid document is refused whole with every violation by JSON pointer, and nothing is stored. Idempotent: the same document twice changes nothing, not even the version. `version` and `updatedAt` in the body are ignored. Send `If-Match` with the ETag of your last read to refuse the write if someone else changed the journey since. The body may instead be an .xlsx workbook (Content-Type `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`) as a GET with that Accept returns it or the journey template gives it: it is read into the same document and written the same way; each violation then also names its sheet and cell (`cell`, e.g. `Steg!D3`). A workbook may unpack to at most four times the body limit (413 otherwise).
//	@Tags			journeys
//	@Accept			json
//	@Accept			application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Produce		json
//	@Param			projectId	path		string				true	"Project id"
//	@Param			journeyId	path		string				true	"Journey id"
//	@Param			If-Match	header		string				true	"ETag of the version this write replaces (may be left out only when creating the journey)"
//	@Param			journey		body		journeys.Journey	true	"The journey document"
//	@Success		200			{object}	journeys.Journey	"Replaced (or unchanged)"
//	@Success		201			{object}	journeys.Journey	"Created"
//	@Header			200,201		{string}	ETag				"The journey's version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem	"No such project"
//	@Failure		412			{object}	Problem	"If-Match names another version"
//	@Failure		422			{object}	Problem	"The journey would be larger than this server's limits"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId} [put]
func (s *server) putJourney(c *gin.Context) error {
	j, loc, err := s.readJourney(c)
	if err != nil {
		return err
	}
	if err := idFromPath(&j.ID, c.Param("journeyId")); err != nil {
		return loc.Locate(err)
	}
	cond, err := s.precondition(c)
	if err != nil {
		return err
	}
	stored, created, err := s.store.PutJourney(c.Request.Context(), c.Param("projectId"), j, cond)
	if err != nil {
		return loc.Locate(err)
	}
	setETag(c, stored.Version)
	if created {
		c.Header("Location", c.Request.URL.Path)
	}
	return respond(c, createdOrOK(created), stored)
}

// getJourney godoc
//
//	@Summary		Get a whole journey
//	@Description	Returns the document as it was written, with `version` and `updatedAt`. `actors` lists the actors the document carried, then every other actor it references, so the document can be written again as it is. With `version`, returns that version as the journey's history keeps it (GET .../versions lists them; a deleted journey's too), with the project's actors as they are now; an unknown or pruned version is 404.
//	@Description	With `format=xlsx`, or an Accept header that prefers `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, it returns the journey as an .xlsx workbook instead: sheets for the journey, its stages, steps, hand-overs and insights, and the project's actors and sources, with drop-downs for every fixed value set and every reference; headers in Swedish or English by `lang` or Accept-Language; unknown values as empty cells. PUT it back as it is and nothing changes, not even the version.
//	@Tags			journeys
//	@Produce		json
//	@Produce		application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Param			projectId	path		string			true	"Project id"
//	@Param			journeyId	path		string			true	"Journey id"
//	@Param			format		query		journeyFormat	false	"json (default) or xlsx; overrides Accept"
//	@Param			lang		query		lang			false	"Language of the workbook (overrides Accept-Language)"
//	@Param			version		query		int				false	"A version of the journey; absent: the current one"
//	@Success		200			{object}	journeys.Journey
//	@Header			200			{string}	ETag	"The journey's version"
//	@Failure		400			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		406			{object}	Problem	"Accept names neither JSON nor the workbook"
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId} [get]
func (s *server) getJourney(c *gin.Context) error {
	xlsx, err := wantsWorkbook(c)
	if err != nil {
		return err
	}
	var q versionQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	version, err := q.version()
	if err != nil {
		return err
	}
	j, err := s.reports.JourneyAt(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"), version)
	if err != nil {
		return err
	}
	setETag(c, j.Version)
	if xlsx {
		return s.exportJourney(c, j)
	}
	return respond(c, http.StatusOK, j)
}

// historyQuery says what deleting a journey does with its history.
type historyQuery struct {
	History string `form:"history" binding:"omitempty,oneof=delete"`
}

// deleteJourney godoc
//
//	@Summary		Delete a journey and the insights it holds
//	@Description	The journey's versions, its last one included, are kept until the history retention has passed (GLAPP_HISTORY_RETENTION), so that GET .../versions and `?version=` still read them; `Glapp-History: kept` says so. With `history=delete` every version goes at once too (`Glapp-History: deleted`), and the request also works on a journey already deleted, to remove its kept versions; it is refused with 409 while a baseline holds a version of the journey.
//	@Tags			journeys
//	@Param			projectId	path	string	true	"Project id"
//	@Param			journeyId	path	string	true	"Journey id"
//	@Param			history		query	string	false	"delete: delete the journey's kept versions too"	Enums(delete)
//	@Param			If-Match	header	string	true	"ETag of the version to delete"
//	@Success		204
//	@Header			204	{string}	Glapp-History	"kept or deleted"
//	@Failure		400	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem	"A baseline holds a version of the journey"
//	@Failure		412	{object}	Problem
//	@Router			/api/v1/projects/{projectId}/journeys/{journeyId} [delete]
func (s *server) deleteJourney(c *gin.Context) error {
	var q historyQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	cond, err := s.precondition(c)
	if err != nil {
		return err
	}
	history := "kept"
	if q.History == journeys.PurgeHistory {
		history = "deleted"
		err = s.store.PurgeJourney(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"), cond)
	} else {
		err = s.store.DeleteJourney(c.Request.Context(), c.Param("projectId"), c.Param("journeyId"), cond)
	}
	if err != nil {
		return err
	}
	// Says what became of the journey's versions, since a 204 has no body to say it in.
	c.Header("Glapp-History", history)
	c.Status(http.StatusNoContent)
	return nil
}
