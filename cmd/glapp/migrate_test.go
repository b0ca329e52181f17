package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/glapp/glapp/demo"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestCopyStore copies a filled embedded store into an empty one, the way migrate copies
// into Neo4j, and checks that everything arrived, that a second run changes nothing, and
// that the progress bar reached its end.
func TestCopyStore(t *testing.T) {
	ctx := t.Context()
	src := filledStore(t)
	dst := openEmbedded(t)

	var out bytes.Buffer
	m, err := copyStore(ctx, src, dst, &out)
	if err != nil {
		t.Fatalf("copyStore() = %v; want nil error\n%s", err, out.String())
	}
	wantSameStores(t, src, dst)
	wantSameAccess(t, src, dst)
	// The demo's own change work, plus what filledStore adds.
	dg, _ := demo.Goals()
	dm, _ := demo.Measures()
	dp, _ := demo.Proposals()
	dt, _ := demo.Triage()
	dj, _ := demo.Journeys()
	goals, measures, proposals, triage, js := len(dg)+2, len(dm)+1, len(dp)+1, len(dt)+2, len(dj)+2
	dn, _ := demo.Needs()
	if m.needs != len(dn) {
		t.Errorf("copyStore() copied %d needs; want the demo's %d", m.needs, len(dn))
	}
	if m.projects != 2 || m.journeys != js || m.settings != 1 || m.triage != triage || m.proposals != proposals || m.goals != goals || m.measures != measures || m.sources == 0 || m.actors == 0 || m.tokens != 1 || m.audit == 0 {
		t.Errorf("copyStore() counted %s; want 2 projects, %d journeys, 1 project settings, %d triage decisions, %d proposals, %d goals, %d measures, 1 token and audit entries", m, js, triage, proposals, goals, measures)
	}
	for _, line := range []string{
		fmt.Sprintf("[                    ] 0/%d journeys copied", js),
		fmt.Sprintf("[####################] %d/%d journeys copied", js, js),
		fmt.Sprintf("[####################] %d/%d journeys verified", js, js),
	} {
		if !strings.Contains(out.String(), line+"\n") {
			t.Errorf("copyStore() output lacks %q:\n%s", line, out.String())
		}
	}

	// A second run, as after an interruption, writes nothing: no version moves, no audit
	// entry is added.
	before, auditCount := versions(t, dst), len(auditEntries(t, dst))
	if _, err := copyStore(ctx, src, dst, &bytes.Buffer{}); err != nil {
		t.Fatalf("copyStore() again = %v; want nil error", err)
	}
	if diff := cmp.Diff(before, versions(t, dst)); diff != "" {
		t.Errorf("copyStore() again changed versions (-before +after):\n%s", diff)
	}
	if n, want := len(auditEntries(t, dst)), auditCount; n != want {
		t.Errorf("copyStore() again left %d audit entries in the target; want %d, as before", n, want)
	}
}

// TestCopyStoreErrVerifyAudit gives copyStore a target that drops an audit entry, and
// expects the verification to catch it.
func TestCopyStoreErrVerifyAudit(t *testing.T) {
	src := filledStore(t)
	_, err := copyStore(t.Context(), src, forgetfulStore{openEmbedded(t)}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "1 audit entries are missing from the copy or differ") {
		t.Errorf("copyStore(into a store that drops an audit entry) = %v; want a verify error counting 1 entry", err)
	}
}

// forgetfulStore is a target that drops the first audit entry it is asked to restore.
type forgetfulStore struct{ journeys.Backend }

func (s forgetfulStore) RestoreAudit(ctx context.Context, entries []journeys.AuditEntry) (int, error) {
	return s.Backend.RestoreAudit(ctx, entries[1:])
}

