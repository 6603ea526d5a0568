"""``replika serve`` on a fresh copy answers every download link of a practice page (issue 15).

No ``replika build`` first: the preview makes the PDFs, the offline ZIP and the
open data in the background and answers 503 (with an Indonesian message) until
each file is ready.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from site_support import copy_project, serving
from test_site_serve import fetch, wait_for


def status_and_body(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()
    except OSError:
        return 0, b""


def test_preview_serves_every_download_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert not (project / "site").exists()
    log_path = tmp_path / "serve.log"
    with serving(project, log_path) as (_proc, base):
        page_url = base + "katalog/praktik/l2t2-kendari/"
        assert wait_for(page_url, "Kota Kendari", 90) is not None, log_path.read_text()
        links = set(re.findall(r'href="((?:\.\./)*(?:unduh|data)/[^"]+)"', fetch(page_url)))
        links |= set(re.findall(r'href="((?:unduh|data)/[^"]+)"', fetch(base)))
        urls = {urllib.parse.urljoin(page_url if ".." in link else base, link) for link in links}
        names = {u.rsplit("/", 1)[-1] for u in urls}
        assert {"l2t2-kendari.pdf", "katalog-replika.pdf", "replika-luring.zip"} <= names, names
        assert {"practices.json", "practices.csv"} <= names, names
        status, body = status_and_body(base + "unduh/replika-luring.zip")
        assert status in (200, 503), status
        if status == 503:
            assert "sedang dibuat" in body.decode("utf-8")
        deadline = time.monotonic() + 600
        answers: dict[str, tuple[int, bytes]] = {}
        while time.monotonic() < deadline:
            answers = {u: status_and_body(u) for u in urls}
            if all(code == 200 for code, _ in answers.values()):
                break
            time.sleep(0.3)
        codes = {u: code for u, (code, _) in answers.items()}
        assert all(c == 200 for c in codes.values()), (codes, log_path.read_text())
        for url, (_, body) in answers.items():
            if url.endswith(".pdf"):
                assert body.startswith(b"%PDF-"), url
            elif url.endswith(".zip"):
                assert body.startswith(b"PK"), url
            elif url.endswith(".json"):
                assert json.loads(body)
            elif url.endswith(".csv"):
                assert body.decode("utf-8").splitlines()[0].startswith("id,"), url
        assert "berkas unduhan" in log_path.read_text()


def test_preview_without_downloads_says_why_a_link_has_no_file() -> None:
    """``replika serve --tanpa-pdf`` makes no download files; its links say so in Indonesian."""
    from generator.preview_tasks import Downloads, answer_download

    downloads = Downloads(enabled=False)
    downloads.request(None, None)  # type: ignore[arg-type]  # nothing is started
    assert not downloads.building
    seen: list[tuple[str, list[tuple[str, str]]]] = []
    body = answer_download(
        downloads, "/unduh/ringkas/l2t2-kendari.pdf", lambda s, h: seen.append((s, h))
    )
    assert body is not None
    assert seen[0][0] == "404 Not Found"
    assert ("Content-Type", "text/plain; charset=utf-8") in seen[0][1]
    assert "--tanpa-pdf" in body[0].decode("utf-8")
    assert answer_download(downloads, "/katalog/", lambda s, h: seen.append((s, h))) is None
