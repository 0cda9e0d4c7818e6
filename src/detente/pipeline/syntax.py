"""Dependency labels and function words the grammar's constructions share."""
from __future__ import annotations

SUBJ_DEPS = {"nsubj", "csubj", "expl"}
OBJ_DEPS = ("dobj", "dative", "attr", "oprd")
# Prepositions whose object may be an event's target ("sent aid to", "clashed with", "sanctions on").
TARGET_PREPS = ("to", "with", "against", "on", "upon", "into", "toward", "towards", "at", "from", "over",
                "between", "among", "onto", "inside", "across", "for", "of", "about", "near")
# Prepositions of place ("in Tel Aviv", "near Samarra").
LOCATION_PREPS = {"in", "at", "near", "inside", "across", "outside", "around", "throughout", "along"}
TEMPORAL_ENTS = {"DATE", "TIME"}
