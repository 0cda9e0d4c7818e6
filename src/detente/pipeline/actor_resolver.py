"""Resolving noun phrases to actors. A noun phrase codes as an actor by composing what its words say: a
dictionary entry at its head ("Sergey Lavrov", "NATO", "Ankara"), a country given by a modifier
("Turkish", "Russia's") and a sector given by an agent noun ("troops" -> MIL, "foreign minister" -> GOV):
"Ukrainian troops" -> UKRMIL. A definite noun phrase with no country refers back: a body ("the ministry",
"the militia", data/actors/bodies.yaml) to the nearest body of that noun or sector the document named with
a country, a title ("the minister") to the last person of that sector; pronouns to their antecedents."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from spacy.tokens import Doc, Span, Token

from ..actor_dictionary import (
    KIND_ADJECTIVE, KIND_CAPITAL, KIND_COUNTRY, KIND_DEMONYM, KIND_ORG, KIND_PERSON, KIND_PLACE, KIND_SEAT,
    ActorDictionary, Match, person_code,
)
from ..actor_dictionary import dictionary_parts
from ..cache import cached, make_key, source_digest
from ..records import Actor
from . import learned_names
from .actor_words import (COUNTERPART_HEADS, CORE_DEPS, GENERIC_PERSONS, KIND_ORDER, OF_PREPS, PARTITIVE_HEADS,
                          PATRON_WORDS, PRONOUNS, PRONOUNS_PERSON, PRONOUNS_PLURAL, PRONOUNS_THING, SIDE_MODIFIERS,
                          SIDE_NOUNS, SPEAKER_HEADS,
                          ends)
from .mention_history import History, Mention

OBJECT_PRONOUNS = {"him", "her", "them"}


def tokenizer_id(nlp) -> str:
    """What the words of a dictionary string depend on: spaCy's version, the pipeline's name and version and
    its tokenizer's rules (for the key of a cache entry)."""
    import spacy

    tok = nlp.tokenizer
    meta = nlp.meta
    patterns = [getattr(getattr(tok, name, None), "__self__", None) for name in
                ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")]
    return repr((spacy.__version__, meta.get("lang"), meta.get("name"), meta.get("version"), type(tok).__name__,
                 len(getattr(tok, "rules", None) or ()), [getattr(p, "pattern", None) for p in patterns]))


class ActorResolver:
    """Finds dictionary matches in a Doc and resolves noun-phrase heads to Actor records."""

    def __init__(self, dictionary: ActorDictionary, tokenize: Callable[[str], list[str]]):
        self.dictionary = dictionary
        self.index: dict[str, list[tuple[tuple[str, ...], list]]] = {}
        tokenized = [(phrase, tuple(tokenize(phrase)), self._prefer(entries))
                     for phrase, entries in dictionary.phrases.items()]
        for phrase, words, preferred in tokenized:
            if words:
                self.index.setdefault(words[0], []).append((words, preferred))
        for phrase, words, preferred in tokenized:  # other spellings, where the dictionary has none
            if not words:
                continue
            if words[0][:1].islower() and words[0][:1].upper() != words[0][:1]:
                # "al-Shabaab", "the West" also open a sentence or a headline: "Al-Shabaab", "The West"
                self._add_variant((words[0][:1].upper() + words[0][1:],) + words[1:], preferred)
            elif len(words) == 1 and len(phrase) >= 4 and phrase.isupper() and phrase.isalpha() \
                    and preferred[1] == KIND_ORG:
                self._add_variant((phrase.capitalize(),), preferred)  # "FRELIMO" is also written "Frelimo"
        for bucket in self.index.values():
            bucket.sort(key=lambda item: -len(item[0]))
        # agent phrases by their last word, longest first ("foreign minister" before "minister")
        self.agents: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, sector in dictionary.agents.items():
            words = tuple(phrase.split())
            self.agents.setdefault(words[-1], []).append((words, sector))
        for bucket in self.agents.values():
            bucket.sort(key=lambda item: -len(item[0]))
        # agent phrases with "of" ("chief of staff"), by the last word before "of": (before, after, sector)
        self.of_agents: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
        for phrase, sector in dictionary.agents.items():
            if " of " in phrase:
                before, after = phrase.split(" of ", 1)
                words = tuple(before.split())
                self.of_agents.setdefault(words[-1], []).append(
                    (words, tuple(w for w in after.split() if w != "the"), sector))
        # words of titles, never taken for part of a person's name ("Foreign", "Minister")
        self.title_words = {w for phrase in dictionary.agents for w in phrase.split()}

    @classmethod
    def compiled(cls, actor_files: tuple[str, ...], nlp) -> "ActorResolver":
        """The resolver of the built-in dictionaries and the user's `actor_files`, their strings split into
        words by `nlp`'s tokenizer: from the compiled-data cache when it has it (cache.py), else built."""
        tokenizer = nlp.tokenizer

        def build() -> "ActorResolver":
            return cls(ActorDictionary.read(actor_files), lambda s: [t.text for t in tokenizer(s)])

        parts = dictionary_parts(actor_files)
        try:
            key = None if parts is None else make_key(
                "resolver", [*parts, source_digest("pipeline/actor_resolver.py", "pipeline/actor_words.py"),
                             tokenizer_id(nlp)])
        except Exception:  # noqa: BLE001 - a pipeline whose tokenizer cannot be told apart: built, not cached
            key = None
        return cached("resolver", key, build)

    def _add_variant(self, words: tuple[str, ...], preferred: tuple) -> None:
        """Indexes another spelling of a dictionary string unless the dictionary has that spelling."""
        bucket = self.index.setdefault(words[0], [])
        if all(w != words for w, _ in bucket):
            bucket.append((words, preferred))

    # ---- dictionary matches --------------------------------------------------------------------
    def find_matches(self, doc: Doc) -> dict[int, Match]:
        """Greedy longest matches of dictionary strings; returns token index -> Match for each covered token."""
        by_token: dict[int, Match] = {}
        texts = [t.text for t in doc]
        i, n = 0, len(texts)

        def longest(i: int):
            for words, entries in self.index.get(texts[i], ()):
                k = len(words)
                if i + k <= n and tuple(texts[i:i + k]) == words:
                    return k, entries
            return None

        while i < n:
            found = longest(i)
            if found and texts[i].lower() == "the" and i + 1 < n:
                # "the West" must not take "West Bank" from "the West Bank": a string after the article
                # that reaches further wins
                inner = longest(i + 1)
                if inner and inner[0] + 1 > found[0]:
                    found = None
            if found:
                k, entries = found
                entry, kind = entries  # the preferred reading, chosen when the index was built
                m = Match(i, i + k, entry, kind)
                for j in range(i, i + k):
                    by_token[j] = m
                i += k
            else:
                i += 1
        return by_token

    def learn(self, doc: Doc, matches: dict[int, Match], day: dt.date | None, history: History) -> None:
        """Adds to `matches` the actors the document names for itself (see learned_names.py)."""
        learned_names.learn(self, doc, matches, day, history)

    @staticmethod
    def _prefer(entries: list) -> tuple:
        """Of several readings of one string, people and organisations before countries and places."""
        return min(entries, key=lambda ek: KIND_ORDER.get(ek[1], 9))

    # ---- agent nouns ---------------------------------------------------------------------------
    def sector_of(self, head: Token) -> tuple[str | None, int]:
        """Sector from an agent noun ending at `head` (with its compounds/amods); returns (sector, first token)."""
        words = [t for t in head.lefts if t.dep_ in ("compound", "amod")] + [head]
        lemmas = [t.lemma_.lower() for t in words]
        texts = [t.text.lower() for t in words]
        mixed = texts[:-1] + lemmas[-1:]  # "rights groups": the modifiers as written, the head as a lemma
        owner = next((t for t in head.lefts if t.dep_ == "poss" and t.pos_ == "NOUN"
                      and any(c.dep_ == "case" for c in t.children)), None)
        if owner is not None:  # "the chief prosecutor's office": an agent phrase with a possessive
            for phrase, sector in self.agents.get(lemmas[-1], []):
                if phrase == (owner.lemma_.lower() + "'s", lemmas[-1]):
                    return sector, owner.i
        for cand in (lemmas, texts, mixed):
            for phrase, sector in self.agents.get(cand[-1], []):
                k = len(phrase)
                if k <= len(cand) and tuple(cand[-k:]) == phrase:
                    if k == 1 and lemmas[-1] in SIDE_NOUNS and any(w in SIDE_MODIFIERS for w in lemmas[:-1]):
                        return None, head.i  # "relevant parties", "the warring parties": sides, not parties
                    if k == 1 and lemmas[-1] in GENERIC_PERSONS:
                        # "police recruits", "army officers": the organisation names the sector
                        for mod in reversed(words[:-1]):
                            inner = self.agents.get(mod.lemma_.lower()) or self.agents.get(mod.lower_)
                            own = [s for p, s in inner or [] if len(p) == 1]
                            if own:
                                return own[0], mod.i
                    return sector, words[-k].i
        return None, head.i

    def of_phrase(self, head: Token) -> tuple[str, Token] | None:
        """An agent phrase with "of" headed here ("chief of staff", "ministry of the interior"): its sector
        and the noun after "of"."""
        options = self.of_agents.get(head.lemma_.lower()) or self.of_agents.get(head.lower_)
        if not options:
            return None
        before = [t for t in head.lefts if t.dep_ in ("compound", "amod")] + [head]
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                after = [t for t in obj.lefts if t.dep_ in ("compound", "amod")] + [obj]
                for words, tail, sector in options:
                    if ends(before, words) and ends(after, tail) and len(after) == len(tail):
                        return sector, obj
        return None

    # ---- resolving noun phrases ----------------------------------------------------------------
    def core(self, head: Token) -> list[Token]:
        out = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in CORE_DEPS or (c.dep_ == "appos" and t.i == head.i and not listed(c)):
                    out.append(c)
                    stack.append(c)
        return sorted(out, key=lambda t: t.i)

    def resolve(self, head: Token, matches: dict[int, Match], day: dt.date | None,
                history: "History | None", depth: int = 0) -> Actor | None:
        """The actor a noun phrase with this head names, or None. Within a document (a History) the
        answer for a head is found once: the grammar, the quotes and the mentions ask again."""
        if history is None:
            return self._resolve(head, matches, day, history, depth)
        key = (head.i, depth)
        if key not in history.resolved:
            history.resolved[key] = self._resolve(head, matches, day, history, depth)
        return history.resolved[key]

    def _resolve(self, head: Token, matches: dict[int, Match], day: dt.date | None,
                 history: "History | None", depth: int = 0) -> Actor | None:
        if head.i not in matches and not (head.text.isupper() and len(head.text) > 1) and (
                head.lower_ in PRONOUNS and head.pos_ == "PRON" or head.tag_ == "PRP$"):
            return self.resolve_pronoun(head, history)  # ("US" is not "us")
        if head.tag_ in ("WP", "WDT") or head.lower_ in ("who", "which", "that"):
            # relative pronoun: the noun the relative clause modifies
            clause = head.head
            while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ in ("relcl", "acl"):
                return self.resolve(clause.head, matches, day, history, depth + 1)
            return None
        tokens = self.core(head)
        doc = head.doc
        span = doc[tokens[0].i: tokens[-1].i + 1]
        head_match = matches.get(head.i)
        of = self.of_phrase(head)  # "the chief of staff of the Nigerian army"
        sector = of[0] if of is not None else self.sector_of(head)[0]
        if head_match is None:
            # "Sergey Lavrov, Russia's foreign minister": an apposition naming the principal
            for t in head.children:
                if t.dep_ == "appos" and t.i in matches and matches[t.i].kind in (KIND_PERSON, KIND_ORG):
                    head_match = matches[t.i]
                    break
            if head_match is None and head.pos_ == "PROPN" and depth < 2:
                # "Agnes Callamard, secretary general of Amnesty International": the apposition says who
                for t in head.children:
                    if t.dep_ == "appos":
                        described = self.resolve(t, matches, day, history, depth + 1)
                        if described is not None:
                            return self._actor(span, described.code, described.country, described.sector,
                                               described.name)
        ethnic = any(t.lower_ in ("ethnic", "local") for t in tokens)
        if ethnic and head_match is not None and head_match.kind in (KIND_DEMONYM, KIND_ADJECTIVE):
            # "ethnic Albanians in Macedonia", "local Serbs": a minority or residents, not the kin state; the
            # place decides
            return self._actor(span, sector or "CVL", None, sector or "CVL", None)
        if head_match is not None and head_match.kind == KIND_DEMONYM and depth < 2:
            place = self._place_of(head, matches)
            if place is not None and place != head_match.entry.code:
                # "the Albanians of southern Serbia", "the Kurds in Iraq": a group where it lives
                return self._actor(span, place + (sector or "CVL"), place, sector or "CVL", None)
        if head_match is not None and head_match.kind not in (KIND_ADJECTIVE,):
            return self.from_match(head_match, span, day, sector)
        # No entry at the head: compose country (modifiers) and sector (agent noun).
        country, org, owner = None, None, None
        for t in tokens:  # "its forces": the possessive pronoun gives the country, unless a modifier names one
            if t.i != head.i and t.dep_ == "poss" and t.lower_ in PRONOUNS:
                owner = self.resolve_pronoun(t, history)
        for t in reversed(tokens):
            m = matches.get(t.i)
            if m is None or m is head_match and m.kind != KIND_ADJECTIVE or self._patron(t):
                continue
            if ethnic and m.kind in (KIND_DEMONYM, KIND_ADJECTIVE):
                continue
            if m.kind == KIND_ORG and org is None:
                org = m.entry
            elif m.kind == KIND_PERSON and country is None:
                role, current = m.entry.role_at(day)
                code = person_code(role, current)
                country = code[:3] if code and not code.startswith("IGO") else None
            elif m.kind != KIND_PERSON and country is None:
                country = m.entry.code
        if country is None and owner is not None:
            country = owner.country
        if sector is None:  # "Russian Foreign Minister Ivan Petrovsky", "Congolese army helicopters"
            for t in reversed(tokens):
                if t.i == head.i or t.dep_ != "compound":
                    continue
                sector, _ = self.sector_of(t)
                if sector:
                    break
        if sector is None and owner is not None and head.lemma_.lower() in COUNTERPART_HEADS:
            sector = owner.sector  # "Fidan met his Vietnamese counterpart": a foreign minister too
        if org is not None:
            return self._actor(span, org.code, org.country, org.sector or sector, org.name)
        partitive = head.lemma_.lower() in PARTITIVE_HEADS
        if (country is None or partitive) and depth < 2:
            holders = [head] if of is None else [head, of[1]]
            for prep in (p for holder in holders for p in holder.children):
                if prep.dep_ != "prep" or prep.lower_ not in OF_PREPS or of is not None and prep is of[1].head:
                    continue
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    inner = self.resolve(obj, matches, day, history, depth + 1)
                    if inner is None:
                        continue
                    speaks = prep.lower_ == "of" or prep.lower_ == "for" and head.lemma_.lower() in SPEAKER_HEADS
                    if partitive and speaks and (inner.sector or sector is None):
                        # "leaders of the opposition coalition" are the opposition; "thousands of Iraqi Kurds";
                        # "a spokesperson for China's coast guard" speaks as the coast guard
                        return self._actor(span, inner.code, inner.country, inner.sector, inner.name)
                    if inner.country and (sector or not inner.sector or depth == 0):
                        if sector is None and head.pos_ != "PROPN":
                            # a thing standing for its people or place: "a camp for Congolese refugees",
                            # "targets in Jericho"
                            return inner
                        country = inner.country  # "police in Cairo", "the government of Iraq"
                        break
                if country:
                    break
        definite = history is not None and any(c.lower_ == "the" for c in head.children)
        if definite and country is None and sector is None \
                and head.lemma_.lower() in self.dictionary.international_bodies:
            earlier = history.last_international(head)  # "the bloc" after "the EU"
            if earlier is not None:
                return self._actor(span, earlier.code, earlier.country, earlier.sector, earlier.name)
        if definite and sector is None and self.is_body(head):
            # "the group", "the Lebanese group": the group of that country the document named before
            earlier = history.last_body(head, None, country)
            if earlier is not None:
                return self._actor(span, earlier.code, earlier.country, earlier.sector, earlier.name)
        definite = definite and country is None
        if definite and self.is_body(head):
            # "the ministry said", "the militia fired": the body of that kind the document named before
            earlier = history.last_body(head, sector)
            if earlier is None and sector is not None:  # "the government" after "Georgian Prime Minister X"
                earlier = history.last_person(head, sector)
            if earlier is not None:
                country = earlier.country
        elif definite and sector is not None:
            # "the foreign minister" said ...: the last person of that sector the document named
            earlier = history.last_person(head, sector)
            if earlier is not None:
                return self._actor(span, earlier.code, earlier.country, earlier.sector, earlier.name)
        if country is None and sector is None:
            # "Doe said": a person the document named with a title of no country ("opposition leader Jane Doe")
            known = history.names.get(head.text) if history is not None and head.pos_ == "PROPN" else None
            if known is None:
                return None
            sector = known.sector
        code = (country or "") + (sector or "")
        name = self.dictionary.country(country).name if country and self.dictionary.country(country) else None
        return self._actor(span, code, country, sector, name)

    def is_body(self, head: Token) -> bool:
        """Whether the noun names a body (an institution, force or group) rather than a person."""
        lemma = head.lemma_.lower()
        if lemma in self.dictionary.bodies:
            return True
        first = head.doc[head.i - 1] if head.i else None
        return first is not None and first.head.i == head.i and f"{first.lower_} {lemma}" in self.dictionary.bodies

    @staticmethod
    def _patron(t: Token) -> bool:
        """"Iran" in "the Iran-backed group" names its patron, not the group's country."""
        doc = t.doc
        return t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in PATRON_WORDS

    @staticmethod
    def _place_of(head: Token, matches: dict[int, Match]) -> str | None:
        """The country of a place the noun is "of" or "in" ("the Albanians of southern Serbia")."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from", "inside"):
                for obj in prep.children:
                    m = matches.get(obj.i)
                    if obj.dep_ == "pobj" and m is not None and m.kind in (KIND_COUNTRY, KIND_PLACE, KIND_CAPITAL):
                        return m.entry.code
        return None

    def from_match(self, m: Match, span: Span, day: dt.date | None, sector: str | None) -> Actor | None:
        """The actor a dictionary match names; `sector` comes from an agent noun with it, if any."""
        e = m.entry
        if m.kind == KIND_PERSON:
            role, current = e.role_at(day)
            code = person_code(role, current)
            country = code[:3] if code and not code.startswith(("IGO", "NGO", "IMG")) else None
            sec = code[3:6] if country and len(code) >= 6 else None
            return self._actor(span, code, country, sec, e.name)
        if m.kind == KIND_ORG:
            return self._actor(span, e.code, e.country, e.sector, e.name)
        if m.kind == KIND_SEAT:
            return self._actor(span, e.code + "GOV", e.code, "GOV", e.name)
        if m.kind == KIND_DEMONYM:
            # "the Palestinians" is the country's people; "Palestinian officials" composes with the sector
            return self._actor(span, e.code + (sector or ""), e.code, sector, e.name)
        # country name, capital or place
        return self._actor(span, e.code, e.code, None, e.name)

    @staticmethod
    def _actor(span: Span, code: str, country: str | None, sector: str | None, name: str | None) -> Actor:
        return Actor(text=span.text, code=code, country=country, sector=sector,
                     start=span.start_char, end=span.end_char, name=name)

    @staticmethod
    def _fits(word: str, mention: Mention) -> bool:
        if word in PRONOUNS_PERSON and not mention.person:  # "the Russian minister ... he"
            return mention.actor.sector == "GOV" and bool(mention.actor.country) and not mention.plural
        if word in PRONOUNS_THING:
            return not (mention.person or mention.plural)
        if word in PRONOUNS_PLURAL:  # "they" are people or groups named in the plural
            return mention.plural
        return True

    def resolve_pronoun(self, tok: Token, history: "History | None") -> Actor | None:
        """The antecedent of a pronoun: the nearest fitting subject in this sentence or the one before,
        else the nearest fitting mention before it."""
        if history is None:
            return None
        word = tok.lower_
        speaker = self._reporter(tok, history) if word in PRONOUNS_PLURAL else None
        if speaker is not None:  # "the police said they arrested ...": a body speaking of itself
            return self._as_pronoun(tok, speaker, history)
        nearest: Mention | None = None
        own_subject = _clause_subject(tok)  # "McMaster compared him to ...": "him" is not McMaster
        for k, sent in enumerate(history.sentences_back(tok)):
            fitting = [m for m in history.mentions(sent) if m.token < tok.i and self._fits(word, m)
                       and m.token != own_subject]
            if k <= 1:
                subjects = [m for m in fitting if m.subject]
                if k == 1:  # "X fired a missile, the army said. It ...": the news is X, not who reported it
                    subjects = [m for m in subjects if not _reports(tok.doc[m.token])] or subjects
                if word in PRONOUNS_PERSON and k == 0 and not any(m.person for m in subjects) \
                        and any(m.person for m in fitting):
                    # "the US Treasury slapped sanctions on Maduro, and McMaster compared him to ...": a
                    # person before an institution
                    return self._as_pronoun(tok, [m for m in fitting if m.person][-1], history)
                if subjects:
                    return self._as_pronoun(tok, subjects[-1], history)
            if fitting and nearest is None:
                nearest = fitting[-1]
            if nearest is not None and k >= 1:
                break
        return self._as_pronoun(tok, nearest, history) if nearest is not None else None

    @staticmethod
    def _reporter(tok: Token, history: "History") -> Mention | None:
        """The body that says the clause this pronoun is the subject of ("the army said they ...")."""
        clause = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
            return None
        subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i > tok.i:
            return None
        sent = next(history.sentences_back(subject), None)  # the subject's own sentence
        return next((m for m in history.mentions(sent) if m.token == subject.i and m.body), None) if sent else None

    def _as_pronoun(self, tok: Token, mention: Mention, history: "History") -> Actor:
        a = mention.actor
        if not a.country and a.sector:  # "the ministry said it ...": the ministry as the document knows it
            a = self.resolve(tok.doc[mention.token], history.matches, history.day, history) or a
        return Actor(text=tok.text, code=a.code, country=a.country, sector=a.sector,
                     start=tok.idx, end=tok.idx + len(tok.text), name=a.name)

    def mentions_in(self, sent: Span, matches: dict[int, Match], day) -> list[Mention]:
        """Actor mentions of a sentence for the pronoun history: dictionary matches and agent nouns."""
        out: list[Mention] = []
        seen: set[int] = set()
        for t in sent:
            if t.pos_ not in ("NOUN", "PROPN") or t.i in seen:
                continue
            if t.dep_ in ("compound", "amod", "poss") and t.head.pos_ in ("NOUN", "PROPN"):
                continue
            a = self.resolve(t, matches, day, None, depth=1)
            if a is None:
                continue
            m = matches.get(t.i)
            # a person by the dictionary, else by the parser ("the Houthis" may parse as people, but are a group)
            person = m.kind == KIND_PERSON if m is not None else t.ent_type_ == "PERSON"
            plural = t.tag_ in ("NNS", "NNPS")
            body = not person and (m is not None and m.kind in (KIND_ORG, KIND_SEAT) or self.is_body(t))
            out.append(Mention(t.i, a, person, plural, t.dep_ in ("nsubj", "nsubjpass"), sent.start,
                               t.lemma_.lower(), body))
            seen.add(t.i)
        return out


def listed(appos: Token) -> bool:
    """An apposition that goes on with a coordination ("the Japanese minister, the US secretary of state and
    his Norwegian counterpart") is the next item of a list, not another name of the head."""
    start = appos.left_edge.i
    after_comma = start > 0 and appos.doc[start - 1].text == ","  # not "(South Asia & SAARC)"
    return after_comma and any(c.dep_ == "conj" for c in appos.children)


def _reports(subject: Token) -> bool:
    """Is the token the subject of a verb that reports the clause before it ("X fired ..., the army said")?"""
    verb = subject.head
    return subject.dep_ == "nsubj" and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)


def _clause_subject(pronoun: Token) -> int | None:
    """The subject of the clause whose object the pronoun is ("X compared him", "X spoke to them"): an object
    pronoun other than a reflexive never means its own clause's subject."""
    if pronoun.lower_ not in OBJECT_PRONOUNS:
        return None
    verb = pronoun.head
    if pronoun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif pronoun.dep_ not in ("dobj", "dative"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj.i if subj is not None else None
