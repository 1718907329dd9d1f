"""Shared helpers for ``tests`` and ``bench``: the one place both may import.

``tests`` and ``bench`` never import each other; what both need (today the
fixture site, ``testkit.site``, and a real HTTP server to serve a site from,
``testkit.http_site``) lives here. Nothing here is installed with the
product: the package is imported from the repository root, where pytest and
``python -m bench`` run.
"""
