"""A parsed document with its entities, as look-ups for the relation extractors: which entity a token
names or refers to (names, pronouns, relative pronouns, definite descriptions such as "the company"
or "the senator", bare institutional nouns such as "prosecutors"), quotes, and the subject of a verb.

Every look-up is local: pronouns are resolved in one pass over the document against a bounded list
of recent mentions, so the work is linear in the length of the document.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from ..schema import lexicon_words
from .descriptions import PERSONAL_RELATIONS, SUCCESSION, DescriptionResolver
from .model import LocalEntity, Mention, Sentence
from .grammar import misattached_conjunct
from .mentions import reporting_lemmas
from .pronouns import PERSON_PRONOUNS, WINDOW, PronounResolver
from .quotes import QuoteMap, quote_map
from .vocab import words

PRONOUNS = PERSON_PRONOUNS  # kept for callers that resolve people only
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Climbing from a verb with no subject of its own to the clause that has one: "..., saying that",
# "and said", "went on to say", "who denied". Never through ccomp: that is someone else's clause.
TOPIC_NOUNS = frozenset({"case", "affair", "matter", "saga", "story"})
CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "relcl", "pcomp", "prep", "pobj", "dep", "acomp"})  # "was quick to back up"


COPULA_FORMS = frozenset({"'s", "’s", "is", "was", "are", "were", "'re", "’re", "be", "been", "being", "am", "'m", "’m"})


def is_copula(tok: Token) -> bool:
    """A form of "be" (the tagger leaves "’s" with a curly apostrophe unlemmatised)."""
    return tok.lemma_ == "be" or tok.lower_ in COPULA_FORMS and tok.pos_ in ("AUX", "VERB")


def verb_lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def eponymous_speakers(parsed: list[tuple[int, Doc]], mentions: list[Mention], entities: list[LocalEntity],
                       of_mention: dict[int, int]) -> dict[int, int]:
    """Mentions of a company that stand for the person it is named after: "Marcelo Vexa, the company's
    chief executive, was questioned. Vexa said ...": a bare surname speaking in the sentence after the
    person is named is the person. Returns mention index -> the person's entity."""
    surnames = {e.name.split()[-1]: e.lid for e in entities if e.label == "Person" and " " in e.name}
    bodies = {e.lid: surnames[e.name] for e in entities if e.label == "Organization" and e.name in surnames}
    if not bodies:
        return {}
    out: dict[int, int] = {}
    last_seen: dict[int, int] = {}  # entity -> the sentence of its latest mention
    for index, lid in sorted(of_mention.items(), key=lambda kv: (mentions[kv[0]].piece, mentions[kv[0]].tokens[:1])):
        m = mentions[index]
        person = bodies.get(lid)
        if person is not None and m.tokens and m.sentence - last_seen.get(person, -9) == 1 \
                and last_seen.get(lid, -9) < last_seen[person]:
            head = parsed[m.piece][1][m.tokens[-1]]
            if head.dep_ == "nsubj" and head.head.lemma_.lower() in reporting_lemmas():
                out[index] = person
                lid = person
        last_seen[lid] = m.sentence
    return out


