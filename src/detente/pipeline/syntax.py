"""Dependency labels and function words the grammar's constructions share, and the one way stages find
tokens by their attributes in a document's arrays."""
from __future__ import annotations

from typing import Iterable

SUBJ_DEPS = {"nsubj", "csubj", "expl"}
OBJ_DEPS = ("dobj", "dative", "attr", "oprd")
# Prepositions whose object may be an event's target ("sent aid to", "clashed with", "sanctions on").
TARGET_PREPS = ("to", "with", "against", "on", "upon", "into", "toward", "towards", "at", "from", "over",
                "between", "among", "onto", "inside", "across", "for", "of", "about", "near")
# Prepositions of place ("in Tel Aviv", "near Samarra").
LOCATION_PREPS = {"in", "at", "near", "inside", "across", "outside", "around", "throughout", "along"}
TEMPORAL_ENTS = {"DATE", "TIME"}


def where_in(column: Iterable[int], values: frozenset[int] | set[int]) -> list[int]:
    """Indexes of a document array's column (string hashes: `doc.to_array(LOWER)`) whose value is one of
    `values`. A set lookup per token: for the few hundred tokens of a news report cheaper than numpy.isin,
    which sorts."""
    return [i for i, h in enumerate(column) if h in values]
