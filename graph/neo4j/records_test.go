package neo4j

import (
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The driver returns DateTimes in the zone they were stored with, or at a fixed offset;
// the store hands out UTC.
var (
	stamp       = time.Date(2026, 3, 14, 9, 30, 0, 123456789, time.UTC)
	stampOffset = stamp.In(time.FixedZone("Offset", 3600))
)

func TestActorFromNode(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		n := dbtype.Node{ElementId: "4:x:1", Labels: []string{"Actor"}, Props: map[string]any{
			"projectId": "p1", "id": "vc", "name": "Vårdcentral", "sector": "region", "kind": "primary_care",
			"ageGroup": "any", "version": int64(3), "updatedAt": stampOffset,
		}}
		got, err := actorFromNode(n)
		if err != nil {
			t.Fatalf("actorFromNode() = %v; want nil error", err)
		}
		want := journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Kind: "primary_care",
			AgeGroup: journeys.AgeAny, Version: 3, UpdatedAt: &stamp}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("actorFromNode() mismatch (-want +got):\n%s", diff)
		}
		if got.UpdatedAt.Location() != time.UTC {
			t.Errorf("actorFromNode().UpdatedAt in %v; want UTC", got.UpdatedAt.Location())
		}
	})
	t.Run("OptionalFieldsAbsent", func(t *testing.T) {
		got, err := actorFromNode(dbtype.Node{Props: map[string]any{"id": "civ", "name": "Förening", "sector": "civil_society", "version": int64(1)}})
		if err != nil || got.Kind != "" || got.AgeGroup != "" || got.UpdatedAt != nil {
			t.Errorf("actorFromNode(no kind, ageGroup, updatedAt) = %+v, %v; want them empty", got, err)
		}
	})
	t.Run("ErrWrongType", func(t *testing.T) {
		_, err := actorFromNode(dbtype.Node{Props: map[string]any{"id": "vc", "name": "x", "sector": "region", "version": "3"}})
		if journeys.ErrorCode(err) != journeys.Internal {
			t.Errorf("actorFromNode(version is a string) = %v; want INTERNAL", err)
		}
	})
}

// TestRowsRoundTrip writes each entity as its upsert row, stores the row's properties as
// Neo4j would (a null removes the property), reads the node back, and expects the entity,
// with the version and time journeys.PlanUpsert stamped on it.
func TestRowsRoundTrip(t *testing.T) {
	asStored := func(row map[string]any) map[string]any {
		props := map[string]any{"projectId": "p1"}
		for k, v := range row {
			if v != nil {
				props[k] = driverValue(v)
			}
		}
		return props
	}
	t.Run("Actor", func(t *testing.T) {
		for _, a := range []journeys.Actor{
			{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Kind: "primary_care", AgeGroup: journeys.AgeAdult, Contact: "verksamhetschef"},
			{ID: "civ", Name: "Förening", Sector: journeys.SectorCivilSociety},
		} {
			a.Version, a.UpdatedAt = 2, &stampOffset
			got, err := actorFromNode(dbtype.Node{Props: asStored(actorRow(&a))})
			if err != nil || !got.SameContent(a) || got.Version != 2 || !got.UpdatedAt.Equal(stamp) {
				t.Errorf("actorFromNode(actorRow(%+v)) = %+v, %v; want the same actor at version 2", a, got, err)
			}
		}
	})
	t.Run("Source", func(t *testing.T) {
		for _, s := range []journeys.Source{
			{ID: "int-01", Kind: journeys.SourceInterview, Date: "2026-03-14", ParticipantRole: journeys.RolePatient, Pseudonym: "Deltagare 1"},
			{ID: "ws-1", Kind: journeys.SourceWorkshop},
		} {
			got, err := sourceFromNode(dbtype.Node{Props: asStored(sourceRow(&s))})
			if err != nil || !got.SameContent(s) {
				t.Errorf("sourceFromNode(sourceRow(%+v)) = %+v, %v; want the same source", s, got, err)
			}
		}
	})
	t.Run("Triage", func(t *testing.T) {
		for _, tr := range []journeys.Triage{
			{Fingerprint: "0123456789abcdef0123456789abcdef", Status: journeys.TriageDismissed, Reason: "Samma aktör."},
			{Fingerprint: "fedcba9876543210fedcba9876543210", Status: journeys.TriageAddressed, Note: "SIP."},
		} {
			got, err := triageFromNode(dbtype.Node{Props: asStored(triageRow(&tr))})
			if err != nil || !got.SameContent(tr) {
				t.Errorf("triageFromNode(triageRow(%+v)) = %+v, %v; want the same decision", tr, got, err)
			}
		}
	})
}

