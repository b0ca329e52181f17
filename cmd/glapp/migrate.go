package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// migrate runs "glapp migrate --from-data-dir DIR": it copies every project of the
// embedded store in DIR into the Neo4j store the environment names (NEO4J_URI ...), with
// the tokens and the audit log, then verifies the copy. It is how a team that outgrew one machine moves up without losing a
// journey. Running it again copies nothing new and verifies again.
func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", "", "copy the embedded store in --from-data-dir into the Neo4j store NEO4J_URI names, then verify the copy")
	from := fs.String("from-data-dir", "", "data directory of the embedded store to copy from (required)")
	if help, err := parseFlags(fs, args, stdout); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef(fs.Name(), "migrate takes no arguments, got %q", fs.Args())
	}
	if *from == "" {
		return usagef(fs.Name(), "migrate needs --from-data-dir DIR, the data directory of the embedded store to copy")
	}
	if getenv("NEO4J_URI") == "" {
		return errors.New("migrate copies into Neo4j, but NEO4J_URI is not set; set NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD (and NEO4J_DATABASE, default neo4j) to the target")
	}
	// Read-only: a mistyped directory is an error, not a new, empty store to copy.
	src, err := embedded.OpenReadOnly(*from)
	if err != nil {
		return fmt.Errorf("open embedded store in %s: %w", *from, err)
	}
	defer src.Close()
	dst, err := openNeo4j(getenv)
	if err != nil {
		return err
	}
	defer dst.Close()

	fmt.Fprintf(stdout, "copying %s into Neo4j\n", *from)
	m, err := copyStore(ctx, src, dst, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "done: %s; every journey reads back the same from Neo4j, every token works there and every audit entry is there\n", m)
	return nil
}

// migration counts what copyStore copied.
type migration struct {
	projects, actors, sources, triage, settings, journeys, evidence, webhooks, tokens, audit int
	proposals, goals, measures, versions, baselines                                          int
	needs                                                                                    int
}

func (m migration) String() string {
	return fmt.Sprintf("%d projects, %d actors, %d sources, %d goals, %d measures, %d needs, %d proposals, %d triage decisions, %d project settings, %d journeys, %d kept journey versions, %d baselines, %d pieces of imported evidence, %d webhook endpoints, %d tokens, %d audit entries",
		m.projects, m.actors, m.sources, m.goals, m.measures, m.needs, m.proposals, m.triage, m.settings, m.journeys, m.versions, m.baselines, m.evidence, m.webhooks, m.tokens, m.audit)
}

// copyStore copies every project of from into to, with its actors, sources, settings,
// proposals (with their tests and decisions, as they were), triage decisions, journeys, evidence and webhooks, then every token and audit entry
// (copyAccess), and verifies: it re-reads every journey from to and compares it with the
// original, and checks every token and audit entry (verifyAccess). It works on any two stores, so that it can be tested without Neo4j.
//
// It is idempotent: a project that exists is updated to the source's name and
// description, and every put writes nothing when the content is already there, so
// running it again after an interruption finishes the job. Versions and timestamps are
// the target's own: a store sets its server fields, so a copied journey starts at
// version 1. Progress goes to out as a plain-text bar, one line per step of the bar.
func copyStore(ctx context.Context, from, to journeys.Backend, out io.Writer) (migration, error) {
	var m migration
	projects, err := journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Project], error) { return from.ListProjects(ctx, p) })
	if err != nil {
		return m, fmt.Errorf("list projects: %w", err)
	}
	// List every journey first, so that the bar knows its end.
	journeyIDs := map[string][]string{}
	total := 0
	for _, p := range projects {
		list, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.JourneySummary], error) {
			return from.ListJourneys(ctx, p.ID, journeys.JourneyFilter{}, pg)
		})
		if err != nil {
			return m, fmt.Errorf("list journeys of project %q: %w", p.ID, err)
		}
		for _, j := range list {
			journeyIDs[p.ID] = append(journeyIDs[p.ID], j.ID)
		}
		total += len(list)
	}

	bar := newProgress(out, total, "journeys copied")
	for _, p := range projects {
		if err := copyProject(ctx, from, to, p, &m); err != nil {
			return m, fmt.Errorf("project %q: %w", p.ID, err)
		}
		// The kept versions first: a journey written after them continues after them,
		// so that version numbers, and the baselines that name them, carry over.
		if err := copyHistory(ctx, from, to, p.ID, &m); err != nil {
			return m, fmt.Errorf("project %q: %w", p.ID, err)
		}
		current := map[string][2]int64{} // journey id: version in from, version in to
		for _, id := range journeyIDs[p.ID] {
			j, err := from.GetJourney(ctx, p.ID, id)
			if err != nil {
				return m, fmt.Errorf("read journey %q of project %q: %w", id, p.ID, err)
			}
			version := j.Version
			written, _, err := to.PutJourney(ctx, p.ID, j, journeys.Precondition{})
			if err != nil {
				return m, fmt.Errorf("write journey %q of project %q: %w", id, p.ID, err)
			}
			current[id] = [2]int64{version, written.Version}
			m.journeys++
			bar.step()
		}
		if err := copyBaselines(ctx, from, to, p.ID, current, &m); err != nil {
			return m, fmt.Errorf("project %q: %w", p.ID, err)
		}
	}

	bar = newProgress(out, total, "journeys verified")
	var differ []string
	for _, p := range projects {
		for _, id := range journeyIDs[p.ID] {
			want, err := from.GetJourney(ctx, p.ID, id)
			if err != nil {
				return m, fmt.Errorf("verify: read journey %q of project %q: %w", id, p.ID, err)
			}
			got, err := to.GetJourney(ctx, p.ID, id)
			if err != nil {
				return m, fmt.Errorf("verify: read back journey %q of project %q: %w", id, p.ID, err)
			}
			if !want.SameContent(got) {
				differ = append(differ, p.ID+"/"+id)
			}
			bar.step()
		}
	}
	if len(differ) > 0 {
		return m, fmt.Errorf("verify: %d journeys read back differently from the copy: %s", len(differ), strings.Join(differ, ", "))
	}
	if err := copyAccess(ctx, from, to, &m); err != nil {
		return m, err
	}
	return m, verifyAccess(ctx, from, to)
}

