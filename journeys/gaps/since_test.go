package gaps

import (
	"slices"
	"testing"

	"github.com/glapp/glapp/journeys"
)

func TestSince(t *testing.T) {
	dismissed := &journeys.Triage{Status: journeys.TriageDismissed}
	f := func(fp string, triage *journeys.Triage) Finding { return Finding{Fingerprint: fp, Triage: triage} }
	then := []Finding{f("a", nil), f("b", nil), f("c", dismissed), f("d", nil)}
	// Now: a persists, b was dismissed since (hidden, not resolved), e is new; c and d are
	// gone.
	now := []Finding{f("a", nil), f("b", dismissed), f("e", nil)}
	nowSet := Fingerprints(now)

	shown := MarkSince(now, Fingerprints(then), false)
	var got []string
	for _, x := range shown {
		got = append(got, x.Fingerprint+":"+string(x.Since))
	}
	if want := []string{"a:persisting", "e:new"}; !slices.Equal(got, want) {
		t.Errorf("MarkSince() = %v; want %v (b dismissed since is left out, not new)", got, want)
	}
	resolved := Resolved(then, nowSet, false)
	if len(resolved) != 1 || resolved[0].Fingerprint != "d" || resolved[0].Since != SinceResolved {
		t.Errorf("Resolved() = %+v; want d only: b still exists (dismissed), c was dismissed at the baseline", resolved)
	}
	if all := Resolved(then, nowSet, true); len(all) != 2 {
		t.Errorf("Resolved(includeDismissed) = %d findings; want c and d", len(all))
	}
	if c := CountSince("start", shown, resolved); *c != (SinceCounts{Baseline: "start", New: 1, Persisting: 1, Resolved: 1}) {
		t.Errorf("CountSince() = %+v; want 1 new, 1 persisting, 1 resolved", *c)
	}
	if len(now[0].Since) != 0 {
		t.Errorf("MarkSince changed its input")
	}
}
