package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
)

// versionsOf lists every version of journey id, following the pages of size limit.
func versionsOf(t *testing.T, s journeys.Backend, projectID, id string, limit int) []journeys.JourneyVersion {
	t.Helper()
	var out []journeys.JourneyVersion
	page := journeys.Page{Limit: limit}
	for range 100 {
		l, err := s.ListJourneyVersions(t.Context(), projectID, id, page)
		if err != nil {
			t.Fatalf("ListJourneyVersions(%q) = %v; want nil error", id, err)
		}
		if len(l.Items) > limit {
			t.Fatalf("ListJourneyVersions(limit %d) returned %d items", limit, len(l.Items))
		}
		out = append(out, l.Items...)
		if l.Next == "" {
			return out
		}
		page.Cursor = l.Next
	}
	t.Fatal("ListJourneyVersions never ended")
	return nil
}

func numbers(vs []journeys.JourneyVersion) []int64 {
	var out []int64
	for _, v := range vs {
		out = append(out, v.Version)
	}
	return out
}

// threeVersions stores journey "resa" of p1 at versions 1 (a PutJourney), 2 (another
// PutJourney) and 3 (an UpdateJourney), with titles "v1", "v2" and "v3".
func threeVersions(t *testing.T, s journeys.Backend) {
	t.Helper()
	ctx := t.Context()
	j := GenerateJourney("resa", 3, "a")
	j.Title = "v1"
	mustPutJourney(t, s, "p1", j)
	j.Title = "v2"
	mustPutJourney(t, s, "p1", j)
	mustPutJourney(t, s, "p1", j) // the same again: no new version
	if _, err := s.UpdateJourney(ctx, "p1", "resa", journeys.Precondition{}, func(j *journeys.Journey) error {
		j.Title = "v3"
		j.Steps = j.Steps[:len(j.Steps)-1]
		j.Handovers = slices.DeleteFunc(j.Handovers, func(h journeys.Handover) bool { return h.To == "s2" || h.From == "s2" })
		return nil
	}); err != nil {
		t.Fatalf("UpdateJourney() = %v; want nil error", err)
	}
}

