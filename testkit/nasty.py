"""Hostile and odd queries: every one must get an answer, never a 500 or a hang.

Used by the hardening tests (``tests/test_hardening.py``) and mixed into the load test (``bench/load.py``)."""

NASTY_QUERIES = [
    "NOT OR ", "NOT AND ", "OR", "ELLER ELLER", "INTE", "- -", "--hamn", "-", "*", "**", "*a*", "a*", "åäö*",
    "(a+)+b", "/(a+)+b/", "content:[a TO z]", "{hamn TO kust}", "title:hamn", "hamn^2", "hamn~2", "hamn\\",
    "\x00", "ham\x00n", "%00", "../../etc/passwd", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --", '"', '"""', '"hamn', "(" * 500 + "hamn" + ")" * 500, "\u202ehamn\u202c", "\u200f\u200e",
    "hamn 🚢🌊", "🚢", "hamn\u0301", "a\u0308a\u030a", "\ufeffhamn", "\r\n\t", "ÅÄÖ åäö", "ǅ ß ﬁ ẞ",
    " ".join(["hamn"] * 40), "x" * 500, "hamn " * 99,
]
