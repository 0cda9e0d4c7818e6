#!/usr/bin/env python3
"""Writes a synthetic corpus of varied news-like articles (JSON lines) for benchmarks.

Articles are assembled from sentence templates, actors, verbs, places and dates with a seeded random
generator, so the same arguments always give the same corpus. Nothing is copied from real articles.

Usage: python bench/make_corpus.py --docs 20000 --out /tmp/corpus.jsonl [--seed 7]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys

COUNTRIES = ["Russia", "Ukraine", "Türkiye", "Israel", "Iran", "Egypt", "Qatar", "China", "Taiwan", "Japan",
             "India", "Pakistan", "Sudan", "Chad", "Ethiopia", "Kenya", "Serbia", "Kosovo", "Armenia", "Azerbaijan",
             "Germany", "France", "Poland", "Hungary", "Brazil", "Venezuela", "Colombia", "Mexico", "Syria",
             "Lebanon", "Iraq", "Jordan", "Saudi Arabia", "Yemen", "Somalia", "Nigeria", "Mali", "Niger"]
ADJECTIVES = {"Russia": "Russian", "Ukraine": "Ukrainian", "Türkiye": "Turkish", "Israel": "Israeli",
              "Iran": "Iranian", "Egypt": "Egyptian", "Qatar": "Qatari", "China": "Chinese", "Taiwan": "Taiwanese",
              "Japan": "Japanese", "India": "Indian", "Pakistan": "Pakistani", "Sudan": "Sudanese",
              "Chad": "Chadian", "Ethiopia": "Ethiopian", "Kenya": "Kenyan", "Serbia": "Serbian",
              "Kosovo": "Kosovan", "Armenia": "Armenian", "Azerbaijan": "Azerbaijani", "Germany": "German",
              "France": "French", "Poland": "Polish", "Hungary": "Hungarian", "Brazil": "Brazilian",
              "Venezuela": "Venezuelan", "Colombia": "Colombian", "Mexico": "Mexican", "Syria": "Syrian",
              "Lebanon": "Lebanese", "Iraq": "Iraqi", "Jordan": "Jordanian", "Saudi Arabia": "Saudi",
              "Yemen": "Yemeni", "Somalia": "Somali", "Nigeria": "Nigerian", "Mali": "Malian", "Niger": "Nigerien"}
ROLES = ["foreign minister", "defence minister", "president", "prime minister", "army", "police", "government",
         "opposition", "rebels", "troops"]
PLACES = ["Kharkiv", "Belgorod", "Istanbul", "Gaza", "Jenin", "Khartoum", "El Fasher", "Goma", "Aleppo", "Mosul",
          "Kandahar", "Tripoli", "Amman", "Doha", "Geneva", "Vienna", "Nairobi", "Addis Ababa", "Baku", "Yerevan"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "earlier this month",
        "overnight", "yesterday", "in March", "on Saturday", ""]
ACTS = [
    "{S} criticized {T} {when}.",
    "{S} accused {T} of violating the ceasefire {when}.",
    "{S} offered to mediate between {T} and {U}.",
    "{S} urged {T} to release the detained journalists.",
    "{S} imposed new sanctions on {T} {when}.",
    "{S} expelled two {Tadj} diplomats {when}.",
    "{Sadj} troops shelled positions near {place} {when}.",
    "{Sadj} forces attacked {T} {when}, officials said.",
    "{S} sent humanitarian aid to {T}.",
    "{S} will provide air defence systems to {T}.",
    "{S} refused to negotiate with {T}.",
    "{S} threatened to cut diplomatic ties with {T}.",
    "The {Sadj} {role} met {Tadj} officials in {place} {when}.",
    "{S} and {T} signed a trade agreement in {place}.",
    "{S} praised {T} for its restraint.",
    "{S} demanded that {T} withdraw its troops.",
    "Police in {place} arrested dozens of protesters {when}.",
    "Thousands of {Sadj} students protested in {place} {when}.",
    "{S} will not agree to a temporary ceasefire, the {Sadj} {role} said.",
    "\"We will defend our territory,\" the {Sadj} {role} said {when}.",
    "According to {Tadj} officials, {Sadj} drones struck {place} {when}.",
]
FILLER = [
    "Analysts said the move could complicate regional diplomacy.",
    "The statement did not give further details.",
    "Markets in the region were calm on the news.",
    "The talks are expected to resume next month.",
    "Officials declined to comment on the report.",
    "Independent confirmation was not immediately possible.",
]


def article(rng: random.Random, i: int, start: dt.date) -> dict:
    day = start + dt.timedelta(days=rng.randrange(0, 730))
    sentences = []
    for _ in range(rng.randint(4, 9)):
        s, t, u = rng.sample(COUNTRIES, 3)
        tpl = rng.choice(ACTS) if rng.random() < 0.75 else rng.choice(FILLER)
        sentences.append(" ".join(tpl.format(S=s, T=t, U=u, Sadj=ADJECTIVES[s], Tadj=ADJECTIVES[t],
                                             role=rng.choice(ROLES), place=rng.choice(PLACES),
                                             when=rng.choice(WHEN)).split()))
    paragraphs = [" ".join(sentences[k:k + 2]) for k in range(0, len(sentences), 2)]
    return {"id": f"synthetic-{i:06d}", "date": day.isoformat(), "source": f"outlet-{rng.randint(1, 40)}",
            "text": "\n\n".join(paragraphs)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(args.docs):
            fh.write(json.dumps(article(rng, i, dt.date(2023, 1, 1)), ensure_ascii=False) + "\n")
    print(f"wrote {args.docs} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
