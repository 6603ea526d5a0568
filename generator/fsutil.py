"""Writing files so that a reader never sees half of one.

Every output of a build (pages, search files, open data, PDFs, the offline
ZIP) is written to a temporary file next to its target and renamed over it:
a crash or a full disk leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_target(path: Path, *, temp: Path | None = None) -> Iterator[Path]:
    """A temporary path next to ``path``; renamed over ``path`` when the block succeeds.

    For writers that need a file name (``zipfile``, ``shutil.copyfile``). The
    file is made world-readable (0644) like a normal build output; on any
    error the temporary file is removed and ``path`` is left as it was.
    ``temp`` names the temporary file instead of a random name: for a folder
    whose owner must recognise a leftover of a killed run (``docs/katalog/``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if temp is None:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
    else:
        tmp = temp
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(
    path: Path, content: bytes | str, *, skip_unchanged: bool = False, temp: Path | None = None
) -> bool:
    """Write ``content`` (text is UTF-8) to ``path`` atomically; True if the file changed.

    ``skip_unchanged=True`` leaves a file holding the same bytes untouched (its
    modification time too), so an unchanged output does not trigger a reload.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if skip_unchanged and path.is_file() and path.read_bytes() == data:
        return False
    with atomic_target(path, temp=temp) as tmp:
        tmp.write_bytes(data)
    return True
