package metrics_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/metrics"
)

// panicking is a Backend whose every method panics (its embedded interface is nil): it
// lets the test call each method without a store, and proves the timing is deferred.
type panicking struct{ journeys.Backend }

// TestObserveStoreTimesEveryMethod calls every journeys.Backend method on the decorator
// and finds one sample under that method's name, so that a method wrapped under the wrong
// name, or passed through untimed, fails.
func TestObserveStoreTimesEveryMethod(t *testing.T) {
	m := metrics.New()
	b := reflect.ValueOf(metrics.ObserveStore(panicking{}, "embedded", m))
	iface := reflect.TypeFor[journeys.Backend]()
	if iface.NumMethod() < 40 {
		t.Fatalf("Backend has %d methods; the reflection found too few to prove anything", iface.NumMethod())
	}
	for i := range iface.NumMethod() {
		name := iface.Method(i).Name
		method := b.MethodByName(name)
		args := make([]reflect.Value, method.Type().NumIn())
		for j := range args {
			args[j] = reflect.Zero(method.Type().In(j))
		}
		func() {
			defer func() { _ = recover() }()
			method.Call(args)
		}()
		want := `glapp_store_operation_duration_seconds_count{operation="` + name + `",store="embedded"} 1`
		if got := scrape(t, m); !contains(got, want) {
			t.Errorf("after calling %s, no line %s", name, want)
		}
	}
}

// TestObserveStorePassesThrough checks that the decorator returns what the store answers.
func TestObserveStorePassesThrough(t *testing.T) {
	m := metrics.New()
	b := metrics.ObserveStore(unreachable{}, "neo4j", m)
	if err := b.Ping(t.Context()); journeys.ErrorCode(err) != journeys.Unavailable {
		t.Fatalf("Ping() = %v; want the store's UNAVAILABLE", err)
	}
	if want := `glapp_store_operation_duration_seconds_count{operation="Ping",store="neo4j"} 1`; !contains(scrape(t, m), want) {
		t.Errorf("no line %s", want)
	}
}

// unreachable is a store whose Ping fails.
type unreachable struct{ journeys.Backend }

func (unreachable) Ping(context.Context) error {
	return journeys.Errorf(journeys.Unavailable, "The database cannot be reached.")
}
