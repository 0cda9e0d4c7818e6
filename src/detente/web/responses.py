"""The web app's answers: JSON (with the one error shape) and CSV."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from starlette.responses import Response

CSV_LEADS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would read a cell starting so as a formula


class JsonResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, default=str,
                          separators=(",", ":")).encode("utf-8")


def error_response(status: int, message: str, code: str) -> JsonResponse:
    """The one error shape, `{"error": message, "status": status}`; the stable code in `X-Error-Code`."""
    return JsonResponse({"error": message, "status": status}, status_code=status, headers={"X-Error-Code": code})


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(CSV_LEADS):
        return "'" + value
    return "" if value is None else value


def csv_response(rows: list[dict], columns: list[str] | tuple[str, ...], name: str,
                 total: int | None = None) -> Response:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([_csv_cell(row.get(c)) for c in columns])
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    if total is not None:
        headers["X-Total-Count"] = str(total)
    return Response(buf.getvalue(), media_type="text/csv", headers=headers)
