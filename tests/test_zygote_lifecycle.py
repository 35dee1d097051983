"""How a zygote starts, is shared and stops: a batch's workers share their parent's, and
neither a zygote that dies early nor the end of a batch leaves anyone waiting or killed."""

from __future__ import annotations

import os
import time

import pytest

from kit import zygote

pytestmark = pytest.mark.slow  # starts Python processes that preload the kernel's libraries


@pytest.fixture(autouse=True)
def no_zygote_of_this_process():
    zygote.stop()
    yield
    zygote.stop()


def test_a_zygote_that_dies_while_preloading_is_given_up_on_at_once():
    """A worker attached to a zygote that never becomes ready falls back to normal kernels
    with one warning, instead of waiting two minutes per report."""
    broken = zygote.Zygote(("kit.no_such_module",), wait=False)
    try:
        zygote.use(broken.where)
        started = time.monotonic()
        with pytest.warns(zygote.ZygoteUnavailable):
            assert zygote.start() is None
        assert time.monotonic() - started < 30
        assert zygote.start() is None  # given up on: no second wait, no second warning
    finally:
        broken.close()


def test_a_zygote_that_preloaded_is_stopped_in_order_not_killed():
    """The owner that never waited for it (its workers did) still ends it cleanly."""
    shared = zygote.Zygote(zygote.PRELOAD, wait=False)
    deadline = time.monotonic() + 120
    while not os.path.exists(shared.address) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # its "ready" line follows the socket
    shared.close()
    assert shared.proc is not None and shared.proc.returncode == 0