// wantSameAccess fails t unless every token of src works in dst as it did, and every
// audit entry of src is in dst, id, time and outcome kept.
func wantSameAccess(t *testing.T, src, dst journeys.Backend) {
	t.Helper()
	ctx := t.Context()
	err := src.EachToken(ctx, func(tok *journeys.Token) error {
		got, err := dst.TokenByHash(ctx, tok.Hash)
		if err != nil || !got.SameAs(tok) {
			t.Errorf("TokenByHash(%q) in the copy = %+v, %v; want %+v", tok.Hash, got, err, tok)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	copied := map[string]journeys.AuditEntry{}
	for _, e := range auditEntries(t, dst) {
		copied[e.Project+"/"+e.ID] = e
	}
	want := auditEntries(t, src)
	logs := map[string]bool{}
	for _, e := range want {
		logs[e.Project] = true
		if diff := cmp.Diff(e, copied[e.Project+"/"+e.ID]); diff != "" {
			t.Errorf("audit entry %s/%s in the copy differs (-src +dst):\n%s", e.Project, e.ID, diff)
		}
	}
	for _, id := range []string{journeys.SystemAuditProject, demo.ProjectID, "andra", "borta"} {
		if !logs[id] {
			t.Errorf("the source has no audit log %q; the test wants one to copy", id)
		}
	}
}

// auditEntries returns every audit entry of s.
func auditEntries(t *testing.T, s journeys.Backend) []journeys.AuditEntry {
	t.Helper()
	var out []journeys.AuditEntry
	if err := s.EachAuditEntry(t.Context(), func(e *journeys.AuditEntry) error { out = append(out, *e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCopyStoreErrVerify gives copyStore a target that loses part of what it is given,
// and expects the verification to catch it and name the journey.
func TestCopyStoreErrVerify(t *testing.T) {
	src := filledStore(t)
	dst := lossyStore{openEmbedded(t)}
	_, err := copyStore(t.Context(), src, dst, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "demo/vuxen-beroende-nulage") {
		t.Errorf("copyStore(into a store that drops insights) = %v; want a verify error naming demo/vuxen-beroende-nulage", err)
	}
}

// TestMigrateCommand checks the command's refusals, which come before it touches any
// store.
func TestMigrateCommand(t *testing.T) {
	dir := t.TempDir()
	s, err := embedded.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"NoNeo4j", []string{"migrate", "--from-data-dir", dir}, nil, "NEO4J_URI is not set"},
		{"NoSource", []string{"migrate"}, map[string]string{"NEO4J_URI": "neo4j://localhost:7687"}, "needs --from-data-dir"},
		{"EmptySource", []string{"migrate", "--from-data-dir", t.TempDir()}, map[string]string{"NEO4J_URI": "neo4j://localhost:7687"}, "no Glapp store"},
		{"Arguments", []string{"migrate", "--from-data-dir", dir, "extra"}, nil, "takes no arguments"},
		{"BadTimeout", []string{"migrate", "--from-data-dir", dir}, map[string]string{"NEO4J_URI": "neo4j://localhost:7687", "NEO4J_TX_TIMEOUT": "soon"}, "NEO4J_TX_TIMEOUT"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tt.args, func(k string) string { return tt.env[k] }, &out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) = %v; want an error saying %q", tt.args, err, tt.want)
			}
		})
	}
}

// filledStore returns an embedded store holding the demo project, with settings and a
// triage decision of its own, and a second project.
func filledStore(t *testing.T) journeys.Backend {
	t.Helper()
	ctx := t.Context()
	s := openEmbedded(t)
	if _, err := demo.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	settings := journeys.DefaultSettings()
	settings.LongWait.Handover[journeys.HandoverReferral] = 60
	if _, err := s.PutSettings(ctx, demo.ProjectID, &settings); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProjectSecret(ctx, demo.ProjectID, bytes.Repeat([]byte{7}, journeys.ProjectSecretBytes)); err != nil {
		t.Fatal(err)
	}
	triage := journeys.Triage{Fingerprint: "0123456789abcdef0123456789abcdef", Status: journeys.TriageDismissed, Reason: "Samma enhet."}
	if _, _, err := s.PutTriage(ctx, demo.ProjectID, &triage); err != nil {
		t.Fatal(err)
	}
	// A proposal with a test and a decision, named by the triage of a finding.
	if _, _, err := s.PutProposal(ctx, demo.ProjectID, &journeys.Proposal{ID: "sip", Title: "SIP vid utskrivning"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.PutTest(ctx, demo.ProjectID, &journeys.Test{ID: "pilot", Proposal: "sip", Kind: journeys.TestPilot, Status: journeys.TestDone}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddDecision(ctx, demo.ProjectID, "sip", &journeys.Decision{From: journeys.StageIdea, To: journeys.StageAnalysis, Outcome: journeys.OutcomeGo, DecidedBy: "styrgrupp", Mandate: "m"}); err != nil {
		t.Fatal(err)
	}
	addressed := journeys.Triage{Fingerprint: "fedcba9876543210fedcba9876543210", Status: journeys.TriageAddressed, Proposal: "sip"}
	if _, _, err := s.PutTriage(ctx, demo.ProjectID, &addressed); err != nil {
		t.Fatal(err)
	}
	// Goals whose ids sort before their parents', and a measure with an observation.
	top, sub := "z-top", "a-sub"
	for _, g := range []journeys.Goal{
		{ID: top, Title: "Ingen tappas bort", Perspective: journeys.PerspectivePerson},
		{ID: sub, Title: "Varm överlämning", Perspective: journeys.PerspectiveOrganisation, Parent: &top},
	} {
		if _, _, err := s.PutGoal(ctx, demo.ProjectID, &g); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.PutMeasure(ctx, demo.ProjectID, &journeys.Measure{ID: "m1", Goal: sub, Name: "Andel", Direction: journeys.DirectionIncrease}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddObservation(ctx, demo.ProjectID, "m1", journeys.Observation{At: "2026-03-01", Value: 0.4}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "andra", Name: "Andra projektet", Description: "Litet"}); err != nil {
		t.Fatal(err)
	}
	// A token, and a deleted project whose audit log outlives it.
	if _, err := createToken(ctx, s, &journeys.Token{Name: "Analytiker", Role: journeys.RoleAnalyst, Projects: []string{"andra"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "borta", Name: "Borttaget"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteProject(ctx, "borta"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"resa-1", "resa-2"} {
		if _, _, err := s.PutJourney(ctx, "andra", storetest.GenerateJourney(id, 30, id), journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// wantSameStores fails t unless dst holds everything src holds, server fields aside.
func wantSameStores(t *testing.T, src, dst journeys.Backend) {
	t.Helper()
	ctx := t.Context()
	ignore := cmpopts.IgnoreFields(journeys.Project{}, "Version", "CreatedAt", "UpdatedAt")
	projects := lists(t, func(p journeys.Page) (*journeys.List[journeys.Project], error) { return src.ListProjects(ctx, p) })
	got := lists(t, func(p journeys.Page) (*journeys.List[journeys.Project], error) { return dst.ListProjects(ctx, p) })
	if diff := cmp.Diff(projects, got, ignore); diff != "" {
		t.Errorf("projects differ (-src +dst):\n%s", diff)
	}
	for _, p := range projects {
		server := cmpopts.IgnoreFields(journeys.Actor{}, "Version", "UpdatedAt")
		if diff := cmp.Diff(
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Actor], error) { return src.ListActors(ctx, p.ID, pg) }),
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Actor], error) { return dst.ListActors(ctx, p.ID, pg) }), server); diff != "" {
			t.Errorf("actors of %q differ (-src +dst):\n%s", p.ID, diff)
		}
		if diff := cmp.Diff(
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Source], error) { return src.ListSources(ctx, p.ID, pg) }),
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Source], error) { return dst.ListSources(ctx, p.ID, pg) }),
			cmpopts.IgnoreFields(journeys.Source{}, "Version", "UpdatedAt")); diff != "" {
			t.Errorf("sources of %q differ (-src +dst):\n%s", p.ID, diff)
		}
		if diff := cmp.Diff(
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Need], error) { return src.ListNeeds(ctx, p.ID, pg) }),
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Need], error) { return dst.ListNeeds(ctx, p.ID, pg) }),
			cmpopts.IgnoreFields(journeys.Need{}, "Version", "UpdatedAt")); diff != "" {
			t.Errorf("needs of %q differ (-src +dst):\n%s", p.ID, diff)
		}
		if diff := cmp.Diff(
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Triage], error) { return src.ListTriage(ctx, p.ID, pg) }),
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Triage], error) { return dst.ListTriage(ctx, p.ID, pg) }),
			cmpopts.IgnoreFields(journeys.Triage{}, "Version", "UpdatedAt")); diff != "" {
			t.Errorf("triage of %q differs (-src +dst):\n%s", p.ID, diff)
		}
		if diff := cmp.Diff(
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Proposal], error) {
				return src.ListProposals(ctx, p.ID, journeys.ProposalFilter{}, pg)
			}),
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Proposal], error) {
				return dst.ListProposals(ctx, p.ID, journeys.ProposalFilter{}, pg)
			})); diff != "" {
			t.Errorf("proposals of %q differ (-src +dst):\n%s", p.ID, diff)
		}
		for _, prop := range lists(t, func(pg journeys.Page) (*journeys.List[journeys.Proposal], error) {
			return src.ListProposals(ctx, p.ID, journeys.ProposalFilter{}, pg)
		}) {
			if diff := cmp.Diff(
				lists(t, func(pg journeys.Page) (*journeys.List[journeys.Decision], error) {
					return src.ListDecisions(ctx, p.ID, prop.ID, pg)
				}),
				lists(t, func(pg journeys.Page) (*journeys.List[journeys.Decision], error) {
					return dst.ListDecisions(ctx, p.ID, prop.ID, pg)
				})); diff != "" {
				t.Errorf("decisions of %q differ (-src +dst):\n%s", prop.ID, diff)
			}
			if diff := cmp.Diff(
				lists(t, func(pg journeys.Page) (*journeys.List[journeys.Test], error) {
					return src.ListTests(ctx, p.ID, prop.ID, pg)
				}),
				lists(t, func(pg journeys.Page) (*journeys.List[journeys.Test], error) {
					return dst.ListTests(ctx, p.ID, prop.ID, pg)
				})); diff != "" {
				t.Errorf("tests of %q differ (-src +dst):\n%s", prop.ID, diff)
			}
		}
		if diff := cmp.Diff(
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Goal], error) { return src.ListGoals(ctx, p.ID, pg) }),
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Goal], error) { return dst.ListGoals(ctx, p.ID, pg) }),
			cmpopts.IgnoreFields(journeys.Goal{}, "Version", "UpdatedAt")); diff != "" {
			t.Errorf("goals of %q differ (-src +dst):\n%s", p.ID, diff)
		}
		if diff := cmp.Diff(
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Measure], error) {
				return src.ListMeasures(ctx, p.ID, pg)
			}),
			lists(t, func(pg journeys.Page) (*journeys.List[journeys.Measure], error) {
				return dst.ListMeasures(ctx, p.ID, pg)
			}),
			cmpopts.IgnoreFields(journeys.Measure{}, "Version", "UpdatedAt"), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("measures of %q differ (-src +dst):\n%s", p.ID, diff)
		}
		a, errA := src.GetSettings(ctx, p.ID)
		b, errB := dst.GetSettings(ctx, p.ID)
		if errA != nil || errB != nil || !cmp.Equal(a, b) {
			t.Errorf("settings of %q: src %+v, %v; dst %+v, %v; want equal", p.ID, a, errA, b, errB)
		}
		secretA, errA := src.ProjectSecret(ctx, p.ID, nil)
		secretB, errB := dst.ProjectSecret(ctx, p.ID, nil)
		if errA != nil || errB != nil || !bytes.Equal(secretA, secretB) {
			t.Errorf("pseudonymisation secret of %q: src %x, %v; dst %x, %v; want the same, so pseudonyms stay", p.ID, secretA, errA, secretB, errB)
		}
		summaries := lists(t, func(pg journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
			return src.ListJourneys(ctx, p.ID, journeys.JourneyFilter{}, pg)
		})
		if len(summaries) == 0 {
			t.Errorf("project %q has no journeys; the test wants some to copy", p.ID)
		}
		for _, s := range summaries {
			want, err := src.GetJourney(ctx, p.ID, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := dst.GetJourney(ctx, p.ID, s.ID)
			if err != nil {
				t.Errorf("GetJourney(%q, %q) from the copy = %v", p.ID, s.ID, err)
				continue
			}
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(journeys.Journey{}, "Version", "UpdatedAt")); diff != "" {
				t.Errorf("journey %q of %q differs (-src +dst):\n%s", s.ID, p.ID, diff)
			}
		}
	}
}

