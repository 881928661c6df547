"""``python -m amkg`` is the ``amkg`` command."""

from amkg.cli import main

raise SystemExit(main())
