"""What validation hands to the catalogue: the checked records and the region registry.

Shared by the validate stage (which fills a :class:`Checked`), the model stage
(which reads one) and ``replika serve`` (which keeps a :class:`RecordCache`
across regenerations). Plain data types only: no checks live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from generator.problems import Problem
from generator.schema import Practice
from generator.stages.journey import Journey
from generator.stages.load import LoadedFile


class Region(BaseModel):
    """One kota/kabupaten in the registry ``practices/_wilayah.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(alias="nama", min_length=4)
    province: str = Field(alias="provinsi")
    # Kemendagri code, e.g. "73.71" (Kota Makassar); see generator/wilayah.py.
    code: str | None = Field(default=None, alias="kode", pattern=r"^\d{2}\.\d{2}$")
    # Coordinates only place a region on the map; a region may be registered
    # without them rather than with guessed numbers.
    latitude: float | None = Field(default=None, alias="lintang", ge=-11.5, le=6.5)
    longitude: float | None = Field(default=None, alias="bujur", ge=94.5, le=141.5)

    @property
    def kind(self) -> str:
        """``Kota`` or ``Kabupaten``."""
        return self.name.split(" ", 1)[0]


class Province(BaseModel):
    """One of the 38 provinces, with its Kemendagri code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(alias="kode", pattern=r"^\d{2}$")
    name: str = Field(alias="nama")


class RegionRegistry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    provinces: list[Province] = Field(default_factory=list, alias="provinsi")
    regions: list[Region] = Field(alias="daerah", min_length=1)


@dataclass
class Checked:
    """What validation produced: good records, their files, and every problem."""

    practices: dict[str, Practice] = field(default_factory=dict)
    files: dict[str, LoadedFile] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    journeys: dict[str, Journey] = field(default_factory=dict)
    journey_files: dict[str, LoadedFile] = field(default_factory=dict)
    known_ids: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class CachedFile:
    """What one record file gave when it was last read: reused while its bytes are the same."""

    digest: str
    """Digest of the bytes read (``""``: unreadable, never reused)."""
    loaded: LoadedFile
    """The loaded file, schema problems included."""
    record: Practice | Journey | None
    own: list[Problem] | None = None
    """Problems of the rules that read only this file, the region registry and today's
    date (see :attr:`RecordCache.context`); None until first needed."""


@dataclass
class RecordCache:
    """Per-file results of reading and checking, reused while a file is unchanged.

    ``replika serve`` keeps one across regenerations so that a save re-reads
    and re-checks only the files whose bytes changed. ``practices`` and
    ``journeys`` map a resolved path to its :class:`CachedFile`. A file's
    ``own`` problems also depend on the region registry and today's date, the
    ``context`` they were made in: when it changes they are all made again.
    Rules between records (ids, titles, references, journey pairs) are never
    cached: they run on every regeneration.
    """

    practices: dict[Path, CachedFile] = field(default_factory=dict)
    journeys: dict[Path, CachedFile] = field(default_factory=dict)
    context: object = None

    def use_context(self, context: object) -> None:
        """Forget every file's ``own`` problems made in another context."""
        if context != self.context:
            for entry in [*self.practices.values(), *self.journeys.values()]:
                entry.own = None
            self.context = context