func TestProjectFromRecords(t *testing.T) {
	created := stamp.Add(-time.Hour)
	rec := &neo4j.Record{Keys: []string{"project"}, Values: []any{dbtype.Node{Props: map[string]any{
		"id": "p1", "name": "Projekt", "version": int64(2), "createdAt": created, "updatedAt": stampOffset,
		"settings": `{"longWait":{}}`, "writeLock": true, // not part of the record
	}}}}
	got, err := projectFromRecords([]*neo4j.Record{rec}, qProjectGet)
	if err != nil {
		t.Fatalf("projectFromRecords() = %v; want nil error", err)
	}
	want := &journeys.Project{ID: "p1", Name: "Projekt", Version: 2, CreatedAt: created, UpdatedAt: stamp}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("projectFromRecords() mismatch (-want +got):\n%s", diff)
	}
	for _, recs := range [][]*neo4j.Record{nil, {rec, rec}, {{Keys: []string{"project"}, Values: []any{nil}}}} {
		if _, err := projectFromRecords(recs, qProjectGet); journeys.ErrorCode(err) != journeys.Internal {
			t.Errorf("projectFromRecords(%d records) = %v; want INTERNAL", len(recs), err)
		}
	}
}

func TestSummaryFromMap(t *testing.T) {
	got, err := summaryFromMap(map[string]any{
		"id": "resa", "title": "Resa", "kind": "as_is", "targetGroup": "Beroende", "ageGroup": "adult",
		"stepCount": int64(4), "handoverCount": int64(3), "insightCount": int64(1), "version": int64(2), "updatedAt": stampOffset,
	})
	want := journeys.JourneySummary{ID: "resa", Title: "Resa", Kind: journeys.KindAsIs, TargetGroup: "Beroende", AgeGroup: journeys.AgeAdult,
		Steps: 4, Handovers: 3, Insights: 1, Version: 2, UpdatedAt: &stamp}
	if err != nil {
		t.Fatalf("summaryFromMap() = %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summaryFromMap() mismatch (-want +got):\n%s", diff)
	}
}

func TestStoredJourneyFromRecord(t *testing.T) {
	j := &journeys.Journey{ID: "resa", Title: "Resa", Kind: journeys.KindAsIs,
		Actors: []journeys.Actor{{ID: "vc", Name: "VC", Sector: journeys.SectorRegion}},
		Steps:  []journeys.Step{{ID: "s1", Title: "Ringer", Actor: "vc", Entry: true}}, Version: 9, UpdatedAt: &stamp}
	doc, err := documentJSON(j)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"journeyId", "document", "carried", "version", "updatedAt"}

	t.Run("OK", func(t *testing.T) {
		rec := &neo4j.Record{Keys: keys, Values: []any{"resa", doc, []any{"vc"}, int64(2), stampOffset}}
		got, ok, err := storedJourneyFromRecord(rec)
		if err != nil || !ok {
			t.Fatalf("storedJourneyFromRecord() = %v, %v; want a journey", ok, err)
		}
		if !got.Journey.SameContent(j) || got.Journey.Actors != nil || got.Journey.Version != 2 || !got.Journey.UpdatedAt.Equal(stamp) {
			t.Errorf("storedJourneyFromRecord() = %+v; want the content of %q without actors, at version 2", got.Journey, j.ID)
		}
		if diff := cmp.Diff([]string{"vc"}, got.Carried); diff != "" {
			t.Errorf("storedJourneyFromRecord().Carried mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("NoJourney", func(t *testing.T) {
		rec := &neo4j.Record{Keys: keys, Values: []any{nil, nil, nil, nil, nil}}
		if got, ok, err := storedJourneyFromRecord(rec); ok || err != nil || got != nil {
			t.Errorf("storedJourneyFromRecord(nulls) = %v, %v, %v; want no journey, no error", got, ok, err)
		}
	})
	t.Run("ErrDamaged", func(t *testing.T) {
		for name, values := range map[string][]any{
			"NotJSON":       {"resa", "{", nil, int64(1), stampOffset},
			"OtherJourney":  {"annan", doc, nil, int64(1), stampOffset},
			"CarriedNumber": {"resa", doc, []any{int64(1)}, int64(1), stampOffset},
			"VersionString": {"resa", doc, nil, "1", stampOffset},
			"LocalDateTime": {"resa", doc, nil, int64(1), dbtype.LocalDateTime(stamp)},
		} {
			rec := &neo4j.Record{Keys: keys, Values: values}
			if _, _, err := storedJourneyFromRecord(rec); journeys.ErrorCode(err) != journeys.Internal {
				t.Errorf("storedJourneyFromRecord(%s) = %v; want INTERNAL", name, err)
			}
		}
	})
}

// TestDocumentJSON checks that the stored document leaves out what is stored elsewhere.
func TestDocumentJSON(t *testing.T) {
	j := &journeys.Journey{ID: "resa", Title: "Resa", Kind: journeys.KindAsIs, Version: 4, UpdatedAt: &stamp,
		Actors: []journeys.Actor{{ID: "vc", Name: "VC", Sector: journeys.SectorRegion}}}
	doc, err := documentJSON(j)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{`"version"`, `"updatedAt"`, `"VC"`} {
		if strings.Contains(doc, leak) {
			t.Errorf("documentJSON() = %s; want no %s", doc, leak)
		}
	}
	if j.Version != 4 || len(j.Actors) != 1 {
		t.Errorf("documentJSON() changed its argument: %+v", j)
	}
}
