"""PNG charts of the analytics: a dyad's two directions over time, an actor's balance over time.

matplotlib draws off screen (the Agg backend); the functions write a file and return its path.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .analytics import DyadRow

QUAD_COLOURS = {1: "#4e9a06", 2: "#1f6fb2", 3: "#f0a30a", 4: "#c4262e"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(plt, fig, out: str | Path) -> Path:
    out = Path(out)
    fig.savefig(out, format="png", dpi=110)
    plt.close(fig)
    return out


def dyad_chart(rows: Sequence[DyadRow], a: str, b: str, out: str | Path, unit: str = "events") -> Path:
    """Two panels, a→b and b→a: stacked counts by quad class per period, mean Goldstein as a line."""
    plt = _pyplot()
    periods = sorted({r.period for r in rows})
    fig, axes = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True)
    for ax, (src, tgt) in zip(axes, ((a, b), (b, a))):
        by_period = {r.period: r for r in rows if r.source == src and r.target == tgt}
        x = range(len(periods))
        bottom = [0] * len(periods)
        for q in (1, 2, 3, 4):
            heights = [getattr(by_period[p], f"q{q}") if p in by_period else 0 for p in periods]
            ax.bar(x, heights, bottom=bottom, color=QUAD_COLOURS[q], label=QUAD_NAMES[q], width=0.8)
            bottom = [h + b0 for h, b0 in zip(heights, bottom)]
        ax.set_ylabel(unit)
        ax.set_title(f"{src} → {tgt}", loc="left", fontsize=11)
        twin = ax.twinx()
        means = [by_period[p].goldstein_mean if p in by_period else float("nan") for p in periods]
        twin.plot(list(x), means, color="#222222", marker="o", linewidth=1.2, label="mean Goldstein")
        twin.set_ylim(-10.5, 10.5)
        twin.axhline(0, color="#999999", linewidth=0.6)
        twin.set_ylabel("mean Goldstein")
    handles, labels = axes[0].get_legend_handles_labels()
    line = twin.get_legend_handles_labels()
    fig.legend(handles + line[0], labels + line[1], loc="lower center", ncol=5, fontsize=8, frameon=False)
    axes[-1].set_xticks(range(len(periods)))
    axes[-1].set_xticklabels(periods, rotation=45, ha="right", fontsize=8)
    fig.suptitle(f"Dyad {a} – {b}", fontsize=13)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return _save(plt, fig, out)


def actor_chart(profile: dict, out: str | Path) -> Path:
    """An actor's cooperation and conflict counts per period and its top counterparts."""
    plt = _pyplot()
    periods = [p["period"] or "undated" for p in profile["periods"]]
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(12, 5), gridspec_kw={"width_ratios": [3, 2]})
    x = range(len(periods))
    coop = [p["cooperation"] for p in profile["periods"]]
    conflict = [-p["conflict"] for p in profile["periods"]]
    ax.bar(x, coop, color=QUAD_COLOURS[2], label="cooperation (quad 1-2)")
    ax.bar(x, conflict, color=QUAD_COLOURS[4], label="conflict (quad 3-4, below zero)")
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xticks(list(x))
    ax.set_xticklabels(periods, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("events as source")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_title("Balance over time", loc="left", fontsize=11)
    top = profile["counterparts"][:12][::-1]
    names = [c["counterpart"] or "(none)" for c in top]
    bx.barh(names, [c["cooperation"] for c in top], color=QUAD_COLOURS[2])
    bx.barh(names, [-c["conflict"] for c in top], color=QUAD_COLOURS[4])
    bx.axvline(0, color="#555555", linewidth=0.8)
    bx.set_title("Counterparts: cooperation | conflict", loc="left", fontsize=11)
    fig.suptitle(f"Actor {profile['actor']}", fontsize=13)
    fig.tight_layout()
    return _save(plt, fig, out)


def flags_chart(flags: Sequence, out: str | Path) -> Path:
    """One row per flag, its evidence events on a time line, coloured by quad class."""
    import datetime as dt

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(11, 1.2 + 0.55 * max(len(flags), 1)))
    labels = []
    for row, f in enumerate(flags):
        labels.append(f"[{f.kind}] {f.actor}")
        for e in f.evidence:
            try:
                day = dt.date.fromisoformat(str(e["date"])[:10])
            except (TypeError, ValueError):
                continue
            ax.scatter([day], [row], color=QUAD_COLOURS.get(e.get("quad_class"), "#777777"), s=36, zorder=3)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_ylim(-0.7, max(len(labels), 1) - 0.3)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd")
    for q, name in QUAD_NAMES.items():
        ax.scatter([], [], color=QUAD_COLOURS[q], label=name)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4, fontsize=8, frameon=False)
    ax.set_title("Flags and their evidence events", loc="left", fontsize=11)
    fig.autofmt_xdate()
    fig.tight_layout()
    return _save(plt, fig, out)
