"""Commands that read a store's analytics: dyad, actor, flags."""
from __future__ import annotations

import json
import sys

from .common import _check_outputs
from .exits import EXIT_OK


def cmd_dyad(args) -> int:
    from ..analytics import dyad_series
    from ..store import Store

    _check_outputs(args, "plot")
    with Store(args.db, read_only=True) as store:
        rows = dyad_series(store, args.a, args.b, args.by, args.mentions)
    unit = "mentions" if args.mentions else "event clusters"
    if args.plot:
        from ..plots import dyad_chart

        print(f"detente dyad: chart written to {dyad_chart(rows, args.a, args.b, args.plot, unit)}", file=sys.stderr)
    header = ["period", "source", "target", "events", "q1", "q2", "q3", "q4", "gs_sum", "gs_mean", "top_codes"]
    if args.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.period, r.source, r.target, r.count, r.q1, r.q2, r.q3, r.q4, r.goldstein_sum,
                        r.goldstein_mean, r.top_codes])
        return EXIT_OK
    print(f"{'period':<12}{'source':<8}{'target':<8}{'events':>7}{'q1':>4}{'q2':>4}{'q3':>4}{'q4':>4}"
          f"{'gs sum':>9}{'gs mean':>9}  top codes")
    for r in rows:
        print(f"{r.period:<12}{r.source:<8}{r.target:<8}{r.count:>7}{r.q1:>4}{r.q2:>4}{r.q3:>4}{r.q4:>4}"
              f"{r.goldstein_sum:>9.1f}{r.goldstein_mean:>9.2f}  {r.top_codes}")
    print(f"detente dyad: {sum(r.count for r in rows)} {unit} between {args.a} and {args.b}", file=sys.stderr)
    return EXIT_OK


def cmd_actor(args) -> int:
    from ..analytics import actor_profile
    from ..store import Store

    _check_outputs(args, "plot")
    with Store(args.db, read_only=True) as store:
        profile = actor_profile(store, args.actor, args.by, mentions=args.mentions)
    if args.plot:
        from ..plots import actor_chart

        print(f"detente actor: chart written to {actor_chart(profile, args.plot)}", file=sys.stderr)
    if args.json:
        print(json.dumps(profile, ensure_ascii=False, default=str))
        return EXIT_OK
    if args.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["table", "key", "events", "cooperation", "conflict", "goldstein", "top_code"])
        for c in profile["counterparts"]:
            w.writerow(["counterpart", c["counterpart"], c["events"], c["cooperation"], c["conflict"],
                        c["goldstein_mean"], ""])
        for p in profile["periods"]:
            w.writerow(["period", p["period"], p["events"], p["cooperation"], p["conflict"], p["goldstein_sum"],
                        p["top_code"]])
        return EXIT_OK
    print(f"{'counterpart':<14}{'events':>7}{'coop':>6}{'conflict':>9}{'gs mean':>9}")
    for c in profile["counterparts"]:
        print(f"{c['counterpart'] or '-':<14}{c['events']:>7}{c['cooperation']:>6}{c['conflict']:>9}"
              f"{c['goldstein_mean'] or 0:>9.2f}")
    print()
    print(f"{'period':<12}{'events':>7}{'coop':>6}{'conflict':>9}{'gs sum':>8}  top code")
    for p in profile["periods"]:
        print(f"{p['period'] or 'undated':<12}{p['events']:>7}{p['cooperation']:>6}{p['conflict']:>9}"
              f"{p['goldstein_sum'] or 0:>8.1f}  {p['top_code']}")
    return EXIT_OK


def cmd_flags(args) -> int:
    from ..analytics import flags
    from ..store import Store

    _check_outputs(args, "plot")
    with Store(args.db, read_only=True) as store:
        found = flags(store, args.window, min_events=max(args.min_events, 1), limit=max(args.limit, 1),
                      mentions=args.mentions)
    if args.plot:
        from ..plots import flags_chart

        print(f"detente flags: chart written to {flags_chart(found, args.plot)}", file=sys.stderr)
    if args.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        keys = ["doc_id", "date", "source", "cameo", "target", "quad_class", "goldstein", "trigger", "sentence"]
        w.writerow(["kind", "actor", "summary", *keys])
        for f in found:
            for e in f.evidence:
                w.writerow([f.kind, f.actor, f.summary, *[e[k] for k in keys]])
        print(f"detente flags: {len(found)} flag(s)", file=sys.stderr)
        return EXIT_OK
    for f in found:
        if args.json:
            print(json.dumps({"kind": f.kind, "actor": f.actor, "counterparts": f.counterparts, "score": f.score,
                              "counts": f.counts, "summary": f.summary, "evidence": f.evidence},
                             ensure_ascii=False, default=str))
            continue
        print(f"[{f.kind}] {f.summary}")
        for e in f.evidence:
            print(f"    {e['date'] or '-'}  {e['source'] or '-'} {e['cameo']} {e['target'] or '-'}  "
                  f"{e['doc_id']}: {' '.join(str(e['sentence']).split())[:110]}")
    more = " (the strongest; see --limit)" if len(found) == args.limit else ""
    print(f"detente flags: {len(found)} flag(s){more}", file=sys.stderr)
    return EXIT_OK


def cmd_unknown_names(args) -> int:
    """`detente actors --unknown --db STORE`: the names of a store that resolved to no actor."""
    from ..errors import BadValue
    from ..store import UNKNOWN_NAME_FIELDS, Store

    if not args.db:
        raise BadValue("--unknown lists the names of a store: give it with --db STORE")
    if args.names:
        raise BadValue("give names to look up, or --unknown, not both")
    with Store(args.db, read_only=True) as store:
        collected = store.collects_unknown_names()
        rows = store.unknown_names(limit=max(args.limit, 1), min_count=args.min_count, kind=args.kind,
                                   sort=args.sort)
    if not collected:
        print(f"detente actors: {args.db} holds no unknown names: its documents were ingested by an earlier "
              "version of detente, which did not collect them (documents ingested from now on are)", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
    elif args.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(UNKNOWN_NAME_FIELDS)
        for r in rows:
            w.writerow([r["name"], r["kind"], r["mentions"], r["documents"], "; ".join(r["spellings"]), r["doc_id"],
                        r["doc_key"], r["date"], " ".join(str(r["sentence"] or "").split())])
    else:
        width = max([len(r["name"]) for r in rows] + [4])
        print(f"{'mentions':>8}{'docs':>6}  {'kind':<14}{'name':<{width}}  example")
        for r in rows:
            sentence = " ".join(str(r["sentence"] or "").split())
            print(f"{r['mentions']:>8}{r['documents']:>6}  {r['kind']:<14}{r['name']:<{width}}  "
                  f"{r['doc_id']}: {sentence[:110]}{'...' if len(sentence) > 110 else ''}")
    more = " (the most frequent; see --limit)" if len(rows) == max(args.limit, 1) else ""
    print(f"detente actors: {len(rows)} name(s) that resolved to no actor{more}", file=sys.stderr)
    return EXIT_OK
