"""Synthetic but valid practice records for the benchmark.

Records are plain dicts with the Indonesian keys of the real format, built by
cycling through the closed lists in :mod:`generator.vocab` and the city
registry ``practices/_wilayah.yaml``. Their prose is assembled from sentences
of the bundled records (plus invented kelurahan names, numbers and years, so
that the search index sees a long tail of words as it would with real
content). Generation is deterministic for a given size and seed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import vocab
from generator.schema import ID_MAX_CHARS
from generator.stages.load import load_file

# What the temporary project copies from the real one, when present.
PROJECT_ITEMS = ("mkdocs.yml", "docs", "overrides", "theme", "hooks", "assets", "templates")
# Generated output inside docs/ that must not be copied (it is rebuilt).
GENERATED_DOCS = ("katalog",)

_TEXT_FIELDS = (
    "ringkasan",
    "masalah",
    "langkah",
    "pelajaran",
    "syarat_keberhasilan",
    "kesiapan",
    "risiko",
)

TOPICS = (
    "Layanan lumpur tinja terjadwal",
    "Bank sampah berbasis kelurahan",
    "Retribusi air limbah lewat rekening air",
    "Sanitasi total berbasis masyarakat",
    "Kredit jamban tanpa bunga",
    "Pokja sanitasi lintas OPD",
    "IPAL komunal dan kelompok pemanfaat",
    "Drainase ramah lingkungan dengan biopori",
    "Pemilahan sampah dari sumber",
    "Aplikasi pendaftaran penyedotan tinja",
    "CSR perbankan untuk tangki septik",
    "Pengelolaan IPLT oleh UPTD",
    "Peraturan wali kota tentang SPALD-S",
    "Kampanye cuci tangan pakai sabun di sekolah",
    "Kemitraan operator air minum dan pemda",
    "Pendataan tangki septik oleh sanitarian",
    "TPS 3R yang dikelola KSM",
    "Deklarasi kelurahan stop buang air besar sembarangan",
    "Tarif progresif layanan persampahan",
    "Pembelajaran horizontal antar-kota",
)

_SYLLABLES = (
    "ba", "bu", "da", "di", "ga", "jo", "ka", "ke", "la", "lo", "ma", "mi", "na", "no",
    "pa", "pu", "ra", "ri", "sa", "si", "ta", "tu", "wa", "wo", "ya", "ran", "san", "jaya",
    "rejo", "sari", "mulyo", "harjo", "tan", "ng", "kar", "lam",
)  # fmt: skip

_INSTITUTIONS = (
    "Bappeda",
    "Dinas PUPR",
    "Dinas Lingkungan Hidup",
    "Dinas Kesehatan",
    "Puskesmas",
    "PDAM",
    "Bank daerah",
    "BPKAD",
    "UPTD Pengelolaan Air Limbah Domestik",
    "Kelompok Swadaya Masyarakat",
    "Tim Penggerak PKK",
    "Forum Kota Sehat",
)

_RESULT_UNITS = ("orang", "rumah tangga", "persen", "unit", "m³/hari", "ton/hari", "kelurahan")


@dataclass(frozen=True)
class Region:
    name: str
    province: str


@dataclass(frozen=True)
class Fragments:
    """Sentences and short phrases harvested from the bundled records."""

    sentences: tuple[str, ...]
    events: tuple[str, ...]
    roles: tuple[str, ...]
    questions: tuple[str, ...]
    indicators: tuple[str, ...]
    titles: tuple[str, ...]


def read_regions(wilayah: Path) -> list[Region]:
    data = yaml.safe_load(wilayah.read_text(encoding="utf-8"))
    return [Region(r["nama"], r["provinsi"]) for r in data["daerah"]]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    parts = re.split(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'])", text)
    return [p if p.endswith((".", "?", "!")) else p.rstrip(";") + "." for p in parts if len(p) > 25]


def harvest(practices_dir: Path) -> Fragments:
    """Collect reusable text from every bundled record in ``practices_dir``."""
    sentences: list[str] = []
    events: list[str] = []
    roles: list[str] = []
    questions: list[str] = []
    indicators: list[str] = []
    titles: list[str] = []
    for path in sorted(practices_dir.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        data = load_file(path).data
        if not isinstance(data, dict):
            continue
        for key in _TEXT_FIELDS:
            for text in _strings(data.get(key)):
                (questions if text.rstrip().endswith("?") else sentences).extend(
                    [text.strip()] if text.rstrip().endswith("?") else _sentences(text)
                )
        for item in data.get("linimasa") or []:
            if isinstance(item, dict) and isinstance(item.get("peristiwa"), str):
                events.append(" ".join(item["peristiwa"].split()))
        for item in data.get("pelaku") or []:
            if isinstance(item, dict) and isinstance(item.get("peran"), str):
                roles.append(item["peran"].strip())
        for item in data.get("hasil") or []:
            if isinstance(item, dict) and isinstance(item.get("indikator"), str):
                indicators.append(item["indikator"].strip())
        for item in data.get("sumber") or []:
            if isinstance(item, dict) and isinstance(item.get("judul"), str):
                titles.append(item["judul"].strip())
    if len(sentences) < 10:
        raise SystemExit(f"bench: too little text to reuse in {practices_dir}")
    return Fragments(
        tuple(dict.fromkeys(sentences)),
        tuple(dict.fromkeys(events or sentences)),
        tuple(dict.fromkeys(roles or sentences)),
        tuple(dict.fromkeys(questions or ["Apakah kepala daerah mendukung praktik ini?"])),
        tuple(dict.fromkeys(indicators or ["Rumah tangga terlayani"])),
        tuple(dict.fromkeys(titles or ["Berita program sanitasi"])),
    )


def _journey_id(record_id: str, n: int) -> str:
    """The id of a practice's ``n``-th journey, within the schema's id limit."""
    long = f"{record_id}-belajar-{n + 1}"
    if len(long) <= ID_MAX_CHARS:
        return long
    # Practice ids end in a unique number (``-03788``): cut the words before it.
    tail = f"-b{n + 1}"
    head, _, number = record_id.rpartition("-")
    room = ID_MAX_CHARS - len(tail) - len(number) - 1
    return f"{head[:room].rstrip('-')}-{number}{tail}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _place(rng: random.Random) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return word.capitalize()


def _date(rng: random.Random, year: int, precision: int | None = None) -> str | int:
    precision = precision if precision is not None else rng.choice((0, 1, 2, 2))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if precision == 0:
        return year
    if precision == 1:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


class Generator:
    """Builds ``size`` mutually consistent records (links only point inside the corpus)."""

    def __init__(
        self, size: int, regions: list[Region], text: Fragments, seed: int = 20261128
    ) -> None:
        self.size = size
        self.regions = regions
        self.text = text
        self.rng = random.Random(seed + size)
        self.today = dt.date.today()
        self.ids = [self._id(i) for i in range(size)]
        self.journeys: list[dict[str, Any]] = []
        """Learning journeys (``practices/pembelajaran/``) made from each record's pairs."""

    def _topic(self, i: int) -> str:
        return TOPICS[i % len(TOPICS)]

    def _region(self, i: int) -> Region:
        return self.regions[(i // len(TOPICS) + i) % len(self.regions)]

    def _id(self, i: int) -> str:
        short = self._region(i).name.split(" ", 1)[1]
        return f"{_slug(self._topic(i))[:40].rstrip('-')}-{_slug(short)}-{i + 1:05d}"

    def _paragraph(self, low: int, high: int, region: Region) -> str:
        picked = self.rng.sample(self.text.sentences, min(len(self.text.sentences), high))
        body = " ".join(picked[: self.rng.randint(low, high)])
        return f"Di {region.name}, {body[0].lower()}{body[1:]}"

    def _list(self, pool: tuple[str, ...], low: int, high: int) -> list[str]:
        count = self.rng.randint(low, high)
        return self.rng.sample(pool, min(count, len(pool)))

    def record(self, i: int) -> dict[str, Any]:
        """Record number ``i``: every required field, most optional ones."""
        rng = self.rng
        region = self._region(i)
        record_id = self.ids[i]
        kelurahan = f"Kelurahan {_place(rng)}"
        start = rng.randint(2010, 2021)
        sources = self._sources(record_id, rng.randint(2, 6), start)
        codes = [s["kode"] for s in sources]
        data: dict[str, Any] = {
            "id": record_id,
            "judul": f"{self._topic(i)} di {kelurahan}, {region.name} (kasus {i + 1})",
            "ringkasan": self._paragraph(3, 5, region),
            "masalah": f"Warga {kelurahan} menghadapi masalah ini. "
            + self._paragraph(3, 5, region),
            "asal": {"daerah": region.name, "provinsi": region.province},
            "sektor": list(vocab.SECTORS)[i % len(vocab.SECTORS)],
            "jenis": self._types(i),
            "linimasa": self._timeline(start, codes),
            "langkah": self._list(self.text.sentences, 4, 8),
            "pelaku": [
                {
                    "nama": f"{inst} {region.name}",
                    "peran": rng.choice(self.text.roles),
                }
                for inst in rng.sample(_INSTITUTIONS, rng.randint(2, 5))
            ],
            "instrumen": self._instruments(i, start, codes),
            "hasil": [
                {
                    "indikator": f"{rng.choice(self.text.indicators)} di {kelurahan}",
                    "nilai": rng.choice((rng.randint(5, 5000), round(rng.uniform(1, 99), 2))),
                    "satuan": rng.choice(_RESULT_UNITS),
                    "tahun": rng.randint(start, min(start + 6, self.today.year)),
                    "sumber": rng.choice(codes),
                }
                for _ in range(rng.randint(0, 4))
            ],
            "biaya": [
                {
                    "uraian": f"Biaya {rng.choice(('operasional', 'pembangunan', 'sosialisasi', 'pendataan'))} {kelurahan}",
                    "jumlah_rp": rng.randrange(50_000, 500_000_000, 1000),
                    "per": rng.choice(("tahun", "rumah", "unit", "kegiatan")),
                    "tahun": rng.randint(start, min(start + 5, self.today.year)),
                    "sumber": rng.choice(codes),
                }
                for _ in range(rng.randint(0, 3))
            ],
            "pelajaran": self._list(self.text.sentences, 3, 5),
            "syarat_keberhasilan": self._list(self.text.sentences, 1, 3),
            "kesiapan": self._list(self.text.questions, 3, 6),
            "risiko": self._list(self.text.sentences, 2, 4),
            "perbedaan_data": self._discrepancies(codes),
            "replikasi": [],
            "tingkat_bukti": list(vocab.EVIDENCE_LEVELS)[i % len(vocab.EVIDENCE_LEVELS)],
            "status": list(vocab.PRACTICE_STATUSES)[i % len(vocab.PRACTICE_STATUSES)],
            "diperiksa": (self.today - dt.timedelta(days=rng.randint(0, 900))).isoformat(),
            "terkait": self._related(i),
            "tag": self._tags(i, kelurahan),
            "sumber": sources,
        }
        pairs = self._replications(i, region, start, codes)
        self.journeys.extend(
            self._journey(record_id, region, n, rep, sources) for n, rep in enumerate(pairs)
        )
        self._satisfy_rules(data, codes)
        return {k: v for k, v in data.items() if v != []}

    def _journey(
        self,
        record_id: str,
        region: Region,
        n: int,
        rep: dict[str, Any],
        sources: list[dict[str, Any]],
    ) -> dict[str, Any]:
        """One generated mentor → mentee pair as a journey record (issue #11)."""
        today = self.today.isoformat()
        begin = min(rep["mulai"], today)
        held = rep["mulai"] <= today
        first, last = rep["sumber"][0], rep["sumber"][-1]
        journey: dict[str, Any] = {
            "id": _journey_id(record_id, n),
            "judul": f"{rep['daerah']} belajar dari {region.name}",
            "ringkasan": f"{rep['daerah']} mempelajari praktik {record_id} dari {region.name}.",
            "fasilitator": rep.get("fasilitator"),
            "mentor": region.name,
            "mentee": rep["daerah"],
            "praktik": [record_id],
            "sesi": [
                {
                    "tanggal": rep["mulai"],
                    "jumlah": rep.get("jumlah_sesi", 1),
                    "pelaksanaan": "terlaksana" if held else "direncanakan",
                    "bentuk": rep["bentuk"],
                    "sumber": first,
                }
            ],
            "tahap": rep["tahap"],
            "status": rep["status"],
            "status_per": begin,
            "hasil": [{"uraian": text, "sumber": last} for text in rep.get("keluaran", [])],
            "diperiksa": today,
        }
        if rep["status"] in ("berjalan", "diadopsi"):
            journey["status_sumber"] = first
        cited = {first} | ({last} if journey["hasil"] else set())
        journey["sumber"] = [s for s in sources if s["kode"] in cited]
        return {k: v for k, v in journey.items() if v not in ([], None)}

    @staticmethod
    def _satisfy_rules(data: dict[str, Any], codes: list[str]) -> None:
        """Keep the record valid under the rules on sources and status (issue #12).

        Every listed source is cited (the uncited ones by one extra discrepancy),
        a known status has the date of its latest evidence, and a stopped or
        stalled one says why. Uses no randomness, so the rest of the corpus is unchanged.
        """
        cited = {
            item["sumber"]
            for key in ("linimasa", "instrumen", "hasil", "biaya")
            for item in data[key]
            if item.get("sumber")
        }
        cited |= {
            c
            for key in ("perbedaan_data", "replikasi")
            for item in data[key]
            for c in item["sumber"]
        }
        missing = [c for c in codes if c not in cited]
        if missing:
            data["perbedaan_data"] = [
                *data["perbedaan_data"],
                {
                    "tentang": "Angka yang dilaporkan sumber lain",
                    "versi": [
                        "Versi pertama menurut sumber ini.",
                        "Versi kedua menurut sumber lain.",
                    ],
                    "sumber": missing,
                },
            ]
        if data["status"] != "tidak-diketahui":
            data["status_per"] = str(data["linimasa"][-1]["tanggal"])
        if data["status"] in ("berhenti", "tersendat"):
            data["status_keterangan"] = (
                "Sumber terakhir menyebut layanan tidak lagi berjalan rutin."
            )

    def _types(self, i: int) -> list[str]:
        kinds = list(vocab.PRACTICE_TYPES)
        count = 1 + i % 3
        return [kinds[(i + k * 4) % len(kinds)] for k in range(count)]

    def _timeline(self, start: int, codes: list[str]) -> list[dict[str, Any]]:
        """Milestones in order: sorted full dates, each shown at a random precision."""
        rng = self.rng
        end = self.today.year
        dates = sorted(
            (rng.randint(start, min(start + 8, end)), rng.randint(1, 12), rng.randint(1, 28))
            for _ in range(rng.randint(3, 7))
        )
        items: list[dict[str, Any]] = []
        for year, month, day in dates:
            precision = rng.choice((0, 1, 2, 2))
            date: str | int = (year, f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}")[
                precision
            ]
            item: dict[str, Any] = {"tanggal": date, "peristiwa": rng.choice(self.text.events)}
            if rng.random() < 0.7:
                item["sumber"] = rng.choice(codes)
            elif rng.random() < 0.5:
                item["catatan"] = rng.choice(self.text.sentences)
            items.append(item)
        return items

    def _instruments(self, i: int, start: int, codes: list[str]) -> list[dict[str, Any]]:
        rng = self.rng
        kinds = list(vocab.INSTRUMENT_KINDS)
        out = []
        for k in range(rng.randint(0, 3)):
            year = rng.randint(start, self.today.year)
            item: dict[str, Any] = {
                "jenis": kinds[(i + k) % len(kinds)],
                "nomor": f"{rng.randint(1, 60)} Tahun {year}",
                "tanggal": _date(rng, year, 1),
                "judul": rng.choice(self.text.titles),
                "sumber": rng.choice(codes),
            }
            if rng.random() < 0.5:
                item["tautan"] = f"https://jdih.example.go.id/dokumen/{self.ids[i]}/{k + 1}"
            out.append(item)
        return out

    def _discrepancies(self, codes: list[str]) -> list[dict[str, Any]]:
        if self.rng.random() < 0.7:
            return []
        return [
            {
                "tentang": "Tahun mulai dan cakupan layanan",
                "versi": self.rng.sample(self.text.sentences, 2),
                "sumber": codes[:2],
            }
        ]

    def _replications(
        self, i: int, region: Region, start: int, codes: list[str]
    ) -> list[dict[str, Any]]:
        rng = self.rng
        others = [r for r in self.regions if r.name != region.name]
        out = []
        for mentee in rng.sample(others, rng.randint(0, 2)):
            year = rng.randint(min(start + 1, self.today.year), self.today.year)
            begin = f"{year}-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
            item: dict[str, Any] = {
                "daerah": mentee.name,
                "mulai": begin,
                "selesai": f"{min(year + 1, self.today.year)}-{rng.randint(7, 12):02d}",
                "bentuk": rng.choice(list(vocab.LEARNING_FORMS)),
                "jumlah_sesi": rng.randint(1, 12),
                "fasilitator": "PMU PPSP Bappenas",
                "tahap": rng.choice(list(vocab.REPLICATION_PHASES)),
                "status": rng.choice(list(vocab.REPLICATION_STATUSES)),
                "keluaran": self._list(self.text.sentences, 0, 2),
                "sumber": rng.sample(codes, min(2, len(codes))),
            }
            if self.size > 1 and rng.random() < 0.3:
                item["praktik"] = self.ids[(i + 1 + rng.randrange(self.size - 1)) % self.size]
            out.append({k: v for k, v in item.items() if v != []})
        return out

    def _related(self, i: int) -> list[str]:
        if self.size < 2:
            return []
        picks = {(i + 1 + self.rng.randrange(self.size - 1)) % self.size for _ in range(3)}
        return [self.ids[j] for j in sorted(picks)][: self.rng.randint(0, 3)]

    def _tags(self, i: int, kelurahan: str) -> list[str]:
        words = [w.lower() for w in self._topic(i).split() if len(w) > 3]
        tags = self.rng.sample(words, min(len(words), self.rng.randint(1, 3)))
        return [*dict.fromkeys([*tags, kelurahan.split()[1].lower(), "sanitasi"])]

    def _sources(self, record_id: str, count: int, start: int) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for k in range(count):
            year = rng.randint(start, self.today.year)
            out.append(
                {
                    "kode": f"sumber-{year}-{k + 1}",
                    "judul": rng.choice(self.text.titles),
                    "penerbit": rng.choice(("NAWASIS", "Pemerintah Daerah", "Kompas", "ANTARA")),
                    "tanggal": _date(rng, year, 2),
                    "url": f"https://berita.example.id/{record_id}/{year}/{k + 1}",
                }
            )
        return out

    def records(self) -> Iterable[dict[str, Any]]:
        for i in range(self.size):
            yield self.record(i)


try:  # libyaml's emitter: ~10x faster for 5,000 records
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

HEADER = "# yaml-language-server: $schema=../docs/skema/praktik.schema.json\n"
JOURNEY_HEADER = "# yaml-language-server: $schema=../../docs/skema/pembelajaran.schema.json\n"


def dump(record: dict[str, Any]) -> str:
    return HEADER + yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)


def make_project(source: Path, target: Path, size: int, seed: int = 20261128) -> list[Path]:
    """A fresh project in ``target`` with ``size`` generated records; returns their paths."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PROJECT_ITEMS:
        item = source / name
        if item.is_dir():
            shutil.copytree(
                item,
                target / name,
                ignore=shutil.ignore_patterns(*GENERATED_DOCS) if name == "docs" else None,
            )
        elif item.is_file():
            shutil.copy2(item, target / name)
    practices = target / "practices"
    practices.mkdir()
    shutil.copy2(source / "practices" / "_wilayah.yaml", practices / "_wilayah.yaml")
    generator = Generator(
        size,
        read_regions(source / "practices" / "_wilayah.yaml"),
        harvest(source / "practices"),
        seed,
    )
    paths = []
    for record in generator.records():
        path = practices / f"{record['id']}.yaml"
        path.write_text(dump(record), encoding="utf-8")
        paths.append(path)
    if generator.journeys:
        folder = practices / "pembelajaran"
        folder.mkdir()
        for journey in generator.journeys:
            text = yaml.dump(journey, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
            (folder / f"{journey['id']}.yaml").write_text(JOURNEY_HEADER + text, encoding="utf-8")
    return paths
