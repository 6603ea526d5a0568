"""The progress report of long runs (`replika pdf`, `replika build`), as a reader sees it."""

from __future__ import annotations

import io
import re

from generator.progress import Progress


def test_terminal_bar_shows_done_total_rate_and_time_left() -> None:
    out = io.StringIO()
    bar = Progress(200, "PDF", stream=out, tty=True)
    for _ in range(200):
        bar.advance()
    bar.finish()
    last = out.getvalue().split("\r")[-1]
    assert re.search(r"PDF \[#{24}\] 200/200 \(100%\) · [\d.,]+/dtk · sisa 0:00\n", last)
    assert out.getvalue().count("\r") >= 2  # redrawn in place


def test_log_lines_every_few_seconds_when_not_a_terminal() -> None:
    out = io.StringIO()
    lines = Progress(1000, "PDF", stream=out, tty=False, every=0.0)
    lines.advance(250)
    lines.advance(250)
    lines.finish()
    text = out.getvalue()
    assert "\r" not in text
    rows = text.splitlines()
    assert rows[0].startswith("PDF 250/1.000 (25%) · ")
    assert re.search(r"sisa \d+:\d\d$", rows[0])
    assert rows[1].startswith("PDF 500/1.000 (50%)")
    assert re.fullmatch(r"PDF selesai: 500/1.000 dalam \d+:\d\d", rows[2])


def test_quiet_between_intervals() -> None:
    out = io.StringIO()
    lines = Progress(10, "PDF", stream=out, tty=False, every=3600)
    for _ in range(10):
        lines.advance()
    assert out.getvalue() == ""


def test_progress_goes_through_the_replika_logger() -> None:
    """The CLI's handler shows the same bar or lines the stream would have shown."""
    import logging

    from generator.progress import TerminalHandler

    for tty in (True, False):
        out = io.StringIO()
        logger = logging.getLogger(f"replika.test-{tty}")
        logger.propagate = False
        logger.setLevel(logging.INFO)
        logger.addHandler(TerminalHandler(out))
        direct = io.StringIO()
        for progress in (
            Progress(3, "PDF", logger=logger, tty=tty, every=0.0),
            Progress(3, "PDF", stream=direct, tty=tty, every=0.0),
        ):
            for _ in range(3):
                progress.advance()
            progress.finish()
        strip = re.compile(r"[\d.,]+/dtk|sisa [\d:?]+|dalam [\d:]+")
        assert strip.sub("", out.getvalue()) == strip.sub("", direct.getvalue())
        assert ("\r" in out.getvalue()) is tty
