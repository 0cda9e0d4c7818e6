"""Output paths given by the user, checked before any work is done: a run that codes for an hour must not
fail at its end because the folder of its output does not exist."""
from __future__ import annotations

from pathlib import Path

from .errors import OutputError


def output_path(path: str | Path, setting: str, folder: bool = False) -> Path:
    """`path` if a file (or, with `folder`, a folder) can be written there; OutputError naming `setting` (the
    option that gave the path) otherwise. A folder that is wanted is made, with its parents, by the writer."""
    path = Path(path)
    if folder:
        if path.exists() and not path.is_dir():
            raise OutputError(f"cannot write into {path}: it is a file, and a folder is expected", setting=setting)
        return path
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name", setting=setting)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise OutputError(f"cannot write {path}: the folder {parent} {what}", setting=setting)
    existed = path.exists()
    try:  # tried, not asked (os.access says yes to root on a read-only file system)
        with open(path, "ab"):
            pass
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}", setting=setting) from None
    if not existed:
        path.unlink()
    return path
