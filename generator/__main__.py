"""``python -m generator`` runs the ``replika`` command line."""

import sys

from generator.cli import main

sys.exit(main())
