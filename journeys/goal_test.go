package journeys_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func sp(s string) *string { return &s }
func bp(b bool) *bool     { return &b }
func ip(i int) *int       { return &i }
func fp(f float64) *float64 {
	return &f
}

func TestGoal_Validate(t *testing.T) {
	tests := []struct {
		name string
		g    journeys.Goal
		want []string
	}{
		{"OK", journeys.Goal{ID: "g1", Title: "Nobody lost", Perspective: journeys.PerspectivePerson}, nil},
		{"WithParent", journeys.Goal{ID: "g1", Title: "T", Perspective: journeys.PerspectiveOrganisation, Parent: sp("g0")}, nil},
		{"OwnParent", journeys.Goal{ID: "g1", Title: "T", Perspective: journeys.PerspectivePerson, Parent: sp("g1")}, []string{"/parent"}},
		{"Missing", journeys.Goal{}, []string{"/id", "/perspective", "/title"}},
		{"BadPerspective", journeys.Goal{ID: "g1", Title: "T", Perspective: "state"}, []string{"/perspective"}},
		{"BadParentID", journeys.Goal{ID: "g1", Title: "T", Perspective: journeys.PerspectivePerson, Parent: sp("a b")}, []string{"/parent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, pointers(tt.g.Validate()), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Validate() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckGoalParent(t *testing.T) {
	stored := map[string]*journeys.Goal{
		"top": {ID: "top"},
		"mid": {ID: "mid", Parent: sp("top")},
		"low": {ID: "low", Parent: sp("mid")},
	}
	get := func(id string) (*journeys.Goal, error) { return stored[id], nil }
	tests := []struct {
		name   string
		g      journeys.Goal
		wantOK bool
	}{
		{"NoParent", journeys.Goal{ID: "x"}, true},
		{"ParentExists", journeys.Goal{ID: "x", Parent: sp("low")}, true},
		{"ParentMissing", journeys.Goal{ID: "x", Parent: sp("nope")}, false},
		{"Cycle", journeys.Goal{ID: "top", Parent: sp("low")}, false},
		{"ShortCycle", journeys.Goal{ID: "mid", Parent: sp("low")}, false},
		{"MoveUnderSibling", journeys.Goal{ID: "low", Parent: sp("top")}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := journeys.CheckGoalParent(&tt.g, get)
			if (err == nil) != tt.wantOK {
				t.Fatalf("CheckGoalParent(%+v) = %v; want ok %v", tt.g, err, tt.wantOK)
			}
			if err != nil && journeys.ErrorCode(err) != journeys.Invalid {
				t.Errorf("code = %s; want INVALID", journeys.ErrorCode(err))
			}
		})
	}
}

func TestGoalInUse(t *testing.T) {
	if err := journeys.GoalInUse("g", nil, nil, nil); err != nil {
		t.Errorf("GoalInUse(unused) = %v; want nil", err)
	}
	err := journeys.GoalInUse("g", []string{"child"}, []string{"m1"}, []string{"p1"})
	if journeys.ErrorCode(err) != journeys.Conflict {
		t.Fatalf("GoalInUse = %v; want CONFLICT", err)
	}
	for _, want := range []string{`"child"`, `"m1"`, `"p1"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("GoalInUse = %q; want it to name %s", err, want)
		}
	}
}

func TestMeasure_Validate(t *testing.T) {
	metric := journeys.MetricHandoversAcknowledged
	bad := journeys.Metric("open_doors")
	ok := journeys.Measure{ID: "m1", Goal: "g1", Name: "Share", Direction: journeys.DirectionIncrease}
	tests := []struct {
		name string
		edit func(*journeys.Measure)
		want []string
	}{
		{"OK", func(*journeys.Measure) {}, nil},
		{"Computed", func(m *journeys.Measure) { m.Metric = &metric }, nil},
		{"UnknownMetric", func(m *journeys.Measure) { m.Metric = &bad }, []string{"/metric"}},
		{"OpenFindingsFilter", func(m *journeys.Measure) {
			open := journeys.MetricOpenFindings
			m.Metric, m.MetricRule, m.MetricMinSeverity = &open, "dead_end", "high"
		}, nil},
		{"FilterWithoutOpenFindings", func(m *journeys.Measure) {
			m.Metric, m.MetricRule, m.MetricMinSeverity = &metric, "dead_end", "high"
		}, []string{"/metricMinSeverity", "/metricRule"}},
		{"Missing", func(m *journeys.Measure) { *m = journeys.Measure{} }, []string{"/direction", "/goal", "/id", "/name"}},
		{"IncreaseTargetBelow", func(m *journeys.Measure) {
			m.Baseline, m.Target = &journeys.Baseline{Value: 0.5}, &journeys.Target{Value: 0.4}
		}, []string{"/target/value"}},
		{"DecreaseTargetBelow", func(m *journeys.Measure) {
			m.Direction = journeys.DirectionDecrease
			m.Baseline, m.Target = &journeys.Baseline{Value: 30, At: "2026-01-01"}, &journeys.Target{Value: 10, By: "2027-01-01"}
		}, nil},
		{"BadDates", func(m *journeys.Measure) {
			m.Baseline, m.Target = &journeys.Baseline{Value: 0, At: "soon"}, &journeys.Target{Value: 1, By: "2027-13-01"}
		}, []string{"/baseline/at", "/target/by"}},
		{"NaN", func(m *journeys.Measure) { m.Baseline = &journeys.Baseline{Value: math.NaN()} }, []string{"/baseline/value"}},
		{"BadScope", func(m *journeys.Measure) { m.Scope = &journeys.MeasureScope{Journeys: []string{"ok", "not ok"}} }, []string{"/scope/journeys/1"}},
		{"BadObservation", func(m *journeys.Measure) {
			m.Observations = []journeys.Observation{{At: "2026-01-01", Value: 1}, {Value: 2}}
		}, []string{"/observations/1/at"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok
			tt.edit(&m)
			if diff := cmp.Diff(tt.want, pointers(m.Validate()), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Validate() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMeasure_KeepAndPlanObservation(t *testing.T) {
	old := &journeys.Measure{ID: "m", Observations: []journeys.Observation{{At: "2026-01-01", Value: 1}}}
	m := journeys.Measure{ID: "m"}
	m.KeepObservations(old)
	if len(m.Observations) != 1 {
		t.Errorf("KeepObservations kept %d; want 1", len(m.Observations))
	}
	m2 := journeys.Measure{ID: "m", Observations: []journeys.Observation{}}
	m2.KeepObservations(old)
	if len(m2.Observations) != 0 {
		t.Errorf("KeepObservations replaced a sent empty list with %d", len(m2.Observations))
	}
	next, err := journeys.PlanObservation(*old, journeys.Observation{At: "2026-02-01", Value: 2})
	if err != nil || len(next.Observations) != 2 || len(old.Observations) != 1 {
		t.Errorf("PlanObservation = %+v, %v; want two observations and old untouched", next, err)
	}
	if _, err := journeys.PlanObservation(*old, journeys.Observation{Value: 2}); journeys.ErrorCode(err) != journeys.Invalid {
		t.Errorf("PlanObservation(no date) = %v; want INVALID", err)
	}
	full := journeys.Measure{ID: "m", Observations: make([]journeys.Observation, journeys.MaxObservations)}
	if _, err := journeys.PlanObservation(full, journeys.Observation{At: "2026-02-01"}); journeys.ErrorCode(err) != journeys.LimitExceeded {
		t.Errorf("PlanObservation(full) = %v; want LIMIT_EXCEEDED", err)
	}
}

func TestProgress(t *testing.T) {
	tests := []struct {
		name     string
		baseline *journeys.Baseline
		target   *journeys.Target
		current  *float64
		want     *float64
	}{
		{"Halfway", &journeys.Baseline{Value: 2}, &journeys.Target{Value: 6}, fp(4), fp(0.5)},
		{"Overshoot", &journeys.Baseline{Value: 0}, &journeys.Target{Value: 10}, fp(15), fp(1.5)},
		{"Backwards", &journeys.Baseline{Value: 0}, &journeys.Target{Value: 10}, fp(-5), fp(-0.5)},
		{"DecreaseHalfway", &journeys.Baseline{Value: 30}, &journeys.Target{Value: 10}, fp(20), fp(0.5)},
		{"DecreaseWorse", &journeys.Baseline{Value: 30}, &journeys.Target{Value: 10}, fp(40), fp(-0.5)},
		{"NoBaseline", nil, &journeys.Target{Value: 10}, fp(5), nil},
		{"NoTarget", &journeys.Baseline{Value: 0}, nil, fp(5), nil},
		{"NoCurrent", &journeys.Baseline{Value: 0}, &journeys.Target{Value: 10}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := journeys.Progress(tt.baseline, tt.target, tt.current)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Progress() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestViewMeasure(t *testing.T) {
	m := journeys.Measure{ID: "m", Baseline: &journeys.Baseline{Value: 0}, Target: &journeys.Target{Value: 1},
		Observations: []journeys.Observation{{At: "2026-03-01", Value: 0.5}, {At: "2026-01-01", Value: 0.1}}}
	v := journeys.ViewMeasure(m, &journeys.MetricValue{Value: fp(0.9)})
	if v.Latest == nil || v.Latest.At != "2026-03-01" {
		t.Errorf("Latest = %+v; want the 2026-03-01 observation", v.Latest)
	}
	if v.Progress == nil || *v.Progress != 0.5 {
		t.Errorf("Progress = %v; want 0.5, from the latest observation", v.Progress)
	}
	m.Observations = nil
	v = journeys.ViewMeasure(m, &journeys.MetricValue{Value: fp(0.9)})
	if v.Progress == nil || *v.Progress != 0.9 {
		t.Errorf("Progress = %v; want 0.9, from the computed value", v.Progress)
	}
}

func TestGoalsParentFirst(t *testing.T) {
	in := []journeys.Goal{{ID: "a", Parent: sp("c")}, {ID: "b"}, {ID: "c", Parent: sp("b")}}
	var got []string
	for _, g := range journeys.GoalsParentFirst(in) {
		got = append(got, g.ID)
	}
	if diff := cmp.Diff([]string{"b", "c", "a"}, got); diff != "" {
		t.Errorf("GoalsParentFirst (-want +got):\n%s", diff)
	}
}

// metricJourney is a small as_is journey: vc and kommun steps, one crisis step, three
// hand-overs with some values known and some not.
func metricJourney(id string, kind journeys.JourneyKind, group string) *journeys.Journey {
	return &journeys.Journey{ID: id, Kind: kind, TargetGroup: group,
		Steps: []journeys.Step{
			{ID: "s1", Actor: "vc", WaitDays: &journeys.WaitDays{Expected: ip(10), Observed: ip(20)}},
			{ID: "s2", Actor: "kommun", Crisis: true, ContactPerson: sp("kommun"), WaitDays: &journeys.WaitDays{Expected: ip(4)}},
			{ID: "s3", Actor: "psyk", Crisis: true},
			{ID: "s4", Actor: "psyk"},
		},
		Handovers: []journeys.Handover{
			{ID: "h1", From: "s1", To: "s2", Type: journeys.HandoverAdviceToContact, Responsible: sp("vc"), Acknowledged: bp(true), FollowUp: bp(false), Information: journeys.InformationFull},
			{ID: "h2", From: "s2", To: "s3", Type: journeys.HandoverReferral, Acknowledged: bp(false), Information: journeys.InformationPartial, WaitDays: &journeys.WaitDays{Observed: ip(7)}},
			{ID: "h3", From: "s3", To: "s4", Type: journeys.HandoverSelfReferral, Information: journeys.InformationUnknown},
		},
	}
}

func TestEvaluate(t *testing.T) {
	js := []*journeys.Journey{
		metricJourney("a", journeys.KindAsIs, "adult"),
		metricJourney("b", journeys.KindToBe, "adult"),
	}
	tests := []struct {
		metric  journeys.Metric
		scope   *journeys.MeasureScope
		want    *float64
		counted int
		unknown int
	}{
		// h1 has a responsible actor; h2 and h3 do not say.
		{journeys.MetricHandoversWithResponsible, nil, fp(1), 1, 2},
		{journeys.MetricHandoversAcknowledged, nil, fp(0.5), 2, 1},
		{journeys.MetricHandoversInformationFull, nil, fp(0.5), 2, 1},
		{journeys.MetricHandoversFollowedUp, nil, fp(0), 1, 2},
		// s3 is a crisis step without a contact person, which counts as none.
		{journeys.MetricCrisisWithContactPerson, nil, fp(0.5), 2, 0},
		// Waits 20 (observed over expected), 4 and 7; s3, s4, h1 and h3 have none.
		{journeys.MetricWaitDaysMedian, nil, fp(7), 3, 4},
		// h1 leaves the person to go on alone across actors; h3 stays with psyk.
		{journeys.MetricSelfNavigationHandoffs, nil, fp(1), 1, 0},
		// Naming journeys counts them whatever their kind.
		{journeys.MetricSelfNavigationHandoffs, &journeys.MeasureScope{Journeys: []string{"a", "b"}}, fp(1), 2, 0},
		// Actors narrow to their steps and the hand-overs touching them: s1, h1.
		{journeys.MetricHandoversWithResponsible, &journeys.MeasureScope{Actors: []string{"vc"}}, fp(1), 1, 0},
		{journeys.MetricWaitDaysMedian, &journeys.MeasureScope{Actors: []string{"vc"}}, fp(20), 1, 1},
		// A target group nothing is for leaves nothing to count: no value.
		{journeys.MetricHandoversAcknowledged, &journeys.MeasureScope{TargetGroups: []string{"child"}}, nil, 0, 0},
		{journeys.MetricSelfNavigationHandoffs, &journeys.MeasureScope{TargetGroups: []string{"child"}}, nil, 0, 0},
		// open_findings needs the gap engine: gaps.OpenFindings computes it.
		{journeys.MetricOpenFindings, nil, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.metric), func(t *testing.T) {
			got := journeys.Evaluate(tt.metric, tt.scope, js)
			if diff := cmp.Diff(tt.want, got.Value); diff != "" {
				t.Errorf("Evaluate(%s, %+v) value (-want +got):\n%s", tt.metric, tt.scope, diff)
			}
			if got.Counted != tt.counted || got.Unknown != tt.unknown {
				t.Errorf("Evaluate(%s, %+v) counted %d, unknown %d; want %d, %d", tt.metric, tt.scope, got.Counted, got.Unknown, tt.counted, tt.unknown)
			}
		})
	}
}

func TestObservationRequest(t *testing.T) {
	today := time.Date(2026, 12, 4, 23, 0, 0, 0, time.UTC)
	metric := journeys.MetricHandoversAcknowledged
	computed := &journeys.Measure{ID: "m", Metric: &metric}
	manual := &journeys.Measure{ID: "m"}
	v, half := 0.4, 0.5
	for _, tt := range []struct {
		name    string
		r       journeys.ObservationRequest
		m       *journeys.Measure
		now     *journeys.MetricValue
		want    journeys.Observation
		pointer string
	}{
		{"Manual", journeys.ObservationRequest{Value: &v, Source: "enkät"}, manual, nil, journeys.Observation{At: "2026-12-04", Value: 0.4, Source: "enkät"}, ""},
		{"Computed", journeys.ObservationRequest{At: "2026-11-01", Computed: true}, computed, &journeys.MetricValue{Value: &half}, journeys.Observation{At: "2026-11-01", Value: 0.5, Source: journeys.ObservationSourceComputed}, ""},
		{"ErrComputedManual", journeys.ObservationRequest{Computed: true}, manual, nil, journeys.Observation{}, "/computed"},
		{"ErrValueBesideComputed", journeys.ObservationRequest{Computed: true, Value: &v}, computed, &journeys.MetricValue{Value: &half}, journeys.Observation{}, "/value"},
		{"ErrNothingCounted", journeys.ObservationRequest{Computed: true}, computed, &journeys.MetricValue{}, journeys.Observation{}, "/computed"},
		{"ErrNoValue", journeys.ObservationRequest{}, manual, nil, journeys.Observation{}, "/value"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.Observation(tt.m, tt.now, today)
			if tt.pointer != "" {
				if v := journeys.ErrorViolations(err); len(v) != 1 || v[0].Pointer != tt.pointer {
					t.Fatalf("Observation() = %v, %v; want one violation at %s", got, v, tt.pointer)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Observation() = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}
