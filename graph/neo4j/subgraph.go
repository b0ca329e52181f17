package neo4j

import (
	"context"
	"strings"
	"unicode"

	"github.com/glapp/glapp/journeys"
)

// writeJourney stores a planned journey (journeys.JourneyWrite.Stored, with its version
// and time) in the project, inside the caller's write transaction: the :Journey node with the document, then its elements as a graph. The old
// elements are deleted and the new ones created in one UNWIND batch per kind, so a journey
// of any size costs the same handful of round trips. Each batch must write every row it
// was given; one that writes fewer (an element whose actor or step is missing) fails the
// transaction instead of leaving a graph that disagrees with the document. Last, the
// imported evidence about the journey is linked to its new elements (relinkEvidence).
// offerOf names the actor that holds each offer of the project: an insight about an offer
// is linked ABOUT that actor, the offer's id staying in its about list.
func writeJourney(ctx context.Context, tx tx, projectID string, stored *journeys.StoredJourney, offerOf map[string]string) error {
	j, carried := stored.Journey, stored.Carried
	document, err := documentJSON(j)
	if err != nil {
		return journeys.Wrap(journeys.Internal, err, "The journey could not be encoded for storage.")
	}
	var carriedParam any // an empty list is not stored: absent reads as none
	if len(carried) > 0 {
		carriedParam = carried
	}
	recs, err := tx.run(ctx, qJourneyPut, map[string]any{
		"projectId":      projectID,
		"journeyId":      j.ID,
		"title":          j.Title,
		"kind":           string(j.Kind),
		"targetGroup":    nullable(j.TargetGroup),
		"targetGroupKey": nullable(foldKey(j.TargetGroup)),
		"ageGroup":       nullable(j.AgeGroup),
		"persona":        nullable(j.Persona),
		"description":    nullable(j.Description),
		"basedOn":        nullable(j.BasedOn),
		"stepCount":      len(j.Steps),
		"handoverCount":  len(j.Handovers),
		"insightCount":   len(j.Insights),
		"document":       document,
		"carried":        carriedParam,
		"version":        j.Version,
		"now":            *j.UpdatedAt,
	})
	if err != nil {
		return err
	}
	if len(recs) != 1 {
		return internal("%s wrote %d journeys; want 1", qJourneyPut.name, len(recs))
	}
	keys := map[string]any{"projectId": projectID, "journeyId": j.ID}
	if _, err := tx.run(ctx, qJourneyClear, keys); err != nil {
		return err
	}
	for _, batch := range elementBatches(j, offerOf) {
		if len(batch.rows) == 0 {
			continue
		}
		recs, err := tx.run(ctx, batch.st, map[string]any{"projectId": projectID, "journeyId": j.ID, "rows": batch.rows})
		if err != nil {
			return err
		}
		written := int64(-1)
		if len(recs) == 1 {
			r := columnsOf(batch.st.name, recs[0])
			written = r.int64("written")
			if r.err != nil {
				return r.err
			}
		}
		if written != int64(len(batch.rows)) {
			return internal("%s wrote %d of %d rows of journey %q", batch.st.name, written, len(batch.rows), j.ID)
		}
	}
	return relinkEvidence(ctx, tx, projectID, j.ID)
}

// batch is one UNWIND statement and the rows it writes.
type batch struct {
	st   statement
	rows []map[string]any
}

// elementBatches returns the rows that write j's elements, in the order they must run:
// stages before the steps that sit in them, steps before the hand-overs that join them,
// insights before what they are about.
func elementBatches(j *journeys.Journey, offerOf map[string]string) []batch {
	return []batch{
		{qJourneyStages, stageRows(j.Stages)},
		{qJourneySteps, stepRows(j.Steps)},
		{qJourneyHandovers, handoverRows(j.Handovers)},
		{qJourneyInsights, insightRows(j.Insights)},
		{qJourneyAbout, aboutRows(j.Insights, offerOf)},
	}
}

func stageRows(stages []journeys.Stage) []map[string]any {
	rows := make([]map[string]any, 0, len(stages))
	for i, st := range stages {
		rows = append(rows, map[string]any{
			"id":       st.ID,
			"name":     st.Name,
			"order":    st.Order,
			"position": i,
		})
	}
	return rows
}

func stepRows(steps []journeys.Step) []map[string]any {
	rows := make([]map[string]any, 0, len(steps))
	for i, s := range steps {
		expected, observed := waits(s.WaitDays)
		rows = append(rows, map[string]any{
			"id":            s.ID,
			"title":         s.Title,
			"stage":         nullable(s.Stage),
			"actor":         s.Actor,
			"channel":       nullable(s.Channel),
			"entry":         s.Entry,
			"terminal":      s.Terminal,
			"crisis":        s.Crisis,
			"contactPerson": deref(s.ContactPerson),
			"waitExpected":  expected,
			"waitObserved":  observed,
			"emotion":       deref(s.Emotion),
			"planned":       nullable(s.Planned),
			"position":      i,
		})
	}
	return rows
}

func handoverRows(handovers []journeys.Handover) []map[string]any {
	rows := make([]map[string]any, 0, len(handovers))
	for i, h := range handovers {
		expected, observed := waits(h.WaitDays)
		rows = append(rows, map[string]any{
			"id":           h.ID,
			"from":         h.From,
			"to":           h.To,
			"type":         string(h.Type),
			"responsible":  deref(h.Responsible),
			"information":  nullable(h.Information),
			"acknowledged": deref(h.Acknowledged),
			"followUp":     deref(h.FollowUp),
			"waitExpected": expected,
			"waitObserved": observed,
			"position":     i,
		})
	}
	return rows
}

func insightRows(insights []journeys.Insight) []map[string]any {
	rows := make([]map[string]any, 0, len(insights))
	for i, in := range insights {
		rows = append(rows, map[string]any{
			"id":        in.ID,
			"text":      in.Text,
			"kind":      string(in.Kind),
			"status":    nullable(in.Status),
			"sentiment": deref(in.Sentiment),
			"source":    nullable(in.Source),
			"tags":      list(in.Tags),
			"about":     list(in.About),
			"position":  i,
		})
	}
	return rows
}

// aboutRows returns one row per insight and id it is about, with the actor that holds
// the offer the id names, or null.
func aboutRows(insights []journeys.Insight, offerOf map[string]string) []map[string]any {
	var rows []map[string]any
	for _, in := range insights {
		for _, id := range in.About {
			var holder any
			if a, ok := offerOf[id]; ok {
				holder = a
			}
			rows = append(rows, map[string]any{"id": in.ID, "about": id, "offerOf": holder})
		}
	}
	return rows
}

// waits flattens a WaitDays into two properties, each null when not known.
func waits(w *journeys.WaitDays) (expected, observed any) {
	if w == nil {
		return nil, nil
	}
	return deref(w.Expected), deref(w.Observed)
}

// list returns nil for an empty list, so that it is not stored.
func list(xs []string) any {
	if len(xs) == 0 {
		return nil
	}
	return xs
}

// foldKey returns s with every rune replaced by the smallest rune of its Unicode simple
// case-folding orbit, so that foldKey(a) == foldKey(b) exactly when strings.EqualFold(a,
// b). Journeys store it as targetGroupKey, so that the database filters by target group
// exactly as the embedded store does, without Cypher's toLower, whose rules differ.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}
