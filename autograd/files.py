"""Writing a file so that it is either whole or untouched: every file chalkgrad writes goes through here.

The content is built (and encoded) in full first; it then goes to a temporary file in the same
folder, is flushed to the disk, and only then takes the file's name in one step (``os.replace``).
A full disk, a read-only folder or a crash halfway leaves the old file as it was.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def write_atomically(path: str | os.PathLike, content: str | bytes) -> str:
    """Write `content` (str as UTF-8, or bytes) to `path`, all or nothing; returns the path."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")  # same folder: replace is one step
    existed = path.exists()
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # 0o666 less the umask
        try:
            with os.fdopen(descriptor, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())  # on the disk before it takes the name
            if existed:  # the new file keeps the old one's permissions
                os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as error:
        kept = "the file there is unchanged" if existed else "nothing was written"
        raise type(error)(error.errno, f"could not write {path}: {error.strerror}; {kept}") from error
    _sync_folder(path.parent)
    return str(path)


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable (POSIX); where a folder cannot be opened this is skipped."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
