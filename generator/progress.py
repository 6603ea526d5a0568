"""Progress of long work (PDFs, builds at hundreds of practices) on stderr.

On a terminal a bar redrawn in place: ``PDF [#####-----] 120/1.000 · 8,3/dtk ·
sisa 1:45``. Elsewhere (CI logs) one plain line every :data:`LINE_EVERY`
seconds and a last line at the end, so a long run is never silent.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

LINE_EVERY = 5.0
BAR = 24
REDRAW_EVERY = 0.2


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _number(value: float, digits: int = 0) -> str:
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


class Progress:
    """Counts ``done`` of ``total`` units; draws a bar (tty) or prints lines (not a tty)."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | None = sys.stderr,
        tty: bool | None = None,
        every: float = LINE_EVERY,
    ) -> None:
        self.label = label
        self.stream = stream
        self.tty = bool(stream is not None and (stream.isatty() if tty is None else tty))
        self.every = every
        self.reset(total)

    def reset(self, total: int) -> None:
        self.total = max(0, total)
        self.done = 0
        self.start = time.monotonic()
        self.last = self.start
        self.drawn = False

    def line(self) -> str:
        """``PDF 120/1.000 (12%) · 8,3/dtk · sisa 1:45``."""
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else None
        share = self.done / self.total if self.total else 1.0
        parts = [
            f"{self.label} {_number(self.done)}/{_number(self.total)} ({share:.0%})",
            f"{_number(rate, 1)}/dtk",
            f"sisa {_clock(left)}" if left is not None else "sisa ?",
        ]
        if self.tty:
            filled = int(BAR * share)
            parts[0] = (
                f"{self.label} [{'#' * filled}{'-' * (BAR - filled)}] " + parts[0].split(" ", 1)[1]
            )
        return " · ".join(parts)

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        if self.stream is None or self.total == 0:
            return
        now = time.monotonic()
        if self.tty:
            if now - self.last >= REDRAW_EVERY or self.done == self.total:
                self.stream.write("\r\033[K" + self.line())
                self.stream.flush()
                self.last, self.drawn = now, True
        elif now - self.last >= self.every:
            print(self.line(), file=self.stream, flush=True)
            self.last = now

    def finish(self) -> None:
        """End the bar (tty) or print the last line, if anything was counted."""
        if self.stream is None or self.total == 0:
            return
        elapsed = time.monotonic() - self.start
        if self.tty:
            self.stream.write("\r\033[K" + self.line() + "\n")
        else:
            print(
                f"{self.label} selesai: {_number(self.done)}/{_number(self.total)} "
                f"dalam {_clock(elapsed)}",
                file=self.stream,
            )
        self.stream.flush()
