"""Python objects holding large arrays, kept in a file that every process on a machine maps.

`save(value, path)` pickles `value` with protocol 5, so that every array's bytes (numpy arrays,
pandas' columns, Arrow buffers) go out of band: they are written to the file one after another,
aligned, and only the small remainder is pickled. `load(path)` maps the file copy-on-write and
hands those bytes back to pickle as views of the map: no array is read or copied. The workers
of a gunicorn server that load the same file share one copy of its pages in the page cache,
and a restart costs the time to rebuild the small remainder, not to recompute what it holds.

A writer writes a temporary file and renames it into place, so a reader never sees half a file."""
from __future__ import annotations

import io
import mmap
import os
import pickle
import struct
import tempfile
from pathlib import Path

import numpy as np

MAGIC = b"IROSNAP1"
HEADER = struct.Struct("<8sQ")  # magic, where the index starts
ALIGN = 64  # every buffer starts on a cache line, as numpy and Arrow prefer


class SnapshotError(Exception):
    pass


class _Pickler(pickle.Pickler):
    """numpy keeps arrays of dates and durations inside the pickle stream, which a reader would
    copy: they go as the integers they are made of instead, out of band like every other column."""

    def reducer_override(self, value):
        if isinstance(value, np.ndarray) and value.dtype.kind in "mM":
            return _times, (value.view("i8"), value.dtype)
        return NotImplemented


def _times(values: np.ndarray, dtype) -> np.ndarray:
    return values.view(dtype)


def save(value, path: Path) -> int:
    """Write `value` to `path` (atomically); the file's size in bytes."""
    buffers: list[pickle.PickleBuffer] = []
    stream = io.BytesIO()
    _Pickler(stream, protocol=5, buffer_callback=buffers.append).dump(value)
    stream = stream.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(HEADER.pack(MAGIC, 0))
            places = [_write_aligned(out, buffer.raw()) for buffer in buffers]
            index_at = out.tell()
            pickle.dump((stream, places), out, protocol=5)
            size = out.tell()
            out.seek(0)
            out.write(HEADER.pack(MAGIC, index_at))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return size


def load(path: Path):
    """What `save` wrote, its arrays viewing a copy-on-write map of the file: shared with every
    other process that maps it until one writes to a page, which then gets a private copy."""
    with open(path, "rb") as source:
        mapped = mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_COPY)
    magic, index_at = HEADER.unpack_from(mapped, 0)
    if magic != MAGIC or not HEADER.size <= index_at <= len(mapped):
        raise SnapshotError(f"{path}: not a snapshot, or not written to its end")
    stream, places = pickle.loads(mapped[index_at:])
    view = memoryview(mapped)
    return pickle.loads(stream, buffers=[view[start:start + length] for start, length in places])


def _write_aligned(out, data: memoryview) -> tuple[int, int]:
    start = -(-out.tell() // ALIGN) * ALIGN
    out.write(b"\0" * (start - out.tell()))
    out.write(data)
    return start, data.nbytes
