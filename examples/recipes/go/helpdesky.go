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

func helpdeskyIdentity(email string) map[string]string {
	normalized := strings.ToLower(strings.TrimSpace(email))
	mac := hmac.New(sha256.New, []byte(strings.TrimSpace(os.Getenv("HELPDESKY_HMAC_SECRET"))))
	mac.Write([]byte(normalized))
	return map[string]string{
		"email":      normalized,
		"signature":  hex.EncodeToString(mac.Sum(nil)),
		"helpdeskId": strings.TrimSpace(os.Getenv("HELPDESKY_HELPDESK_ID")),
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
