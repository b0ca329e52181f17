package reports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/journeys/offering"
)

// Offering reads the project's actors, needs, measures and journeys and builds the
// offering report for f, with each item explained in lang. Each list is read whole: the
// project limits bound them.
func (s Service) Offering(ctx context.Context, projectID string, f offering.Filter, lang string) (*offering.Report, error) {
	if _, err := s.Store.GetProject(ctx, projectID); err != nil {
		return nil, err
	}
	in := offering.Input{Filter: f}
	var err error
	if in.Actors, err = journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Actor], error) {
		return s.Store.ListActors(ctx, projectID, p)
	}); err != nil {
		return nil, err
	}
	if in.Needs, err = journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Need], error) {
		return s.Store.ListNeeds(ctx, projectID, p)
	}); err != nil {
		return nil, err
	}
	if in.Measures, err = journeys.AllItems(func(p journeys.Page) (*journeys.List[journeys.Measure], error) {
		return s.Store.ListMeasures(ctx, projectID, p)
	}); err != nil {
		return nil, err
	}
	if err := s.Store.EachJourney(ctx, projectID, func(j *journeys.Journey) error {
		in.Journeys = append(in.Journeys, j)
		return nil
	}); err != nil {
		return nil, err
	}
	r := offering.Build(in)
	names := map[string]string{}
	for _, a := range in.Actors {
		names[a.ID] = a.Name
	}
	for i := range r.Items {
		r.Items[i].Explanation = ExplainOfferingItem(&r.Items[i], names, lang)
	}
	return &r, nil
}

var levelLabels = map[journeys.Level]gaps.Text{
	journeys.LevelSelfHelp:   {SV: "egenvård och självhjälp", EN: "self-help"},
	journeys.LevelFirstLine:  {SV: "första linjen", EN: "first line"},
	journeys.LevelPrimary:    {SV: "primärvårdsnivå", EN: "primary level"},
	journeys.LevelSpecialist: {SV: "specialistnivå", EN: "specialist level"},
}

var offeringKindLabels = map[offering.Kind]gaps.Text{
	offering.UncoveredNeed:    {SV: "Behov utan matchande stöd", EN: "Needs no support meets"},
	offering.UnreachedSupport: {SV: "Stöd som ingen resa når", EN: "Supports no journey reaches"},
	offering.SelfFoundSupport: {SV: "Stöd som personen bara når genom att själv hitta dörren", EN: "Supports people reach only by finding the door themselves"},
	offering.SendingEntry:     {SV: "Ingångar som skickar vidare i stället för att hjälpa", EN: "Entry points that send people on instead of helping"},
}

var (
	ofTitle      = gaps.Text{SV: "Utbudet och att hitta rätt", EN: "The offering and finding one's way"}
	ofFilter     = gaps.Text{SV: "Urval", EN: "Filter"}
	ofMatrix     = gaps.Text{SV: "Stöd per målgrupp och nivå", EN: "Supports by target group and level"}
	ofAnyGroup   = gaps.Text{SV: "alla målgrupper", EN: "any target group"}
	ofUncovered  = gaps.Text{SV: "saknas", EN: "missing"}
	ofNone       = gaps.Text{SV: "Inget.", EN: "None."}
	ofJourneys   = gaps.Text{SV: "Resor", EN: "Journeys"}
	ofEvidence   = gaps.Text{SV: "Underlag", EN: "Evidence"}
	ofMore       = gaps.Text{SV: "och %d till", EN: "and %d more"}
	ofUsage      = gaps.Text{SV: "Användning", EN: "Usage"}
	ofBurden     = gaps.Text{SV: "Navigeringsbörda per resa", EN: "Navigation burden per journey"}
	ofBurdenHead = gaps.Text{SV: "| Resa | Dörrar personen hittade själv | Behövd nivå | Dagar till första hjälp på den nivån |",
		EN: "| Journey | Doors the person found alone | Needed level | Days until the first help at that level |"}
	ofNoNeed  = gaps.Text{SV: "inget behov matchar", EN: "no need matches"}
	ofNoHelp  = gaps.Text{SV: "ingen hjälp på nivån", EN: "no help at that level"}
	ofLatest  = gaps.Text{SV: "senast", EN: "latest"}
	ofTarget  = gaps.Text{SV: "mål", EN: "target"}
	ofNoValue = gaps.Text{SV: "inga värden ännu", EN: "no values yet"}
)