// versions returns the version of every project, actor and journey of s, by path.
func versions(t *testing.T, s journeys.Store) map[string]int64 {
	t.Helper()
	ctx := t.Context()
	out := map[string]int64{}
	for _, p := range lists(t, func(pg journeys.Page) (*journeys.List[journeys.Project], error) { return s.ListProjects(ctx, pg) }) {
		out[p.ID] = p.Version
		for _, a := range lists(t, func(pg journeys.Page) (*journeys.List[journeys.Actor], error) { return s.ListActors(ctx, p.ID, pg) }) {
			out[p.ID+"/actors/"+a.ID] = a.Version
		}
		for _, j := range lists(t, func(pg journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
			return s.ListJourneys(ctx, p.ID, journeys.JourneyFilter{}, pg)
		}) {
			out[p.ID+"/journeys/"+j.ID] = j.Version
		}
	}
	return out
}

func lists[T any](t *testing.T, fetch func(journeys.Page) (*journeys.List[T], error)) []T {
	t.Helper()
	items, err := journeys.AllItems(fetch)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func openEmbedded(t *testing.T) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// lossyStore is a target that drops the last insight of every journey it is given, so
// that the copy differs from the original.
type lossyStore struct{ journeys.Backend }

func (s lossyStore) PutJourney(ctx context.Context, projectID string, j *journeys.Journey, cond journeys.Precondition) (*journeys.Journey, bool, error) {
	c := *j
	if n := len(c.Insights); n > 0 {
		c.Insights = c.Insights[:n-1]
	}
	return s.Backend.PutJourney(ctx, projectID, &c, cond)
}

// TestCopyStoreEvidence checks that imported evidence and webhook endpoints, secrets
// included, arrive in the target, and that a second copy changes no evidence.
func TestCopyStoreEvidence(t *testing.T) {
	ctx := t.Context()
	src, dst := openEmbedded(t), openEmbedded(t)
	if _, err := src.CreateProject(ctx, &journeys.Project{ID: "p", Name: "p"}); err != nil {
		t.Fatal(err)
	}
	_, err := src.ImportEvidence(ctx, "p", "", func(_ func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
		for _, origin := range []string{"csv:1", "csv:2"} {
			if err := evidence(&journeys.Evidence{ID: journeys.EvidenceID(origin), Origin: origin, Text: "Ingen ringde.", Kind: journeys.InsightQuote, About: []string{}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	hook := &journeys.Webhook{ID: "notes", Format: "markdown", Secrets: []string{"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"}}
	if _, _, err := src.PutWebhook(ctx, "p", hook); err != nil {
		t.Fatal(err)
	}
	m, err := copyStore(ctx, src, dst, &bytes.Buffer{})
	if err != nil || m.evidence != 2 || m.webhooks != 1 {
		t.Fatalf("copyStore() = %s, %v; want 2 pieces of evidence and 1 webhook", m, err)
	}
	list, err := dst.ListEvidence(ctx, "p", journeys.EvidenceFilter{}, journeys.Page{})
	if err != nil || len(list.Items) != 2 || list.Items[0].Text != "Ingen ringde." {
		t.Fatalf("target evidence = %+v, %v", list, err)
	}
	got, err := dst.GetWebhook(ctx, "p", "notes")
	if err != nil || !cmp.Equal(got.Secrets, hook.Secrets) {
		t.Fatalf("target webhook = %+v, %v; want the secret copied", got, err)
	}
	if _, err := copyStore(ctx, src, dst, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	again, _ := dst.ListEvidence(ctx, "p", journeys.EvidenceFilter{}, journeys.Page{})
	for _, e := range again.Items {
		if e.Version != 1 {
			t.Errorf("evidence %s at version %d after a second copy; want 1", e.ID, e.Version)
		}
	}
}

// TestCopyStoreHistory copies a project with kept versions, a deleted journey and a
// baseline, and checks that versions keep their numbers, the baseline reads back the
// same, and a second run changes nothing.
func TestCopyStoreHistory(t *testing.T) {
	ctx := t.Context()
	src, dst := openEmbedded(t), openEmbedded(t)
	if _, err := src.CreateProject(ctx, &journeys.Project{ID: "h", Name: "H"}); err != nil {
		t.Fatal(err)
	}
	j := storetest.GenerateJourney("resa", 3, "a")
	for _, title := range []string{"v1", "v2", "v3"} {
		j.Title = title
		if _, _, err := src.PutJourney(ctx, "h", j, journeys.Precondition{}); err != nil {
			t.Fatal(err)
		}
	}
	gone := storetest.GenerateJourney("borta", 2, "a")
	if _, _, err := src.PutJourney(ctx, "h", gone, journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.CreateBaseline(ctx, "h", journeys.BaselineRequest{ID: "start", Title: "Start"}); err != nil {
		t.Fatal(err)
	}
	if err := src.DeleteJourney(ctx, "h", "borta", journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	m, err := copyStore(ctx, src, dst, &bytes.Buffer{})
	if err != nil {
		t.Fatalf("copyStore() = %v", err)
	}
	if m.versions != 3 || m.baselines != 1 {
		t.Errorf("copyStore() counted %d versions and %d baselines; want 3 (resa's 1 and 2, borta's 1) and 1", m.versions, m.baselines)
	}
	list := func(s journeys.Backend, id string) []journeys.JourneyVersion {
		l, err := s.ListJourneyVersions(ctx, "h", id, journeys.Page{})
		if err != nil {
			t.Fatalf("ListJourneyVersions(%q) = %v", id, err)
		}
		return l.Items
	}
	for _, id := range []string{"resa", "borta"} {
		if diff := cmp.Diff(list(src, id), list(dst, id), cmpopts.IgnoreFields(journeys.JourneyVersion{}, "UpdatedAt")); diff != "" {
			t.Errorf("versions of %q in the copy differ (-from +to):\n%s", id, diff)
		}
	}
	want, _ := src.GetBaseline(ctx, "h", "start")
	got, err := dst.GetBaseline(ctx, "h", "start")
	if err != nil || !cmp.Equal(want, got) {
		t.Errorf("baseline in the copy = %+v, %v; want %+v", got, err, want)
	}
	var titles []string
	if err := dst.EachBaselineJourney(ctx, "h", "start", func(j *journeys.Journey) error { titles = append(titles, j.Title); return nil }); err != nil || len(titles) != 2 {
		t.Errorf("EachBaselineJourney(copy) = %v, %v; want both journeys, the deleted one too", titles, err)
	}
	before := list(dst, "resa")
	if _, err := copyStore(ctx, src, dst, &bytes.Buffer{}); err != nil {
		t.Fatalf("copyStore() again = %v", err)
	}
	if diff := cmp.Diff(before, list(dst, "resa")); diff != "" {
		t.Errorf("copyStore() again changed the versions (-before +after):\n%s", diff)
	}
}
