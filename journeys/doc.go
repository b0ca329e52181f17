// Package journeys holds Glapp's domain: projects, care actors, journey maps with their
// stages, steps and hand-overs, evidence, the rules that make a journey document valid,
// and the Store interface that storage adapters implement.
//
// It does no I/O and imports only the standard library, so that the rules read like the
// product spec and can be tested without a database or a network.
package journeys
