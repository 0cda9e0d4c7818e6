#!/usr/bin/env python3
"""Writes a detente store of synthetic events for analytics and web benchmarks (no coding involved).

Events are drawn with a seeded generator: actors (countries with sectors, a few much more active than the
rest), CAMEO codes from detente's own table with their Goldstein values and quad classes, dates over
seven years, outlets; eight events to a document. Each document's text is made of its events'
sentences, so triggers, actor mentions and places point at real spans. Three patterns are planted so
that flags have something to find: RUS and UKR fight, TUR arms UKR while courting RUS, IRN says it
will talk to ISR and then threatens it.

Usage: python bench/make_store.py --events 1000000 --db /tmp/big.duckdb [--seed 11]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path

COUNTRIES = {
    "RUS": "Russia", "UKR": "Ukraine", "TUR": "Türkiye", "ISR": "Israel", "IRN": "Iran", "EGY": "Egypt",
    "QAT": "Qatar", "CHN": "China", "TWN": "Taiwan", "JPN": "Japan", "IND": "India", "PAK": "Pakistan",
    "SDN": "Sudan", "TCD": "Chad", "ETH": "Ethiopia", "KEN": "Kenya", "SRB": "Serbia", "KSV": "Kosovo",
    "ARM": "Armenia", "AZE": "Azerbaijan", "DEU": "Germany", "FRA": "France", "POL": "Poland", "HUN": "Hungary",
    "BRA": "Brazil", "VEN": "Venezuela", "COL": "Colombia", "MEX": "Mexico", "SYR": "Syria", "LBN": "Lebanon",
    "IRQ": "Iraq", "JOR": "Jordan", "SAU": "Saudi Arabia", "YEM": "Yemen", "SOM": "Somalia", "NGA": "Nigeria",
    "MLI": "Mali", "NER": "Niger", "USA": "the United States", "GBR": "Britain", "ITA": "Italy", "ESP": "Spain",
    "CAN": "Canada", "AUS": "Australia", "KOR": "South Korea", "PRK": "North Korea", "PHL": "the Philippines",
    "VNM": "Vietnam", "IDN": "Indonesia", "THA": "Thailand", "MMR": "Myanmar", "AFG": "Afghanistan",
    "GEO": "Georgia", "BLR": "Belarus", "MDA": "Moldova", "ROU": "Romania", "GRC": "Greece", "CYP": "Cyprus",
    "LBY": "Libya", "TUN": "Tunisia", "DZA": "Algeria", "MAR": "Morocco", "ZAF": "South Africa", "COD": "DR Congo",
    "RWA": "Rwanda", "UGA": "Uganda", "ARG": "Argentina", "CHL": "Chile", "PER": "Peru", "CUB": "Cuba",
}
SECTORS = {"": "", "GOV": "the government of ", "MIL": "the armed forces of ", "OPP": "the opposition in ",
           "BUS": "businesses in ", "MED": "media in ", "CVL": "civilians in ", "REB": "rebels in "}
SECTOR_WEIGHTS = [30, 40, 12, 5, 3, 3, 4, 3]
OUTLETS = [f"outlet-{i:02d}" for i in range(40)]
PLACES = ["Kharkiv", "Istanbul", "Gaza", "Khartoum", "Aleppo", "Mosul", "Tripoli", "Doha", "Geneva", "Vienna",
          "Nairobi", "Baku", "Yerevan", "Caracas", "Bogota", "Kyiv", "Moscow", "Ankara", "Tehran", "Beirut"]
PLANTED = [  # (source, target, codes, share of all events)
    ("RUSMIL", "UKRMIL", ["190", "193", "195"], 0.004),
    ("UKRMIL", "RUSMIL", ["190", "195"], 0.002),
    ("TURGOV", "UKRGOV", ["071", "072", "061"], 0.001),
    ("TURGOV", "RUSGOV", ["036", "043", "046", "039"], 0.001),
    ("IRNGOV", "ISRGOV", ["036", "039"], 0.0005),
    ("IRNGOV", "ISRGOV", ["138", "130", "172"], 0.0005),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--per-doc", type=int, default=8, help="events per document (default 8)")
    args = ap.parse_args()
    if Path(args.db).exists():
        print(f"make_store: {args.db} exists; remove it first", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    build(args.events, args.db, args.seed, args.per_doc)
    print(f"make_store: {args.events} events in {time.perf_counter() - t0:.0f} s -> {args.db}", file=sys.stderr)
    return 0


def ensure(db: str, n_events: int) -> None:
    """Make the store at `db` (in its own process, as the command line does) unless it exists."""
    if not Path(db).exists():
        subprocess.run([sys.executable, __file__, "--events", str(n_events), "--db", db], check=True)


def build(n_events: int, db: str, seed: int = 11, per_doc: int = 8, chunk: int = 20_000) -> None:
    import pyarrow as pa

    from detente.cameo import cameo_table
    from detente.store import Store, table_columns

    rng = random.Random(seed)
    table = list(cameo_table())
    codes = [c for c in table if len(c.code) == 3 and c.quad_class]
    # verbal cooperation is the commonest kind of event in news, material conflict the rarest
    weight = {1: 8.0, 2: 2.0, 3: 3.0, 4: 1.5}
    code_weights = [weight[c.quad_class] for c in codes]
    info = {c.code: c for c in table}
    countries = list(COUNTRIES)
    country_weights = [1.0 / (k + 3) for k in range(len(countries))]  # a few very active actors
    sectors = list(SECTORS)
    start = dt.date(2019, 1, 1)
    days = (dt.date(2025, 12, 31) - start).days
    planted = []
    for src, tgt, planted_codes, share in PLANTED:
        planted += [(src, tgt, planted_codes)] * max(1, int(share * 1000))
    names = {c: COUNTRIES[c] for c in countries}

    def actor() -> tuple[str, str, str]:
        country = rng.choices(countries, country_weights)[0]
        sector = rng.choices(sectors, SECTOR_WEIGHTS)[0]
        return country + sector, country, sector

    columns = table_columns()
    n_docs = (n_events + per_doc - 1) // per_doc
    with Store(db) as store:  # `chunk` documents per transaction
        made = 0
        for first in range(0, n_docs, chunk):
            rows = {t: [] for t in ("documents", "events", "mentions", "places")}
            for d in range(first, min(first + chunk, n_docs)):
                key = f"{d:012x}{seed:04x}".ljust(64, "0")
                doc_id = f"synthetic-{d}"
                day = start + dt.timedelta(days=rng.randrange(days))
                date = day.isoformat()
                outlet = rng.choice(OUTLETS)
                text, m_index, p_index = "", 0, 0
                for k in range(min(per_doc, n_events - made)):
                    made += 1
                    if rng.random() < 0.01:
                        src_code, tgt_code, pc = rng.choice(planted)
                        code = rng.choice(pc)
                        src, tgt = (src_code, src_code[:3], src_code[3:]), (tgt_code, tgt_code[:3], tgt_code[3:])
                    else:
                        code = rng.choices(codes, code_weights)[0].code
                        src, tgt = actor(), actor()
                        while tgt[1] == src[1]:
                            tgt = actor()
                    c = info[code]
                    src_text = SECTORS[src[2]] + names[src[1]]
                    tgt_text = SECTORS[tgt[2]] + names[tgt[1]]
                    verb = c.name.split("(")[0].split(",")[0].strip().lower() or "acted toward"
                    place = rng.choice(PLACES) if rng.random() < 0.3 else None
                    sentence_start = len(text)
                    sentence = f"{src_text[0].upper()}{src_text[1:]} ({verb}) {tgt_text}"
                    s0 = sentence_start
                    t0 = sentence_start + len(src_text) + 2
                    g0 = sentence_start + len(src_text) + len(verb) + 4
                    if place:
                        sentence += f" in {place}"
                    sentence += ". "
                    text += sentence
                    loc = None
                    if place:
                        p0 = sentence_start + sentence.index(f" in {place}") + 4
                        loc = {"text": place, "start": p0, "end": p0 + len(place), "name": place, "country": None,
                               "lat": None, "lon": None}
                        rows["places"].append((key, p_index, p0, p0 + len(place), place, place, None, None, None,
                                               None, None, "city"))
                        p_index += 1
                    record = {
                        "doc_id": doc_id, "sentence_index": k, "sentence": sentence.strip(),
                        "trigger": {"text": verb, "start": t0, "end": t0 + len(verb)},
                        "source": {"text": src_text, "code": src[0], "country": src[1], "sector": src[2] or None,
                                   "start": s0, "end": s0 + len(src_text), "name": names[src[1]]},
                        "target": {"text": tgt_text, "code": tgt[0], "country": tgt[1], "sector": tgt[2] or None,
                                   "start": g0, "end": g0 + len(tgt_text), "name": names[tgt[1]]},
                        "cameo": code, "cameo_name": c.name, "cameo_root": code[:2], "quad_class": c.quad_class,
                        "goldstein": c.goldstein, "plover": c.plover, "plover_mode": c.plover_mode,
                        "negated": False, "modality": "asserted", "date": date, "date_precision": "day",
                        "date_source": "document", "date_text": None, "confidence": 1.0, "pattern": "synthetic",
                        "claimed": False, "attribution": None, "location": loc,
                    }
                    rows["events"].append((
                        key, k, doc_id, k, record["sentence"], verb, t0, t0 + len(verb), src[0], src[1],
                        src[2] or None, src_text, tgt[0], tgt[1], tgt[2] or None, tgt_text, code, code[:2],
                        c.quad_class, c.goldstein, c.plover, c.plover_mode, False, "asserted", date, "day",
                        "document", 1.0, False, None, place, None, None, None, None, json.dumps(record)))
                    for a, a0 in ((src, s0), (tgt, g0)):
                        a_text = SECTORS[a[2]] + names[a[1]]
                        rows["mentions"].append((key, m_index, a0, a0 + len(a_text), a_text, a[0], a[1],
                                                 a[2] or None, names[a[1]]))
                        m_index += 1
                rows["documents"].append((key, doc_id, "make_store", date, f"Synthetic report {d}", None, outlet,
                                          text, per_doc, len(text.split()), "synthetic"))
            tables = {t: pa.table({name: [r[i] for r in rs] for i, name in enumerate(columns[t])})
                      for t, rs in rows.items()}
            store.write_tables(tables)
        store.build_clusters(1)


if __name__ == "__main__":
    sys.exit(main())
