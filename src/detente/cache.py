"""The compiled-data cache: what detente builds from its data files at start-up (the actor dictionary
with its token index, the lexicon, the gazetteer), kept ready in the user's cache folder so that the next
process loads it instead of building it again.

The cache is never required. Each entry is one file named by its kind and a key: a hash of everything the
built structure depends on (detente's version, this Python, the source of the modules that build it, the
contents of the data files, the user's extra dictionary files, and what else the kind names, such as the
tokenizer). A changed file gives another key, so a stale entry is never read; a missing, unreadable or
damaged entry is built again, and an entry that cannot be written (read-only home, full disk) is simply
not written. The cache itself never raises: only the build of an entry does (a bad user file).

Where it lives (`cache_dir`):

- `DETENTE_CACHE_DIR`, when set: that folder;
- otherwise the user cache folder: `$XDG_CACHE_HOME/detente` (default `~/.cache/detente`) on Linux and
  other Unix systems, `~/Library/Caches/detente` on macOS, `%LOCALAPPDATA%\\detente\\Cache` on Windows.

`DETENTE_NO_CACHE=1` (any value but empty or 0) switches the cache off: everything is built every time.

Entries are Python pickles, read only from the folder above: a folder only you can write to (it is
created with permissions 0700). At most `KEEP` entries of a kind are kept; older ones are removed when a
new one is written.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")

DIR_ENV = "DETENTE_CACHE_DIR"
OFF_ENV = "DETENTE_NO_CACHE"
FORMAT = 1  # raised when the layout of an entry changes
KEEP = 4  # entries kept per kind
SUFFIX = ".pickle"
_HERE = Path(__file__).resolve().parent


def enabled() -> bool:
    return os.environ.get(OFF_ENV, "").strip() in ("", "0")


def cache_dir() -> Path | None:
    """The folder of the cache, or None when it is off or no folder can be named."""
    if not enabled():
        return None
    own = os.environ.get(DIR_ENV, "").strip()
    if own:
        return Path(own).expanduser()
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no home directory known
        home = None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or (str(home / "AppData" / "Local") if home else "")
        return Path(local) / "detente" / "Cache" if local else None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "detente" if home else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "detente"
    return home / ".cache" / "detente" if home else None


def source_digest(*modules: str) -> bytes:
    """The contents of detente's own modules (paths relative to the package) that build an entry: a change
    to how a structure is built is a change of key, even at the same version."""
    h = hashlib.sha256()
    for name in modules:
        h.update(name.encode())
        try:
            h.update((_HERE / name).read_bytes())
        except OSError:  # installed without its sources: the version alone tells builds apart
            h.update(b"\0unreadable")
    return h.digest()


def make_key(kind: str, parts: Iterable[bytes | str]) -> str:
    """The key of an entry: a hash of its kind, detente's version, this Python and the parts given."""
    from . import __version__

    h = hashlib.sha256()
    for part in (f"detente-cache {FORMAT}", kind, __version__, sys.version, *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else bytes(part)
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:32]


def cached(kind: str, key: str | None, build: Callable[[], T]) -> T:
    """The entry `kind` with this key from the cache when it is there and sound, else `build()` (written to
    the cache for next time). A key of None (what it depends on could not be read) builds without the cache:
    `build` then raises what it raises."""
    folder = cache_dir()
    if folder is None or key is None:
        return _without_collector(build)
    path = folder / f"{kind}-{key}{SUFFIX}"
    found = _read(path, kind, key)
    if found is not None:
        return found
    value = _without_collector(build)
    _write(folder, path, kind, key, value)
    return value


def _without_collector(make: Callable[[], T]) -> T:
    """`make()` with the cyclic garbage collector paused: building or loading an entry makes many containers
    that all live on, and the collector's passes over them would only slow it down (by a third or more)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return make()
    finally:
        if collecting:
            gc.enable()


def _read(path: Path, kind: str, key: str) -> Any:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        magic, got_kind, got_key, value = _without_collector(lambda: pickle.loads(data))
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is built again
        return None
    if magic != "detente-cache" or got_kind != kind or got_key != key:
        return None
    return value


def _write(folder: Path, path: Path, kind: str, key: str, value: Any) -> None:
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps(("detente-cache", kind, key, value), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # readers see the whole entry or none (several processes may write at once)
        tmp = None
        _prune(folder, kind, path)
    except Exception:  # noqa: BLE001 - an entry that cannot be written is not written
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path, kind: str, keep: Path) -> None:
    """Removes all but the KEEP newest entries of a kind (never the one just written)."""
    entries = []
    for p in folder.glob(f"{kind}-*{SUFFIX}"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, p in entries[KEEP:]:
        if p != keep:
            try:
                p.unlink()
            except OSError:
                pass


def file_parts(paths: Iterable[str | Path]) -> list[bytes | str] | None:
    """What an entry built from these files depends on: each file's name and contents; None when one
    cannot be read (the build then reports it)."""
    parts: list[bytes | str] = []
    for p in paths:
        try:
            parts += [str(p), Path(p).read_bytes()]  # the name as given: entries record where they came from
        except OSError:
            return None
    return parts

