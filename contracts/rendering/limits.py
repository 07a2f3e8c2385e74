"""Run a render step in a forked child under an address-space limit and a deadline.

A pathological draft (thousands of pages of requirements) must fail with a message, not take the web
worker down with it: the child is killed when it overruns, the parent only ever reads bytes from a pipe.
"""

from __future__ import annotations

import os
import resource
import select
import signal
import time
import traceback
from collections.abc import Callable

from django.conf import settings

DEFAULT_TIMEOUT_SECONDS = 60
DEFAULT_MEMORY_MB = 1024


class RenderFailed(Exception):
    """The contract could not be rendered; str(exc) is fit to show to the user."""


def render_timeout() -> float:
    return float(getattr(settings, "RENDER_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))


def render_memory_mb() -> int:
    return int(getattr(settings, "RENDER_MEMORY_MB", DEFAULT_MEMORY_MB))


def _address_space_bytes() -> int:
    """The process's current virtual size: the child's limit is an allowance on top of what it inherits."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _yield_to_page_requests() -> None:
    """A render takes seconds of CPU: page requests of other buyers always go first. SCHED_IDLE runs the
    child only on CPU time nothing else wants (Linux); elsewhere the lowest nice level."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(19)


def _child(write_fd: int, func: Callable[[], bytes], limit_bytes: int) -> None:
    status = 1
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
        _yield_to_page_requests()
        try:
            payload = b"K" + func()
        except MemoryError:
            payload = b"M"
        except BaseException:  # noqa: BLE001 - everything is reported to the parent, nothing escapes
            payload = b"E" + traceback.format_exc(limit=-3).encode("utf-8", "replace")
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view[: 1 << 20]) :]
        status = 0
    finally:
        os._exit(status)  # never run the parent's atexit handlers, database teardown or test runner


def _read_until(read_fd: int, pid: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_limited(func: Callable[[], bytes], *, timeout: float | None = None, memory_mb: int | None = None) -> bytes:
    """func() run in a forked child with RLIMIT_AS = current size + memory_mb; RenderFailed on overrun."""
    timeout = render_timeout() if timeout is None else timeout
    memory_mb = render_memory_mb() if memory_mb is None else memory_mb
    limit = _address_space_bytes() + memory_mb * 1024 * 1024
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_fd)
        _child(write_fd, func, limit)
    os.close(write_fd)
    try:
        payload = _read_until(read_fd, pid, time.monotonic() + timeout)
    finally:
        os.close(read_fd)
    if payload is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise RenderFailed(
            f"Rendering took longer than {timeout:g} seconds and was stopped: "
            "the contract is too long to print. Shorten the longest texts and try again."
        )
    _, status = os.waitpid(pid, 0)
    if payload[:1] == b"K":
        return payload[1:]
    if payload[:1] == b"M" or not payload:
        raise RenderFailed(
            f"Rendering needed more than {memory_mb} MB of memory and was stopped: "
            "the contract is too long to print. Shorten the longest texts and try again."
        )
    raise RenderFailed("Rendering failed: " + payload[1:].decode("utf-8", "replace").strip().splitlines()[-1])
