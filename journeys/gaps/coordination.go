package gaps

import (
	"slices"
	"strings"

	"github.com/glapp/glapp/journeys"
)

// missingCoordinatedPlan finds missing_coordinated_plan: the journey has steps of both
// region and municipality actors, and no joint_planning hand-over (a SIP, samordnad
// individuell plan) lies on any path between a region step and a municipality step, in
// either direction. One joint_planning hand-over on one such path is enough: the spec
// asks whether the two ever plan together, not whether every path does.
//
// A joint_planning hand-over from step f to step t lies on a region-to-municipality path
// exactly when f can be reached from a region step and a municipality step can be reached
// from t, so four breadth-first searches (forwards and backwards from each sector's steps)
// decide it without enumerating paths. When region and municipality steps lie on no
// common path at all, nothing connects them either, so the rule fires then too.
//
// The finding is about the journey as a whole (its subject is the journey's id); its path
// is a shortest path between the sectors, to show where a SIP is missing.
func (a *analysis) missingCoordinatedPlan() {
	region := a.stepsWhere(a.inSector(journeys.SectorRegion))
	municipality := a.stepsWhere(a.inSector(journeys.SectorMunicipality))
	if len(region) == 0 || len(municipality) == 0 {
		return
	}
	fromRegion := a.search(region, forward, nil)
	fromMunicipality := a.search(municipality, forward, nil)
	toRegion := a.search(region, backward, nil)
	toMunicipality := a.search(municipality, backward, nil)
	for h := range int32(len(a.j.Handovers)) {
		if !a.valid(h) || !a.joint[h] {
			continue
		}
		f, t := a.from[h], a.to[h]
		if fromRegion.seen(f) && toMunicipality.seen(t) || fromMunicipality.seen(f) && toRegion.seen(t) {
			return
		}
	}

	d := draft{rule: RuleMissingCoordinatedPlan}
	d.path = fromRegion.nearest(a.inSector(journeys.SectorMunicipality))
	other := fromMunicipality.nearest(a.inSector(journeys.SectorRegion))
	if other != nil && (d.path == nil || len(other) < len(d.path)) {
		d.path = other // strictly shorter: on a tie the region-to-municipality path is shown
	}
	d.text = say(msgMissingPlanNoPath,
		name(a.stepActorOf(a.smallestID(region))), name(a.stepActorOf(a.smallestID(municipality))))
	if d.path != nil {
		first, last := d.path[0], d.path[len(d.path)-1]
		d.actors = &ActorPair{From: *a.actorRef(first), To: *a.actorRef(last)}
		if a.stepActorOf(first).Sector == journeys.SectorMunicipality {
			first, last = last, first
		}
		d.text = say(msgMissingPlan, name(a.stepActorOf(first)), name(a.stepActorOf(last)))
	}
	a.add(d)
}

// inSector returns a test for steps whose actor is of the given sector.
func (a *analysis) inSector(sector journeys.Sector) func(s int32) bool {
	return func(s int32) bool { return a.stepActorOf(s).Sector == sector }
}

// smallestID returns the step with the smallest id, so that what a finding names does not
// depend on the order of the document's steps.
func (a *analysis) smallestID(steps []int32) int32 {
	return slices.MinFunc(steps, func(x, y int32) int { return strings.Compare(a.j.Steps[x].ID, a.j.Steps[y].ID) })
}