// copyAccess copies every token, hash and creation time kept so that every secret still
// works, and every audit log, deleted projects' and the system's included, with ids,
// times and outcomes kept. It runs after the projects, so that the entries the copy's own
// writes made in the target stay there beside the source's, which tell what really
// happened. Both restores skip what the target already holds, so running again adds
// nothing.
func copyAccess(ctx context.Context, from, to journeys.Backend, m *migration) error {
	var tokens []*journeys.Token
	if err := from.EachToken(ctx, func(t *journeys.Token) error { tokens = append(tokens, t); return nil }); err != nil {
		return fmt.Errorf("list tokens: %w", err)
	}
	for _, t := range tokens {
		if _, err := to.RestoreToken(ctx, t); err != nil {
			return fmt.Errorf("write token %q: %w", t.ID, err)
		}
		m.tokens++
	}
	batch := make([]journeys.AuditEntry, 0, journeys.PruneBatch)
	flush := func() error {
		if _, err := to.RestoreAudit(ctx, batch); err != nil {
			return fmt.Errorf("write audit entries: %w", err)
		}
		m.audit += len(batch)
		batch = batch[:0]
		return nil
	}
	err := from.EachAuditEntry(ctx, func(e *journeys.AuditEntry) error {
		batch = append(batch, *e)
		if len(batch) == journeys.PruneBatch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("copy audit log: %w", err)
	}
	return flush()
}

// verifyAccess checks that every token of from works in to as it did (found by its hash,
// the same in every field) and that to holds every audit entry of from under its id with
// the same content. It keeps one digest per source entry in memory, about 100 bytes each.
func verifyAccess(ctx context.Context, from, to journeys.Backend) error {
	var differ []string
	err := from.EachToken(ctx, func(t *journeys.Token) error {
		got, err := to.TokenByHash(ctx, t.Hash)
		if journeys.ErrorCode(err) == journeys.NotFound || (err == nil && !got.SameAs(t)) {
			differ = append(differ, t.ID)
			return nil
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("verify tokens: %w", err)
	}
	if len(differ) > 0 {
		return fmt.Errorf("verify: %d tokens do not work in the copy as they did: %s", len(differ), strings.Join(differ, ", "))
	}
	want := map[string]string{}
	if err := from.EachAuditEntry(ctx, func(e *journeys.AuditEntry) error {
		want[e.Project+"\x00"+e.ID] = auditDigest(e)
		return nil
	}); err != nil {
		return fmt.Errorf("verify audit log: %w", err)
	}
	if err := to.EachAuditEntry(ctx, func(e *journeys.AuditEntry) error {
		key := e.Project + "\x00" + e.ID
		if d, ok := want[key]; ok && d == auditDigest(e) {
			delete(want, key)
		}
		return nil
	}); err != nil {
		return fmt.Errorf("verify audit log: %w", err)
	}
	if len(want) > 0 {
		keys := slices.Sorted(maps.Keys(want))
		for i := range keys {
			keys[i] = strings.Replace(keys[i], "\x00", "/", 1)
		}
		return fmt.Errorf("verify: %d audit entries are missing from the copy or differ, among them %s", len(keys), strings.Join(keys[:min(len(keys), 5)], ", "))
	}
	return nil
}

// auditDigest is what verifyAccess compares of an audit entry: all of it, the time as
// an instant.
func auditDigest(e *journeys.AuditEntry) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%q\x00%q\x00%q\x00%q", e.Time.UnixNano(), e.Token, e.Action, e.Objects, e.Outcome)
	return string(h.Sum(nil))
}

// copyProject copies one project's record, actors, sources, needs, settings, triage
// decisions, goals and measures, and counts them into m.
func copyProject(ctx context.Context, from, to journeys.Backend, p journeys.Project, m *migration) error {
	if _, err := to.CreateProject(ctx, &p); journeys.ErrorCode(err) == journeys.Conflict {
		_, err = to.UpdateProject(ctx, p.ID, func(q *journeys.Project) error {
			q.Name, q.Description = p.Name, p.Description
			return nil
		})
		if err != nil {
			return fmt.Errorf("update project: %w", err)
		}
	} else if err != nil {
		return fmt.Errorf("create project: %w", err)
	}
	m.projects++

	actors, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Actor], error) { return from.ListActors(ctx, p.ID, pg) })
	if err != nil {
		return fmt.Errorf("list actors: %w", err)
	}
	for i := range actors {
		if _, _, err := to.PutActor(ctx, p.ID, &actors[i]); err != nil {
			return fmt.Errorf("write actor %q: %w", actors[i].ID, err)
		}
		m.actors++
	}

	sources, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Source], error) {
		return from.ListSources(ctx, p.ID, pg)
	})
	if err != nil {
		return fmt.Errorf("list sources: %w", err)
	}
	for i := range sources {
		if _, _, err := to.PutSource(ctx, p.ID, &sources[i]); err != nil {
			return fmt.Errorf("write source %q: %w", sources[i].ID, err)
		}
		m.sources++
	}

	// Needs before the journeys whose insights point at them.
	needs, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Need], error) {
		return from.ListNeeds(ctx, p.ID, pg)
	})
	if err != nil {
		return fmt.Errorf("list needs: %w", err)
	}
	for i := range needs {
		if _, _, err := to.PutNeed(ctx, p.ID, &needs[i]); err != nil {
			return fmt.Errorf("write need %q: %w", needs[i].ID, err)
		}
		m.needs++
	}

	// A project that never set its own settings reads as the defaults; copying those would
	// pin today's defaults in the target, so only settings a project chose are copied.
	settings, err := from.GetSettings(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("read settings: %w", err)
	}
	if !reflect.DeepEqual(*settings, journeys.DefaultSettings()) {
		if _, err := to.PutSettings(ctx, p.ID, settings); err != nil {
			return fmt.Errorf("write settings: %w", err)
		}
		m.settings++
	}

	// The pseudonymisation secret goes along, so that an event log imported again into
	// the target gives the same lived journeys as in the source.
	secret, err := from.ProjectSecret(ctx, p.ID, nil)
	if err != nil {
		return fmt.Errorf("read project secret: %w", err)
	}
	if secret != nil {
		kept, err := to.ProjectSecret(ctx, p.ID, secret)
		if err != nil {
			return fmt.Errorf("write project secret: %w", err)
		}
		if !bytes.Equal(kept, secret) {
			return fmt.Errorf("project %q has another pseudonymisation secret in the target: the lived journeys of its event logs would not match", p.ID)
		}
	}

	// Goals before the proposals that serve them, proposals before the triage that names
	// them.
	if err := copyGoals(ctx, from, to, p.ID, m); err != nil {
		return err
	}
	if err := copyProposals(ctx, from, to, p.ID, m); err != nil {
		return err
	}

	decisions, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Triage], error) { return from.ListTriage(ctx, p.ID, pg) })
	if err != nil {
		return fmt.Errorf("list triage decisions: %w", err)
	}
	for i := range decisions {
		if _, _, err := to.PutTriage(ctx, p.ID, &decisions[i]); err != nil {
			return fmt.Errorf("write triage decision %q: %w", decisions[i].Fingerprint, err)
		}
		m.triage++
	}
	return copyEvidence(ctx, from, to, p.ID, m)
}

