"""``python -m skincheck`` runs the command line."""

from skincheck.cli import main

raise SystemExit(main())
