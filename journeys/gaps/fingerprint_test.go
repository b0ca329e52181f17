package gaps_test

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/google/go-cmp/cmp"
)

// gappy is a journey with findings of several rules, path rules included: a ping-pong
// vc → psy → vc, a self-navigation to soc, a missing SIP, information loss, a hotspot.
func gappy() *journeys.Journey {
	return journey(
		steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc"), step("s4", "soc", terminal)),
		handovers(
			handover("h1", "s1", "s2", ref, information(journeys.InformationPartial)),
			handover("h2", "s2", "s3", ref, responsible(nil)),
			handover("h3", "s3", "s4", advice, followUp(ptr(false)))),
		insight("i1", -1, journeys.StatusHypothesis, "int-1", "h3"),
		insight("i2", -2, journeys.StatusHypothesis, "int-2", "h3"))
}

// fingerprints maps each finding's rule and subject to its fingerprint.
func fingerprints(t *testing.T, j *journeys.Journey) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range mustAnalyze(t, j, testActors, journeys.DefaultSettings()).Findings {
		key := string(f.Rule) + ":" + strings.Join(f.Subject, "+")
		if !journeys.ValidFingerprint(f.Fingerprint) {
			t.Errorf("%s fingerprint %q is not a valid fingerprint", key, f.Fingerprint)
		}
		out[key] = f.Fingerprint
	}
	return out
}

func TestFingerprint_SurvivesUnrelatedEdits(t *testing.T) {
	before := fingerprints(t, gappy())
	if len(before) < 6 {
		t.Fatalf("gappy() has findings %v; want at least six to compare", slices.Sorted(maps.Keys(before)))
	}
	seen := map[string]bool{}
	for _, fp := range before {
		if seen[fp] {
			t.Fatalf("two findings share fingerprint %s: %v", fp, before)
		}
		seen[fp] = true
	}
	edits := []struct {
		name string
		edit func(*journeys.Journey)
	}{
		{"RenameStep", func(j *journeys.Journey) { j.Steps[1].Title = "Bedömning på psykiatrin" }},
		{"RenameJourney", func(j *journeys.Journey) { j.Title = "Ny titel" }},
		{"AddUnrelatedStep", func(j *journeys.Journey) {
			j.Steps = append(j.Steps, step("s9", "ngo", entry, terminal))
		}},
		{"ReorderSteps", func(j *journeys.Journey) { slices.Reverse(j.Steps) }},
		{"ReorderHandovers", func(j *journeys.Journey) { slices.Reverse(j.Handovers) }},
		{"ReorderInsights", func(j *journeys.Journey) { slices.Reverse(j.Insights) }},
		{"ChangeSeverityByEvidence", func(j *journeys.Journey) {
			j.Insights = append(j.Insights, insight("i3", -2, journeys.StatusValidated, "int-3", "h1", "h2"))
		}},
		{"ChangeStage", func(j *journeys.Journey) {
			j.Stages = append(j.Stages, journeys.Stage{ID: "later", Name: "Senare", Order: 2})
			j.Steps[2].Stage = "later"
		}},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			j := gappy()
			e.edit(j)
			if diff := cmp.Diff(before, fingerprints(t, j)); diff != "" {
				t.Errorf("fingerprints changed (-before +after):\n%s", diff)
			}
		})
	}
}

func TestFingerprint_ChangesWithTheSubject(t *testing.T) {
	before := fingerprints(t, gappy())

	j := gappy()
	j.Handovers[1].ID = "h2b" // the hand-over back to vc is another hand-over now
	for i := range j.Insights {
		j.Insights[i].About = slices.Clone(j.Insights[i].About)
	}
	after := fingerprints(t, j)
	if _, ok := after["unowned_handover:h2b"]; !ok || after["unowned_handover:h2b"] == before["unowned_handover:h2"] {
		t.Errorf("unowned_handover on a new hand-over: before %v, after %v; want a new fingerprint", before, after)
	}
	if after["ping_pong:h1+h2b"] == "" || after["ping_pong:h1+h2b"] == before["ping_pong:h1+h2"] {
		t.Errorf("ping_pong over a different loop kept its fingerprint: before %v, after %v", before, after)
	}
	if after["information_loss:h1"] != before["information_loss:h1"] {
		t.Error("information_loss on h1 changed fingerprint though its subject did not")
	}

	other := gappy()
	other.ID = "j2"
	for key, fp := range fingerprints(t, other) {
		if before[key] == fp {
			t.Errorf("%s has the same fingerprint in another journey", key)
		}
	}
}

func TestFingerprint_SameSubjectDifferentRule(t *testing.T) {
	fps := fingerprints(t, gappy())
	if fps["self_navigation:h3"] == "" || fps["self_navigation:h3"] == fps["no_follow_up:h3"] {
		t.Errorf("self_navigation and no_follow_up on h3 share a fingerprint: %v", fps)
	}
}

func TestFingerprint_StableAcrossReads(t *testing.T) {
	a, b := fingerprints(t, gappy()), fingerprints(t, gappy())
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two reads differ (-first +second):\n%s", diff)
	}
}

// The scheme is pinned: changing it would orphan every stored triage decision.
func TestFingerprint_Scheme(t *testing.T) {
	sum := sha256.Sum256([]byte("j1\x00ping_pong\x00h1\x00h2"))
	if got, want := fingerprints(t, gappy())["ping_pong:h1+h2"], hex.EncodeToString(sum[:16]); got != want {
		t.Errorf("fingerprint of ping_pong on j1 h1+h2 = %s; want %s", got, want)
	}
	// In path order the loop is hb, ha; the hash takes its ids sorted.
	loop := journey(
		steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "vc", terminal)),
		handovers(handover("hb", "s1", "s2", ref), handover("ha", "s2", "s3", ref)))
	sum = sha256.Sum256([]byte("j1\x00ping_pong\x00ha\x00hb"))
	if got, want := fingerprints(t, loop)["ping_pong:hb+ha"], hex.EncodeToString(sum[:16]); got != want {
		t.Errorf("fingerprint of ping_pong on j1 hb+ha = %s; want %s", got, want)
	}
}

// When two loops of the same length lead back, the one by smaller hand-over ids is
// reported, whatever the order of the document: the loop is the subject, so its choice
// decides the fingerprint.
func TestFingerprint_TiesBetweenLoopsBreakByID(t *testing.T) {
	build := func() *journeys.Journey {
		return journey(
			steps(step("s1", "vc", entry), step("s2", "psy"), step("s3", "ber"), step("s4", "soc"), step("s5", "vc", terminal)),
			handovers(handover("hA", "s1", "s2", ref), handover("hB", "s1", "s3", ref),
				handover("hC", "s2", "s4", ref), handover("hD", "s3", "s4", ref), handover("hE", "s4", "s5", ref)))
	}
	want := []string{"hA+hC+hE"}
	for name, edit := range map[string]func(*journeys.Journey){
		"AsWritten":         func(*journeys.Journey) {},
		"ReversedHandovers": func(j *journeys.Journey) { slices.Reverse(j.Handovers) },
		"ReversedSteps":     func(j *journeys.Journey) { slices.Reverse(j.Steps) },
	} {
		j := build()
		edit(j)
		if got := subjects(ofRule(analyze(t, j), gaps.RulePingPong)); !slices.Equal(got, want) {
			t.Errorf("%s: ping_pong = %v; want %v", name, got, want)
		}
	}
}
