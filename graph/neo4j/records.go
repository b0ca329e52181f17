package neo4j

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// This file maps between the driver's values and Glapp's types, in both directions: rows
// are the parameters the store sends, readers take apart the records it gets back. Every
// mapping happens inside a work function, on records already collected.

// reader reads typed values out of a property map (a node's, or a map projection) or a
// record, keeping the first error, so that a mapping reads as a list of fields. An absent
// or null value reads as the zero value, which is how the store writes empty optional
// fields (see nullable); a value of the wrong type is an error.
type reader struct {
	what   string
	values map[string]any
	err    error
}

// propsOf returns a reader over a node's properties.
func propsOf(what string, n neo4j.Node) *reader {
	return &reader{what: what, values: n.Props}
}

// columnsOf returns a reader over a record's columns.
func columnsOf(what string, rec *neo4j.Record) *reader {
	values := make(map[string]any, len(rec.Keys))
	for i, k := range rec.Keys {
		if i < len(rec.Values) {
			values[k] = rec.Values[i]
		}
	}
	return &reader{what: what, values: values}
}

func (r *reader) fail(key string, v any, want string) {
	if r.err == nil {
		r.err = internal("%s: %s is a %T, not %s", r.what, key, v, want)
	}
}

func (r *reader) str(key string) string {
	switch v := r.values[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		r.fail(key, v, "a string")
		return ""
	}
}

func (r *reader) int64(key string) int64 {
	switch v := r.values[key].(type) {
	case nil:
		return 0
	case int64:
		return v
	default:
		r.fail(key, v, "an integer")
		return 0
	}
}

func (r *reader) int(key string) int {
	return int(r.int64(key))
}

func (r *reader) bool(key string) bool {
	switch v := r.values[key].(type) {
	case nil:
		return false
	case bool:
		return v
	default:
		r.fail(key, v, "a boolean")
		return false
	}
}

// time reads a DateTime. The driver hands back the zone it was stored with (or a fixed
// offset); Glapp's server fields are UTC, as the embedded store's are.
func (r *reader) time(key string) *time.Time {
	switch v := r.values[key].(type) {
	case nil:
		return nil
	case time.Time:
		t := v.UTC()
		return &t
	default:
		r.fail(key, v, "a datetime")
		return nil
	}
}

// strings reads a list of strings, which the driver returns as []any.
func (r *reader) strings(key string) []string {
	switch v := r.values[key].(type) {
	case nil:
		return nil
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				r.fail(key, x, "a list of strings")
				return nil
			}
			out = append(out, s)
		}
		return out
	default:
		r.fail(key, v, "a list")
		return nil
	}
}

// optInt reads an integer that may be absent, such as a sentiment: nil when it is.
func (r *reader) optInt(key string) *int {
	if r.values[key] == nil {
		return nil
	}
	n := r.int(key)
	if r.err != nil {
		return nil
	}
	return &n
}

// bytes reads a byte array.
func (r *reader) bytes(key string) []byte {
	switch v := r.values[key].(type) {
	case nil:
		return nil
	case []byte:
		return v
	default:
		r.fail(key, v, "a byte array")
		return nil
	}
}

// node reads a node column; ok is false when the column is null (an OPTIONAL MATCH that
// found nothing).
func (r *reader) node(key string) (n neo4j.Node, ok bool) {
	switch v := r.values[key].(type) {
	case nil:
		return neo4j.Node{}, false
	case neo4j.Node:
		return v, true
	default:
		r.fail(key, v, "a node")
		return neo4j.Node{}, false
	}
}

// object reads a map column, such as a map projection; ok is false when it is null.
func (r *reader) object(key string) (m map[string]any, ok bool) {
	switch v := r.values[key].(type) {
	case nil:
		return nil, false
	case map[string]any:
		return v, true
	default:
		r.fail(key, v, "a map")
		return nil, false
	}
}

