"""Who is writing an attempt, and whether that writer is still there.

Each attempt records its writer: pid, host, when that process started, and when it
last wrote (by the real clock, not the session's). Another copy of qi-tutor is not
offered an attempt whose writer is alive and wrote recently; one whose writer has gone
may be resumed. On the same host "gone" means the pid is not running, or the process
now holding that pid started at another time (the pid was reused). A writer on another
host cannot be asked, so its attempt counts as live until `LIVE_FOR` after its last write.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import socket
from dataclasses import dataclass
from pathlib import Path

LIVE_FOR = dt.timedelta(minutes=30)
SAME_START = dt.timedelta(seconds=2)  # /proc gives start times in clock ticks; allow for rounding


@dataclass(frozen=True)
class Writer:
    pid: int
    host: str
    started_at: str | None  # UTC ISO 8601; None where the platform does not tell


def _boot_time() -> float | None:
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except OSError:
        return None
    return None


def process_started(pid: int) -> dt.datetime | None:
    """When process `pid` started (Linux /proc), or None when unknown."""
    boot = _boot_time()
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    if boot is None:
        return None
    # Field 22 (starttime, in clock ticks since boot) counts from the end of the command name,
    # which may itself hold spaces and parentheses.
    ticks = int(stat.rpartition(")")[2].split()[19])
    return dt.datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK"), dt.UTC)


@functools.cache
def this_process() -> Writer:
    started = process_started(os.getpid())
    return Writer(os.getpid(), socket.gethostname(), None if started is None else started.isoformat(timespec="seconds"))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    except OSError:
        return False
    return True


def _parse(stamp: str | None) -> dt.datetime | None:
    try:
        return None if stamp is None else dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None


def holds(pid: int | None, host: str | None, started_at: str | None, seen_at: str | None, now: dt.datetime) -> bool:
    """True when another live copy of qi-tutor is walking this attempt, so it must not be offered here."""
    if pid is None or host is None:
        return False  # written before writers were recorded
    me = this_process()
    if (pid, host, started_at) == (me.pid, me.host, me.started_at):
        return False  # this process's own attempt: coming back to it in the same run is a resume
    seen = _parse(seen_at)
    if seen is None or now - seen > LIVE_FOR:
        return False
    if host != me.host:
        return True
    if not _running(pid):
        return False
    recorded, actual = _parse(started_at), process_started(pid)
    return recorded is None or actual is None or abs(actual - recorded) <= SAME_START
