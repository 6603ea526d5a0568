"""The forked-child helper the build uses beside MkDocs."""

from __future__ import annotations

import os
import time

import pytest

from generator.forked import Beside, Forked, ForkedError, can_fork

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


def test_beside_computes_in_a_child_or_here_with_the_same_result() -> None:
    if not can_fork():
        pytest.skip("a single CPU: Beside computes here")
    parent = os.getpid()
    forked = Beside(lambda: (os.getpid(), "hasil"), parallel=True)
    assert forked.forked
    pid, value = forked.result()
    assert value == "hasil" and pid != parent
    here = Beside(lambda: (os.getpid(), "hasil"), parallel=False)
    assert not here.forked
    assert here.result() == (parent, "hasil")


def test_beside_does_the_work_here_when_the_child_dies() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # the child dies (as when it runs out of memory)
        return 42

    assert Beside(work, parallel=True).result() == 42


def test_beside_lets_an_error_of_the_work_reach_the_caller() -> None:
    def fail() -> None:
        raise ValueError("rusak")

    with pytest.raises(ValueError, match="rusak"):
        Beside(fail, parallel=True).result()
