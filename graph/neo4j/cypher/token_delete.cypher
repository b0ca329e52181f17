// Deletes a token, and with it the hash its secret is found by. No record when there was
// none.
MATCH (t:Token {id: $tokenId})
WITH t, t.id AS tokenId
DELETE t
RETURN tokenId