func testHistory(t *testing.T, open opener) {
	t.Run("Versions", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		threeVersions(t, s)
		for _, limit := range []int{1, 2, 50} {
			vs := versionsOf(t, s, "p1", "resa", limit)
			if got := numbers(vs); !slices.Equal(got, []int64{1, 2, 3}) {
				t.Fatalf("versions (limit %d) = %v; want [1 2 3]: every write keeps the one it replaced, a rewrite keeps none", limit, got)
			}
			if !vs[2].Current || vs[0].Current || vs[0].ReplacedAt == nil || vs[2].ReplacedAt != nil || vs[0].Title != "v1" || vs[2].Steps != 2 {
				t.Errorf("versions = %+v; want 1 and 2 replaced, 3 current with 2 steps", vs)
			}
		}
		for v, title := range map[int64]string{1: "v1", 2: "v2", 3: "v3"} {
			j, err := s.GetJourneyVersion(ctx, "p1", "resa", v)
			if err != nil || j.Title != title || j.Version != v || len(j.Actors) == 0 {
				t.Errorf("GetJourneyVersion(%d) = %v, %v; want %q at version %d with its actors", v, j, err, title, v)
			}
		}
		wantCode(t, errOf(s.GetJourneyVersion(ctx, "p1", "resa", 4)), journeys.NotFound, "GetJourneyVersion(4)")
		wantCode(t, errOf(s.GetJourneyVersion(ctx, "p1", "ghost", 1)), journeys.NotFound, "GetJourneyVersion(ghost)")
		wantCode(t, errOf(s.ListJourneyVersions(ctx, "p1", "ghost", journeys.Page{})), journeys.NotFound, "ListJourneyVersions(ghost)")
		wantCode(t, errOf(s.ListJourneyVersions(ctx, "nope", "resa", journeys.Page{})), journeys.NotFound, "ListJourneyVersions(no project)")
	})

	t.Run("DeleteKeepsHistory", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		threeVersions(t, s)
		if err := s.DeleteJourney(ctx, "p1", "resa", journeys.Precondition{}); err != nil {
			t.Fatalf("DeleteJourney() = %v", err)
		}
		vs := versionsOf(t, s, "p1", "resa", 50)
		if got := numbers(vs); !slices.Equal(got, []int64{1, 2, 3}) || vs[2].Current || !vs[2].Deleted {
			t.Fatalf("versions after delete = %+v; want 1..3 kept, 3 marked deleted, none current", vs)
		}
		if j, err := s.GetJourneyVersion(ctx, "p1", "resa", 3); err != nil || j.Title != "v3" {
			t.Errorf("GetJourneyVersion(3) after delete = %v, %v; want v3", j, err)
		}
		// Created again, the journey continues after the versions kept.
		j := mustPutJourney(t, s, "p1", GenerateJourney("resa", 2, "b"))
		if j.Version != 4 {
			t.Errorf("PutJourney(again).Version = %d; want 4, after the kept 3", j.Version)
		}
		if got := numbers(versionsOf(t, s, "p1", "resa", 50)); !slices.Equal(got, []int64{1, 2, 3, 4}) {
			t.Errorf("versions after re-creating = %v; want [1 2 3 4]", got)
		}
	})

	t.Run("Purge", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		threeVersions(t, s)
		wantCode(t, s.PurgeJourney(ctx, "p1", "resa", journeys.Precondition{IfVersion: 2}), journeys.PreconditionFailed, "PurgeJourney(stale)")
		if _, err := s.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "start", Title: "Start"}); err != nil {
			t.Fatalf("CreateBaseline() = %v", err)
		}
		wantCode(t, s.PurgeJourney(ctx, "p1", "resa", journeys.Precondition{}), journeys.Conflict, "PurgeJourney(held by a baseline)")
		if _, err := s.GetJourney(ctx, "p1", "resa"); err != nil {
			t.Fatalf("GetJourney() after a refused purge = %v; want the journey still there", err)
		}
		if err := s.DeleteBaseline(ctx, "p1", "start"); err != nil {
			t.Fatalf("DeleteBaseline() = %v", err)
		}
		if err := s.PurgeJourney(ctx, "p1", "resa", journeys.Precondition{IfVersion: 3}); err != nil {
			t.Fatalf("PurgeJourney() = %v", err)
		}
		wantCode(t, errOf(s.GetJourney(ctx, "p1", "resa")), journeys.NotFound, "GetJourney(purged)")
		wantCode(t, errOf(s.ListJourneyVersions(ctx, "p1", "resa", journeys.Page{})), journeys.NotFound, "ListJourneyVersions(purged)")
		wantCode(t, s.PurgeJourney(ctx, "p1", "resa", journeys.Precondition{}), journeys.NotFound, "PurgeJourney(again)")
		// A deleted journey's history can be purged on its own.
		mustPutJourney(t, s, "p1", GenerateJourney("andra", 2, "a"))
		if err := s.DeleteJourney(ctx, "p1", "andra", journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
		if err := s.PurgeJourney(ctx, "p1", "andra", journeys.Precondition{}); err != nil {
			t.Fatalf("PurgeJourney(deleted) = %v; want its history gone", err)
		}
		wantCode(t, errOf(s.GetJourneyVersion(ctx, "p1", "andra", 1)), journeys.NotFound, "GetJourneyVersion(purged)")
		audit, err := s.ListAudit(ctx, "p1", journeys.AuditFilter{}, journeys.Page{})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range audit.Items {
			actions[e.Action]++
		}
		if actions["journey.purge"] != 2 || actions["baseline.create"] != 1 || actions["baseline.delete"] != 1 {
			t.Errorf("audit actions = %v; want 2 journey.purge, a baseline.create and a baseline.delete", actions)
		}
	})

	t.Run("Prune", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		mustCreateProject(t, s, "p2")
		threeVersions(t, s)
		j := GenerateJourney("resa", 3, "a")
		mustPutJourney(t, s, "p2", j)
		j.Title = "ändrad"
		mustPutJourney(t, s, "p2", j)
		if n, err := s.PruneHistory(ctx, time.Now().Add(-24*time.Hour)); err != nil || n != 0 {
			t.Errorf("PruneHistory(a day ago) = %d, %v; want nothing pruned: every version was replaced since", n, err)
		}
		// A baseline of p1 taken now holds version 3; versions 1 and 2 are no one's.
		if _, err := s.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "b", Title: "B"}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteJourney(ctx, "p1", "resa", journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
		n, err := s.PruneHistory(ctx, time.Now().Add(time.Hour))
		if err != nil || n != 3 {
			t.Errorf("PruneHistory(an hour ahead) = %d, %v; want 3 (p1's 1 and 2, p2's 1): the baseline holds p1's 3", n, err)
		}
		if got := numbers(versionsOf(t, s, "p1", "resa", 50)); !slices.Equal(got, []int64{3}) {
			t.Errorf("p1 versions after prune = %v; want [3], held by the baseline", got)
		}
		if got := numbers(versionsOf(t, s, "p2", "resa", 50)); !slices.Equal(got, []int64{2}) {
			t.Errorf("p2 versions after prune = %v; want [2], the current one", got)
		}
	})

	t.Run("Baselines", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		threeVersions(t, s)
		mustPutJourney(t, s, "p1", GenerateJourney("andra", 2, "a"))
		settings := journeys.DefaultSettings()
		settings.LongWait.EntryStep = 7
		if _, err := s.PutSettings(ctx, "p1", &settings); err != nil {
			t.Fatal(err)
		}
		wantCode(t, errOf(s.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "Bad Id!", Title: ""})), journeys.Invalid, "CreateBaseline(invalid)")
		wantCode(t, errOf(s.CreateBaseline(ctx, "nope", journeys.BaselineRequest{ID: "b", Title: "B"})), journeys.NotFound, "CreateBaseline(no project)")
		b, err := s.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "start", Title: "Innan arbetet"})
		if err != nil {
			t.Fatalf("CreateBaseline() = %v", err)
		}
		want := []journeys.BaselineJourney{{ID: "andra", Version: 1, Title: "Resa andra (a)"}, {ID: "resa", Version: 3, Title: "v3"}}
		if !slices.Equal(b.Journeys, want) || len(b.Actors) != 3 || b.Settings.LongWait.EntryStep != 7 || b.CreatedAt == nil {
			t.Errorf("CreateBaseline() = %+v; want journeys %v, the 3 actors and the settings as they stood", b, want)
		}
		wantCode(t, errOf(s.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "start", Title: "Igen"})), journeys.Conflict, "CreateBaseline(taken id)")
		// Change everything a baseline freezes.
		if _, err := s.UpdateJourney(ctx, "p1", "resa", journeys.Precondition{}, func(j *journeys.Journey) error { j.Title = "v4"; return nil }); err != nil {
			t.Fatal(err)
		}
		mustPutActor(t, s, "p1", journeys.Actor{ID: "reg", Name: "Nytt namn", Sector: journeys.SectorRegion})
		if err := s.DeleteJourney(ctx, "p1", "andra", journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
		got, err := s.GetBaseline(ctx, "p1", "start")
		if err != nil || got.Title != "Innan arbetet" || !slices.Equal(got.Journeys, want) {
			t.Errorf("GetBaseline() = %+v, %v; want it as it was taken", got, err)
		}
		var seen []string
		err = s.EachBaselineJourney(ctx, "p1", "start", func(j *journeys.Journey) error {
			seen = append(seen, j.ID+":"+j.Title)
			for _, a := range j.Actors {
				if a.ID == "reg" && a.Name != "Regionpsykiatri" {
					t.Errorf("EachBaselineJourney: actor reg = %q; want the name it had at the baseline", a.Name)
				}
			}
			return nil
		})
		if err != nil || !slices.Equal(seen, []string{"andra:Resa andra (a)", "resa:v3"}) {
			t.Errorf("EachBaselineJourney() = %v, %v; want both journeys as they stood, the deleted one too", seen, err)
		}
		if _, err := s.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "efter", Title: "Efter"}); err != nil {
			t.Fatal(err)
		}
		l, err := s.ListBaselines(ctx, "p1", journeys.Page{Limit: 1})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != "efter" || l.Items[0].Journeys != 1 || l.Next == "" {
			t.Fatalf("ListBaselines(limit 1) = %+v, %v; want efter, with 1 journey, and a next page", l, err)
		}
		l, err = s.ListBaselines(ctx, "p1", journeys.Page{Limit: 1, Cursor: l.Next})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != "start" || l.Items[0].Journeys != 2 {
			t.Errorf("ListBaselines(page 2) = %+v, %v; want start with 2 journeys", l, err)
		}
		if err := s.DeleteBaseline(ctx, "p1", "start"); err != nil {
			t.Fatalf("DeleteBaseline() = %v", err)
		}
		wantCode(t, errOf(s.GetBaseline(ctx, "p1", "start")), journeys.NotFound, "GetBaseline(deleted)")
		wantCode(t, s.DeleteBaseline(ctx, "p1", "start"), journeys.NotFound, "DeleteBaseline(again)")
		wantCode(t, s.EachBaselineJourney(ctx, "p1", "start", func(*journeys.Journey) error { return nil }), journeys.NotFound, "EachBaselineJourney(deleted)")
		// The versions it held stay until retention ends.
		if j, err := s.GetJourneyVersion(ctx, "p1", "resa", 3); err != nil || j.Title != "v3" {
			t.Errorf("GetJourneyVersion(3) after DeleteBaseline = %v, %v; want it kept", j, err)
		}
	})

	t.Run("Restore", func(t *testing.T) {
		from, to := open(t), open(t)
		ctx := t.Context()
		mustCreateProject(t, from, "p1")
		mustCreateProject(t, to, "p1")
		threeVersions(t, from)
		b, err := from.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "b", Title: "B"})
		if err != nil {
			t.Fatal(err)
		}
		var kept []*journeys.PastVersion
		if err := from.EachPastVersion(ctx, "p1", func(v *journeys.PastVersion) error { kept = append(kept, v); return nil }); err != nil {
			t.Fatalf("EachPastVersion() = %v", err)
		}
		if len(kept) != 2 || kept[0].Stored.Journey.Version != 1 || kept[1].Stored.Journey.Title != "v2" {
			t.Fatalf("EachPastVersion() gave %d versions; want versions 1 and 2 in order", len(kept))
		}
		for _, v := range kept {
			if err := to.RestoreVersion(ctx, "p1", v); err != nil {
				t.Fatalf("RestoreVersion(%d) = %v", v.Stored.Journey.Version, err)
			}
		}
		current := mustGetJourney(t, from, "p1", "resa")
		if got := mustPutJourney(t, to, "p1", current); got.Version != 3 {
			t.Errorf("PutJourney() after RestoreVersion = version %d; want 3, after the restored ones", got.Version)
		}
		for range 2 {
			if _, err := to.RestoreBaseline(ctx, "p1", b); err != nil {
				t.Fatalf("RestoreBaseline() = %v", err)
			}
		}
		got, err := to.GetBaseline(ctx, "p1", "b")
		if err != nil || !got.CreatedAt.Equal(*b.CreatedAt) || !slices.Equal(got.Journeys, b.Journeys) {
			t.Errorf("GetBaseline(restored) = %+v, %v; want %+v", got, err, b)
		}
		if j, err := to.GetJourneyVersion(ctx, "p1", "resa", 1); err != nil || j.Title != "v1" {
			t.Errorf("GetJourneyVersion(restored 1) = %v, %v; want v1", j, err)
		}
	})

	t.Run("ProjectDelete", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		threeVersions(t, s)
		if _, err := s.CreateBaseline(ctx, "p1", journeys.BaselineRequest{ID: "b", Title: "B"}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteProject(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
		mustCreateProject(t, s, "p1")
		wantCode(t, errOf(s.GetJourneyVersion(ctx, "p1", "resa", 1)), journeys.NotFound, "GetJourneyVersion(after the project was deleted)")
		wantCode(t, errOf(s.GetBaseline(ctx, "p1", "b")), journeys.NotFound, "GetBaseline(after the project was deleted)")
		if n, err := s.PruneHistory(ctx, time.Now().Add(time.Hour)); err != nil || n != 0 {
			t.Errorf("PruneHistory() after DeleteProject = %d, %v; want nothing left to prune", n, err)
		}
	})
}

// errOf returns the error of a two-valued call.
func errOf[T any](_ T, err error) error { return err }
