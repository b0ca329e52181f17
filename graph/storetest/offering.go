package storetest

import (
	"fmt"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/google/go-cmp/cmp"
)

func needID(n journeys.Need) string { return n.ID }

func testNeeds(t *testing.T, open opener) {
	anxiety := journeys.Need{ID: "oro-unga", Title: "Stöd vid oro", TargetGroup: "unga med oro", AgeGroup: journeys.AgeChild, Level: journeys.LevelFirstLine}

	t.Run("OK", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		got, created, err := s.PutNeed(ctx, "p1", &anxiety)
		if err != nil || !created || got.Version != 1 || got.UpdatedAt == nil || !got.SameContent(anxiety) {
			t.Fatalf("PutNeed(%q) = %+v, %v, %v; want the need at version 1 with updatedAt, created", anxiety.ID, got, created, err)
		}
		read, err := s.GetNeed(ctx, "p1", anxiety.ID)
		if err != nil {
			t.Fatalf("GetNeed(%q) = %v; want nil error", anxiety.ID, err)
		}
		if diff := cmp.Diff(got, read); diff != "" {
			t.Errorf("GetNeed(%q) mismatch (-want +got):\n%s", anxiety.ID, diff)
		}
		same, created, err := s.PutNeed(ctx, "p1", &anxiety)
		if err != nil || created || !cmp.Equal(same, got) {
			t.Errorf("PutNeed(%q) again = %+v, %v, %v; want %+v, not created", anxiety.ID, same, created, err, got)
		}
		changed := anxiety
		changed.Level = journeys.LevelPrimary
		next, created, err := s.PutNeed(ctx, "p1", &changed)
		if err != nil || created || next.Version != 2 || next.Level != journeys.LevelPrimary {
			t.Errorf("PutNeed(%q) changed = %+v, %v, %v; want version 2, not created", anxiety.ID, next, created, err)
		}
		if err := s.DeleteNeed(ctx, "p1", anxiety.ID); err != nil {
			t.Fatalf("DeleteNeed(%q) = %v; want nil error", anxiety.ID, err)
		}
		_, err = s.GetNeed(ctx, "p1", anxiety.ID)
		wantCode(t, err, journeys.NotFound, "GetNeed(%q) after delete", anxiety.ID)
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		bad := journeys.Need{ID: "n1", Title: " ", Level: "tertiary", AgeGroup: "teen"}
		_, _, err := s.PutNeed(t.Context(), "p1", &bad)
		wantCode(t, err, journeys.Invalid, "PutNeed(%q)", bad.ID)
		for _, p := range []string{"/title", "/level", "/ageGroup"} {
			wantPointer(t, err, p, "PutNeed(%q)", bad.ID)
		}
		_, err = s.GetNeed(t.Context(), "p1", bad.ID)
		wantCode(t, err, journeys.NotFound, "GetNeed(%q) after refused put", bad.ID)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		_, err := s.GetNeed(t.Context(), "p1", "ghost")
		wantCode(t, err, journeys.NotFound, "GetNeed(%q)", "ghost")
		wantCode(t, s.DeleteNeed(t.Context(), "p1", "ghost"), journeys.NotFound, "DeleteNeed(%q)", "ghost")
		_, _, err = s.PutNeed(t.Context(), "nope", &anxiety)
		wantCode(t, err, journeys.NotFound, "PutNeed in a missing project")
	})

	t.Run("List", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		for _, id := range []string{"n3", "n1", "n2"} {
			if _, _, err := s.PutNeed(t.Context(), "p1", &journeys.Need{ID: id, Title: "Behov", Level: journeys.LevelSelfHelp}); err != nil {
				t.Fatalf("PutNeed(%q) = %v; want nil error", id, err)
			}
		}
		testPages(t, "ListNeeds", []string{"n1", "n2", "n3"}, needID,
			func(page journeys.Page) (*journeys.List[journeys.Need], error) {
				return s.ListNeeds(t.Context(), "p1", page)
			})
	})

	// Insights point at needs and offers; a need that an insight names cannot go.
	t.Run("About", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		if _, _, err := s.PutNeed(ctx, "p1", &anxiety); err != nil {
			t.Fatalf("PutNeed = %v; want nil error", err)
		}
		j := GenerateJourney("j1", 3, "a")
		holder := j.Actors[0]
		holder.Offers = []journeys.Offer{{ID: "samtal", Name: "Stödsamtal", Level: journeys.LevelFirstLine, Access: journeys.AccessBoth}}
		j.Actors[0] = holder
		j.Insights = append(j.Insights, journeys.Insight{ID: "i-need", Text: "Ingen hjälp för oro.", Kind: journeys.InsightPainPoint, About: []string{anxiety.ID, "samtal"}})
		stored := mustPutJourney(t, s, "p1", j)
		if got := stored.Insights[len(stored.Insights)-1].About; !cmp.Equal(got, []string{anxiety.ID, "samtal"}) {
			t.Errorf("PutJourney: insight about = %v; want the need and the offer", got)
		}
		wantCode(t, s.DeleteNeed(ctx, "p1", anxiety.ID), journeys.Conflict, "DeleteNeed(%q) while an insight names it", anxiety.ID)
		// An actor whose offer an insight names is in use, even by a journey that only
		// carried it.
		helper := journeys.Actor{ID: "hjalp", Name: "Hjälplinje", Sector: journeys.SectorNational, Offers: []journeys.Offer{{ID: "linje", Name: "Stödlinje", Level: journeys.LevelFirstLine, Access: journeys.AccessSelfReferral}}}
		mustPutActor(t, s, "p1", helper)
		j.Insights = append(j.Insights, journeys.Insight{ID: "i-linje", Text: "Ringde stödlinjen.", Kind: journeys.InsightQuote, About: []string{"linje"}})
		mustPutJourney(t, s, "p1", j)
		wantCode(t, s.DeleteActor(ctx, "p1", helper.ID), journeys.Conflict, "DeleteActor(%q) while an insight names its offer", helper.ID)

		bad := GenerateJourney("j2", 2, "b")
		bad.Insights = append(bad.Insights, journeys.Insight{ID: "i-ghost", Text: "Okänt.", Kind: journeys.InsightQuote, About: []string{"ghost-need"}})
		_, _, err := s.PutJourney(ctx, "p1", bad, journeys.Precondition{})
		wantCode(t, err, journeys.Invalid, "PutJourney naming an unknown need")
		wantPointer(t, err, fmt.Sprintf("/insights/%d/about/0", len(bad.Insights)-1), "PutJourney naming an unknown need")

		if err := s.DeleteProject(ctx, "p1"); err != nil {
			t.Fatalf("DeleteProject = %v; want nil error", err)
		}
		mustCreateProject(t, s, "p1")
		if l, err := s.ListNeeds(ctx, "p1", journeys.Page{}); err != nil || len(l.Items) != 0 {
			t.Errorf("ListNeeds after the project was deleted and made again = %+v, %v; want none", l, err)
		}
	})
}

