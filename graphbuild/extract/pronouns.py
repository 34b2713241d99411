"""Pronouns: he/she/him/his by salience and gender, it/its and they/them/their for the bodies and groups
named nearby, in one pass over a document against a bounded list of recent mentions (linear in the
length of the document). A mixin of :class:`graphbuild.extract.context.DocContext`.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from spacy.tokens import Token

from .descriptions import KIND_OF_NOUN, RELATION_NOUNS
from .vocab import speech_lemmas, words

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RECENT = 24  # how many recent mentions pronoun resolution looks at
# Verbs whose "it" is mostly no entity: "it seems", "it takes", "it follows that", "it rained".
WINDOW = 4  # sentences back a pronoun may reach
# Verbs whose "it" is mostly no entity: "it seems", "it takes", "it follows that", "it rained".
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "follow", "emerge", "happen", "matter", "take", "rain", "mean",
                             "remain", "become", "turn", "come", "look", "sound", "feel", "occur", "transpire",
                             "cost", "help", "hurt", "make", "go", "get"})
# Plural nouns for people that a definite description uses for the people just named together:
# "the two suspects", "the pair", "the men".
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


class PronounResolver:
    """Resolution of third-person pronouns; expects DocContext's attributes."""

    def _resolve_pronouns(self) -> None:
        """he/she/him/his, it/its and they/them/their in text order, against a bounded list of recent
        mentions; each resolved pronoun joins that list, so "he said ... he added" stays with the
        person first named. First-person pronouns are left to the quotes' speakers."""
        recent: deque[tuple[int, int, int, int, int]] = deque(maxlen=RECENT)  # (piece, token, sentence, lid, role)
        for piece, (_, doc) in enumerate(self.parsed):
            for tok in doc:
                key = (piece, tok.i)
                lid = self.entity_at.get(key)
                sentence = self.token_sentence[piece][tok.i]
                if lid is not None:
                    if self.first_token.get(key):
                        recent.append((piece, tok.i, sentence, lid, self._role(piece, tok)))
                    continue
                if tok.pos_ == "NOUN" and tok.lemma_.lower() in KIND_OF_NOUN and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
                    # "the company dealt with the criticism. They denied ...": a body named by description
                    described = self.described(piece, tok)
                    if described is not None and self.label(described) in ("Agency", "Organization"):
                        recent.append((piece, tok.i, sentence, described, self._role(piece, tok)))
                    continue
                low = tok.lower_
                if low in PERSON_PRONOUNS:
                    found = self._salient_person(recent, piece, tok, sentence)
                    if found is not None:
                        self.pronoun_of[key] = (found,)
                        others = self._salient_person(recent, piece, tok, sentence, exclude={found})
                        if others is not None:
                            self.pronoun_alternative[key] = others
                        recent.append((piece, tok.i, sentence, found, self._role(piece, tok)))
                elif (low in THING_PRONOUNS or low in PLURAL_PRONOUNS) and self._referential(tok):
                    found_many = self._clause_subject(piece, tok) or self._salient_other(
                        recent, piece, tok, sentence, plural=low in PLURAL_PRONOUNS)
                    if found_many:
                        self.pronoun_of[key] = found_many

    def unspeak_pronouns(self) -> None:
        """Once the quotes' speakers are known: "he" inside a quote is not the one who speaks it
        ("'He was a traitor,' Cole said"); it goes to the next likely person, if any."""
        for (piece, i), found in list(self.pronoun_of.items()):
            if self.doc(piece)[i].lower_ not in PERSON_PRONOUNS:
                continue
            speaker = self.quote_speaker.get(self.quote_of(piece, i))
            if not speaker or not set(found) <= set(speaker):
                continue
            other = self.pronoun_alternative.get((piece, i))
            if other is not None and other not in speaker:
                self.pronoun_of[(piece, i)] = (other,)
            else:
                del self.pronoun_of[(piece, i)]

    def _referential(self, tok: Token) -> bool:
        """Whether "it" or "they" stands for a named body here: as a possessor ("its report"), or as
        the subject of a verb of saying or accusing ("it said", "they accused"); an "it" elsewhere
        is mostly the weather, an event or an extraposed clause ("it is unlikely that")."""
        low = tok.lower_
        if low in ("its", "their", "theirs", "itself", "themselves"):
            return True
        if low in PLURAL_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return True  # "they" for the people just named together is safe anywhere
        head = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or head.lemma_.lower() in EXPLETIVE_HEADS or head.pos_ == "AUX":
            return False
        if head.lemma_.lower() in speech_lemmas() or head.lemma_.lower() in words("frames", "accuse"):
            return True
        # "it hacked the network" yes; "it emerged that ...", "it was reported that ..." no
        return not any(c.dep_ in ("ccomp", "csubj") for c in head.children) or any(c.dep_ == "dobj" for c in head.children)

    def _role(self, piece: int, tok: Token) -> int:
        """2 for the subject of a verb of saying, 1 for another subject, -1 for a possessor, else 0.
        A name that modifies a common noun ("the Google post shows") is not the subject: the post is."""
        head = tok
        lid = self.entity_at.get((piece, tok.i))
        while head.head.i != head.i and (head.dep_ == "flat" or self.entity_at.get((piece, head.head.i), -1) == lid
                                         or head.dep_ == "compound" and head.head.pos_ == "PROPN"):
            head = head.head  # the head of the name itself ("Russian military intelligence")
        if head.dep_ == "compound" and head.head.pos_ == "NOUN" and (piece, head.head.i) not in self.entity_at:
            return 0
        if head.dep_ in ("nsubj", "nsubjpass"):
            return 2 if head.dep_ == "nsubj" and head.head.lemma_.lower() in speech_lemmas() else 1
        if head.dep_ == "poss":
            return -1
        return 0

    def _candidates(self, recent: Iterable[tuple[int, int, int, int, int]], piece: int, tok: Token, sentence: int):
        inside = self.inside_quote(piece, tok.i)
        for p, i, s, lid, role in recent:
            if sentence - s > WINDOW or (p, i) >= (piece, tok.i):
                continue
            if not inside and self.inside_quote(p, i):
                continue  # a name inside a quote is not what the narrative's "he" stands for
            yield p, i, s, lid, role

    def _salient_person(self, recent, piece: int, tok: Token, sentence: int, exclude: set[int] = frozenset()) -> int | None:
        """The subject of "he said" is the last speaker; otherwise, in the latest sentence that names
        someone, its last subject, else the first person named there."""
        wanted = PRONOUN_GENDER.get(tok.lower_, "")
        people = [c for c in self._candidates(recent, piece, tok, sentence) if self.label(c[3]) == "Person"
                  and c[3] not in exclude and (not wanted or self.gender.get(c[3], "") in ("", wanted))]
        if self.inside_quote(piece, tok.i):
            people = [c for c in people if c[4] != 2 or self.inside_quote(c[0], c[1])]  # "he" in a quote is not its speaker
        if not people:
            return None
        # "“...,” he said" is the last speaker's; a "he said" with someone else named as a subject earlier
        # in its own sentence is more likely that person ("given that Trump ..., he had denounced")
        after_quote = tok.i > 0 and self.inside_quote(piece, tok.i - 1 - (tok.doc[tok.i - 1].is_punct and tok.i > 1 and
                                                                          not self.inside_quote(piece, tok.i - 1)))
        if self._role(piece, tok) == 2 and (after_quote or not any(c[2] == sentence and c[4] >= 1 for c in people)):
            speakers = [c for c in people if c[4] == 2 and sentence - c[2] <= 1]
            if speakers:
                return speakers[-1][3]
        last_sentence = people[-1][2]
        same = [c for c in people if c[2] == last_sentence]
        subjects = [c for c in same if c[4] > 0]
        if subjects:
            return subjects[-1][3]
        plain = [c for c in same if c[4] == 0]
        return (plain or same)[0][3]

    def _salient_other(self, recent, piece: int, tok: Token, sentence: int, *, plural: bool) -> tuple[int, ...]:
        """"it"/"its": the last agency or organisation named as a subject nearby, else the last one
        named. "they": the last conjoined names ("Vega and Lopez"), else an organisation."""
        near = [c for c in self._candidates(recent, piece, tok, sentence) if sentence - c[2] <= 2]
        # "former FBI Director Robert Mueller": a body named in someone's title is not what "it" stands for
        orgs = [c for c in near if self.label(c[3]) in ("Agency", "Organization") and not self._in_title(c[0], c[1])]
        if plural:
            groups = [(role, self._conjoined(p, i)) for p, i, _, lid, role in reversed(near)]
            groups = [(role, g) for role, g in groups if len(g) > 1]
            if groups:
                return next((g for role, g in groups if role > 0), groups[0][1])  # subjects first
        if not orgs:
            return ()
        subjects = [c for c in orgs if c[4] > 0]
        return ((subjects or orgs)[-1][3],)

    def _clause_subject(self, piece: int, tok: Token) -> tuple[int, ...]:
        """"Northwind was cooking its books": a possessive "its"/"their" in a clause whose subject is
        a named body is that body's."""
        if tok.lower_ not in ("its", "their") or tok.dep_ != "poss":
            return ()
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        lid = self.entity_at.get((piece, subj.i)) if subj is not None else None
        if lid is None or self.label(lid) not in ("Agency", "Organization"):
            return ()
        return (lid,)

    def _in_title(self, piece: int, i: int) -> bool:
        tok = self.doc(piece)[i]
        head = tok
        while head.dep_ in ("compound", "flat") and head.head.i != head.i and (piece, head.head.i) in self.entity_at \
                and self.entity_at[(piece, head.head.i)] == self.entity_at.get((piece, i)):
            head = head.head
        if head.dep_ not in ("compound", "poss", "nmod", "amod"):
            return False
        target = head.head
        lid = self.entity_at.get((piece, target.i))
        return (lid is not None and self.label(lid) == "Person") or target.lemma_.lower() in RELATION_NOUNS

    def _conjoined(self, piece: int, i: int) -> tuple[int, ...]:
        tok = self.doc(piece)[i]
        head = tok
        while head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head
        out = list(self._names_listed_before(piece, head))  # "A, B, and C stole ...": C's list
        for t in (head, *head.conjuncts):
            lid = self.entity_at.get((piece, t.i))
            if lid is not None and lid not in out and self.is_party(lid):
                out.append(lid)
        return tuple(out)

    def subject_role(self, piece: int, i: int) -> int:
        return self._role(piece, self.doc(piece)[i])