// nullable returns nil for an empty string, so that an empty optional field is not stored
// at all: absent is how the graph says "not given", and analysts test it with IS NULL.
func nullable[T ~string](s T) any {
	if s == "" {
		return nil
	}
	return string(s)
}

// stamped adds to an upsert row the version and time journeys.PlanUpsert stamped on the
// value: the statements store what they are given, so that the rule lives in the domain.
func stamped(row map[string]any, version int64, updatedAt *time.Time) map[string]any {
	row["version"], row["updatedAt"] = version, deref(updatedAt)
	return row
}

// deref returns *p, or nil for a nil pointer, so that an unknown value is not stored.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// projectFromNode maps a :Project node.
func projectFromNode(n neo4j.Node) (*journeys.Project, error) {
	r := propsOf("project", n)
	p := &journeys.Project{
		ID:          r.str("id"),
		Name:        r.str("name"),
		Description: r.str("description"),
		Version:     r.int64("version"),
	}
	if t := r.time("createdAt"); t != nil {
		p.CreatedAt = *t
	}
	if t := r.time("updatedAt"); t != nil {
		p.UpdatedAt = *t
	}
	return p, r.err
}

// actorRow is the row actor_upsert.cypher writes for a.
func actorRow(a *journeys.Actor) map[string]any {
	return stamped(map[string]any{
		"id":        a.ID,
		"name":      a.Name,
		"sector":    string(a.Sector),
		"kind":      nullable(a.Kind),
		"ageGroup":  nullable(a.AgeGroup),
		"contact":   nullable(a.Contact),
		"offers":    offersJSON(a.Offers),
		"offerRows": offerRows(a.Offers),
	}, a.Version, a.UpdatedAt)
}

