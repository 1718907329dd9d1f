"""``python -m webapp``: serve the search under gunicorn, the production server.
``python -m webapp insights``: the editors' query log report (``insights.py``)."""

import sys

if sys.argv[1:2] == ["insights"]:
    from .insights import main

    main(args=sys.argv[2:], prog_name="python -m webapp insights")
else:
    from .serve import main

    main()
