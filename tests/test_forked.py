"""The forked-child helper the build uses beside MkDocs."""

from __future__ import annotations

import os
import time

import pytest

from generator.forked import Forked, ForkedError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_result_comes_back_from_the_child() -> None:
    parent = os.getpid()
    child = Forked(lambda: {"pid": os.getpid(), "data": b"x" * 3_000_000})
    result = child.result()
    assert result["pid"] != parent
    assert len(result["data"]) == 3_000_000  # larger than a pipe buffer


def test_an_exception_in_the_child_is_reported() -> None:
    def fail() -> None:
        raise ValueError("rusak")

    with pytest.raises(ForkedError, match="ValueError: rusak"):
        Forked(fail).result()


def test_a_child_that_dies_is_reported() -> None:
    with pytest.raises(ForkedError, match="tanpa hasil"):
        Forked(lambda: os._exit(3)).result()


def test_cancel_does_not_wait_for_the_child() -> None:
    child = Forked(lambda: time.sleep(30))
    started = time.monotonic()
    child.cancel()
    child.cancel()  # twice is harmless
    assert time.monotonic() - started < 5
    with pytest.raises(ForkedError):
        child.result()
