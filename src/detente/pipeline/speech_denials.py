"""Denials in speech: a denial answering an accusation ("X accused Y of ..., a charge Y denies") is
the accused's, toward the accuser; the accused side saying it did not do it ("our forces did not attack",
"there were no Russian strikes") denies (016). Used by the speech_acts stage."""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicon import Lexicon
from .arguments import Arguments
from .attribution import attribution_for
from .speech_roles import SpeechRoles
from .speech_words import DENIED_AUX, MATERIAL_QUADS, PRONOUN_SUBJECTS, SpeechAct, aux_of, same_side

if TYPE_CHECKING:
    from .context import DocContext


class Denials:
    def __init__(self, lexicon: Lexicon, arguments: Arguments, roles: SpeechRoles):
        self.lex = lexicon
        self.arguments = arguments
        self.roles = roles

    def answer_accusations(self, ctx: "DocContext", denials: list[int], starts: list[int]) -> list[SpeechAct]:
        """"X accused Y of ..., a charge Y denies" / "X said Y did ..., which Y denies": Y's denial toward
        X (the accuser of the accusation before it in the sentence, else the speaker of the statement it
        answers). A denial the grammar coded gets that source and target; one it did not becomes a
        speech act."""
        acts: list[SpeechAct] = []
        for i in denials:
            d = ctx.doc[i]
            if d.pos_ != "VERB" or not self._answers(d):
                continue
            k = bisect.bisect_right(starts, i) - 1
            s = ctx.sentence(ctx.sentences[k])
            subject = self.arguments.subject(s, d)[0]
            deniers = [] if subject is None or subject.lower_ in PRONOUN_SUBJECTS \
                else self.arguments.actors(s, subject)
            before = [ev for ev in ctx.events if ev.sentence_index == k and ev.cameo_root == "11"
                      and ev.source is not None and (ev.target is not None or deniers) and ev.trigger.start < d.idx]
            if before:  # "Thailand alleged ..., an accusation Cambodia denied": the denier is the accused
                accuser, accused = before[-1].source, before[-1].target or deniers[0]
            else:  # "Turkey said Greece had violated its airspace, which Athens denies"
                q = attribution_for(d.idx, ctx.quotes)
                if q is None or q.speaker is None or not deniers:
                    continue
                accuser, accused = q.speaker, deniers[0]
            denier = deniers[0] if deniers and not same_side(deniers[0], accuser) else accused
            if same_side(denier, accuser):
                continue
            coded = [ev for ev in ctx.events if ev.cameo == "016" and ev.trigger.start == d.idx]
            for ev in coded:
                ev.source, ev.target = denier, accuser
                ev.claimed, ev.attribution = False, None  # the denial is the accused's own speech act
            if not coded:
                acts.append(SpeechAct(k, [d], denier, [accuser], "016", f"denial: {d.lemma_.lower()} accusation", d))
        return acts

    def own_denials(self, ctx: "DocContext", starts: list[int]) -> list[SpeechAct]:
        """"Our forces did not attack the hospital", "there were no Russian strikes", said by the side
        accused: a denial (016), aimed at no one named."""
        acts: list[SpeechAct] = []
        for ev, tokens in zip(ctx.events, ctx.triggers):
            if not ev.claimed or ev.quad_class not in MATERIAL_QUADS[1:] or ev.source is None:
                continue
            q = attribution_for(ev.trigger.start, ctx.quotes)
            if q is None or q.speaker is None or not same_side(ev.source, q.speaker):
                continue
            verb = tokens[0]
            if not (ev.negated and aux_of(verb) & DENIED_AUX and not any(c.lower_ == "yet" for c in verb.children)):
                continue
            k = ev.sentence_index
            cue = ctx.doc[q.cue_index] if q.cue_index is not None else None
            acts.append(SpeechAct(k, tokens, q.speaker, [], "016", f"denial: not {verb.lemma_.lower()}", cue))
        for q in ctx.quotes:  # "there were no Russian strikes on the city"
            if q.speaker is None or "there" not in q.text.lower():
                continue
            span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
            for n in span if span is not None else ():
                if n.lemma_.lower() != "be" or not any(c.dep_ == "expl" for c in n.children) \
                        or not aux_of(n) | {n.lower_} & {"was", "were", "been"}:
                    continue
                for attr in n.children:
                    pat = self.lex.match_noun(attr.lemma_.lower(), set()) if attr.dep_ == "attr" else None
                    if pat is None or not pat.code or pat.code[:2] < "14" \
                            or not any(c.dep_ == "det" and c.lower_ == "no" for c in attr.children):
                        continue
                    k = bisect.bisect_right(starts, n.i) - 1
                    doers = self.roles.owner(ctx.sentence(ctx.sentences[k]), attr, None, of=False)
                    if doers and same_side(doers[0], q.speaker):  # "there were no Russian strikes"
                        cue = ctx.doc[q.cue_index] if q.cue_index is not None else None
                        acts.append(SpeechAct(k, [attr], q.speaker, [], "016", f"denial: no {attr.lemma_.lower()}",
                                              cue))
        return acts

    def _answers(self, d: Token) -> bool:
        """Is this verb of denial in a clause on an accusation: "a charge Y denies", "which Y denies"?"""
        if d.dep_ in ("relcl", "acl") and (d.head.lemma_.lower() in self.lex.claim_nouns or any(
                c.tag_ == "WDT" and c.dep_ in ("dobj", "nsubjpass") for c in d.children)):
            return True
        return any(c.lemma_.lower() in self.lex.claim_nouns and c.dep_ in ("nsubj", "dobj", "npadvmod")
                   for c in d.children)
