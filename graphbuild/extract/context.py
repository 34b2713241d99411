"""A parsed document with its entities, as dependency-level look-ups for the relation extractors:
which entity a token belongs to, who a pronoun or relative pronoun stands for, a verb's subject."""
from __future__ import annotations

from functools import partial

from spacy.tokens import Doc, Token

from ..schema import lexicon_words
from .mentions import reporting_lemmas
from .model import LocalEntity, Mention, Sentence

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
RELATIVES = {"who", "which", "that", "whom", "whose"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLIMB_DEPS = {"advcl", "conj", "xcomp", "acl", "relcl", "ccomp", "pcomp", "prep", "pobj"}


report_nouns = partial(lexicon_words, "stance", "report_nouns")
author_verbs = partial(lexicon_words, "stance", "author_verbs")


def subject_role(tok: Token) -> int:
    """2 if the token is the subject of a reporting verb ("X said"), 1 if another subject, else 0."""
    if tok.dep_ not in SUBJECT_DEPS:
        return 0
    return 2 if tok.head.lemma_.lower() in reporting_lemmas() else 1


def quoted_tokens(doc: Doc) -> list[bool]:
    """For each token, whether it stands inside quotation marks (curly quotes nest; straight ones toggle)."""
    out: list[bool] = []
    depth, straight = 0, False
    for tok in doc:
        t = tok.text
        if t in ("“", "«"):
            depth += 1
        elif t in ("”", "»"):
            depth = max(0, depth - 1)
            out.append(True)
            continue
        elif t == '"':
            straight = not straight
            out.append(True)
            continue
        if tok.is_space and "\n" in t:
            depth, straight = 0, False
        out.append(depth > 0 or straight)
    return out


class DocContext:
    """Token-level views over one document's pieces, entities and sentences."""

    def __init__(self, parsed: list[tuple[int, Doc]], sentences: list[Sentence], token_sentence: list[list[int]],
                 mentions: list[Mention], entities: list[LocalEntity], of_mention: dict[int, int]) -> None:
        self.parsed = parsed
        self.sentences = sentences
        self.token_sentence = token_sentence
        self.mentions = mentions
        self.entities = entities
        self.entity_at: dict[tuple[int, int], int] = {}
        # persons in text order, for pronoun resolution: (piece, token, lid, role) where role is
        # 2 for the subject of a reporting verb, 1 for another subject, 0 otherwise
        self.person_trail: list[tuple[int, int, int, int]] = []
        self.quoted = [quoted_tokens(doc) for _, doc in parsed]
        for index, lid in sorted(of_mention.items()):
            m = mentions[index]
            for t in m.tokens:
                self.entity_at[(m.piece, t)] = lid
            if entities[lid].label == "Person":
                doc = parsed[m.piece][1]
                role = max(subject_role(doc[t]) for t in m.tokens)
                if role == 0 and any(doc[t].dep_ == "poss" for t in m.tokens):
                    role = -1  # "Deripaska's associate Vekselberg": the possessor is the least salient
                self.person_trail.append((m.piece, m.tokens[0], lid, role))
        self.person_trail.sort()
        self.pronoun_of: dict[tuple[int, int], int] = {}
        self._resolve_pronouns()

    def _resolve_pronouns(self) -> None:
        """Resolve he/she/him/his in text order; each resolved pronoun joins the trail, so a chain of
        "he said ... he added" stays with the person first named."""
        named = list(self.person_trail)
        trail: list[tuple[int, int, int, int]] = []
        k = 0
        for piece, (_, doc) in enumerate(self.parsed):
            for tok in doc:
                while k < len(named) and (named[k][0], named[k][1]) <= (piece, tok.i):
                    trail.append(named[k])
                    k += 1
                if tok.lower_ in PRONOUNS and (piece, tok.i) not in self.entity_at:
                    lid = self._salient(trail, piece, tok.i, set(), speaker=subject_role(tok) == 2)
                    if lid is not None:
                        self.pronoun_of[(piece, tok.i)] = lid
                        trail.append((piece, tok.i, lid, subject_role(tok)))
        self.person_trail = sorted(trail)
    def label(self, lid: int) -> str:
        return self.entities[lid].label

    def entity_of(self, piece: int, tok: Token, *, exclude: set[int] = frozenset()) -> int | None:
        """The entity a token names, resolving he/she/him/his and who/which to their antecedents."""
        lid = self.entity_at.get((piece, tok.i))
        if lid is not None:
            return lid
        low = tok.lower_
        if low in PRONOUNS:
            lid = self.pronoun_of.get((piece, tok.i))
            if lid is not None and lid not in exclude:
                return lid
            return self.antecedent(piece, tok.i, exclude=exclude)
        if low in RELATIVES and tok.head.dep_ in ("relcl",):
            noun = tok.head.head
            lid = self.entity_at.get((piece, noun.i))
            if lid is not None:
                return lid
            if noun.pos_ == "PRON":
                return self.antecedent(piece, tok.i, exclude=exclude)
            if noun.dep_ == "attr" and noun.head.lemma_ == "be":
                # "Mussayev was an officer ... who had been seconded to": the one the noun is said of
                return next((found for s in noun.head.children if s.dep_ == "nsubj"
                             for found in [self.entity_at.get((piece, s.i))] if found is not None), None)
        return None

    def described(self, piece: int, noun: Token, *, window: int = 2) -> int | None:
        """The entity a bare definite description stands for, found by its head word in the last few
        sentences: "the committee" after "the Senate Intelligence Committee", "the campaign" after "the
        Trump campaign" (whose named owner it is). A description with content of its own ("the Russian
        government", "the campaign's chairman") is not a reference back."""
        if noun.pos_ != "NOUN" or noun.tag_ == "NNS" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                                 for c in noun.children):
            return None
        if any(c.dep_ in ("amod", "compound", "poss", "nmod", "prep", "relcl", "acl", "appos") for c in noun.children):
            return None
        lemma = noun.lemma_.lower()
        doc = self.parsed[piece][1]
        sentence = self.token_sentence[piece][noun.i]
        for tok in reversed(doc[:noun.i]):
            if sentence - self.token_sentence[piece][tok.i] > window:
                break
            if tok.lemma_.lower() != lemma:
                continue
            lid = self.entity_at.get((piece, tok.i))  # the word ends a name: "Senate Intelligence Committee"
            owners = [self.entity_at.get((piece, c.i)) for c in tok.children if c.dep_ in ("compound", "poss")]
            for found in (lid, *owners):
                if found is not None and self.label(found) != "Place":
                    return found
        return None

    def author_of(self, piece: int, noun: Token, *, exclude: set[int] = frozenset()) -> int | None:
        """Who produced a report-like noun: "the committee's report", "an FBI inquiry", "the review by X",
        or the subject of the verb that released it ("X released the final volume of its investigation")."""
        if noun.lemma_.lower() not in report_nouns():
            return None
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod", "amod")]
        owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "of", "from")
                   for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            lid = self.entity_at.get((piece, owner.i))
            if lid is not None and lid not in exclude and self.label(lid) != "Place":
                return lid
        head = noun
        while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head  # "the final volume of its investigation"
        if head.dep_ == "dobj" and head.head.lemma_.lower() in author_verbs():
            lid, _ = self.subject_of(piece, head.head, exclude=exclude)
            return lid if lid is not None and self.label(lid) != "Place" else None
        return None

    def antecedent(self, piece: int, index: int, *, exclude: set[int] = frozenset(), window: int = 4) -> int | None:
        """The last person named before this token within a few sentences; a subject wins over others."""
        return self._salient(self.person_trail, piece, index, exclude, window)

    def _salient(self, trail: list[tuple[int, int, int, int]], piece: int, index: int, exclude: set[int],
                 window: int = 4, speaker: bool = False) -> int | None:
        """The subject of "he said" is the last speaker; otherwise, in the latest sentence that names
        someone (outside quotes), its last subject, else the first person named."""
        sentence = self.token_sentence[piece][index]
        inside = self.quoted[piece][index]
        before = [p for p in trail if (p[0], p[1]) < (piece, index) and p[2] not in exclude
                  and 0 <= sentence - self.token_sentence[p[0]][p[1]] <= window
                  and (inside or not self.quoted[p[0]][p[1]])]
        if not before:
            return None
        # the last speaker counts only in this or the previous sentence ("“...,” he said")
        speakers = [p for p in before if p[3] == 2 and sentence - self.token_sentence[p[0]][p[1]] <= 1]
        if speaker and speakers:
            return speakers[-1][2]
        last_sentence = self.token_sentence[before[-1][0]][before[-1][1]]
        same = [p for p in before if self.token_sentence[p[0]][p[1]] == last_sentence]
        subjects = [p for p in same if p[3] > 0]
        if subjects:
            return subjects[-1][2]
        plain = [p for p in same if p[3] == 0]
        return (plain or same)[0][2]

    def subject_of(self, piece: int, verb: Token, *, exclude: set[int] = frozenset()) -> tuple[int | None, Token | None]:
        """The entity that is the subject of a verb, climbing to the governing clause when the verb has none
        ("..., concluding that" / "quoted as saying")."""
        tok: Token | None = verb
        for _ in range(4):
            if tok is None:
                break
            agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            for agent in agents:  # "was criticised by the inspector general, Michael Horowitz"
                lid = self.entity_of(piece, agent, exclude=exclude)
                if lid is None:
                    lid = next((self.entity_at[(piece, t.i)] for t in agent.subtree if (piece, t.i) in self.entity_at
                                and self.label(self.entity_at[(piece, t.i)]) == "Person"), None)
                if lid is not None:
                    return lid, agent
            subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "nsubjpass" or
                        c.dep_ == "nsubjpass" and not agents]
            for subj in subjects:
                lid = self.entity_of(piece, subj, exclude=exclude)
                if lid is None:
                    lid = self.described(piece, subj)
                if lid is not None and lid not in exclude:
                    return lid, subj
            for subj in subjects:
                # "the former chairman of the Committee, Alnur Mussayev": a person inside the subject phrase
                inner = [self.entity_at[(piece, t.i)] for t in subj.subtree if (piece, t.i) in self.entity_at
                         and t.dep_ in ("compound", "conj", "appos", "nsubj", "nsubjpass", "pobj")]
                persons = [lid for lid in inner if self.label(lid) == "Person"]
                if persons or inner:
                    return (persons or inner)[0], subj
            if subjects and not all(s.lower_ in RELATIVES or s.lower_ == "it" for s in subjects):
                return None, subjects[0]
            if subjects and tok.dep_ == "relcl":
                # "its investigation, which concluded that ...": the finding speaks for its author
                author = self.author_of(piece, tok.head, exclude=exclude)
                if author is not None:
                    return author, subjects[0]
            if tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
                tok = tok.head
            else:
                break
        return None, None
