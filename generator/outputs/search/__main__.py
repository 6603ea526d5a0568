"""``python -m generator.outputs.search [--waktu] [--keluaran FOLDER]``: the indexer alone.

The benchmark's baseline (``bench/run.py``, ``bench/search_forgiving.py``).
The command line itself lives in ``generator/cli/tools.py`` (the only place
that turns a result into an exit status).
"""

from generator.cli import run
from generator.cli.tools import search_index

run(search_index)