func testOffers(t *testing.T, open opener) {
	vc := journeys.Actor{ID: "vc", Name: "Vårdcentral", Sector: journeys.SectorRegion, Offers: []journeys.Offer{
		{ID: "samtal", Name: "Stödsamtal", Level: journeys.LevelFirstLine, TargetGroups: []string{"unga med oro"},
			AgeGroups: []journeys.AgeGroup{journeys.AgeChild}, Channels: []journeys.Channel{journeys.ChannelVisit, journeys.ChannelDigital}, Access: journeys.AccessSelfReferral},
		{ID: "kbt", Name: "KBT", Level: journeys.LevelPrimary, Access: journeys.AccessReferral},
	}}

	t.Run("OK", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		got := mustPutActor(t, s, "p1", vc)
		if diff := cmp.Diff(vc.Offers, got.Offers); diff != "" {
			t.Errorf("PutActor offers mismatch (-want +got):\n%s", diff)
		}
		read, err := s.GetActor(ctx, "p1", vc.ID)
		if err != nil || !cmp.Equal(read, got) {
			t.Errorf("GetActor = %+v, %v; want %+v", read, err, got)
		}
		same, created, err := s.PutActor(ctx, "p1", &vc)
		if err != nil || created || same.Version != got.Version {
			t.Errorf("PutActor again = %+v, %v, %v; want unchanged at version %d", same, created, err, got.Version)
		}
		bare := vc
		bare.Offers = nil
		next, _, err := s.PutActor(ctx, "p1", &bare)
		if err != nil || next.Version != got.Version+1 || len(next.Offers) != 0 {
			t.Errorf("PutActor without offers = %+v, %v; want the next version with none", next, err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		s := open(t)
		mustCreateProject(t, s, "p1")
		bad := journeys.Actor{ID: "x", Name: "X", Sector: journeys.SectorRegion, Offers: []journeys.Offer{
			{ID: "o1", Name: "O", Level: "tertiary", Access: "door", AgeGroups: []journeys.AgeGroup{"teen"}, Channels: []journeys.Channel{"pigeon"}},
			{ID: "o1", Name: "O"},
		}}
		_, _, err := s.PutActor(t.Context(), "p1", &bad)
		wantCode(t, err, journeys.Invalid, "PutActor(bad offers)")
		for _, p := range []string{"/offers/0/level", "/offers/0/access", "/offers/0/ageGroups/0", "/offers/0/channels/0", "/offers/1/id", "/offers/1/level"} {
			wantPointer(t, err, p, "PutActor(bad offers)")
		}
	})

	// Offer ids are unique in the project, whether the actor is put on its own or
	// carried by a journey.
	t.Run("ErrDuplicateOffer", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustCreateProject(t, s, "p1")
		mustPutActor(t, s, "p1", vc)
		other := journeys.Actor{ID: "bup", Name: "BUP", Sector: journeys.SectorRegion, Offers: []journeys.Offer{{ID: "kbt", Name: "KBT", Level: journeys.LevelSpecialist, Access: journeys.AccessReferral}}}
		_, _, err := s.PutActor(ctx, "p1", &other)
		wantCode(t, err, journeys.Invalid, "PutActor(%q) with another actor's offer id", other.ID)
		wantPointer(t, err, "/offers/0/id", "PutActor(%q) with another actor's offer id", other.ID)

		j := GenerateJourney("j1", 2, "a")
		j.Actors = append(j.Actors, other)
		_, _, err = s.PutJourney(ctx, "p1", j, journeys.Precondition{})
		wantCode(t, err, journeys.Invalid, "PutJourney carrying an actor with another actor's offer id")
		wantPointer(t, err, fmt.Sprintf("/actors/%d/offers/0/id", len(j.Actors)-1), "PutJourney carrying a clashing offer")
		if _, err := s.GetActor(ctx, "p1", other.ID); journeys.ErrorCode(err) != journeys.NotFound {
			t.Errorf("GetActor(%q) after refused writes = %v; want NOT_FOUND", other.ID, err)
		}
	})
}
