package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

func testGoals(t *testing.T, open opener) {
	parent := func(id string) *string { return &id }
	top := journeys.Goal{ID: "top", Title: "Ingen tappas bort", Perspective: journeys.PerspectivePerson}
	sub := journeys.Goal{ID: "sub", Title: "Varm överlämning", Perspective: journeys.PerspectiveOrganisation, Parent: parent("top")}
	metric := journeys.MetricHandoversWithResponsible
	measure := journeys.Measure{ID: "m1", Goal: "sub", Name: "Ansvarig", Direction: journeys.DirectionIncrease,
		Baseline: &journeys.Baseline{Value: 0.2, At: "2026-01-01"}, Target: &journeys.Target{Value: 0.9, By: "2027-01-01"},
		Scope: &journeys.MeasureScope{Actors: []string{"vc"}}, Metric: &metric}

	t.Run("OK", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		for _, g := range []journeys.Goal{top, sub} {
			got, created, err := s.PutGoal(ctx, "p1", &g)
			if err != nil || !created || got.Version != 1 || got.UpdatedAt == nil || !got.SameContent(g) {
				t.Fatalf("PutGoal(%q) = %+v, %v, %v; want version 1, created", g.ID, got, created, err)
			}
			read, err := s.GetGoal(ctx, "p1", g.ID)
			if err != nil || !cmp.Equal(read, got) {
				t.Errorf("GetGoal(%q) = %+v, %v; want %+v", g.ID, read, err, got)
			}
		}
		again, created, err := s.PutGoal(ctx, "p1", &sub)
		if err != nil || created || again.Version != 1 {
			t.Errorf("PutGoal(%q) again = %+v, %v, %v; want unchanged at version 1", sub.ID, again, created, err)
		}
		list, err := s.ListGoals(ctx, "p1", journeys.Page{Limit: 1})
		if err != nil || len(list.Items) != 1 || list.Items[0].ID != "sub" || list.Next == "" {
			t.Errorf("ListGoals(limit 1) = %+v, %v; want sub and a cursor", list, err)
		}

		m, created, err := s.PutMeasure(ctx, "p1", &measure)
		if err != nil || !created || m.Version != 1 || !m.SameContent(measure) {
			t.Fatalf("PutMeasure = %+v, %v, %v; want version 1, created", m, created, err)
		}
		read, err := s.GetMeasure(ctx, "p1", "m1")
		if err != nil || !cmp.Equal(read, m) {
			t.Errorf("GetMeasure = %+v, %v; want %+v", read, err, m)
		}
		obs := journeys.Observation{At: "2026-03-01", Value: 0.4, Note: "Räknat", Source: "enkät"}
		m, err = s.AddObservation(ctx, "p1", "m1", obs)
		if err != nil || m.Version != 2 || !slices.Equal(m.Observations, []journeys.Observation{obs}) {
			t.Fatalf("AddObservation = %+v, %v; want version 2 with the observation", m, err)
		}
		// A PUT without observations keeps them; one with observations replaces them.
		renamed := measure
		renamed.Name = "Andel med ansvarig"
		m, _, err = s.PutMeasure(ctx, "p1", &renamed)
		if err != nil || m.Version != 3 || len(m.Observations) != 1 {
			t.Errorf("PutMeasure(no observations) = %+v, %v; want version 3 keeping 1 observation", m, err)
		}
		renamed.Observations = []journeys.Observation{}
		m, _, err = s.PutMeasure(ctx, "p1", &renamed)
		if err != nil || len(m.Observations) != 0 {
			t.Errorf("PutMeasure(empty observations) = %+v, %v; want them cleared", m, err)
		}
		ms, err := s.ListMeasures(ctx, "p1", journeys.Page{})
		if err != nil || len(ms.Items) != 1 || ms.Items[0].Name != renamed.Name {
			t.Errorf("ListMeasures = %+v, %v; want m1", ms, err)
		}

		want := []string{"measure.put:m1", "measure.put:m1", "measure.observe:m1", "measure.put:m1", "goal.put:sub", "goal.put:top"}
		if got := ids(auditLog(t, s, "p1"), auditLabel)[:6]; !slices.Equal(got, want) {
			t.Errorf("ListAudit = %q; want %q first", got, want)
		}

		mustNoError(t, s.DeleteMeasure(ctx, "p1", "m1"))
		mustNoError(t, s.DeleteGoal(ctx, "p1", "sub"))
		mustNoError(t, s.DeleteGoal(ctx, "p1", "top"))
		_, err = s.GetGoal(ctx, "p1", "top")
		wantCode(t, err, journeys.NotFound, "GetGoal(%q) after delete", "top")
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		_, _, err := s.PutGoal(ctx, "p1", &journeys.Goal{ID: "g", Perspective: "state"})
		wantPointer(t, err, "/perspective", "PutGoal(bad)")
		_, _, err = s.PutGoal(ctx, "p1", &sub)
		wantCode(t, err, journeys.Invalid, "PutGoal(%q) with a missing parent", sub.ID)
		wantPointer(t, err, "/parent", "PutGoal(%q) with a missing parent", sub.ID)
		_, _, err = s.PutMeasure(ctx, "p1", &measure)
		wantCode(t, err, journeys.Invalid, "PutMeasure with a missing goal")
		wantPointer(t, err, "/goal", "PutMeasure with a missing goal")

		// A cycle: top under sub, while sub is under top.
		mustPut := func(g journeys.Goal) {
			if _, _, err := s.PutGoal(ctx, "p1", &g); err != nil {
				t.Fatalf("PutGoal(%q) = %v", g.ID, err)
			}
		}
		mustPut(top)
		mustPut(sub)
		cyclic := top
		cyclic.Parent = parent("sub")
		_, _, err = s.PutGoal(ctx, "p1", &cyclic)
		wantPointer(t, err, "/parent", "PutGoal(%q under %q)", "top", "sub")
		if g, _ := s.GetGoal(ctx, "p1", "top"); g == nil || g.Parent != nil {
			t.Errorf("GetGoal(top) after a refused cycle = %+v; want it unchanged", g)
		}

		if _, _, err := s.PutMeasure(ctx, "p1", &measure); err != nil {
			t.Fatalf("PutMeasure = %v", err)
		}
		_, err = s.AddObservation(ctx, "p1", "m1", journeys.Observation{Value: 1})
		wantPointer(t, err, "/at", "AddObservation(no date)")
		_, err = s.AddObservation(ctx, "p1", "ghost", journeys.Observation{At: "2026-01-01"})
		wantCode(t, err, journeys.NotFound, "AddObservation(ghost)")
		if m, _ := s.GetMeasure(ctx, "p1", "m1"); m == nil || m.Version != 1 {
			t.Errorf("GetMeasure after refused observations = %+v; want version 1", m)
		}
	})

	t.Run("ErrConflict", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		for _, g := range []journeys.Goal{top, sub} {
			if _, _, err := s.PutGoal(ctx, "p1", &g); err != nil {
				t.Fatalf("PutGoal(%q) = %v", g.ID, err)
			}
		}
		if _, _, err := s.PutMeasure(ctx, "p1", &measure); err != nil {
			t.Fatalf("PutMeasure = %v", err)
		}
		err := s.DeleteGoal(ctx, "p1", "top")
		wantCode(t, err, journeys.Conflict, "DeleteGoal(%q) with a child", "top")
		if err != nil && !strings.Contains(err.Error(), `"sub"`) {
			t.Errorf("DeleteGoal(top) = %q; want it to name goal sub", err)
		}
		err = s.DeleteGoal(ctx, "p1", "sub")
		wantCode(t, err, journeys.Conflict, "DeleteGoal(%q) with a measure", "sub")
		if err != nil && !strings.Contains(err.Error(), `"m1"`) {
			t.Errorf("DeleteGoal(sub) = %q; want it to name measure m1", err)
		}
		wantCode(t, s.DeleteGoal(ctx, "p1", "ghost"), journeys.NotFound, "DeleteGoal(ghost)")
		wantCode(t, s.DeleteMeasure(ctx, "p1", "ghost"), journeys.NotFound, "DeleteMeasure(ghost)")

		// Deleting the project removes them; a new project of the same id has none.
		mustNoError(t, s.DeleteProject(ctx, "p1"))
		mustCreateProject(t, s, "p1")
		gs, err := s.ListGoals(ctx, "p1", journeys.Page{})
		ms, err2 := s.ListMeasures(ctx, "p1", journeys.Page{})
		if err != nil || err2 != nil || len(gs.Items) != 0 || len(ms.Items) != 0 {
			t.Errorf("after DeleteProject: goals %+v, measures %+v, %v, %v; want none", gs, ms, err, err2)
		}
		_, err = s.ListGoals(ctx, "nope", journeys.Page{})
		wantCode(t, err, journeys.NotFound, "ListGoals(missing project)")
	})
}
