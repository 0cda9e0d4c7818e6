"""The coder's pipeline: stages that each read and set fields of one context per document.

A parsed document goes through these stages once each, in this order (`build_stages`):

1. `actor_mentions` (actor_mentions.py): dictionary strings found, sentences listed, the mention history
   started (the resolver it holds turns a noun phrase into an actor for every later stage);
2. `clause_events` (clause_events.py): the grammar, sentence by sentence: sport check, predicate events
   (predicates.py, arguments.py, targets.py, modality.py, predicate_events.py), nominal events
   (nominal_events.py);
3. `pairs` (pairs.py): one (source, target) pair per record, reciprocal for mutual acts of compound subjects;
4. `countries` (countries.py): bare sectors get a country; no actor is its own target;
5. `event_records` (event_records.py): pairs become `Event` records (CAMEO, Goldstein, PLOVER, trigger);
6. `dates` (dates.py): each event's date from its clause;
7. `places` (places.py): place mentions and each event's location;
8. `attribution` (attribution.py): quotes and reported speech; events inside them are claims;
9. `speech_acts` (speech_acts.py): what is said as an act of the speaker ("X is criminal", the speaker
   said: criticism of X), from the expressions of speech.yaml (speech_roles.py: where the words are and
   whom they aim at; speech_denials.py: denials; speech_words.py: what they share);
10. `conflicts` (conflicts.py): the conflicts the document reports; an offer to mediate or a call for
   talks with no target is aimed at the parties of the conflict (never a side the actor arms);
11. `context_targets` (context_targets.py): an act with no target takes the one the story implies (another
   act's other side in its sentence or just before, else the source's main counterpart), marked inferred;
12. `restatements` (restatements.py): one record per act: a sentence's events with the same code between
   the same sides are one;
13. `mentions` (mentions.py): every actor mention, in text order;
14. `unknown_names` (unknown_names.py): the proper names that resolved to no actor (changes nothing else).

Each stage declares `requires` and `assigns` (context fields, see context.py); `check_order` fails when
a stage would read a field no earlier stage sets. Stages keep no state between documents.
"""
from __future__ import annotations

from ..cameo import CameoTable
from ..lexicon import Lexicon
from .actor_mentions import ActorMentions, ActorResolver
from .attribution import Attribution, QuoteFinder
from .clause_events import ClauseEvents
from .conflicts import ConflictContext
from .context_targets import ContextTargets
from .restatements import Restatements
from .context import DocContext
from .countries import CountryFill
from .dates import Dating
from .event_records import EventRecords
from .mentions import Mentions
from .pairs import ActorPairs
from .places import Locating, PlaceFinder
from .speech_acts import SpeechActs
from .unknown_names import THING_CLASSES, UnknownNames
from .stage import PipelineOrderError, Stage, check_order

__all__ = ["build_stages", "check_order", "DocContext", "PipelineOrderError", "Stage"]


def build_stages(lexicon: Lexicon, resolver: ActorResolver, cameo: CameoTable, vocab, *, dates: bool = True,
                 places: bool = True, quotes: bool = True) -> list[Stage]:
    """The stages in their order; `dates`, `places` and `quotes` switch those stages off (events then keep
    the document date, no location, no attribution and no speech acts)."""
    stages: list[Stage] = [ActorMentions(resolver), ClauseEvents(lexicon, resolver), ActorPairs(lexicon),
                           CountryFill(lexicon), EventRecords(cameo)]
    if dates:
        stages.append(Dating(lexicon))
    if places:
        stages.append(Locating(PlaceFinder(not_places=frozenset(lexicon.conflict_nouns))))
    if quotes:
        stages.append(Attribution(QuoteFinder(resolver, lexicon.reporting_verbs, vocab,
                                              frozenset(lexicon.statement_nouns))))
        stages.append(SpeechActs(lexicon, resolver, cameo, vocab))
    things = frozenset(w for c in THING_CLASSES for w in lexicon.classes.get(c, ()) if " " not in w)
    stages += [ConflictContext(lexicon, resolver, vocab), ContextTargets(lexicon), Restatements(frozenset(lexicon.topic_verbs)),
               Mentions(resolver, vocab), UnknownNames(resolver, things)]
    check_order(stages)
    return stages
