"""Files uploaded in the browser, made safe before the importer reads them.

Nothing an uploader sends decides where a file is written: each is saved under its own bare name
in a fresh folder, and a name with a folder in it, '..', or anything but plain characters is
refused. A zip is unpacked with limits on its members and on what it unpacks to, checked while
reading (a zip's own size fields can lie), so a zip bomb is stopped before it fills the disk."""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

ACCEPTED = (".csv", ".xml", ".zip")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}")
MAX_FILES = 60
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
CHUNK = 1024 * 1024


class UploadRefused(Exception):
    """Why the upload was refused, in words for the person uploading."""


def save_uploads(files: list[tuple[str, bytes]], folder: Path) -> list[str]:
    """Write the uploaded files (unpacking zips) into `folder`; returns the names written."""
    if not files:
        raise UploadRefused("No files were uploaded.")
    budget = _Budget()
    written: list[str] = []
    for name, content in files:
        _check_name(name)
        if name.lower().endswith(".zip"):
            written += _unzip(name, content, folder, budget)
        else:
            budget.take(len(content), name)
            written.append(_write(folder, name, content, name))
    if len(written) > MAX_FILES:
        raise UploadRefused(f"{len(written)} files is more than the {MAX_FILES} one upload may hold.")
    return written


class _Budget:
    def __init__(self):
        self.used = 0

    def take(self, size: int, name: str) -> None:
        self.used += size
        if self.used > MAX_UNPACKED_BYTES:
            raise UploadRefused(f"{name}: the upload would unpack to more than "
                                f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB, far more than any council's "
                                "return; it may be a zip bomb. Nothing was imported.")


def _check_name(name: str) -> None:
    if "/" in name or "\\" in name or ".." in name or not SAFE_NAME.fullmatch(name):
        raise UploadRefused(f"{name[:120]!r}: file names may hold only letters, digits, spaces and . _ ( ) -, "
                            "with no folder or '..'. Rename the file and upload it again.")
    if not name.lower().endswith(ACCEPTED):
        raise UploadRefused(f"{name}: not a CSV, XML or zip file. Upload the 903 return and local extracts as "
                            "CSV or XML (or a zip of them).")


def _unzip(name: str, content: bytes, folder: Path, budget: _Budget) -> list[str]:
    try:
        archive = zipfile.ZipFile(BytesIO(content))
    except zipfile.BadZipFile:
        raise UploadRefused(f"{name}: not a readable zip file.") from None
    written = []
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise UploadRefused(f"{name}: holds {len(members)} files, more than the {MAX_FILES} allowed.")
        for member in members:
            inner = member.filename.rsplit("/", 1)[-1]
            where = f"{name}, {member.filename[:120]!r}"
            if ".." in member.filename or member.filename.startswith(("/", "\\")) or "\\" in member.filename:
                raise UploadRefused(f"{where}: a path that leaves the zip's folder. Nothing was imported.")
            _check_name(inner)
            if inner.lower().endswith(".zip"):
                raise UploadRefused(f"{where}: a zip inside a zip. Unpack it and upload the files.")
            written.append(_write(folder, inner, _read_member(archive, member, where, budget), where))
    return written


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, where: str, budget: _Budget) -> bytes:
    parts = []
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            budget.take(len(chunk), where)
            parts.append(chunk)
    return b"".join(parts)


def _write(folder: Path, name: str, content: bytes, where: str) -> str:
    target = folder / name
    if target.exists():
        raise UploadRefused(f"{where}: a second file named {name}. Upload each file once.")
    target.write_bytes(content)
    return name
