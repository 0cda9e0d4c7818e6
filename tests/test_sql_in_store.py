"""All of detente's SQL lives in the store package: no module outside src/detente/store/ calls `.execute(`
or holds a string that starts with an SQL keyword."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "detente"
STORE = SRC / "store"
SQL_START = re.compile(r"\s*\(?\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|COPY|DESCRIBE|PRAGMA|BEGIN|"
                       r"COMMIT|ROLLBACK|ATTACH|INSTALL|LOAD)\b", re.IGNORECASE)
SQL_CALLS = {"execute", "executemany", "sql", "query", "read_sql"}


def sql_in(source: str) -> list[str]:
    """Where a module's source runs SQL or writes it: calls of .execute() and the like, and string
    literals (plain or the start of an f-string) that begin with an SQL keyword followed by more SQL."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            found.append(f"line {node.lineno}: .{node.func.attr}(")
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            text = str(node.values[0].value)
            if _looks_like_sql(text):
                found.append(f"line {node.lineno}: {text.strip()[:40]!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _looks_like_sql(node.value):
            found.append(f"line {node.lineno}: {node.value.strip()[:40]!r}")
    return found


def _looks_like_sql(text: str) -> bool:
    """An SQL keyword at the start, in capitals, or in any case when SQL words follow (so that prose such as
    'with the options' or 'load the model' is not taken for SQL)."""
    m = SQL_START.match(text)
    if not m:
        return False
    if m.group(1).isupper():
        return True
    return bool(re.search(r"\b(from|into|table|where|select|as)\b", text[m.end():], re.IGNORECASE))


def modules_outside_the_store() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if STORE not in p.parents)


@pytest.mark.parametrize("path", modules_outside_the_store(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_sql_outside_the_store(path):
    assert sql_in(path.read_text(encoding="utf-8")) == [], f"SQL in {path.relative_to(SRC)}: ask the store"


def test_the_store_package_holds_the_sql():
    assert any(sql_in(p.read_text(encoding="utf-8")) for p in STORE.glob("*.py"))
    assert len(modules_outside_the_store()) > 20


@pytest.mark.parametrize("source", [
    'con.execute("SELECT 1")',
    'x = "SELECT count(*) FROM events"',
    'x = f"SELECT {cols} FROM events"',
    'x = """\n    WITH a AS (SELECT 1) SELECT * FROM a"""',
    'x = "insert into events select * from t"',
    'x = "(SELECT doc_key FROM documents)"',
    'store.con.sql("from events")',
])
def test_the_check_finds_sql(source):
    assert sql_in(source)


@pytest.mark.parametrize("source", [
    '"""With several worker processes, each with its own Coder."""',
    'x = "load the model first"',
    'print(f"delete {path}?")',
    'x = "Select one of day, week, month"',
])
def test_the_check_leaves_prose_alone(source):
    assert sql_in(source) == []
