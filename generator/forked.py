"""Run one function in a forked child process and take back its result.

The build's heavy stages are pure Python, so threads would only take turns
with each other; on a machine with two cores a forked child really works
beside the parent. The child inherits the data it needs (a catalogue, MkDocs'
pages) instead of receiving it pickled, and sends back one pickled result
through a pipe. No thread is started in the parent, so later forks stay
safe, and :meth:`Forked.cancel` stops a child whose work is no longer wanted
at once (a failed build does not wait for it). The preview forks from a
process with threads: its children only compute (the search index) and leave
with ``os._exit``, taking no lock another thread could have held.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
from collections.abc import Callable
from contextlib import suppress
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class ForkedError(Exception):
    """The child failed or died; the message says why."""


def can_fork() -> bool:
    """Forking pays off: the OS can fork and there is a second core to work on."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


class Forked:
    """``work()`` running in a child process from construction until :meth:`result`."""

    def __init__(self, work: Callable[[], Any]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _child(work, write_end)
        os.close(write_end)
        self._pid: int | None = pid
        self._fd: int | None = read_end

    def result(self) -> Any:
        """Wait for the child and return what ``work()`` returned; :class:`ForkedError` if it failed."""
        if self._fd is None:
            raise ForkedError("proses anak sudah dihentikan")
        try:
            payload = _read_all(self._fd)
        finally:
            self._close()
        if not payload:
            raise ForkedError("proses anak berhenti tanpa hasil (mungkin kehabisan memori)")
        status, value = pickle.loads(payload)
        if status != "ok":
            raise ForkedError(value)
        return value

    def ready(self, timeout: float) -> bool:
        """True when the child has finished (its result can be read without waiting)."""
        if self._fd is None:
            return True
        readable, _w, _x = select.select([self._fd], [], [], timeout)
        return bool(readable)

    def cancel(self) -> None:
        """Stop the child if it is still running (safe to call more than once)."""
        if self._pid is not None:
            with suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._pid is not None:
            with suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None


class Beside(Generic[T]):
    """``work()`` computed beside the caller: in a forked child when ``parallel``, else here.

    The child starts at construction; :meth:`result` takes its result, or runs
    ``work()`` in this process when no child was started or the child failed
    (e.g. it ran out of memory): the result is the same, only slower. An
    exception ``work()`` raises here reaches the caller as it is.
    """

    def __init__(self, work: Callable[[], T], *, parallel: bool) -> None:
        self._work = work
        self._child = Forked(work) if parallel and can_fork() else None

    @property
    def forked(self) -> bool:
        """A child process was started (and has not been collected yet)."""
        return self._child is not None

    def result(self) -> T:
        if self._child is not None:
            child, self._child = self._child, None
            try:
                return child.result()  # type: ignore[no-any-return]
            except ForkedError:
                pass  # computed here below
            finally:
                child.cancel()
        return self._work()

    def close(self) -> None:
        """Stop the child without waiting for it (a failed build returns at once)."""
        if self._child is not None:
            self._child.cancel()
            self._child = None


def _child(work: Callable[[], Any], fd: int) -> None:
    code = 0
    try:
        payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as err:  # reported by the parent, which owns the terminal
        payload = pickle.dumps(("error", f"{type(err).__name__}: {err}"))
        code = 1
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)