// copyEvidence copies a project's imported evidence, in one import so that it arrives
// whole, and its webhook endpoints with their secrets.
func copyEvidence(ctx context.Context, src, dst journeys.Backend, projectID string, m *migration) error {
	counts, err := dst.ImportEvidence(ctx, projectID, "", func(_ func(*journeys.Source) error, evidence func(*journeys.Evidence) error) error {
		return src.EachEvidence(ctx, projectID, func(e *journeys.Evidence) error {
			c := *e
			return evidence(&c)
		})
	})
	if err != nil {
		return fmt.Errorf("copy evidence: %w", err)
	}
	m.evidence += counts.Created + counts.Updated + counts.Unchanged
	hooks, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Webhook], error) {
		return src.ListWebhooks(ctx, projectID, pg)
	})
	if err != nil {
		return fmt.Errorf("list webhooks: %w", err)
	}
	for i := range hooks {
		if _, _, err := dst.PutWebhook(ctx, projectID, &hooks[i]); err != nil {
			return fmt.Errorf("write webhook %q: %w", hooks[i].ID, err)
		}
		m.webhooks++
	}
	return nil
}

// copyProposals copies a project's proposals with their tests and decisions as they
// are (RestoreProposal), before its triage, which names them.
func copyProposals(ctx context.Context, from, to journeys.Backend, projectID string, m *migration) error {
	proposals, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Proposal], error) {
		return from.ListProposals(ctx, projectID, journeys.ProposalFilter{}, pg)
	})
	if err != nil {
		return fmt.Errorf("list proposals: %w", err)
	}
	for _, p := range proposals {
		tests, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Test], error) {
			return from.ListTests(ctx, projectID, p.ID, pg)
		})
		if err != nil {
			return fmt.Errorf("list tests of proposal %q: %w", p.ID, err)
		}
		decisions, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Decision], error) {
			return from.ListDecisions(ctx, projectID, p.ID, pg)
		})
		if err != nil {
			return fmt.Errorf("list decisions of proposal %q: %w", p.ID, err)
		}
		if _, err := to.RestoreProposal(ctx, projectID, &journeys.ProposalRecord{Proposal: p, Tests: tests, Decisions: decisions}); err != nil {
			return fmt.Errorf("write proposal %q: %w", p.ID, err)
		}
		m.proposals++
	}
	return nil
}

