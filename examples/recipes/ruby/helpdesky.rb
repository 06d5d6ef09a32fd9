# Helpdesky identity for a Ruby backend (Rails, Sinatra): the same bytes as
# helpdesky-react/server's signEmail. Copy helpdesky_identity; it needs only the standard library.
# docs/server.md shows it with a Rails controller; test/server/vectors.test.ts runs this file.
require "openssl"

def helpdesky_identity(email)
  normalized = email.gsub(/\A[[:space:]]+|[[:space:]]+\z/, "").downcase
  secret = ENV.fetch("HELPDESKY_HMAC_SECRET").strip
  { email: normalized,
    signature: OpenSSL::HMAC.hexdigest("SHA256", secret, normalized),
    helpdeskId: ENV.fetch("HELPDESKY_HELPDESK_ID").strip }
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
