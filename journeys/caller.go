package journeys

// CallerError marks an error returned by a function the caller handed to a store
// (UpdateJourney's fn, EachJourney's fn), so that the store hands it back unchanged
// instead of taking it for a database failure. It has no Unwrap on purpose: a database
// driver must not mistake what the caller's function returned for one of its own
// retryable errors.
type CallerError struct{ Err error }

func (e *CallerError) Error() string { return e.Err.Error() }

// Callers returns fn with its errors marked as the caller's (CallerError), for handing
// to a plan (PlanUpdateJourney) that a store runs inside its transaction.
func Callers[T any](fn func(T) error) func(T) error {
	return func(v T) error {
		if err := fn(v); err != nil {
			return &CallerError{err}
		}
		return nil
	}
}