// ExplainOfferingItem says in one sentence, in lang, what an item of the offering report
// means; names gives actors' names by id.
func ExplainOfferingItem(it *offering.Item, names map[string]string, lang string) string {
	en := lang == "en"
	level := labelIn(levelLabels, it.Level, lang)
	actor := names[it.Actor]
	if actor == "" {
		actor = it.Actor
	}
	switch it.Kind {
	case offering.UncoveredNeed:
		group := it.TargetGroup
		if group == "" {
			group = ofAnyGroup.In(lang)
		}
		if en {
			return fmt.Sprintf("No support of the project is at %s for %s%s, so the need %q has nowhere to go.", level, group, ageText(it.AgeGroup, lang), it.Title)
		}
		return fmt.Sprintf("Inget stöd i projektet finns på %s för %s%s, så behovet %q har ingenstans att ta vägen.", level, group, ageText(it.AgeGroup, lang), it.Title)
	case offering.UnreachedSupport:
		if en {
			return fmt.Sprintf("%s offers %q at %s, but no as-is or lived journey reaches it: the people it is for do not find it, or it is not mapped.", actor, it.Title, level)
		}
		return fmt.Sprintf("%s erbjuder %q på %s, men ingen nulägesresa eller levd resa når dit: de som stödet är till för hittar det inte, eller så är vägen dit inte kartlagd.", actor, it.Title, level)
	case offering.SelfFoundSupport:
		if en {
			return fmt.Sprintf("People reach %q at %s only on their own: in every journey that reaches it (%d), each way in is their own search, a self-referral or advice to get in touch.", it.Title, actor, len(it.Journeys))
		}
		return fmt.Sprintf("Personen når %q hos %s bara på egen hand: i varje resa som når dit (%d) är varje väg in eget sökande, egenremiss eller råd att själv ta kontakt.", it.Title, actor, len(it.Journeys))
	case offering.SendingEntry:
		to := make([]string, 0, len(it.Sends))
		for _, id := range it.Sends {
			if n := names[id]; n != "" {
				to = append(to, n)
			} else {
				to = append(to, id)
			}
		}
		if en {
			return fmt.Sprintf("The person enters at %s (%q) but gets no help there: the only way on is to %s.", actor, it.Title, strings.Join(to, ", "))
		}
		return fmt.Sprintf("Personen kommer in hos %s (%q) men får ingen hjälp där: enda vägen vidare är till %s.", actor, it.Title, strings.Join(to, ", "))
	}
	return ""
}

func ageText(a journeys.AgeGroup, lang string) string {
	switch {
	case a == journeys.AgeChild && lang == "en":
		return " (children and young people)"
	case a == journeys.AgeChild:
		return " (barn och unga)"
	case a == journeys.AgeAdult && lang == "en":
		return " (adults)"
	case a == journeys.AgeAdult:
		return " (vuxna)"
	}
	return ""
}

