"""Stage 1: read practice files strictly, remembering where every value is.

PyYAML's ordinary loaders are too forgiving for a contributed data format:
they keep the last of two duplicate keys (silently losing data), turn ``no``
into ``False``, build arbitrary Python objects from ``!!python`` tags with the
unsafe loader, and expand aliases without limit ("billion laughs"). So a file
goes through four steps, each its own module:

* :mod:`~generator.stages.load.reader`: the bytes, only from a regular file
  (no link, device or pipe), within the size limit, as UTF-8 without control
  characters or tab indentation;
* :mod:`~generator.stages.load.yaml_loader`: composed into a node tree by
  libyaml and turned into plain data by a small walker that refuses tags,
  anchors and aliases, duplicate keys and unusable numbers;
* :mod:`~generator.stages.load.syntax` (with ``syntax_messages`` and
  ``syntax_layout``): a file libyaml refused, explained in Indonesian at the
  line to change;
* :mod:`~generator.stages.load.positions`: the line and column of every value
  and key, looked up only when a later stage reports a problem.

:func:`load_file` runs them and never raises for bad content: every problem is
collected on the returned :class:`LoadedFile`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem
from generator.stages.load.positions import (
    FieldPath,
    Location,
    format_field,
    node_mark,
    node_position,
)
from generator.stages.load.reader import decode, read_problem, tab_problems
from generator.stages.load.syntax import (
    first_document,
    first_problem,
    further_problems,
    reader_problem,
)
from generator.stages.load.yaml_loader import ComposeLoader, Refused, Walker, anchor_problem


@dataclass
class LoadedFile:
    """One file as read: its data (None if unreadable), positions and problems."""

    path: Path
    display: str
    data: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    _root: yaml.Node | None = field(default=None, repr=False)

    @property
    def root(self) -> yaml.Node | None:
        """The node tree, composed again on first use.

        Keeping every file's node tree alive would cost memory and (through the
        garbage collector) time on large catalogues; only files with problems
        ever need positions, so they pay for a second parse.
        """
        if self._root is None and self.text:
            try:
                self._root = yaml.compose(self.text, Loader=ComposeLoader)
            except yaml.YAMLError:
                return None
        return self._root

    def where(self, loc: FieldPath, *, key: bool = False) -> Location:
        """Line and column of the value (or key) at ``loc``, or of its nearest ancestor.

        Positions are looked up in the node tree only when a problem needs one,
        so valid files pay nothing for them.
        """
        node = self.root
        if node is None:
            return (1, 1)
        return node_position(node, loc, key=key)

    @property
    def value_at(self) -> _Positions:
        """``value_at[path]``: position of the value at ``path`` (for tests and tools)."""
        return _Positions(self, key=False)

    @property
    def key_at(self) -> _Positions:
        return _Positions(self, key=True)

    def problem(
        self, loc: FieldPath, rule: str, message: str, hint: str = "", *, key: bool = False
    ) -> Problem:
        """A Problem located at field ``loc`` of this file."""
        line, col = self.where(loc, key=key)
        return Problem(self.display, line, col, rule, message, format_field(loc), hint)


class _Positions:
    def __init__(self, loaded: LoadedFile, *, key: bool) -> None:
        self.loaded, self.key = loaded, key

    def __getitem__(self, loc: FieldPath) -> Location:
        return self.loaded.where(loc, key=self.key)


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read one YAML record. Never raises for bad content: problems are collected."""
    shown = display or str(path)
    loaded = LoadedFile(path=path, display=shown)
    raw = read_problem(path, shown)
    if isinstance(raw, Problem):
        loaded.problems.append(raw)
        return loaded
    text = decode(raw, shown)
    if isinstance(text, Problem):
        loaded.problems.append(text)
        return loaded
    loaded.text = text
    tabs = tab_problems(text, shown)
    if tabs:
        loaded.problems.extend(tabs)
        return loaded
    node = _compose(loaded, text)
    if node is None:
        return loaded
    anchor = anchor_problem(text, shown)
    if anchor is not None:
        loaded.problems.append(anchor)
        return loaded
    walker = Walker(shown, loaded.text, loaded.problems)
    try:
        loaded.data = walker.walk(node, (), 0)
    except Refused as refused:
        loaded.problems.append(refused.problem)
    return loaded


def _compose(loaded: LoadedFile, text: str) -> yaml.MappingNode | None:
    """The file's top mapping, or None after recording why there is none.

    A second document (``---``) is reported, and the first one still checked:
    ``loaded.text`` is then cut to the first document.
    """
    shown = loaded.display
    try:
        node = yaml.compose(text, Loader=ComposeLoader)
    except yaml.MarkedYAMLError as err:
        first = first_problem(err, shown, text)
        loaded.problems.append(first)
        loaded.problems.extend(further_problems(err, text, shown, first))
        recovered = first_document(err, text)
        if recovered is None:
            return None
        node, loaded.text = recovered
    except yaml.YAMLError as err:  # unmarked: libyaml's reader (control characters)
        loaded.problems.append(reader_problem(err, shown, text))
        return None
    if node is None:
        loaded.problems.append(
            Problem(
                shown,
                1,
                1,
                "file-empty",
                "berkas kosong",
                hint="Mulailah dari templat `practices/_templat.yaml` atau jalankan `replika new`.",
            )
        )
        return None
    if not isinstance(node, yaml.MappingNode):
        line, col = node_mark(node)
        kind = "daftar" if isinstance(node, yaml.SequenceNode) else "teks atau angka"
        loaded.problems.append(
            Problem(
                shown,
                line,
                col,
                "not-a-mapping",
                "isi berkas harus berupa kumpulan kolom `nama: nilai`, bukan " + kind,
                hint="Baris pertama setelah komentar biasanya `id: nama-praktik`.",
            )
        )
        return None
    return node
