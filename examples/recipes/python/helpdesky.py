"""Helpdesky identity for a Python backend (Django, Flask, FastAPI): the same bytes as
helpdesky-react/server's signEmail. Copy this file; it needs only the standard library.

    from helpdesky import helpdesky_identity

    # Django
    @login_required
    def helpdesky_view(request):
        response = JsonResponse(helpdesky_identity(request.user.email))
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Cookie, Authorization"
        return response

    # Flask
    @app.get("/api/helpdesky")
    @login_required
    def helpdesky_route():
        response = jsonify(helpdesky_identity(current_user.email))
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["Vary"] = "Cookie, Authorization"
        return response

Check any of these endpoints with: npx helpdesky-react check http://localhost:8000/api/helpdesky -H "Cookie: sessionid=..."
"""
import hashlib
import hmac
import os

# Exactly what JavaScript's trim() strips (plain strip() differs: U+FEFF, U+0085, U+001C-U+001F).
JS_WHITESPACE = "\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def normalize_email(email: str) -> str:
    """trim() then toLowerCase(), as Helpdesky verifies; send this string as data-email."""
    return email.strip(JS_WHITESPACE).lower()


def sign_email(email: str, secret: str | None = None) -> str:
    """Lowercase hex HMAC-SHA256 of the normalized email, keyed with the whole secret as UTF-8."""
    key = (secret if secret is not None else os.environ["HELPDESKY_HMAC_SECRET"]).strip(JS_WHITESPACE)
    return hmac.new(key.encode("utf-8"), normalize_email(email).encode("utf-8"), hashlib.sha256).hexdigest()


def helpdesky_identity(email: str) -> dict:
    """The identity endpoint's JSON body: { email, signature, helpdeskId }."""
    normalized = normalize_email(email)
    return {
        "email": normalized,
        "signature": sign_email(normalized),
        "helpdeskId": os.environ["HELPDESKY_HELPDESK_ID"].strip(JS_WHITESPACE),
    }
