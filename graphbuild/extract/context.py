"""A parsed document with its entities, as dependency-level look-ups for the relation extractors:
which entity a token belongs to, who a pronoun or relative pronoun stands for, a verb's subject."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .model import LocalEntity, Mention, Sentence

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
RELATIVES = {"who", "which", "that", "whom", "whose"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLIMB_DEPS = {"advcl", "conj", "xcomp", "acl", "relcl", "ccomp", "pcomp", "prep", "pobj"}


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
        # persons in text order, for pronoun resolution: (piece, token, lid, is_subject)
        self.person_trail: list[tuple[int, int, int, bool]] = []
        for index, lid in sorted(of_mention.items()):
            m = mentions[index]
            for t in m.tokens:
                self.entity_at[(m.piece, t)] = lid
            if entities[lid].label == "Person":
                doc = parsed[m.piece][1]
                is_subject = any(doc[t].dep_ in SUBJECT_DEPS for t in m.tokens)
                self.person_trail.append((m.piece, m.tokens[0], lid, is_subject))
        self.person_trail.sort()

    def label(self, lid: int) -> str:
        return self.entities[lid].label

    def entity_of(self, piece: int, tok: Token, *, exclude: set[int] = frozenset()) -> int | None:
        """The entity a token names, resolving he/she/him/his and who/which to their antecedents."""
        lid = self.entity_at.get((piece, tok.i))
        if lid is not None:
            return lid
        low = tok.lower_
        if low in PRONOUNS:
            return self.antecedent(piece, tok.i, exclude=exclude)
        if low in RELATIVES and tok.head.dep_ in ("relcl",):
            noun = tok.head.head
            return self.entity_at.get((piece, noun.i)) or (self.antecedent(piece, tok.i, exclude=exclude) if noun.pos_ == "PRON" else None)
        return None

    def antecedent(self, piece: int, index: int, *, exclude: set[int] = frozenset(), window: int = 4) -> int | None:
        """The last person named before this token within a few sentences; a subject wins over others."""
        sentence = self.token_sentence[piece][index]
        before = [p for p in self.person_trail if (p[0], p[1]) < (piece, index) and p[2] not in exclude
                  and sentence - self.token_sentence[p[0]][p[1]] <= window]
        if not before:
            return None
        last_sentence = self.token_sentence[before[-1][0]][before[-1][1]]
        same = [p for p in before if self.token_sentence[p[0]][p[1]] == last_sentence]
        subjects = [p for p in same if p[3]]
        return (subjects or same)[-1][2]

    def subject_of(self, piece: int, verb: Token, *, exclude: set[int] = frozenset()) -> tuple[int | None, Token | None]:
        """The entity that is the subject of a verb, climbing to the governing clause when the verb has none
        ("..., concluding that" / "quoted as saying")."""
        tok: Token | None = verb
        for _ in range(4):
            if tok is None:
                break
            subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                subj = subjects[0]
                lid = self.entity_of(piece, subj, exclude=exclude)
                if lid is None:
                    # "Zhyrnov and Motyl said": the first conjunct; "the team led by X": no entity
                    lid = next((self.entity_at.get((piece, t.i)) for t in subj.subtree if (piece, t.i) in self.entity_at
                                and t.dep_ in ("compound", "conj", "appos", "nsubj", "nsubjpass")), None)
                return lid, subj
            if tok.dep_ in CLIMB_DEPS and tok.head is not tok:
                tok = tok.head
            else:
                break
        return None, None
