// The token whose secret has the given hash, through the token_hash constraint's index:
// every request with a bearer token asks. No record when there is none.
MATCH (t:Token {hash: $hash})
RETURN t AS token
