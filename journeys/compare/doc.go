// Package compare sets two journeys of a project side by side. An as-is and its to-be
// (Improvement) are compared by their gap findings (resolved, remaining, new), their
// computed metrics and their elements; a planned journey and a lived one that follows it
// (Deviations) by what the person's real path did differently from the plan; and every
// lived journey that follows one plan by how often each deviation occurs (Conformance).
//
// Like the gap engine it is pure: it reads journeys and gap reports it is given, does no
// I/O and imports only the standard library and the journeys packages.
package compare
