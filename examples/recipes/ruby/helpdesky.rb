# Helpdesky identity for a Ruby backend (Rails, Sinatra): the same bytes as
# helpdesky-react/server's signEmail. Copy helpdesky_identity; it needs only the standard library.
# docs/server.md shows it with a Rails controller; test/server/vectors.test.ts runs this file.
require "openssl"

# Exactly what JavaScript's trim() strips (Ruby's strip and [[:space:]] differ: U+FEFF, U+0085, NUL).
JS_WHITESPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/
JS_TRIM = /\A#{JS_WHITESPACE}+|#{JS_WHITESPACE}+\z/

def helpdesky_identity(email)
  normalized = email.gsub(JS_TRIM, "").downcase
  secret = ENV.fetch("HELPDESKY_HMAC_SECRET").gsub(JS_TRIM, "")
  { email: normalized,
    signature: OpenSSL::HMAC.hexdigest("SHA256", secret, normalized),
    helpdeskId: ENV.fetch("HELPDESKY_HELPDESK_ID").gsub(JS_TRIM, "") }
end

# For the tests: reads [{ "secret", "rawEmail" }, ...] on stdin, prints the identities as JSON.
if $PROGRAM_NAME == __FILE__
  require "json"
  identities = JSON.parse($stdin.read.force_encoding(Encoding::UTF_8)).map do |vector|
    ENV["HELPDESKY_HMAC_SECRET"] = vector.fetch("secret")
    helpdesky_identity(vector.fetch("rawEmail"))
  end
  puts JSON.generate(identities)
end