// offerRows are the :Offer nodes actor_upsert.cypher writes for offers: their fields, an
// empty list as null (absent), and targetGroupKeys folded as Journey.targetGroupKey is,
// so that a query can match an offer's target groups with a journey's.
func offerRows(offers []journeys.Offer) []map[string]any {
	rows := make([]map[string]any, 0, len(offers))
	for _, o := range offers {
		var keys []string
		for _, g := range o.TargetGroups {
			keys = append(keys, foldKey(strings.TrimSpace(g)))
		}
		rows = append(rows, map[string]any{
			"id": o.ID, "name": o.Name, "level": string(o.Level), "access": string(o.Access),
			"targetGroups": list(o.TargetGroups), "targetGroupKeys": list(keys),
			"ageGroups": list(strs(o.AgeGroups)), "channels": list(strs(o.Channels)),
		})
	}
	return rows
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// offersJSON is how an actor's offers are stored: one JSON string, read and written
// whole, or null when there are none. Offers are a list of maps, which a property cannot
// hold, and nothing matches on their fields inside the database.
func offersJSON(offers []journeys.Offer) any {
	if len(offers) == 0 {
		return nil
	}
	data, _ := json.Marshal(offers) // strings and enums always encode
	return string(data)
}

// actorFromNode maps an :Actor node.
func actorFromNode(n neo4j.Node) (journeys.Actor, error) {
	r := propsOf("actor", n)
	a := journeys.Actor{
		ID:        r.str("id"),
		Name:      r.str("name"),
		Sector:    journeys.Sector(r.str("sector")),
		Kind:      r.str("kind"),
		AgeGroup:  journeys.AgeGroup(r.str("ageGroup")),
		Contact:   r.str("contact"),
		Version:   r.int64("version"),
		UpdatedAt: r.time("updatedAt"),
	}
	if doc := r.str("offers"); r.err == nil && doc != "" {
		if err := json.Unmarshal([]byte(doc), &a.Offers); err != nil {
			return a, internal("actor %q: offers: %v", a.ID, err)
		}
	}
	return a, r.err
}

// sourceRow is the row source_upsert.cypher writes for s.
func sourceRow(s *journeys.Source) map[string]any {
	return stamped(map[string]any{
		"id":              s.ID,
		"kind":            string(s.Kind),
		"date":            nullable(s.Date),
		"participantRole": nullable(s.ParticipantRole),
		"pseudonym":       nullable(s.Pseudonym),
	}, s.Version, s.UpdatedAt)
}

// sourceFromNode maps a :Source node.
func sourceFromNode(n neo4j.Node) (journeys.Source, error) {
	r := propsOf("source", n)
	s := journeys.Source{
		ID:              r.str("id"),
		Kind:            journeys.SourceKind(r.str("kind")),
		Date:            r.str("date"),
		ParticipantRole: journeys.ParticipantRole(r.str("participantRole")),
		Pseudonym:       r.str("pseudonym"),
		Version:         r.int64("version"),
		UpdatedAt:       r.time("updatedAt"),
	}
	return s, r.err
}

// triageRow is the row triage_upsert.cypher writes for t.
func triageRow(t *journeys.Triage) map[string]any {
	return stamped(map[string]any{
		"fingerprint": t.Fingerprint,
		"status":      string(t.Status),
		"reason":      nullable(t.Reason),
		"proposal":    nullable(t.Proposal),
		"note":        nullable(t.Note),
	}, t.Version, t.UpdatedAt)
}

// triageFromNode maps a :Triage node.
func triageFromNode(n neo4j.Node) (journeys.Triage, error) {
	r := propsOf("triage", n)
	t := journeys.Triage{
		Fingerprint: r.str("fingerprint"),
		Status:      journeys.TriageStatus(r.str("status")),
		Reason:      r.str("reason"),
		Proposal:    r.str("proposal"),
		Note:        r.str("note"),
		Version:     r.int64("version"),
		UpdatedAt:   r.time("updatedAt"),
	}
	return t, r.err
}

// evidenceRow is the row evidence_upsert.cypher writes for e. journeys, which lists the
// journeys e points into, is derived: the journey filter and evidence_in_journey read it.
func evidenceRow(e *journeys.Evidence) map[string]any {
	return stamped(map[string]any{
		"id":        e.ID,
		"origin":    e.Origin,
		"text":      e.Text,
		"kind":      string(e.Kind),
		"status":    nullable(e.Status),
		"sentiment": deref(e.Sentiment),
		"source":    nullable(e.Source),
		"tags":      list(e.Tags),
		"date":      nullable(e.Date),
		"about":     list(e.About),
		"journeys":  list(e.Journeys()),
	}, e.Version, e.UpdatedAt)
}

// evidenceFromNode maps an :Evidence node. Evidence that points at nothing has no about
// property, and reads with an empty list, never null, as clients expect of "about".
func evidenceFromNode(n neo4j.Node) (journeys.Evidence, error) {
	r := propsOf("evidence", n)
	e := journeys.Evidence{
		ID:        r.str("id"),
		Origin:    r.str("origin"),
		Text:      r.str("text"),
		Kind:      journeys.InsightKind(r.str("kind")),
		Status:    journeys.InsightStatus(r.str("status")),
		Sentiment: r.optInt("sentiment"),
		Source:    r.str("source"),
		Tags:      r.strings("tags"),
		Date:      r.str("date"),
		About:     r.strings("about"),
		Version:   r.int64("version"),
		UpdatedAt: r.time("updatedAt"),
	}
	if e.About == nil {
		e.About = []string{}
	}
	return e, r.err
}

// webhookRow is the row webhook_upsert.cypher writes for w: the mapping as JSON, which
// maps always encode to in key order, so that equal mappings are equal strings.
func webhookRow(w *journeys.Webhook) map[string]any {
	var mapping any
	if len(w.Mapping) > 0 {
		data, _ := json.Marshal(w.Mapping) // a map of string lists always encodes
		mapping = string(data)
	}
	return stamped(map[string]any{
		"id":      w.ID,
		"format":  w.Format,
		"mapping": mapping,
		"secrets": list(w.Secrets),
	}, w.Version, w.UpdatedAt)
}

// webhookFromNode maps a :Webhook node, secrets included.
func webhookFromNode(n neo4j.Node) (journeys.Webhook, error) {
	r := propsOf("webhook", n)
	w := journeys.Webhook{
		ID:        r.str("id"),
		Format:    r.str("format"),
		Secrets:   r.strings("secrets"),
		Version:   r.int64("version"),
		UpdatedAt: r.time("updatedAt"),
	}
	mapping := r.str("mapping")
	if r.err != nil {
		return w, r.err
	}
	if mapping != "" {
		if err := json.Unmarshal([]byte(mapping), &w.Mapping); err != nil {
			return w, internal("webhook %q: mapping: %v", w.ID, err)
		}
	}
	return w, nil
}

// summaryFromMap maps the journey projection of journey_list.cypher.
func summaryFromMap(m map[string]any) (journeys.JourneySummary, error) {
	r := &reader{what: "journey summary", values: m}
	j := journeys.JourneySummary{
		ID:          r.str("id"),
		Title:       r.str("title"),
		Kind:        journeys.JourneyKind(r.str("kind")),
		TargetGroup: r.str("targetGroup"),
		AgeGroup:    journeys.AgeGroup(r.str("ageGroup")),
		Steps:       r.int("stepCount"),
		Handovers:   r.int("handoverCount"),
		Insights:    r.int("insightCount"),
		Version:     r.int64("version"),
		UpdatedAt:   r.time("updatedAt"),
	}
	return j, r.err
}

// storedJourneyFromRecord maps one record of journey_get or journey_each, which return a
// journeys.StoredJourney in columns; ok is false when the record says there is no journey
// (its columns are null).
func storedJourneyFromRecord(rec *neo4j.Record) (stored *journeys.StoredJourney, ok bool, err error) {
	r := columnsOf("journey", rec)
	id := r.str("journeyId")
	document := r.str("document")
	carried := r.strings("carried")
	version := r.int64("version")
	updatedAt := r.time("updatedAt")
	if r.err != nil {
		return nil, false, r.err
	}
	if id == "" {
		return nil, false, nil
	}
	var j journeys.Journey
	if err := json.Unmarshal([]byte(document), &j); err != nil {
		return nil, false, internal("journey %q: document: %v", id, err)
	}
	if j.ID != id {
		return nil, false, internal("journey %q holds the document of %q", id, j.ID)
	}
	j.Actors, j.Version, j.UpdatedAt = nil, version, updatedAt
	return &journeys.StoredJourney{Journey: &j, Carried: carried}, true, nil
}

// actorsFromList reads a list column of actor nodes (a COLLECT subquery) by id.
func actorsFromList(what string, rec *neo4j.Record, key string) (map[string]journeys.Actor, error) {
	v, _ := rec.Get(key)
	list, ok := v.([]any)
	if !ok && v != nil {
		return nil, internal("%s: %s is a %T, not a list", what, key, v)
	}
	out := make(map[string]journeys.Actor, len(list))
	for _, item := range list {
		n, ok := item.(neo4j.Node)
		if !ok {
			return nil, internal("%s: %s holds a %T, not a node", what, key, item)
		}
		a, err := actorFromNode(n)
		if err != nil {
			return nil, err
		}
		out[a.ID] = a
	}
	return out, nil
}

// documentJSON renders j as the journey node stores it: the client's content without the
// actors (they live on :Actor nodes, shared by every journey) and without server fields
// (they are properties of their own).
func documentJSON(j *journeys.Journey) (string, error) {
	c := *j
	c.Actors, c.Version, c.UpdatedAt = nil, 0, nil
	data, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("encode journey %q: %w", j.ID, err)
	}
	return string(data), nil
}
