"""Run a render step in a forked child under an address-space limit and a deadline.

A pathological draft (thousands of pages of requirements) must fail with a message, not take the web
worker down with it: the child is killed when it overruns, the parent only ever reads bytes from a pipe.
The child also dies with its parent and stops at its own deadline, so a killed worker leaves no render
behind; and only RENDER_CONCURRENCY renders run at once on the machine (a lock file per slot), so that
page requests keep their CPU and memory.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import logging
import math
import os
import resource
import select
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

# Beyond the parent's deadline: the parent normally stops the child first, with its own message.
CHILD_DEADLINE_GRACE_SECONDS = 2
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class RenderFailed(Exception):
    """The contract could not be rendered; str(exc) is fit to show to the user."""


class RenderBusy(RenderFailed):
    """Every render slot stayed taken while we waited: the buyer should try again shortly."""


def render_timeout() -> float:
    return float(settings.RENDER_TIMEOUT_SECONDS)


def render_memory_mb() -> int:
    return int(settings.RENDER_MEMORY_MB)


def render_concurrency() -> int:
    return max(1, settings.RENDER_CONCURRENCY or os.cpu_count() or 1)


logger = logging.getLogger(__name__)
_slot_wait_override: ContextVar[float | None] = ContextVar("render_slot_wait", default=None)


def render_slot_wait() -> float:
    override = _slot_wait_override.get()
    if override is not None:
        return override
    return float(settings.RENDER_SLOT_WAIT_SECONDS)


@contextmanager
def only_a_free_slot() -> Iterator[None]:
    """Renders in here take a slot only if one is free now (RenderBusy otherwise): a pre-render nobody is
    waiting for never queues ahead of a buyer who asked."""
    token = _slot_wait_override.set(0)
    try:
        yield
    finally:
        _slot_wait_override.reset(token)


def render_slots_dir() -> Path:
    """One folder per installation, shared by every worker process on this machine."""
    configured = settings.RENDER_SLOTS_DIR
    if configured:
        return Path(configured)
    installation = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"contracts-render-slots-{installation}"


# The slot files this process holds open: a child forked by another thread must not keep them locked.
_held_slots: set[int] = set()
_held_slots_lock = threading.Lock()


def _try_slot(folder: Path, count: int) -> int | None:
    """An open, exclusively locked slot file, or None when all `count` are taken (by any process)."""
    for index in range(count):
        fd = os.open(folder / f"slot-{index}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return fd
    return None


@contextmanager
def render_slot(*, wait: float | None = None) -> Iterator[None]:
    """Hold one of the machine's render slots; RenderBusy when none frees up within `wait` seconds.

    flock() locks go with the process: a worker killed mid-render frees its slot at once."""
    wait = render_slot_wait() if wait is None else wait
    folder = render_slots_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        with _held_slots_lock:
            fd = _try_slot(folder, render_concurrency())
            if fd is not None:
                _held_slots.add(fd)
                break
        if time.monotonic() >= deadline:
            if wait:  # a pre-render that finds no free slot is not worth a warning
                logger.warning(
                    "no render slot of %d free after %g s: the buyer was asked to retry", render_concurrency(), wait
                )
            raise RenderBusy(
                _(
                    "Many contracts are being printed right now and yours could not start. Nothing was lost: "
                    "try again in a minute."
                )
            )
        time.sleep(0.05)
    try:
        yield
    finally:
        with _held_slots_lock:
            _held_slots.discard(fd)
            os.close(fd)


def _address_space_bytes() -> int:
    """The process's current virtual size: the child's limit is an allowance on top of what it inherits."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _yield_to_page_requests() -> None:
    """A render takes seconds of CPU: page requests of other buyers always go first. SCHED_IDLE runs the
    child only on CPU time nothing else wants (Linux); elsewhere the lowest nice level. RENDER_PRIORITY set to
    a nice level instead keeps the normal scheduler at that level (a machine shared with other busy work)."""
    if settings.RENDER_PRIORITY != "idle":
        try:
            os.setpriority(os.PRIO_PROCESS, 0, int(settings.RENDER_PRIORITY))
        except PermissionError:  # below the worker's own level: the worker's level stays
            pass
        return
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(19)


def _die_with_parent(parent_pid: int) -> None:
    """Linux: the kernel kills this child when the thread that forked it dies (a worker killed by gunicorn's
    timeout or the OOM killer), so no render outlives the request it was for."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)


def _stop_at_own_deadline(seconds: float) -> None:
    """A deadline that needs no parent: SIGALRM after `seconds` of wall time, SIGXCPU then SIGKILL after as
    much CPU time; both kill (default actions), without a core file."""
    whole = max(1, math.ceil(seconds))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for signum in (signal.SIGALRM, signal.SIGXCPU):
        try:
            signal.signal(signum, signal.SIG_DFL)  # a handler the worker installed would not stop us
        except ValueError:  # not the main thread: Python keeps its defaults for these two
            pass
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu_hard = whole + 1 if hard == resource.RLIM_INFINITY else min(hard, whole + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (min(whole, cpu_hard), cpu_hard))
    signal.alarm(whole)


def _child(write_fd: int, func: Callable[[], bytes], limit_bytes: int, parent_pid: int, deadline: float) -> None:
    status = 1
    try:
        _die_with_parent(parent_pid)
        for fd in _held_slots:  # the parent holds them; a lock must not outlive the parent in here
            os.close(fd)
        _stop_at_own_deadline(deadline)
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
    """func() run in a forked child with RLIMIT_AS = current size + memory_mb, in one of the machine's
    render slots; RenderFailed on overrun, RenderBusy when no slot frees up in time."""
    timeout = render_timeout() if timeout is None else timeout
    memory_mb = render_memory_mb() if memory_mb is None else memory_mb
    with render_slot():
        return _run_in_child(func, timeout=timeout, memory_mb=memory_mb)


def _too_long(timeout: float) -> RenderFailed:
    return RenderFailed(
        f"Rendering took longer than {timeout:g} seconds and was stopped: "
        "the contract is too long to print. Shorten the longest texts and try again."
    )


def _run_in_child(func: Callable[[], bytes], *, timeout: float, memory_mb: int) -> bytes:
    limit = _address_space_bytes() + memory_mb * 1024 * 1024
    parent_pid = os.getpid()
    read_fd, write_fd = os.pipe()
    with _held_slots_lock:  # the child's copy of _held_slots is then complete
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_fd)
        _child(write_fd, func, limit, parent_pid, timeout + CHILD_DEADLINE_GRACE_SECONDS)
    os.close(write_fd)
    try:
        payload = _read_until(read_fd, pid, time.monotonic() + timeout)
    finally:
        os.close(read_fd)
    if payload is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise _too_long(timeout)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGALRM, signal.SIGXCPU):
        raise _too_long(timeout)
    if payload[:1] == b"K":
        return payload[1:]
    if payload[:1] == b"M" or not payload:
        raise RenderFailed(
            f"Rendering needed more than {memory_mb} MB of memory and was stopped: "
            "the contract is too long to print. Shorten the longest texts and try again."
        )
    raise RenderFailed("Rendering failed: " + payload[1:].decode("utf-8", "replace").strip().splitlines()[-1])
