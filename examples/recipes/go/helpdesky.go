// Helpdesky identity for a Go backend (net/http): the same bytes as helpdesky-react/server's
// signEmail. Copy helpdeskyIdentity; it needs only the standard library.
// docs/server.md shows it with a net/http handler; test/server/vectors.test.ts runs this file
// with `go run examples/recipes/go/helpdesky.go`.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
)

// Exactly what JavaScript's trim() strips (strings.TrimSpace differs: U+FEFF, U+0085).
const jsWhitespace = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

func helpdeskyIdentity(email string) map[string]string {
	normalized := strings.ToLower(strings.Trim(email, jsWhitespace))
	mac := hmac.New(sha256.New, []byte(strings.Trim(os.Getenv("HELPDESKY_HMAC_SECRET"), jsWhitespace)))
	mac.Write([]byte(normalized))
	return map[string]string{
		"email":      normalized,
		"signature":  hex.EncodeToString(mac.Sum(nil)),
		"helpdeskId": strings.Trim(os.Getenv("HELPDESKY_HELPDESK_ID"), jsWhitespace),
	}
}

// For the tests: reads [{ "secret", "rawEmail" }, ...] on stdin, prints the identities as JSON.
func main() {
	var vectors []struct {
		Secret   string `json:"secret"`
		RawEmail string `json:"rawEmail"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&vectors); err != nil {
		panic(err)
	}
	identities := make([]map[string]string, 0, len(vectors))
	for _, vector := range vectors {
		os.Setenv("HELPDESKY_HMAC_SECRET", vector.Secret)
		identities = append(identities, helpdeskyIdentity(vector.RawEmail))
	}
	if err := json.NewEncoder(os.Stdout).Encode(identities); err != nil {
		panic(err)
	}
}
