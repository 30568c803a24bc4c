"""Load files: where extraction workers leave the N-Quads of the graphs they map.

A worker writes each batch's graphs to one file in the build's spool (:func:`write_load_file`) and
sends back only what the build process needs to keep: graph names, markers, byte spans, attack
accounts. The build process hands such files to Oxigraph's bulk loader (:func:`load_file`, several
loads at once) without parsing them or copying them through Python objects, and deletes them once
their graphs are marked built.

A spool is a local folder (the default: under the store's ``kg-cache``, so a build killed with
kill -9 leaves nothing behind that the next build does not remove) or, for Dask workers on other
machines, any fsspec URL they and the build process can both reach (``s3://bucket/kg``,
``gcs://...``, a shared ``file:///nfs/...``). Remote spools need the ``fsspec`` package and the
filesystem's own (``s3fs``, ``gcsfs``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PREFIX = "kg-spool-"


def _is_url(location: str) -> bool:
    return "://" in location and not location.startswith("file://")


def _local(location: str) -> str:
    return location.removeprefix("file://")


def _fs(location: str) -> tuple[Any, str]:
    """The fsspec filesystem of LOCATION and the path in it."""
    from fsspec.core import url_to_fs  # type: ignore[import-untyped]  # only for remote spools

    return url_to_fs(location)  # type: ignore[no-any-return]


def write_load_file(spool: str, data: bytes) -> str:
    """Write DATA to a new file in SPOOL; its location (a path or URL), for the build process."""
    name = f"{os.getpid()}-{uuid.uuid4().hex}.nq"
    if _is_url(spool):
        location = f"{spool.rstrip('/')}/{name}"
        fs, path = _fs(location)
        with fs.open(path, "wb") as f:
            f.write(data)
        return location
    path = os.path.join(_local(spool), name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def open_load_file(location: str) -> IO[bytes]:
    if _is_url(location):
        fs, path = _fs(location)
        return fs.open(path, "rb")  # type: ignore[no-any-return]
    return open(_local(location), "rb")


def read_load_file(location: str) -> bytes:
    with open_load_file(location) as f:
        return f.read()


def remove_load_file(location: str) -> None:
    if _is_url(location):
        fs, path = _fs(location)
        fs.rm(path)
    else:
        Path(_local(location)).unlink(missing_ok=True)


@contextmanager
def load_file(sources: list[str | bytes], spool: str | None) -> Iterator[tuple[str | None, bytes | None]]:
    """SOURCES (load file locations, inline N-Quads) as one local file, or as bytes when all are
    inline: ``(path, None)`` or ``(None, data)``, for Oxigraph's bulk loader.

    The loader reads a file by its path without Python: several loads then run side by side. (Given
    a Python stream, it would call back into Python for each read.) Several files are put together
    by the kernel (copy_file_range), in SPOOL or the temporary folder, and removed after.
    """
    if all(isinstance(source, bytes) for source in sources):
        yield None, b"".join(source for source in sources if isinstance(source, bytes))
        return
    if len(sources) == 1 and isinstance(sources[0], str) and not _is_url(sources[0]):
        yield _local(sources[0]), None
        return
    where = _local(spool) if spool and not _is_url(spool) else None
    fd, path = tempfile.mkstemp(prefix="load-", suffix=".nq", dir=where)
    try:
        with os.fdopen(fd, "wb") as out:
            for source in sources:
                if isinstance(source, bytes):
                    out.write(source)
                elif _is_url(source):
                    with open_load_file(source) as f:
                        shutil.copyfileobj(f, out, 1 << 20)
                else:
                    _append(_local(source), out)
        yield path, None
    finally:
        os.unlink(path)


def _append(path: str, out: IO[bytes]) -> None:
    out.flush()
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        done = 0
        while done < size:
            copied = os.copy_file_range(f.fileno(), out.fileno(), size - done)
            if not copied:
                raise OSError(f"{path}: ended before its {size} bytes were read")
            done += copied


@contextmanager
def spool(where: str | Path | None, *, own: bool = False) -> Iterator[str]:
    """A fresh spool for one build, under WHERE (a folder or URL; default: the system's temporary
    folder), removed with what is left in it when the build ends.

    OWN: WHERE belongs to this store alone (its cache folder), so the spools a killed build left
    there are removed first (one build at a time writes a store).
    """
    base = str(where) if where is not None else tempfile.gettempdir()
    if _is_url(base):
        location = f"{base.rstrip('/')}/{PREFIX}{uuid.uuid4().hex}"
        fs, path = _fs(location)
        fs.makedirs(path, exist_ok=True)
        try:
            yield location
        finally:
            fs.rm(path, recursive=True)
        return
    folder = Path(_local(base))
    folder.mkdir(parents=True, exist_ok=True)
    if own:
        for stale in folder.glob(PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
    location = tempfile.mkdtemp(prefix=PREFIX, dir=folder)
    try:
        yield location
    finally:
        shutil.rmtree(location, ignore_errors=True)
