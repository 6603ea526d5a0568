"""``replika from-issue``, part two: a rendered issue form to a record that validates.

The answers are parsed by :mod:`generator.scaffold.issue_parser`; the record is
dumped by :mod:`generator.scaffold.yamlwriter` and created by
:mod:`generator.scaffold.draft` only when it validates. Otherwise every problem
is named by the form section (label) the contributor has to edit.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from generator.errors import BadRequest, UnusableContent
from generator.issueform import FORM
from generator.problems import Problem
from generator.project import Project
from generator.scaffold.draft import Draft, write_new
from generator.scaffold.fields import check_id
from generator.scaffold.issue_parser import parse_issue_body, record_from_issue
from generator.scaffold.regions import read_regions
from generator.scaffold.yamlwriter import dump_record


def _by_form_label(problems: list[Problem]) -> list[str]:
    """Validation problems of the draft, each under the form section it came from."""
    labels = {f.key: f.label for f in FORM}
    labels.update({"asal": labels["daerah"], "id": labels["judul"]})
    lines = []
    for problem in sorted(problems):
        top = re.split(r"[.\[]", problem.field or "", maxsplit=1)[0]
        label = labels.get(top, top or "?")
        hint = f" ({problem.hint})" if problem.hint else ""
        lines.append(f"  ✗ «{label}»: {problem.message}{hint}")
    return lines


def from_issue(
    project: Project, body: str, *, record_id: str = "", today: dt.date | None = None
) -> Draft:
    """Everything ``replika from-issue`` does, apart from printing."""
    answers = parse_issue_body(body)
    if not answers:
        raise UnusableContent(
            "teks ini bukan isi issue dari formulir «Usulan praktik baik»: tidak ada judul "
            "bagian `### ...`"
        )
    issue = record_from_issue(answers, read_regions(project), today or dt.date.today())
    if issue.problems:
        raise UnusableContent(
            "Usulan belum lengkap; lengkapi bagian berikut di issue (sunting issue-nya), "
            "lalu jalankan lagi:\n" + "\n".join(f"  ✗ {p}" for p in issue.problems)
        )
    if record_id:
        problem = check_id(record_id)
        if problem:
            raise BadRequest(problem)
        issue.data["id"] = record_id
    record_id = issue.data["id"]
    text = dump_record(issue.data, issue.notes)
    draft = write_new(project, record_id, text)
    if draft.errors or draft.to_fill:
        raise UnusableContent(
            "Usulan belum bisa menjadi catatan yang valid; perbaiki bagian berikut di issue:\n"
            + "\n".join(_by_form_label(draft.errors + draft.to_fill))
        )
    return draft


def read_body(source: str) -> str:
    """The issue body from a file, or from stdin for ``-``."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadRequest(f"berkas `{source}` tidak ada") from None
    except (OSError, UnicodeDecodeError) as err:
        raise BadRequest(f"berkas `{source}` tidak bisa dibaca: {err}") from None
