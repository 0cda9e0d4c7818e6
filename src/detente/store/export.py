"""Exporting the store's events: Parquet (a folder partitioned by year and month), CSV, JSON lines (the
event records) or PLOVER records. The output path is written into the COPY statement as a quoted string
literal (DuckDB takes no parameter there)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import BadValue
from ..outputs import output_path

EXPORT_FORMATS = ("parquet", "csv", "jsonl", "plover")


def export_events(con: Any, out: str | Path, fmt: str) -> Path:
    if fmt not in EXPORT_FORMATS:
        raise BadValue(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}", setting="format")
    out = output_path(out, "out", folder=fmt == "parquet")
    columns = "* EXCLUDE (record)"
    if fmt == "parquet":
        out.mkdir(parents=True, exist_ok=True)
        query = (f"SELECT {columns}, coalesce(substr(date, 1, 4), 'unknown') AS year, "
                 f"coalesce(substr(date, 6, 2), 'unknown') AS month FROM events")
        con.execute(f"COPY ({query}) TO '{_quote(out)}' "
                    "(FORMAT PARQUET, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)")
    elif fmt == "csv":
        con.execute(f"COPY (SELECT {columns} FROM events ORDER BY doc_key, event_index) "
                    f"TO '{_quote(out)}' (HEADER, DELIMITER ',')")
    elif fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for record in _records(con):
                fh.write(record + "\n")
    else:
        from ..formats import plover_from_dict

        with open(out, "w", encoding="utf-8") as fh:
            for n, record in enumerate(_records(con), 1):
                fh.write(json.dumps(plover_from_dict(json.loads(record), n), ensure_ascii=False) + "\n")
    return out


def _records(con: Any) -> list[str]:
    return [record for (record,) in con.execute("SELECT record FROM events ORDER BY doc_key, event_index").fetchall()]


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
