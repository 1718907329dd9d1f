"""Response headers that make the browser a second line of defence.

* ``Content-Security-Policy``: scripts, styles, images, forms and connections only
  from this site; no inline script or style anywhere, no plugins, no framing;
* ``X-Content-Type-Options: nosniff``: a response is only ever what its type says;
* ``Referrer-Policy``: other sites see at most our origin, never a visitor's query;
* ``X-Frame-Options``: framing refused in browsers that predate ``frame-ancestors``;

and a redirect's ``Location`` never repeats the request's ``Host`` header.
"""

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def init_app(app: Flask) -> None:
    @app.after_request
    def secure_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if "Location" in response.headers:
            response.headers["Location"] = own_location(response.headers["Location"])
        return response


def own_location(location: str) -> str:
    """A redirect to this site as a path: Werkzeug's own redirects ("//feed" -> "/") name
    whatever ``Host`` the request claimed, which an attacker chooses."""
    parts = urlsplit(location)
    if parts.netloc and parts.netloc == request.host:
        return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return location
