"""``python -m generator`` runs the ``replika`` command line."""

from generator.cli import main, run

run(main)