// copyHistory copies the journey versions a project keeps, as they were kept: numbers,
// times and the deleted flag.
func copyHistory(ctx context.Context, from, to journeys.Backend, projectID string, m *migration) error {
	var versions []*journeys.PastVersion
	if err := from.EachPastVersion(ctx, projectID, func(v *journeys.PastVersion) error { versions = append(versions, v); return nil }); err != nil {
		return fmt.Errorf("list kept versions: %w", err)
	}
	for _, v := range versions {
		if err := to.RestoreVersion(ctx, projectID, v); err != nil {
			return fmt.Errorf("write version %d of journey %q: %w", v.Stored.Journey.Version, v.Stored.Journey.ID, err)
		}
		m.versions++
	}
	return nil
}

// copyBaselines copies a project's baselines as they were taken. A baseline that names a
// journey's current version names it in the target by the version it got there (current
// maps a journey id to its version in from and in to), which differs only when from kept
// no history of the journey.
func copyBaselines(ctx context.Context, from, to journeys.Backend, projectID string, current map[string][2]int64, m *migration) error {
	list, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.BaselineSummary], error) {
		return from.ListBaselines(ctx, projectID, pg)
	})
	if err != nil {
		return fmt.Errorf("list baselines: %w", err)
	}
	for _, summary := range list {
		b, err := from.GetBaseline(ctx, projectID, summary.ID)
		if err != nil {
			return fmt.Errorf("read baseline %q: %w", summary.ID, err)
		}
		for i, j := range b.Journeys {
			if v, ok := current[j.ID]; ok && v[0] == j.Version {
				b.Journeys[i].Version = v[1]
			}
		}
		if _, err := to.RestoreBaseline(ctx, projectID, b); err != nil {
			return fmt.Errorf("write baseline %q: %w", b.ID, err)
		}
		m.baselines++
	}
	return nil
}

// copyGoals copies a project's effect goals, each after its parent since the store
// checks that a parent exists, then its measures with their observations.
func copyGoals(ctx context.Context, from, to journeys.Backend, projectID string, m *migration) error {
	goals, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Goal], error) {
		return from.ListGoals(ctx, projectID, pg)
	})
	if err != nil {
		return fmt.Errorf("list goals: %w", err)
	}
	for _, g := range journeys.GoalsParentFirst(goals) {
		if _, _, err := to.PutGoal(ctx, projectID, &g); err != nil {
			return fmt.Errorf("write goal %q: %w", g.ID, err)
		}
		m.goals++
	}
	measures, err := journeys.AllItems(func(pg journeys.Page) (*journeys.List[journeys.Measure], error) {
		return from.ListMeasures(ctx, projectID, pg)
	})
	if err != nil {
		return fmt.Errorf("list measures: %w", err)
	}
	for i := range measures {
		if measures[i].Observations == nil {
			measures[i].Observations = []journeys.Observation{} // none: clear any the target holds
		}
		if _, _, err := to.PutMeasure(ctx, projectID, &measures[i]); err != nil {
			return fmt.Errorf("write measure %q: %w", measures[i].ID, err)
		}
		m.measures++
	}
	return nil
}
