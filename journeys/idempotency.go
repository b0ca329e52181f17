package journeys

import "time"

// IdempotencyTTL is how long a key and its response are remembered: long enough for any
// client's retries, short enough that the store does not grow without end.
const IdempotencyTTL = 24 * time.Hour

// IdempotencyPendingTimeout is how long a claimed key whose response was never saved (the
// server died mid-request) blocks retries before a retry may run the request again. Creates
// in Glapp name their ids, so running one again makes nothing twice: it meets CONFLICT.
const IdempotencyPendingTimeout = time.Minute

// IdempotentResponse is the first successful response to a request made with an
// Idempotency-Key, replayed to every retry with the same key and body. It holds what the
// API answered from stored, redacted data; a refusal, which may quote the request, is
// never stored.
type IdempotentResponse struct {
	// Key is the record's key: the API stores the SHA-256 of the client's key scoped by
	// token, method and path, so that two clients' keys never meet and neither the key
	// nor the path is stored.
	Key string `json:"key"`
	// RequestHash identifies the request body; a retry with another body is refused.
	RequestHash string `json:"requestHash"`
	// Claim is the value the request that holds the record claimed it with (see
	// AccessStore.ClaimIdempotencyKey): a request whose claim was taken over must not
	// complete or release its successor's.
	Claim string `json:"claim,omitempty"`
	// Done is false while the first request is still running.
	Done        bool              `json:"done"`
	Status      int               `json:"status"`
	Header      map[string]string `json:"header,omitempty"`
	Body        []byte            `json:"body,omitempty"`
	ClaimedAt   time.Time         `json:"claimedAt"`
	CompletedAt *time.Time        `json:"completedAt,omitempty"`
}
