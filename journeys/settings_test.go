package journeys_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// violationPointers returns the pointers of v, in order.
func violationPointers(v []journeys.Violation) []string {
	var out []string
	for _, x := range v {
		out = append(out, x.Pointer)
	}
	return out
}

func TestDefaultSettings_FollowTheSpec(t *testing.T) {
	s := journeys.DefaultSettings()
	want := map[journeys.HandoverType]int{
		"referral": 90, "consultation": 30, "joint_planning": 30, "discharge": 7,
		"advice_to_contact": 3, "self_referral": 3, "internal": 90,
	}
	if diff := cmp.Diff(want, s.LongWait.Handover); diff != "" {
		t.Errorf("DefaultSettings().LongWait.Handover mismatch (-want +got):\n%s", diff)
	}
	if s.LongWait.EntryStep != 3 || s.LongWait.OtherStep != 90 || s.LongWait.BUPCap != 30 {
		t.Errorf("DefaultSettings().LongWait = %+v; want entry 3, other 90, BUP cap 30", s.LongWait)
	}
	if s.EvidenceHotspot.MinNegativeInsights != 2 || s.EvidenceHotspot.MinSources != 2 {
		t.Errorf("DefaultSettings().EvidenceHotspot = %+v; want 2 and 2", s.EvidenceHotspot)
	}
	if v := s.Validate(); len(v) != 0 {
		t.Errorf("DefaultSettings().Validate() = %v; want none", v)
	}
	if s.IsZero() || !(journeys.Settings{}).IsZero() {
		t.Errorf("IsZero: defaults %v, zero value %v; want false, true", s.IsZero(), (journeys.Settings{}).IsZero())
	}
}

func TestDefaultSettings_ReturnsAFreshMap(t *testing.T) {
	a := journeys.DefaultSettings()
	a.LongWait.Handover["referral"] = 1
	if b := journeys.DefaultSettings(); b.LongWait.Handover["referral"] != 90 {
		t.Fatalf("DefaultSettings() shares its map: referral = %d after a caller changed it", b.LongWait.Handover["referral"])
	}
}

func TestSettings_JSONMergesIntoDefaults(t *testing.T) {
	s := journeys.DefaultSettings()
	doc := `{"longWait":{"handover":{"referral":60},"bupCap":20},"evidenceHotspot":{"minSources":3}}`
	if err := journeys.DecodeStrict([]byte(doc), &s); err != nil {
		t.Fatalf("DecodeStrict(%s) = %v", doc, err)
	}
	if got := s.LongWait.ForHandover("referral"); got != 60 {
		t.Errorf("ForHandover(referral) = %d; want 60", got)
	}
	if got := s.LongWait.ForHandover("discharge"); got != 7 {
		t.Errorf("ForHandover(discharge) = %d; want the default 7 kept", got)
	}
	if s.LongWait.BUPCap != 20 || s.LongWait.EntryStep != 3 || s.EvidenceHotspot.MinSources != 3 || s.EvidenceHotspot.MinNegativeInsights != 2 {
		t.Errorf("settings after merge = %+v", s)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]map[string]any
	var zone struct{ TimeZone string }
	if err := json.Unmarshal(b, &zone); err != nil || zone.TimeZone != journeys.DefaultTimeZone {
		t.Errorf("JSON %s: timeZone %q, %v; want the default kept", b, zone.TimeZone, err)
	}
	b = []byte(strings.Replace(string(b), `,"timeZone":"`+journeys.DefaultTimeZone+`"`, "", 1))
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"handover", "entryStep", "otherStep", "bupCap"} {
		if _, ok := back["longWait"][key]; !ok {
			t.Errorf("JSON %s has no longWait.%s", b, key)
		}
	}
	for _, key := range []string{"minNegativeInsights", "minSources"} {
		if _, ok := back["evidenceHotspot"][key]; !ok {
			t.Errorf("JSON %s has no evidenceHotspot.%s", b, key)
		}
	}
}

func TestLongWaitSettings_ForHandoverFallsBackToDefault(t *testing.T) {
	var l journeys.LongWaitSettings // no map at all
	if got := l.ForHandover(journeys.HandoverDischarge); got != 7 {
		t.Errorf("ForHandover(discharge) on empty settings = %d; want 7", got)
	}
	l.Handover = map[journeys.HandoverType]int{journeys.HandoverDischarge: 0}
	if got := l.ForHandover(journeys.HandoverDischarge); got != 0 {
		t.Errorf("ForHandover(discharge) with 0 set = %d; want 0 (an explicit 0 is a threshold)", got)
	}
}

func TestSettings_Validate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*journeys.Settings)
		want   []string
	}{
		{"OK", func(*journeys.Settings) {}, nil},
		{"ZeroThresholdsAreAllowed", func(s *journeys.Settings) {
			s.LongWait.EntryStep, s.LongWait.Handover["discharge"] = 0, 0
		}, nil},
		{"Negative", func(s *journeys.Settings) {
			s.LongWait.Handover["referral"] = -1
			s.LongWait.EntryStep = -3
			s.LongWait.OtherStep = -1
			s.LongWait.BUPCap = -30
		}, []string{"/longWait/bupCap", "/longWait/entryStep", "/longWait/handover/referral", "/longWait/otherStep"}},
		{"TooLong", func(s *journeys.Settings) { s.LongWait.OtherStep = 3651 }, []string{"/longWait/otherStep"}},
		{"UnknownHandoverType", func(s *journeys.Settings) {
			s.LongWait.Handover["telepathy"] = 3
			s.LongWait.Handover["a/b~c"] = 3
		}, []string{"/longWait/handover/a~1b~0c", "/longWait/handover/telepathy"}},
		{"HotspotMinimumsBelowOne", func(s *journeys.Settings) {
			s.EvidenceHotspot.MinNegativeInsights = 0
			s.EvidenceHotspot.MinSources = -1
		}, []string{"/evidenceHotspot/minNegativeInsights", "/evidenceHotspot/minSources"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := journeys.DefaultSettings()
			tt.change(&s)
			if diff := cmp.Diff(tt.want, violationPointers(s.Validate()), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Validate() pointers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
