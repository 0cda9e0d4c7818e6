"""The event lexicon: verb patterns, noun classes, nominal triggers and modality tables (data/lexicon/*.yaml).

Verb patterns are a lemma plus cue words ("provide {weapon} to" is lemma `provide`, cues `{weapon}` and `to`).
A predicate matches a pattern when every cue is among the words around it (particles, prepositions, the
lemmas of its objects and their modifiers); the pattern with the most cues wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

try:  # libyaml's loader is several times faster when present
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader

from .cache import cached, file_parts, make_key, source_digest
from .cameo import CameoTable, cameo_table
from .errors import DataFileError

CLASS_RE = re.compile(r"^\{(\w+)\}$")
CONTROL_KINDS = {"intent", "appeal", "demand", "reject", "threaten", "attempt", "same", "negate"}
TRANSFORM_KINDS = {"intent", "appeal", "demand", "reject", "threaten", "attempt", "future", "negation", "armed",
                   "resistance",
                   "repression", "untargeted", "armed_target"}
SAME = "same"
# Prepositions that follow the head noun in a nominal trigger ("expulsion of diplomat", "operation against").
NOUN_PREPS = {"of", "against", "on", "into", "by", "between", "over"}
# Sections of modality.yaml (and of user lexicon files) that are plain word lists, by attribute.
WORD_SETS = {
    "object_control": "object_control", "clause_control": "clause_control", "future_auxiliaries": "future_aux",
    "conditional_auxiliaries": "conditional_aux", "reporting_verbs": "reporting_verbs",
    "place_target_roots": "place_target_roots", "location_target_roots": "location_target_roots",
    "stative": "stative", "target_classes": "target_classes", "light_verbs": "light_verbs",
    "decision_verbs": "decision_verbs", "sports_words": "sports_words", "transfer_verbs": "transfer_verbs",
    "self_directed": "self_directed", "border_nouns": "border_nouns", "mutual_codes": "mutual_codes",
    "agentless_acts": "agentless_acts", "pair_nouns": "pair_nouns", "conflict_nouns": "conflict_nouns",
    "context_target_codes": "context_target_codes", "untargeted_codes": "untargeted_codes",
    "unnamed_governments": "unnamed_governments",
    "announcing_verbs": "announcing_verbs",
    "labelling_verbs": "labelling_verbs", "copular_verbs": "copular_verbs", "claim_nouns": "claim_nouns",
    "denial_verbs": "denial_verbs", "likening_verbs": "likening_verbs", "statement_nouns": "statement_nouns",
    "act_nouns": "act_nouns", "appeal_verbs": "appeal_verbs", "reaction_verbs": "reaction_verbs",
    "armed_sectors": "armed_sectors", "insurgent_sectors": "insurgent_sectors", "security_sectors": "security_sectors", "civilian_sectors": "civilian_sectors",
    "background_modifiers": "background_modifiers", "trend_nouns": "trend_nouns",
    "background_preps": "background_preps", "test_weapons": "test_weapons", "topic_verbs": "topic_verbs",
    "standing_labels": "standing_labels", "departure_orders": "departure_orders",
    "departure_verbs": "departure_verbs", "outbreak_verbs": "outbreak_verbs",
    "undergoing": "undergoing",
    "fought_with": "fought_with",
}
# Sections that map a word to one of a few kinds.
WORD_KINDS = {
    "control": ("control", CONTROL_KINDS),
    "control_nouns": ("control_nouns", CONTROL_KINDS),
    "domestic_targets": ("domestic_targets", {"government", "population"}),
}
# Sections that map a word to a CAMEO code.
WORD_CODES = {"mutual_verbs": "mutual_verbs", "visitor_verbs": "visitor_verbs"}
# Roles of speech.yaml's expressions: which words of a statement name the act's target (speech_acts.py).
SPEECH_ROLES = ("said_of", "done_by", "warned", "response", "denial", "rallied")
SECTIONS = set(WORD_SETS) | set(WORD_KINDS) | set(WORD_CODES) | {"classes", "triggers", "predicates", "transforms",
                                                                 "speech", "speech_negation", "means"}


@dataclass(frozen=True)
class Pattern:
    text: str
    lemma: str
    cues: tuple[str, ...]
    code: str | None  # None: "not an event"


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    means: dict[str, list[Pattern]] = field(default_factory=dict)  # weapons that make an attack specific
    _ranking: dict[int, tuple[int, list]] = field(default_factory=dict, init=False, repr=False, compare=False)
    classes: dict[str, set[str]] = field(default_factory=dict)
    control: dict[str, str] = field(default_factory=dict)
    object_control: set[str] = field(default_factory=set)
    clause_control: set[str] = field(default_factory=set)
    future_aux: set[str] = field(default_factory=set)
    conditional_aux: set[str] = field(default_factory=set)
    reporting_verbs: set[str] = field(default_factory=set)
    place_target_roots: set[str] = field(default_factory=set)
    stative: set[str] = field(default_factory=set)
    domestic_targets: dict[str, str] = field(default_factory=dict)
    target_classes: set[str] = field(default_factory=set)
    light_verbs: set[str] = field(default_factory=set)
    decision_verbs: set[str] = field(default_factory=set)
    sports_words: set[str] = field(default_factory=set)
    transfer_verbs: set[str] = field(default_factory=set)
    self_directed: set[str] = field(default_factory=set)
    border_nouns: set[str] = field(default_factory=set)
    control_nouns: dict[str, str] = field(default_factory=dict)
    location_target_roots: set[str] = field(default_factory=set)
    mutual_codes: set[str] = field(default_factory=set)
    agentless_acts: set[str] = field(default_factory=set)
    pair_nouns: set[str] = field(default_factory=set)
    conflict_nouns: set[str] = field(default_factory=set)
    context_target_codes: set[str] = field(default_factory=set)
    untargeted_codes: set[str] = field(default_factory=set)
    unnamed_governments: set[str] = field(default_factory=set)
    announcing_verbs: set[str] = field(default_factory=set)
    mutual_verbs: dict[str, str] = field(default_factory=dict)
    visitor_verbs: dict[str, str] = field(default_factory=dict)
    transforms: dict[str, dict[str, str | None]] = field(default_factory=dict)
    speech: dict[str, dict[str, list[Pattern]]] = field(default_factory=dict)  # role -> head lemma -> patterns
    speech_negation: dict[str, str | None] = field(default_factory=dict)
    labelling_verbs: set[str] = field(default_factory=set)
    copular_verbs: set[str] = field(default_factory=set)
    claim_nouns: set[str] = field(default_factory=set)
    denial_verbs: set[str] = field(default_factory=set)
    likening_verbs: set[str] = field(default_factory=set)
    statement_nouns: set[str] = field(default_factory=set)
    act_nouns: set[str] = field(default_factory=set)
    appeal_verbs: set[str] = field(default_factory=set)
    reaction_verbs: set[str] = field(default_factory=set)
    armed_sectors: set[str] = field(default_factory=set)
    insurgent_sectors: set[str] = field(default_factory=set)
    security_sectors: set[str] = field(default_factory=set)
    civilian_sectors: set[str] = field(default_factory=set)
    background_modifiers: set[str] = field(default_factory=set)
    trend_nouns: set[str] = field(default_factory=set)
    background_preps: set[str] = field(default_factory=set)
    test_weapons: set[str] = field(default_factory=set)
    topic_verbs: set[str] = field(default_factory=set)
    standing_labels: set[str] = field(default_factory=set)
    departure_orders: set[str] = field(default_factory=set)
    departure_verbs: set[str] = field(default_factory=set)
    outbreak_verbs: set[str] = field(default_factory=set)
    undergoing: set[str] = field(default_factory=set)
    fought_with: set[str] = field(default_factory=set)

    # ---- loading -------------------------------------------------------------------------------
    @classmethod
    def default(cls, extra: Iterable[str | Path] = ()) -> "Lexicon":
        """The built-in lexicon with the user's files `extra` layered over it: from the compiled-data cache
        when it has it (cache.py), else read from the YAML files."""
        extra = tuple(extra)
        return cached("lexicon", lexicon_key(extra), lambda: cls.read(extra))

    @classmethod
    def read(cls, extra: Iterable[str | Path] = ()) -> "Lexicon":
        """The built-in lexicon and the files `extra`, read from their YAML and checked (no cache)."""
        lex = cls()
        for name, data in builtin_files():
            lex.load_text(data.decode("utf-8"), f"detente/data/lexicon/{name}")
        for path in extra:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                raise DataFileError(str(path), "file", f"cannot read: {err}") from None
            lex.load_text(text, str(path))
        lex.validate(cameo_table())
        return lex

    def __getstate__(self) -> dict:
        # the ranked buckets are keyed by the id of each bucket: not kept (they are made again on first use)
        return {**self.__dict__, "_ranking": {}}

    def load_text(self, text: str, path: str) -> None:
        try:
            data = yaml.load(text, Loader=SafeLoader) or {}
        except yaml.YAMLError as err:
            raise DataFileError(path, "YAML", str(err).replace("\n", " ")) from None
        if not isinstance(data, dict):
            raise DataFileError(path, "top level", "expected a mapping")
        if not set(data) & SECTIONS:  # a plain verbs file: pattern -> code
            self._add_patterns(data, self.verbs, path)
            return
        unknown = set(data) - SECTIONS
        if unknown:
            raise DataFileError(path, "top level", f"unknown sections {sorted(unknown)}")
        for name, words in (data.get("classes") or {}).items():
            self.classes.setdefault(str(name), set()).update(" ".join(str(w).lower().split()) for w in words or [])
        self._add_patterns(data.get("triggers") or {}, self.nouns, path, nominal=True)
        self._add_patterns(data.get("means") or {}, self.means, path, nominal=True)
        self._add_patterns(data.get("predicates") or {}, self.verbs, path)
        for section, attribute in WORD_SETS.items():
            getattr(self, attribute).update(str(w) for w in data.get(section) or [])
        for section, (attribute, allowed) in WORD_KINDS.items():
            for word, kind in (data.get(section) or {}).items():
                if kind not in allowed:
                    raise DataFileError(path, f"{section} {word}", f"must be one of {sorted(allowed)}")
                getattr(self, attribute)[str(word)] = kind
        for section, attribute in WORD_CODES.items():
            for word, code in (data.get(section) or {}).items():
                if not str(code).isdigit():
                    raise DataFileError(path, f"{section} {word}", f"code must be a quoted CAMEO code string, got {code!r}")
                getattr(self, attribute)[str(word)] = str(code)
        for role, patterns in (data.get("speech") or {}).items():
            if role not in SPEECH_ROLES:
                raise DataFileError(path, f"speech {role}", f"role must be one of {list(SPEECH_ROLES)}")
            self._add_patterns(patterns or {}, self.speech.setdefault(role, {}), path)
        for k, v in (data.get("speech_negation") or {}).items():
            self.speech_negation[str(k)] = None if v is None else str(v)
        for kind, table in (data.get("transforms") or {}).items():
            if kind not in TRANSFORM_KINDS:
                raise DataFileError(path, f"transforms {kind}", f"kind must be one of {sorted(TRANSFORM_KINDS)}")
            self.transforms.setdefault(kind, {}).update(
                {str(k): (None if v is None else str(v)) for k, v in (table or {}).items()})

    def _add_patterns(self, data: dict, into: dict[str, list[Pattern]], path: str, nominal: bool = False) -> None:
        for key, code in data.items():
            words = str(key).lower().split()
            if not words:
                raise DataFileError(path, repr(key), "empty pattern")
            if nominal and len(words) > 1:
                # nouns are written as they read: modifiers before the head ("peace talk"), or head + a
                # preposition + object ("expulsion of diplomat", "operation against"); the head goes first
                prep = next((i for i, w in enumerate(words) if i > 0 and w in NOUN_PREPS), None)
                head = prep - 1 if prep is not None else len(words) - 1
                words = [words[head]] + words[:head] + words[head + 1:]
            if code is not None:
                code = str(code)
                if not code.isdigit():
                    raise DataFileError(path, repr(key), f"code must be a quoted CAMEO code string, got {code!r}")
            pat = Pattern(" ".join(str(key).lower().split()), words[0], tuple(words[1:]), code)
            bucket = into.setdefault(words[0], [])
            bucket[:] = [p for p in bucket if p.cues != pat.cues]  # later files override
            bucket.append(pat)

    def validate(self, table: CameoTable) -> None:
        speech = [bucket for role in self.speech.values() for bucket in role.values()]
        for bucket in list(self.verbs.values()) + list(self.nouns.values()) + list(self.means.values()) + speech:
            for p in bucket:
                if p.code is not None and p.code not in table:
                    raise DataFileError("lexicon", repr(p.text), f"unknown CAMEO code {p.code}")
                for cue in p.cues:
                    m = CLASS_RE.match(cue)
                    if m and m.group(1) not in self.classes:
                        raise DataFileError("lexicon", repr(p.text), f"undefined noun class {cue}")
        for section in WORD_CODES:
            for word, code in getattr(self, WORD_CODES[section]).items():
                if code not in table:
                    raise DataFileError("lexicon", f"{section} {word}", f"unknown CAMEO code {code}")
        for k, v in self.speech_negation.items():
            if v is not None and v not in table:
                raise DataFileError("lexicon", f"speech_negation {k}", f"unknown CAMEO code {v}")
        for kind, tab in self.transforms.items():
            for k, v in tab.items():
                if v not in (None, SAME) and v not in table:
                    raise DataFileError("lexicon", f"transforms {kind} {k}", f"unknown CAMEO code {v}")

    # ---- matching ------------------------------------------------------------------------------
    def best(self, patterns: list[Pattern] | None, bag: set[str]) -> Pattern | None:
        """The pattern with the most cues all present in the bag (the first such, in file order)."""
        if not patterns:
            return None
        for p, cues in self._ranked(patterns):
            if all(not word.isdisjoint(bag) if isinstance(word, (set, frozenset)) else word in bag
                   for word in cues):
                return p
        return None

    def _ranked(self, patterns: list[Pattern]) -> list[tuple[Pattern, tuple]]:
        """A bucket's patterns, most cues first (file order among equals), each with its cues as words
        or class word sets; made once per bucket (again if a lexicon file added patterns to it)."""
        key = id(patterns)
        cached = self._ranking.get(key)
        if cached is None or cached[0] != len(patterns):
            ranked = sorted(patterns, key=lambda p: -len(p.cues))
            compiled = []
            for p in ranked:
                cues = []
                for c in p.cues:
                    m = CLASS_RE.match(c)
                    cues.append(self.classes[m.group(1)] if m else c)
                compiled.append((p, tuple(cues)))
            cached = self._ranking[key] = (len(patterns), compiled)
        return cached[1]

    def match_verb(self, lemma: str, bag: set[str]) -> Pattern | None:
        patterns = self.verbs.get(lemma)
        if lemma.startswith("re") and len(lemma) > 5 and lemma[2:] in self.verbs:
            # "reimposed", "redeployed", "reopened": the verb's own patterns, then the base verb's
            own = self.best(patterns, bag)
            return own if own is not None else self.best(self.verbs[lemma[2:]], bag)
        return self.best(patterns, bag)

    def match_noun(self, lemma: str, bag: set[str]) -> Pattern | None:
        return self.best(self.nouns.get(lemma), bag)

    def match_means(self, lemma: str, bag: set[str]) -> Pattern | None:
        """The attack a weapon noun makes of a generic one ("drones struck": a drone strike)."""
        return self.best(self.means.get(lemma), bag)

    def mutual(self, code: str) -> bool:
        """Is this an act two sides do together (talks, agreements, fighting)?"""
        return any(code.startswith(prefix) for prefix in self.mutual_codes)
    def match_speech(self, role: str, lemma: str, bag: set[str]) -> Pattern | None:
        """The speech expression of a role (speech.yaml) headed by this lemma whose cues are in the bag."""
        return self.best(self.speech.get(role, {}).get(lemma), bag)

    def speech_negated(self, code: str) -> str | None:
        """The code of a negated evaluation ("is not legitimate": 111), or None (no act)."""
        for n in range(len(code), 1, -1):
            if code[:n] in self.speech_negation:
                return self.speech_negation[code[:n]]
        return self.speech_negation.get("*")

    def in_class(self, word: str, name: str) -> bool:
        return word in self.classes.get(name, ())

    def transform(self, kind: str, code: str) -> str | None:
        """Apply a modality transform to a code; longest matching prefix wins."""
        table = self.transforms.get(kind, {})
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                out = table[code[:n]]
                return code if out == SAME else out
        out = table.get("*", SAME)
        return code if out == SAME else out


BUILTIN_FILES = ("nouns.yaml", "verbs.yaml", "modality.yaml", "contexts.yaml", "speech.yaml")  # in this order


def builtin_files() -> list[tuple[str, bytes]]:
    """The built-in lexicon files (data/lexicon), in the order they are read, with their contents."""
    folder = resources.files("detente").joinpath("data/lexicon")
    return [(name, folder.joinpath(name).read_bytes()) for name in BUILTIN_FILES if folder.joinpath(name).is_file()]


def lexicon_key(extra: tuple[str | Path, ...]) -> str | None:
    """The key of the lexicon's cache entry: the code that reads it, the CAMEO table it is checked against,
    the built-in files and the user's files (None when one of these cannot be read)."""
    try:
        parts: list[bytes | str] = [source_digest("lexicon.py", "cameo.py", "data/cameo.tsv")]
        for name, data in builtin_files():
            parts += [name, data]
    except OSError:
        return None
    own = file_parts(extra)
    return None if own is None else make_key("lexicon", parts + own)
