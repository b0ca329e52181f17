package gaps

// Labels for people, used by the renderers (package reports, package diagram). Rules have
// theirs in the catalogue.
var (
	severityLabels = map[Severity]Text{
		SeverityCritical: {"Kritisk", "Critical"},
		SeverityHigh:     {"Hög", "High"},
		SeverityMedium:   {"Medel", "Medium"},
		SeverityLow:      {"Låg", "Low"},
	}
	categoryLabels = map[Category]Text{
		CategoryResponsibility: {"Ansvar", "Responsibility"},
		CategoryTransition:     {"Övergång", "Transition"},
		CategoryInformation:    {"Information", "Information"},
		CategoryFollowUp:       {"Uppföljning", "Follow-up"},
		CategoryContinuity:     {"Kontinuitet", "Continuity"},
		CategoryNavigation:     {"Navigering", "Navigation"},
		CategoryAccess:         {"Tillgänglighet", "Access"},
		CategoryCoordination:   {"Samordning", "Coordination"},
		CategoryData:           {"Data", "Data"},
		CategoryExperience:     {"Upplevelse", "Experience"},
	}
)

// Label returns s for people, in Swedish and English.
func (s Severity) Label() Text { return labelOr(severityLabels, s, string(s)) }

// Label returns c for people, in Swedish and English.
func (c Category) Label() Text { return labelOr(categoryLabels, c, string(c)) }

// Label returns r's label for people, in Swedish and English.
func (r Rule) Label() Text {
	if info, ok := r.Info(); ok {
		return info.Label
	}
	return Text{string(r), string(r)}
}

func labelOr[K comparable](labels map[K]Text, k K, fallback string) Text {
	if t, ok := labels[k]; ok {
		return t
	}
	return Text{fallback, fallback}
}