class DocContext(PronounResolver, DescriptionResolver):
    """Token-level views over one document's pieces, entities, quotes and sentences."""

    def __init__(self, parsed: list[tuple[int, Doc]], sentences: list[Sentence], token_sentence: list[list[int]],
                 mentions: list[Mention], entities: list[LocalEntity], of_mention: dict[int, int]) -> None:
        self.parsed = parsed
        self.sentences = sentences
        self.token_sentence = token_sentence
        self.mentions = mentions
        self.entities = entities
        self.entity_at: dict[tuple[int, int], int] = {}
        self.first_token: dict[tuple[int, int], bool] = {}
        speakers = eponymous_speakers(parsed, mentions, entities, of_mention)
        of_mention = {index: speakers.get(index, lid) for index, lid in of_mention.items()}
        for index, lid in sorted(of_mention.items()):
            m = mentions[index]
            for n, t in enumerate(m.tokens):
                self.entity_at[(m.piece, t)] = lid
                self.first_token[(m.piece, t)] = n == 0
        self.quotes: list[QuoteMap] = []
        number = 0
        for _, doc in parsed:
            qmap, number = quote_map(doc, number)
            self.quotes.append(qmap)
        self.quote_speaker: dict[int, tuple[int, ...]] = {}  # filled as statements are found
        self.mentioned = Counter(lid for lid in of_mention.values())
        self.descriptors: dict[int, set[str]] = {e.lid: set(getattr(e, "descriptors", ()) or ()) for e in entities}
        self.name_words: dict[int, frozenset[str]] = {
            e.lid: frozenset(w.lower().strip(".,'’") for name in {e.name, *e.aliases} for w in name.replace("-", " ").split())
            for e in entities}
        self._collect_title_descriptors()
        self.gender: dict[int, str] = {lid: self._gender(ent) for lid, ent in enumerate(entities)}
        self.positions: dict[int, list[tuple[int, int, int]]] = {e.lid: [] for e in entities}
        for index, lid in sorted(of_mention.items()):
            m = mentions[index]
            if m.tokens:
                self.positions[lid].append((m.piece, m.tokens[0], m.sentence))
        for found in self.positions.values():
            found.sort()
        self.label_positions: dict[str, list[tuple[int, int, int, int]]] = {}
        for lid, found in self.positions.items():
            for p, t, sentence in found:
                self.label_positions.setdefault(entities[lid].label, []).append((p, t, sentence, lid))
        for found in self.label_positions.values():
            found.sort()
        self.by_word: dict[str, set[int]] = {}
        for lid in self.positions:
            for w in self.name_words[lid] | self.descriptors[lid]:
                self.by_word.setdefault(w, set()).add(lid)
        self.affiliation_of: dict[int, int] = {}  # person -> a body they belong to, once affiliations are known
        self.legal_agents: list[tuple[int, tuple[int, ...]]] = []  # (sentence, state bodies that arrested or charged)
        self.issuer: int | None = None  # the body a release speaks for, once known
        self.avoid: frozenset[int] = frozenset()  # entities a description may not stand for (a claim's own source)
        self.groups: dict[tuple[int, int], tuple[int, ...]] = {}  # first name's token -> people named together
        for (piece, i), lid in sorted(self.entity_at.items()):
            if not self.first_token.get((piece, i)) or self.label(lid) != "Person":
                continue
            head = self.doc(piece)[i]
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            if head.dep_ != "conj":  # the first of the conjoined names
                group = self._conjoined(piece, i)
                if len(group) > 1 and all(self.label(g) == "Person" for g in group):
                    self.groups[(piece, i)] = group
        self.group_positions = sorted(self.groups)
        self.pronoun_of: dict[tuple[int, int], tuple[int, ...]] = {}
        self.pronoun_alternative: dict[tuple[int, int], int] = {}  # the next best antecedent of he/she
        self._resolve_pronouns()

    def label(self, lid: int) -> str:
        return self.entities[lid].label

    def doc(self, piece: int) -> Doc:
        return self.parsed[piece][1]

    def sentence_of(self, piece: int, i: int) -> int:
        return self.token_sentence[piece][i]

    def inside_quote(self, piece: int, i: int) -> bool:
        return self.quotes[piece].inside(i)

    def quote_of(self, piece: int, i: int) -> int:
        return self.quotes[piece].quote(i)

    def is_party(self, lid: int) -> bool:
        """Whether an entity can speak or be accused: a person, agency or organisation."""
        return self.entities[lid].label in ("Person", "Agency", "Organization")

    def refer(self, piece: int, tok: Token) -> tuple[int, ...]:
        """The entities a token names or stands for (a name, a pronoun, a relative pronoun, "I" or "we"
        in a quote, a definite description); empty if none is named."""
        lid = self.entity_at.get((piece, tok.i))
        if lid is not None:
            return (lid,)
        if tok.i > 0 and tok.is_title and tok.dep_ != "compound":
            # "the US Treasury Department" with a mention of "US Treasury": the name's head word
            before = self.entity_at.get((piece, tok.i - 1))
            if before is not None and tok.doc[tok.i - 1].dep_ == "compound" and tok.doc[tok.i - 1].head.i == tok.i:
                return (before,)
        low = tok.lower_
        if (piece, tok.i) in self.pronoun_of:
            return self.pronoun_of[(piece, tok.i)]
        if low in FIRST_PLURAL and not self.inside_quote(piece, tok.i) and self.issuer is not None \
                and self.label(self.issuer) != "Person":
            return (self.issuer,)  # a release's "we"
        if low in FIRST_SINGULAR and not self.inside_quote(piece, tok.i) and self.issuer is not None \
                and self.label(self.issuer) == "Person":
            return (self.issuer,)  # a column's "I"
        if low in FIRST_SINGULAR or low in FIRST_PLURAL:
            speaker = self.quote_speaker.get(self.quote_of(piece, tok.i))
            if speaker and low in FIRST_SINGULAR:
                return speaker
            if speaker:
                return self.speaker_body(speaker)
            return ()
        if low in RELATIVES and tok.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "pobj"):
            clause = tok.head
            while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i and clause.dep_ in ("xcomp", "conj", "aux"):
                clause = clause.head
            if clause.dep_ in ("relcl", "acl"):
                found = self.refer_phrase(piece, clause.head)
                if low in ("who", "whom") and not any(self.label(lid) == "Person" for lid in found):
                    # "X was an officer in the GRU who had been seconded": "who" is the officer, X
                    noun = clause.head
                    while noun.dep_ in ("pobj", "prep") and noun.head.i != noun.i:
                        noun = noun.head
                    if noun.dep_ == "attr" and is_copula(noun.head):
                        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
                        found = self.refer_phrase(piece, subj) if subj is not None else ()
                return found
            return ()
        if tok.lemma_.lower() in SUCCESSION:
            return self.succession(piece, tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            group = self.group_described(piece, tok)
            if group:
                return group
            found = self.described(piece, tok)
            if found is not None:
                return (found,)
        return ()

    def refer_other(self, piece: int, tok: Token, exclude: set[int]) -> tuple[int, ...]:
        """What a pronoun stands for when it cannot be one of ``exclude`` ("X backed up his story": not
        X): its next best antecedent."""
        found = tuple(lid for lid in self.refer(piece, tok) if lid not in exclude)
        if found:
            return found
        other = self.pronoun_alternative.get((piece, tok.i))
        return (other,) if other is not None and other not in exclude else ()

    def speaker_body(self, speaker: tuple[int, ...]) -> tuple[int, ...]:
        """What "we" stands for in a speaker's quote: the speaker if it is a body, else the body the
        speaker is said to belong to (when known), else the speaker."""
        out = []
        for lid in speaker:
            if self.label(lid) != "Person":
                out.append(lid)
            else:
                body = self.affiliation_of.get(lid)
                out.append(body if body is not None else lid)
        return tuple(out)

    def refer_phrase(self, piece: int, tok: Token) -> tuple[int, ...]:
        """The entities a noun phrase stands for, with its conjuncts ("Ruiz and Baker"), a name in
        apposition ("the company's chief, Tom Baker"), and the body behind an unnamed spokesperson
        ("a Kremlin spokesman", "Microsoft's spokeswoman")."""
        out: list[int] = list(self._names_listed_before(piece, tok))
        for t in (tok, *tok.conjuncts):
            found = self.refer(piece, t)
            if not found:
                found = self._appositive_name(piece, t) or self._spokesperson_body(piece, t)
            for lid in found:
                if lid not in out:
                    out.append(lid)
        return tuple(out)

    def _names_listed_before(self, piece: int, tok: Token) -> tuple[int, ...]:
        """"A, B, and C stole ...": the parser sometimes hangs A and B elsewhere and keeps only C as the
        subject; names listed with commas right before a subject's "and" are its co-subjects."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or (piece, tok.i) not in self.entity_at:
            return ()
        doc = self.doc(piece)
        i = tok.left_edge.i - 1
        if i < 1 or doc[i].lower_ not in ("and", "or") or any(c.dep_ == "conj" for c in tok.children):
            return ()
        i -= 1 if doc[i - 1].text == "," else 0
        found: list[int] = []
        while i > 0:
            lid = self.entity_at.get((piece, i - 1))
            if lid is None or not self.is_party(lid):
                break
            start = i - 1
            while start > 0 and self.entity_at.get((piece, start - 1)) == lid:
                start -= 1
            found.insert(0, lid)
            if start < 1 or doc[start - 1].text != ",":
                break
            i = start - 1
        return tuple(found) if len(found) >= 1 and doc[tok.left_edge.i - 2].text == "," else ()

    def _appositive_name(self, piece: int, tok: Token) -> tuple[int, ...]:
        """"the two suspects, Ivan Petrov and Oleg Smirnov": the names in apposition; "the bureau chief for
        A and B, NAME," where the parse hangs the name on the last word of the role's phrase."""
        for child in tok.children:
            if child.dep_ == "appos":
                found = [self.entity_at[(piece, t.i)] for t in (child, *child.conjuncts) if (piece, t.i) in self.entity_at]
                if found:
                    return tuple(dict.fromkeys(found))
        if tok.lemma_.lower() not in lexicon_words("roles", "words"):
            return ()
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            for obj in (g for g in prep.subtree if g.dep_ in ("pobj", "conj")):
                for child in obj.children:
                    lid = self.entity_at.get((piece, child.i))
                    if child.dep_ == "appos" and lid is not None and self.label(lid) == "Person":
                        return (lid,)
        return ()

    def _spokesperson_body(self, piece: int, tok: Token) -> tuple[int, ...]:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in words("frames", "spokesperson_nouns") and tok.lower_ not in words("frames", "spokesperson_nouns"):
            return ()
        agent = tok.lower_ in words("frames", "agent_nouns") or tok.lemma_.lower() in words("frames", "agent_nouns")
        if any(c.lower_ in lexicon_words("roles", "former") for c in tok.children):
            return ()  # "a former KGB official" speaks for no one but himself
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                found = self.refer(piece, child) if child.dep_ == "poss" else tuple(  # "congressional and FBI investigators"
                    self.entity_at[(piece, t.i)] for t in (child, *child.conjuncts) if (piece, t.i) in self.entity_at)
                if found and not agent and (all(self.label(lid) in ("Agency", "Organization") for lid in found)
                                            or tok.lemma_.lower() in ("team", "office", "campaign", "account")):
                    return found  # "Mueller's team", "the senator's office" speak for their principal
        preps = [c for c in tok.children if c.dep_ == "prep"]
        preps += [p for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ("work", "serve", "act")
                  for p in c.children if p.dep_ == "prep"]  # "prosecutors working for the Justice Department"
        for prep in preps:
            if prep.lower_ in ("for", "of", "at", "from", "with", "in"):  # "prosecutors in the Justice Department"
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = self.refer(piece, obj)
                        if found and not agent and all(self.label(lid) in ("Agency", "Organization") for lid in found):
                            return found
        return ()

    def named_owner(self, piece: int, tok: Token, depth: int = 0) -> tuple[int, ...]:
        """The named body behind an unnamed phrase: "NSO Group's spyware", "Kremlin hackers",
        "hackers working for the Kremlin", "spyware from NSO Group". Only the phrase's own modifiers
        count: in "five suspects, including a former agent of the GRU" the GRU is not the doer."""
        if tok.pos_ != "NOUN" or tok.lower_ in ("people", "person", "man", "woman", "men", "women"):
            return ()
        if tok.lemma_.lower() in PERSONAL_RELATIONS:
            return ()  # "her co-host", "his lawyer": another person, not the owner
        if tok.lemma_.lower() in TOPIC_NOUNS:
            return ()  # "the Khan case", "the Lind affair": what it is about, not who did it
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod") or child.dep_ == "amod" and child.pos_ == "PROPN":
                found = tuple(lid for lid in self.refer(piece, child) if self.is_party(lid))
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("for", "from", "of", "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = tuple(lid for lid in self.refer_phrase(piece, obj) if self.is_party(lid))
                        if not found and depth < 2:  # "hackers from a state-sponsored group known as X"
                            found = self.named_owner(piece, obj, depth + 1)
                        if found:
                            return found
            if child.dep_ in ("acl", "appos", "relcl") and child.lemma_.lower() in ("know", "call", "name", "dub", "brand", "identify"):
                for prep in child.children:
                    for obj in ([prep] if prep.dep_ in ("oprd", "attr") else prep.children if prep.dep_ == "prep" else ()):
                        found = tuple(lid for lid in self.refer_phrase(piece, obj) if self.is_party(lid))
                        if found:
                            return found
            if child.dep_ == "acl" and child.lemma_.lower() in ("work", "act", "operate", "linked", "link", "tie", "affiliate", "back", "sponsor", "direct", "employ", "hire", "pay"):
                for prep in child.children:
                    for obj in (prep.children if prep.dep_ in ("prep", "agent") else ()):
                        if obj.dep_ == "pobj":
                            found = tuple(lid for lid in self.refer_phrase(piece, obj) if self.is_party(lid))
                            if found:
                                return found
        return ()

    def entity_of(self, piece: int, tok: Token, *, exclude: set[int] = frozenset()) -> int | None:
        """One entity a token names or stands for (see :meth:`refer`), not one of ``exclude``."""
        for lid in self.refer(piece, tok):
            if lid not in exclude:
                return lid
        return None

    def antecedent(self, piece: int, index: int, *, exclude: set[int] = frozenset(), window: int = WINDOW) -> int | None:
        """The person a pronoun at this token stands for, if it was resolved."""
        found = self.pronoun_of.get((piece, index), ())
        return next((lid for lid in found if lid not in exclude), None)

    def subject_tokens(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]

    def agent_tokens(self, verb: Token) -> list[Token]:
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]

    def governing_subject(self, piece: int, verb: Token, *, passive_agent: bool = True, allow_passive: bool = False,
                          exclude: set[int] = frozenset()) -> tuple[tuple[int, ...], Token | None]:
        """The entities that are the subject of a verb (its "by" agent when passive), climbing to the
        clause that has one when the verb has none ("..., saying that", "and added", "who denied").
        Returns the entities (empty if the subject names no one) and the subject token."""
        tok: Token | None = verb
        for _ in range(4):
            if tok is None:
                break
            if passive_agent:
                for agent in self.agent_tokens(tok):
                    found = tuple(lid for lid in self.refer_phrase(piece, agent) if lid not in exclude)
                    return found, agent
            subjects = [s for s in self.subject_tokens(tok) if s.dep_ != "nsubjpass"]
            if len(subjects) > 1:
                # "Riverside's then police chief Tom Becker defended": of two subjects the parse gave, a
                # possessor ("Riverside's") is the other's modifier
                subjects = [s for s in subjects if not any(c.dep_ == "case" for c in s.children)] or subjects
            if subjects:
                for subj in subjects:  # the small model sometimes gives a verb two subjects ("anchor", "Cole")
                    found = tuple(lid for lid in self.refer_phrase(piece, subj) if lid not in exclude)
                    if found:
                        return found, subj
                return (), subjects[0]
            passive_subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if passive_subject is not None and tok.i != verb.i and tok.lemma_.lower() in ("quote", "cite", "record", "hear", "see"):
                # "X is quoted as saying", "X was heard saying": X speaks
                return tuple(lid for lid in self.refer_phrase(piece, passive_subject) if lid not in exclude), passive_subject
            if passive_subject is not None and allow_passive:
                return tuple(lid for lid in self.refer_phrase(piece, passive_subject) if lid not in exclude), passive_subject
            if passive_subject is not None:
                return (), None  # a passive with no agent: nobody named says it
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and self.entity_at.get((piece, tok.head.i)) is not None \
                    and tok.head.dep_ == "ROOT":
                # "Cole, 41, charged in a lawsuit that ...": a parse that lost the main verb
                return self.refer_phrase(piece, tok.head), tok.head
            if tok.dep_ in ("relcl",) or (tok.dep_ == "acl" and tok.tag_ == "VBG"):
                return tuple(lid for lid in self.refer_phrase(piece, tok.head) if lid not in exclude), tok.head
            if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
                # "the attempt by the US government to extradite him": the attempt's maker
                agent = next((g for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "by"
                              for g in c.children if g.dep_ == "pobj"), None)
                if agent is not None:
                    return tuple(lid for lid in self.refer_phrase(piece, agent) if lid not in exclude), agent
            if misattached_conjunct(tok):
                tok = tok.head.head  # "did not say whether ... but did say that ...": the first one's subject
            elif tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
                tok = tok.head
            else:
                break
        return (), None

    def subject_of(self, piece: int, verb: Token, *, exclude: set[int] = frozenset()) -> tuple[int | None, Token | None]:
        """The one entity that is the subject of a verb (see :meth:`governing_subject`)."""
        found, subj = self.governing_subject(piece, verb, exclude=exclude, allow_passive=True)
        if not found and subj is not None:
            inner = [self.entity_at[(piece, t.i)] for t in subj.subtree if (piece, t.i) in self.entity_at
                     and t.dep_ in ("compound", "conj", "appos", "nsubj", "nsubjpass", "pobj")]
            inner = [lid for lid in inner if lid not in exclude]
            persons = [lid for lid in inner if self.label(lid) == "Person"]
            if persons or inner:
                return (persons or inner)[0], subj
        return (found[0] if found else None), subj

