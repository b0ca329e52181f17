package journeys

import (
	"slices"
	"testing"
)

// Offer validation points at each bad field.
func TestOfferValidate(t *testing.T) {
	a := Actor{ID: "a", Name: "A", Sector: SectorRegion, Offers: []Offer{
		{ID: "o", Name: "O", Level: LevelPrimary, Access: AccessBoth,
			AgeGroups: []AgeGroup{AgeChild, AgeChild}, Channels: []Channel{"fax"}, TargetGroups: []string{" "}},
		{ID: "a", Name: "Same as the actor", Level: LevelPrimary, Access: AccessBoth},
	}}
	var got []string
	for _, v := range a.Validate("") {
		got = append(got, v.Pointer)
	}
	for _, want := range []string{"/offers/0/ageGroups/1", "/offers/0/channels/0", "/offers/0/targetGroups/0", "/offers/1/id"} {
		if !slices.Contains(got, want) {
			t.Errorf("Validate() pointers = %v; want %s among them", got, want)
		}
	}
}

// Covers matches level, target group (without regard to case) and age.
func TestOfferCovers(t *testing.T) {
	o := Offer{ID: "o", Level: LevelFirstLine, TargetGroups: []string{"Unga med oro"}, AgeGroups: []AgeGroup{AgeChild}}
	for _, c := range []struct {
		n    Need
		want bool
	}{
		{Need{Level: LevelFirstLine, TargetGroup: " unga med oro ", AgeGroup: AgeChild}, true},
		{Need{Level: LevelFirstLine, AgeGroup: AgeAny}, true},
		{Need{Level: LevelPrimary, TargetGroup: "unga med oro"}, false},
		{Need{Level: LevelFirstLine, TargetGroup: "vuxna"}, false},
		{Need{Level: LevelFirstLine, AgeGroup: AgeAdult}, false},
	} {
		if got := o.Covers(&c.n); got != c.want {
			t.Errorf("Covers(%+v) = %v; want %v", c.n, got, c.want)
		}
	}
}
