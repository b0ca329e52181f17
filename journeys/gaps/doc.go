// Package gaps is Glapp's gap engine: it reads one journey map as a graph and finds where
// people fall between the chairs (faller mellan stolarna), by the rules of the product
// spec's gap table. Every finding says which rule found it, how severe it is and why,
// which steps and hand-overs it is about, the evidence tied to them, and a fingerprint
// that triage decisions are stored by.
//
// The engine is pure: it does no I/O, keeps no state between calls, and imports only the
// standard library and journeys. Package reports builds gap reports from a store and
// writes them as JSON, CSV and Markdown; package diagram draws them on the map. The
// engine never treats an unknown value as fine or as a gap; unknowns are reported apart
// from the findings, as the agenda for the next interview.
//
// Every rule runs in time linear in the journey's steps plus hand-overs (ping_pong in that
// times the number of actors, which is small), so that journeys with loops and branches
// are never analysed by enumerating their paths.
package gaps
