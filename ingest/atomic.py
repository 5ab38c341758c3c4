"""Atomic writes: write aside, then rename, so a crash never leaves a half-written store."""
from __future__ import annotations

import marshal
import os
import shutil
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def replace_dir_atomic(build: Path, target: Path) -> None:
    """Swap a fully built directory `build` into place at `target`."""
    target = Path(target)
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(build, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def read_marshal(path: Path) -> object | None:
    """A derived table cached with marshal, or None when it is missing or unreadable (then rebuild it)."""
    # marshal.loads on the whole file: marshal.load on a file object reads it in small pieces, far slower.
    try:
        return marshal.loads(Path(path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write_marshal(path: Path, data: object) -> bool:
    """Cache `data` atomically; a cache that cannot be written is only a slower next start (returns False)."""
    try:
        write_bytes_atomic(Path(path), marshal.dumps(data))
        return True
    except (OSError, ValueError):
        return False
