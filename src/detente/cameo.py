"""CAMEO event codes: names, Goldstein values, quad classes and PLOVER categories (data/cameo.tsv)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DataFileError

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


class CameoTable:
    def __init__(self, rows: dict[str, CodeInfo]):
        self._rows = rows

    def __contains__(self, code: str) -> bool:
        return code in self._rows

    def __getitem__(self, code: str) -> CodeInfo:
        return self._rows[code]

    def __iter__(self):
        return iter(self._rows.values())

    def get(self, code: str) -> CodeInfo | None:
        return self._rows.get(code)

    @classmethod
    def from_text(cls, text: str, path: str = "cameo.tsv") -> "CameoTable":
        rows: dict[str, CodeInfo] = {}
        header_seen = False
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            cols = line.split("\t")
            if len(cols) != 7:
                raise DataFileError(path, f"line {lineno}", f"expected 7 tab-separated columns, got {len(cols)}")
            code, name, gold, quad, plover, mode, context = cols
            if not code.isdigit() or not 2 <= len(code) <= 4:
                raise DataFileError(path, f"line {lineno}", f"bad CAMEO code {code!r}")
            rows[code] = CodeInfo(code, name, float(gold), int(quad), plover or None, mode or None, context or None)
        return cls(rows)


@lru_cache(maxsize=1)
def cameo_table() -> CameoTable:
    """The CAMEO table shipped with detente (read once, immutable)."""
    text = resources.files("detente").joinpath("data/cameo.tsv").read_text(encoding="utf-8")
    return CameoTable.from_text(text)