// WriteOfferingMarkdown writes the offering report as Markdown in lang (sv or en).
func WriteOfferingMarkdown(w io.Writer, r *offering.Report, lang string) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# %s\n\n", ofTitle.In(lang))
	if r.Filter.AgeGroup != "" || r.Filter.TargetGroup != "" {
		p("%s: %s\n\n", ofFilter.In(lang), strings.TrimSpace(cell(r.Filter.TargetGroup)+ageText(r.Filter.AgeGroup, lang)))
	}

	// The matrix: target groups × levels, the supports in each cell, uncovered needs marked.
	p("## %s\n\n|  |", ofMatrix.In(lang))
	for _, l := range r.Levels {
		p(" %s |", labelIn(levelLabels, l, lang))
	}
	p("\n|---|")
	for range r.Levels {
		p("---|")
	}
	p("\n")
	rows := append(append([]string{}, r.TargetGroups...), "")
	for _, g := range rows {
		label := g
		if g == "" {
			label = ofAnyGroup.In(lang)
		}
		p("| %s |", cell(label))
		for _, l := range r.Levels {
			var parts []string
			for _, s := range r.Supports {
				if s.Level == l && inRow(s.TargetGroups, g) {
					parts = append(parts, cell(s.Name)+" ("+cell(s.ActorName)+")")
				}
			}
			for _, n := range r.Needs {
				if n.Level == l && len(n.CoveredBy) == 0 && strings.EqualFold(strings.TrimSpace(n.TargetGroup), g) {
					parts = append(parts, "**"+ofUncovered.In(lang)+": "+cell(n.Title)+"**")
				}
			}
			p(" %s |", dash(strings.Join(parts, "; ")))
		}
		p("\n")
	}
	p("\n")

	for _, k := range offering.Kinds {
		p("## %s\n\n", labelIn(offeringKindLabels, k, lang))
		n := 0
		for _, it := range r.Items {
			if it.Kind != k {
				continue
			}
			n++
			id := it.Need + it.Offer
			if k == offering.SendingEntry && len(it.Steps) > 0 {
				id = it.Steps[0].Journey + "/" + it.Steps[0].Step
			}
			p("%d. **%s** (`%s`). %s\n", n, cell(it.Title), id, it.Explanation)
			if len(it.Journeys) > 0 {
				p("   - %s: %s\n", ofJourneys.In(lang), list(it.Journeys, lang))
			}
			if len(it.Evidence) > 0 {
				p("   - %s:\n", ofEvidence.In(lang))
				for _, e := range it.Evidence {
					p("     - “%s” (`%s`, `%s`)\n", cell(e.Text), e.Journey, e.Insight)
				}
				if it.MoreEvidence > 0 {
					p("     - "+ofMore.In(lang)+"\n", it.MoreEvidence)
				}
			}
		}
		if n == 0 {
			p("%s\n", ofNone.In(lang))
		}
		p("\n")
	}

	p("## %s\n\n", ofUsage.In(lang))
	used := false
	for _, s := range r.Supports {
		for _, u := range s.Usage {
			used = true
			latest := ofNoValue.In(lang)
			if u.Latest != nil {
				latest = ofLatest.In(lang) + " " + num(u.Latest.Value) + " " + cell(u.Unit) + " (" + u.Latest.At + ")"
			}
			p("- %s (`%s`, %s): %s, %s", cell(s.Name), s.ID, cell(s.ActorName), cell(u.Name), strings.TrimSpace(latest))
			if u.Target != nil {
				p(", %s %s", ofTarget.In(lang), num(u.Target.Value))
			}
			p("\n")
		}
	}
	if !used {
		p("%s\n", ofNone.In(lang))
	}
	p("\n## %s\n\n", ofBurden.In(lang))
	if len(r.Burden) == 0 {
		p("%s\n", ofNone.In(lang))
	} else {
		p("%s\n|---|---|---|---|\n", ofBurdenHead.In(lang))
		for _, bu := range r.Burden {
			level, days := ofNoNeed.In(lang), "–"
			if bu.NeededLevel != "" {
				level = labelIn(levelLabels, bu.NeededLevel, lang) + " (`" + bu.Need + "`)"
				days = ofNoHelp.In(lang)
				if bu.DaysToHelp != nil {
					days = fmt.Sprintf("%d (`%s`)", *bu.DaysToHelp, bu.HelpStep)
				}
			}
			p("| %s (`%s`) | %d | %s | %s |\n", cell(bu.Title), bu.Journey, bu.DoorsFoundAlone, level, days)
		}
	}
	return b.Flush()
}

// inRow reports whether an offer for groups sits in the matrix row of group g ("" is the
// row of offers for any target group).
func inRow(groups []string, g string) bool {
	if len(groups) == 0 {
		return g == ""
	}
	for _, x := range groups {
		if strings.EqualFold(strings.TrimSpace(x), g) {
			return true
		}
	}
	return false
}
