"""One running bot per SQLite store.

Two processes draining one SQLite outbox could both send the same alert: SQLite has no row
locks to share the work safely (PostgreSQL has, and several workers may share it). So `run`
holds an exclusive lock on a file beside the database for as long as it runs; a second
`run` on the same store stops at once with a clear message instead of sending twice. The
operating system drops the lock when the process ends, however it ends.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Self

from bot.errors import StoreError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; a second run is not stopped
    fcntl = None  # type: ignore[assignment]


class InstanceLock:
    def __init__(self, database: Path | None) -> None:
        """The lock for the SQLite file `database`; None: a store that needs none."""
        self.path = database.with_name(database.name + ".lock") if database else None
        self._fd: int | None = None

    @classmethod
    def none(cls) -> InstanceLock:
        return cls(None)

    def acquire(self) -> Self:
        if fcntl is None or self.path is None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot lock the store ({self.path}): {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StoreError(
                f"another newsalert is already running on this store ({self.path.parent}, "
                f"pid {holder}); on SQLite only one may run: stop it first, or use PostgreSQL "
                "for several workers"
            ) from None
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"cannot lock the store ({self.path}): {exc.strerror}") from exc
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock; the file stays for the next run
            self._fd = None
