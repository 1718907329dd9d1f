"""``python -m webapp``: serve the search under gunicorn, the production server."""

from .serve import main

main()
