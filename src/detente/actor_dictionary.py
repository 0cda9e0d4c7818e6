"""Actor dictionaries: countries, organisations, armed groups, people (with dated roles) and agent nouns.

All knowledge lives in YAML files under `detente/data/actors/`; users layer their own files over them
(`--actors FILE`). The kind of each entry is read from its keys:

- country:      code, name, aliases, adjectives, demonyms, capitals, seats, places
- organisation: code, name, aliases, country, sector           (IGOs, NGOs, armed groups, parties)
- person:       name, aliases, gender, roles: [{code, title, start, end}]
- agents file:  a mapping SECTOR -> [noun, ...]                 (any file whose top level is a mapping)
- bodies file:  a mapping with the key `bodies: [noun, ...]`: agent nouns that name a body (an
                institution, force or organised group: "ministry", "army", "militia"), not a person; and
                `international_bodies: [noun, ...]`: nouns that refer back to an international
                organisation ("the bloc", "the alliance")
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

try:  # libyaml's loader is several times faster when present
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader

from .cache import cached, file_parts, make_key, source_digest
from .errors import DataFileError

COUNTRY_KEYS = {"code", "name", "aliases", "adjectives", "demonyms", "capitals", "seats", "places"}
ORG_KEYS = {"code", "name", "aliases", "country", "sector"}
PERSON_KEYS = {"name", "aliases", "gender", "roles"}
ROLE_KEYS = {"code", "title", "start", "end"}

# How a matched string relates to its entry; decides how it composes with agent nouns.
KIND_COUNTRY = "country"      # Türkiye, Turkey
KIND_ADJECTIVE = "adjective"  # Turkish (modifier: needs a head noun for a sector)
KIND_DEMONYM = "demonym"      # Turks (people of the country: civilians unless a sector says otherwise)
KIND_CAPITAL = "capital"      # Ankara (metonym for the country)
KIND_SEAT = "seat"            # the Kremlin (metonym for the government)
KIND_PLACE = "place"          # Kharkiv (a place; codes as the country when used as an actor)
KIND_ORG = "organization"
KIND_PERSON = "person"


@dataclass(frozen=True)
class Role:
    code: str
    title: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Entry:
    """One dictionary entry (a country, organisation or person)."""

    name: str
    kind: str
    code: str = ""
    country: str | None = None
    sector: str | None = None
    gender: str | None = None
    roles: list[Role] = field(default_factory=list)
    origin: str = ""

    def role_at(self, day: dt.date | None) -> tuple[Role | None, bool]:
        """The role held on `day` (or today), and whether it really covers that day.

        Outside every role, the nearest one in time is returned with False."""
        if not self.roles:
            return None, False
        day = day or dt.date.today()
        for role in self.roles:
            if role.covers(day):
                return role, True

        def distance(r: Role) -> int:
            if r.end is not None and r.end < day:
                return (day - r.end).days
            if r.start is not None and r.start > day:
                return (r.start - day).days
            return 0

        return min(self.roles, key=distance), False


@dataclass(frozen=True)
class Match:
    """A dictionary string found in text: token span [start, end) and what it names."""

    start: int
    end: int
    entry: Entry
    kind: str


def _as_date(value: Any, path: str, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, where, f"bad date {value!r} (expected YYYY-MM-DD)") from None


def _strings(value: Any, path: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise DataFileError(path, where, "expected a list of strings")
    return [str(v) for v in value]


class ActorDictionary:
    """String -> entry lookup over all loaded files, plus agent nouns -> sector."""

    def __init__(self) -> None:
        self.phrases: dict[str, list[tuple[Entry, str]]] = {}
        self.agents: dict[str, str] = {}  # lower-case noun or noun phrase -> sector
        self.bodies: set[str] = set()  # lower-case nouns (lemmas) naming a body rather than a person
        self.international_bodies: set[str] = set()  # "the bloc", "the alliance": an international body
        self.entries: list[Entry] = []
        self.countries: dict[str, Entry] = {}
        self.sources: list[str] = []

    # ---- loading -------------------------------------------------------------------------------
    @classmethod
    def default(cls, extra: Iterable[str | Path] = ()) -> "ActorDictionary":
        """The built-in dictionaries with the user's files `extra` layered over them: from the compiled-data
        cache when it has them (cache.py), else read from the YAML files."""
        extra = tuple(extra)
        return cached("actors", dictionary_key(extra), lambda: cls.read(extra))

    @classmethod
    def read(cls, extra: Iterable[str | Path] = ()) -> "ActorDictionary":
        """The built-in dictionaries and the files `extra`, read from their YAML (no cache)."""
        d = cls()
        for name, text in builtin_files():
            d.load_text(text.decode("utf-8"), f"detente/data/actors/{name}")
        for path in extra:
            d.load_file(path)
        return d

    def load_file(self, path: str | Path) -> None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise DataFileError(str(path), "file", f"cannot read: {err}") from None
        self.load_text(text, str(path))

    def load_text(self, text: str, path: str) -> None:
        try:
            data = yaml.load(text, Loader=SafeLoader)
        except yaml.YAMLError as err:
            raise DataFileError(path, "YAML", str(err).replace("\n", " ")) from None
        except ValueError as err:  # e.g. an impossible date such as 2020-13-01
            raise DataFileError(path, "YAML", f"bad date or value: {err}") from None
        self.sources.append(path)
        if data is None:
            return
        if isinstance(data, dict):
            if set(data) and set(data) <= {"bodies", "international_bodies"}:
                self.bodies.update(" ".join(n.lower().split()) for n in _strings(data.get("bodies"), path, "bodies"))
                self.international_bodies.update(" ".join(n.lower().split()) for n in _strings(
                    data.get("international_bodies"), path, "international_bodies"))
            else:
                self._load_agents(data, path)
            return
        if not isinstance(data, list):
            raise DataFileError(path, "top level", "expected a list of entries or a mapping of sectors")
        for i, item in enumerate(data, 1):
            where = f"entry {i}"
            if not isinstance(item, dict):
                raise DataFileError(path, where, "expected a mapping")
            where = f"entry {i} ({item.get('name', '?')})"
            keys = set(item)
            if "roles" in keys:
                self._load_person(item, path, where)
            elif keys & {"adjectives", "capitals", "demonyms", "seats", "places"}:
                self._load_country(item, path, where)
            elif "code" in keys:
                self._load_org(item, path, where)
            else:
                raise DataFileError(path, where, "cannot tell the kind of entry (no roles, adjectives or code)")

    def _check_keys(self, item: dict, allowed: set[str], required: set[str], path: str, where: str) -> None:
        unknown = set(item) - allowed
        if unknown:
            raise DataFileError(path, where, f"unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
        missing = required - set(item)
        if missing:
            raise DataFileError(path, where, f"missing keys {sorted(missing)}")

    @staticmethod
    def _code(value: Any, path: str, where: str) -> str:
        code = str(value or "").strip().upper()
        if not code.isalnum() or not 3 <= len(code) <= 12:
            raise DataFileError(path, where, f"bad actor code {value!r}")
        return code

    def _load_country(self, item: dict, path: str, where: str) -> None:
        self._check_keys(item, COUNTRY_KEYS, {"code", "name"}, path, where)
        code = self._code(item["code"], path, where)
        entry = Entry(name=str(item["name"]), kind=KIND_COUNTRY, code=code, country=code, origin=path)
        self.entries.append(entry)
        self.countries[code] = entry
        self._add(str(item["name"]), entry, KIND_COUNTRY)
        for key, kind in (("aliases", KIND_COUNTRY), ("adjectives", KIND_ADJECTIVE), ("demonyms", KIND_DEMONYM),
                          ("capitals", KIND_CAPITAL), ("seats", KIND_SEAT), ("places", KIND_PLACE)):
            for s in _strings(item.get(key), path, f"{where} {key}"):
                self._add(s, entry, kind)

    def _load_org(self, item: dict, path: str, where: str) -> None:
        self._check_keys(item, ORG_KEYS, {"code", "name"}, path, where)
        code = self._code(item["code"], path, where)
        country = item.get("country")
        country = self._code(country, path, where) if country else None
        sector = item.get("sector")
        entry = Entry(name=str(item["name"]), kind=KIND_ORG, code=code, country=country,
                      sector=str(sector).upper() if sector else None, origin=path)
        self.entries.append(entry)
        for s in [entry.name] + _strings(item.get("aliases"), path, where):
            self._add(s, entry, KIND_ORG)

    def _load_person(self, item: dict, path: str, where: str) -> None:
        self._check_keys(item, PERSON_KEYS, {"name", "roles"}, path, where)
        roles = []
        if not isinstance(item["roles"], list) or not item["roles"]:
            raise DataFileError(path, where, "roles must be a non-empty list")
        for j, r in enumerate(item["roles"], 1):
            rw = f"{where} role {j}"
            if not isinstance(r, dict):
                raise DataFileError(path, rw, "expected a mapping")
            self._check_keys(r, ROLE_KEYS, {"code"}, path, rw)
            code = self._code(r["code"], path, rw)
            start, end = _as_date(r.get("start"), path, rw), _as_date(r.get("end"), path, rw)
            if start and end and end < start:
                raise DataFileError(path, rw, f"role ends ({end}) before it starts ({start})")
            roles.append(Role(code, str(r.get("title") or ""), start, end))
        gender = item.get("gender")
        entry = Entry(name=str(item["name"]), kind=KIND_PERSON, gender=str(gender) if gender else None,
                      roles=roles, origin=path)
        self.entries.append(entry)
        for s in [entry.name] + _strings(item.get("aliases"), path, where):
            self._add(s, entry, KIND_PERSON)

    def _load_agents(self, data: dict, path: str) -> None:
        for sector, nouns in data.items():
            where = f"sector {sector}"
            sector = str(sector).upper()
            if not sector.isalpha() or len(sector) != 3:
                raise DataFileError(path, where, "sector codes are three letters (GOV, MIL, ...)")
            for noun in _strings(nouns, path, where):
                self.agents[" ".join(noun.lower().split())] = sector

    def _add(self, phrase: str, entry: Entry, kind: str) -> None:
        key = " ".join(phrase.split())
        if not key:
            return
        bucket = self.phrases.setdefault(key, [])
        # A later file overrides an earlier one for the same string and kind (user files win).
        bucket[:] = [(e, k) for e, k in bucket if not (k == kind and e.origin != entry.origin)]
        bucket.append((entry, kind))

    # ---- lookup --------------------------------------------------------------------------------
    def lookup(self, phrase: str) -> list[tuple[Entry, str]]:
        return list(self.phrases.get(" ".join(phrase.split()), []))

    def country(self, code: str | None) -> Entry | None:
        return self.countries.get(code or "")

    def describe(self, phrase: str, day: dt.date | None = None) -> list[dict[str, Any]]:
        """What a string codes as on a day: used by `detente actors`."""
        out = []
        for entry, kind in self.lookup(phrase):
            row: dict[str, Any] = {"text": phrase, "name": entry.name, "kind": kind, "file": entry.origin}
            if entry.kind == KIND_PERSON:
                role, current = entry.role_at(day)
                row.update(code=person_code(role, current), title=role.title if role else None,
                           in_office=current, start=str(role.start) if role and role.start else None,
                           end=str(role.end) if role and role.end else None)
            elif kind == KIND_SEAT:
                row.update(code=entry.code + "GOV")
            else:
                row.update(code=entry.code, country=entry.country, sector=entry.sector)
            out.append(row)
        sector = self.agents.get(phrase.lower())
        if sector:
            out.append({"text": phrase, "kind": "agent noun", "sector": sector, "code": sector})
        return out


def person_code(role: Role | None, current: bool) -> str:
    """A person's actor code: the role's code in office; country + ELI (elite) outside office."""
    if role is None:
        return ""
    if current:
        return role.code
    return role.code[:3] + "ELI" if len(role.code) >= 3 and role.code[:3].isalpha() and not role.code.startswith("IGO") else role.code


def builtin_files() -> list[tuple[str, bytes]]:
    """The built-in dictionary files (data/actors/*.yaml), by name, with their contents."""
    folder = resources.files("detente").joinpath("data/actors")
    return [(item.name, item.read_bytes()) for item in sorted(folder.iterdir(), key=lambda p: p.name)
            if item.name.endswith((".yaml", ".yml"))]


def dictionary_parts(extra: tuple[str | Path, ...]) -> list[bytes | str] | None:
    """What the dictionaries depend on, for the key of a cache entry: the code that reads them, the built-in
    files and the user's files (None when one of these cannot be read)."""
    try:
        parts: list[bytes | str] = [source_digest("actor_dictionary.py")]
        for name, data in builtin_files():
            parts += [name, data]
    except OSError:
        return None
    own = file_parts(extra)
    return None if own is None else parts + own


def dictionary_key(extra: tuple[str | Path, ...]) -> str | None:
    parts = dictionary_parts(extra)
    return None if parts is None else make_key("actors", parts)
