"""Progress of long work (PDFs, builds at hundreds of practices), through ``logging``.

Progress goes to the ``replika`` logger (:data:`LOGGER`); the command line
installs the one handler that prints it (:func:`configure`, a
:class:`TerminalHandler` on stderr). On a terminal a bar redrawn in place:
``PDF [#####-----] 120/1.000 · 8,3/dtk · sisa 1:45``. Elsewhere (CI logs) one
plain line every :data:`LINE_EVERY` seconds and a last line at the end, so a
long run is never silent.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

LOGGER = logging.getLogger("replika")
"""Where the generator's progress goes; the command line decides where it is shown."""

REDRAW = "replika_redraw"
"""Set on a log record that redraws the progress bar in place (no new line)."""


class TerminalHandler(logging.Handler):
    """Prints ``replika`` log messages on a stream; a bar redraw stays on its line.

    Without a ``stream`` it writes to whatever ``sys.stderr`` is at the time
    (so a test capturing stderr sees the messages).
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(logging.INFO)
        self.stream = stream

    def target(self) -> TextIO:
        return self.stream if self.stream is not None else sys.stderr

    def emit(self, record: logging.LogRecord) -> None:
        out = self.target()
        message = record.getMessage()
        if getattr(record, REDRAW, False):
            out.write("\r\033[K" + message)
        else:
            out.write(message + "\n")
        out.flush()


def configure(stream: TextIO | None = None) -> None:
    """Show ``replika`` messages on ``stream`` (stderr); called once by the command line."""
    if not any(isinstance(h, TerminalHandler) for h in LOGGER.handlers):
        LOGGER.addHandler(TerminalHandler(stream))
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False


def _terminal(logger: logging.Logger) -> bool:
    """The logger's messages are shown on a terminal (then progress is a redrawn bar)."""
    for handler in logger.handlers:
        if isinstance(handler, TerminalHandler):
            stream = handler.target()
            return bool(getattr(stream, "isatty", lambda: False)())
    return False


class _Logged:
    """The default ``stream``: progress goes through :data:`LOGGER`."""


LOGGED = _Logged()

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
    """Counts ``done`` of ``total`` units; draws a bar (tty) or prints lines (not a tty).

    By default the output goes through ``logger`` (:data:`LOGGER`), and it is a
    bar when that logger's handler writes to a terminal; ``stream=None`` counts
    silently; a ``stream`` writes there directly.
    """

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | _Logged | None = LOGGED,
        tty: bool | None = None,
        every: float = LINE_EVERY,
        logger: logging.Logger = LOGGER,
    ) -> None:
        self.label = label
        self.logger: logging.Logger | None = None
        if isinstance(stream, _Logged):
            self.logger = logger
            shown = _terminal(logger)
        else:
            shown = bool(stream is not None and stream.isatty())
        self.stream = stream if not isinstance(stream, _Logged) else None
        self.silent = stream is None
        self.tty = bool(not self.silent and (shown if tty is None else tty))
        self.every = every
        self.reset(total)

    def _emit(self, message: str, *, redraw: bool = False) -> None:
        if self.logger is not None:
            self.logger.info("%s", message, extra={REDRAW: redraw})
        elif self.stream is not None:
            self.stream.write(("\r\033[K" if redraw else "") + message + ("" if redraw else "\n"))
            self.stream.flush()

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
        if self.silent or self.total == 0:
            return
        now = time.monotonic()
        if self.tty:
            if now - self.last >= REDRAW_EVERY or self.done == self.total:
                self._emit(self.line(), redraw=True)
                self.last, self.drawn = now, True
        elif now - self.last >= self.every:
            self._emit(self.line())
            self.last = now

    def finish(self) -> None:
        """End the bar (tty) or print the last line, if anything was counted."""
        if self.silent or self.total == 0:
            return
        elapsed = time.monotonic() - self.start
        if self.tty:
            self._emit(self.line(), redraw=True)
            self._emit("")  # ends the bar's line
        else:
            self._emit(
                f"{self.label} selesai: {_number(self.done)}/{_number(self.total)} "
                f"dalam {_clock(elapsed)}"
            )
