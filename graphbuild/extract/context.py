"""A parsed document with its entities, as look-ups for the relation extractors: which entity a token
names or refers to (names, pronouns, relative pronouns, definite descriptions such as "the company"
or "the senator", bare institutional nouns such as "prosecutors"), quotes, and the subject of a verb.

Every look-up is local: pronouns are resolved in one pass over the document against a bounded list
of recent mentions, so the work is linear in the length of the document.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..schema import first_names, lexicon_words
from .model import LocalEntity, Mention, Sentence
from .quotes import QuoteMap, quote_map
from .vocab import table, words

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
PRONOUNS = PERSON_PRONOUNS  # kept for callers that resolve people only
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Climbing from a verb with no subject of its own to the clause that has one: "..., saying that",
# "and said", "went on to say", "who denied". Never through ccomp: that is someone else's clause.
CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "relcl", "pcomp", "prep", "pobj", "dep"})
DESCRIPTION_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                       "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant",
                       "adm": "admiral", "dr": "doctor", "prof": "professor", "pres": "president", "amb": "ambassador"}
RECENT = 24  # how many recent mentions pronoun resolution looks at
# Verbs whose "it" is mostly no entity: "it seems", "it takes", "it follows that", "it rained".
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "follow", "emerge", "happen", "matter", "take", "rain", "mean",
                             "remain", "become", "turn", "come", "look", "sound", "feel", "occur", "transpire",
                             "cost", "help", "hurt", "make", "go", "get"})
# Plural nouns for people that a definite description uses for the people just named together:
# "the two suspects", "the pair", "the men".
GROUP_NOUNS = frozenset({"suspect", "defendant", "man", "woman", "men", "women", "brother", "sister", "hacker",
                         "official", "officer", "agent", "spy", "lawmaker", "executive", "accused", "pair", "duo",
                         "trio", "couple", "both", "national", "citizen", "individual", "person", "people",
                         "co-defendant", "conspirator", "co-conspirator", "operative", "journalist", "activist",
                         "politician", "leader", "member", "sibling", "son", "daughter", "colleague", "partner"})
WINDOW = 4  # sentences back a pronoun may reach


KIND_OF_NOUN = {noun: "Organization" for noun in (
    "company", "firm", "corporation", "bank", "network", "newspaper", "paper", "channel", "broadcaster", "outlet",
    "group", "organization", "organisation", "charity", "party", "campaign", "business", "startup", "lender",
    "insurer", "publisher", "magazine", "website", "platform", "union", "university", "lab", "institute", "ngo")}
KIND_OF_NOUN.update({noun: "Agency" for noun in (
    "agency", "ministry", "department", "regulator", "court", "committee", "commission", "government",
    "administration", "police", "military", "army", "service", "bureau", "office", "watchdog", "council",
    "parliament", "embassy", "tribunal", "prosecutor", "prosecution", "panel", "inquiry", "force", "forces")})
RELATION_NOUNS = frozenset(lexicon_words("roles", "words")) | frozenset({
    "co-host", "host", "colleague", "friend", "partner", "boss", "ex-boss", "wife", "husband", "son", "daughter",
    "brother", "sister", "mother", "father", "aide", "associate", "assistant", "lawyer", "attorney", "adviser",
    "advisor", "employee", "staffer", "supporter", "critic", "rival", "successor", "predecessor", "deputy",
    "co", "fiancee", "fiancé", "fiancée", "girlfriend", "boyfriend", "relative", "family", "ally", "client"})
LED_BODIES = frozenset({"administration", "campaign", "government", "regime", "cabinet", "family", "team", "presidency"})
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "both": 2}


FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "spokeswoman",
                          "chairwoman", "congresswoman", "businesswoman", "wife", "widow", "mother", "daughter",
                          "sister", "grandmother", "actress", "duchess", "countess", "baroness"})
MALE_WORDS = frozenset({"mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "businessman",
                        "husband", "widower", "father", "son", "brother", "grandfather", "actor", "duke", "count",
                        "baron"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


COPULA_FORMS = frozenset({"'s", "’s", "is", "was", "are", "were", "'re", "’re", "be", "been", "being", "am", "'m", "’m"})


def is_copula(tok: Token) -> bool:
    """A form of "be" (the tagger leaves "’s" with a curly apostrophe unlemmatised)."""
    return tok.lemma_ == "be" or tok.lower_ in COPULA_FORMS and tok.pos_ in ("AUX", "VERB")


def verb_lemma(tok: Token) -> str:
    return tok.lemma_.lower()


class DocContext:
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

    # --- basic look-ups

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

    # --- descriptors ("the senator", "the company")

    def _collect_title_descriptors(self) -> None:
        """Titles and roles written right before a person's name ("Sen. Bob Menendez" -> senator), and
        kind nouns right before an organisation's ("cybersecurity company Symantec" -> company)."""
        roles = lexicon_words("roles", "words") | lexicon_words("titles", "words")
        for (piece, i), lid in self.entity_at.items():
            if not self.first_token.get((piece, i)):
                continue
            doc = self.doc(piece)
            for j in range(i - 1, max(i - 4, -1), -1):
                t = doc[j]
                if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON", "DET") or (piece, j) in self.entity_at:
                    break
                word = TITLE_ABBREVIATIONS.get(t.lower_.rstrip("."), t.lemma_.lower().rstrip("."))
                if word in roles or word in table("bodies") or word in FEMALE_WORDS or word in MALE_WORDS:
                    self.descriptors[lid].add(word)
            tok = doc[i]
            head = tok
            while head.dep_ in ("compound", "flat") and head.head.i != head.i and (piece, head.head.i) in self.entity_at:
                head = head.head
            for child in head.children:
                if child.dep_ == "appos" and child.pos_ == "NOUN":
                    self.descriptors[lid].add(child.lemma_.lower())
            if head.dep_ == "appos" and head.head.pos_ == "NOUN":
                self.descriptors[lid].add(head.head.lemma_.lower())

    def _gender(self, ent: LocalEntity) -> str:
        """"f", "m" or "" for a person: by a title or role word written with the name ("Mrs", "spokeswoman"),
        else by a common given name."""
        if ent.label != "Person":
            return ""
        words_ = self.descriptors.get(ent.lid, set())
        if words_ & FEMALE_WORDS and not words_ & MALE_WORDS:
            return "f"
        if words_ & MALE_WORDS and not words_ & FEMALE_WORDS:
            return "m"
        names = first_names()
        for name in sorted({ent.name, *ent.aliases}, key=len, reverse=True):
            first = name.split()[0].lower().strip(".,'’") if name.split() else ""
            if first in names["female"]:
                return "f"
            if first in names["male"]:
                return "m"
        return ""

    def described(self, piece: int, noun: Token, *, window: int = 8) -> int | None:
        """The entity a definite description or bare institutional noun stands for: "the company" for
        the company the story named last, "prosecutors" for the named prosecuting body, "the senator"
        for the person titled senator. A description with content of its own ("the Russian
        government", "a company") is not a reference back."""
        if noun.pos_ not in ("NOUN", "PROPN") or (piece, noun.i) in self.entity_at:
            return None
        lemma = noun.lemma_.lower()
        bodies = table("bodies")
        dets = [c for c in noun.children if c.dep_ == "det"]
        plural = noun.tag_ in ("NNS", "NNPS")
        if dets:
            if dets[0].lower_ not in DESCRIPTION_DETERMINERS:
                return None
        elif not (plural and lemma in bodies) and noun.lower_ not in ("police",):
            return None
        if any(c.dep_ in ("poss", "nmod", "appos") or c.dep_ == "compound" and (piece, c.i) in self.entity_at
               for c in noun.children):
            return None
        if any(c.dep_ in ("amod", "compound") and c.lower_ not in ("federal", "former", "same", "state", "local",
                                                                     "top", "senior", "chief", "new", "then")
               for c in noun.children):
            return None
        wanted = bodies.get(lemma, frozenset()) | {lemma}
        found = self._recent_with(piece, noun.i, wanted, lemma, window)
        if found is None and dets:
            found = self._owner_of_same_noun(piece, noun)
        if found is None and lemma in KIND_OF_NOUN and dets:
            found = self.last_of_label(piece, noun.i, KIND_OF_NOUN[lemma], window=3)  # "the company": the one just named
        return found

    def _owner_of_same_noun(self, piece: int, noun: Token, *, tokens: int = 400) -> int | None:
        """"the campaign" after "the Trump campaign": the named owner of the same noun just before."""
        doc = self.doc(piece)
        lemma = noun.lemma_.lower()
        for tok in reversed(doc[max(0, noun.i - tokens):noun.i]):
            if tok.lemma_.lower() != lemma:
                continue
            for child in tok.children:
                lid = self.entity_at.get((piece, child.i))
                if child.dep_ in ("compound", "poss") and lid is not None and self.is_party(lid):
                    return lid
        return None

    def last_of_label(self, piece: int, index: int, label: str, *, window: int) -> int | None:
        """The entity of a label named last before this token, within ``window`` sentences."""
        positions = self.label_positions.get(label, [])
        at = bisect_left(positions, (piece, index, -1, -1)) - 1
        sentence = self.sentence_of(piece, index)
        while at >= 0 and sentence - positions[at][2] <= window:
            if positions[at][3] not in self.avoid:
                return positions[at][3]
            at -= 1
        return None

    def _recent_with(self, piece: int, index: int, wanted: frozenset[str], lemma: str, window: int) -> int | None:
        """The entity whose name holds one of ``wanted`` (or that carries ``lemma`` as descriptor) named
        last before this token within ``window`` sentences, else the most mentioned such entity
        named before it."""
        sentence = self.sentence_of(piece, index)
        candidates = set().union(*(self.by_word.get(w, ()) for w in wanted | {lemma}))
        best: tuple | None = None
        found = None
        for lid in sorted(candidates):
            ent = self.entities[lid]
            if lid in self.avoid or not self.is_party(lid) or (lemma in table("bodies") and ent.label == "Person"):
                continue  # "the company" is never a person
            if lemma not in table("bodies") and ent.label != "Person" and lemma not in self.descriptors[lid]:
                continue  # "the senator" is a person's title
            last = self.last_mention_before(lid, piece, index)
            if last is None:
                continue
            distance = sentence - last
            key = (0, distance) if distance <= window else (1, -self.mentioned[lid])
            if best is None or key < best:
                best, found = key, lid
        return found

    def last_mention_token_before(self, lid: int, piece: int, index: int) -> tuple[int, int, int] | None:
        """(piece, token, sentence) of the entity's last mention before this token, if any."""
        positions = self.positions[lid]
        at = bisect_left(positions, (piece, index, -1)) - 1
        return positions[at] if at >= 0 else None

    def subject_role(self, piece: int, i: int) -> int:
        return self._role(piece, self.doc(piece)[i])

    def last_mention_before(self, lid: int, piece: int, index: int) -> int | None:
        """The sentence of the entity's last mention before this token, if any."""
        positions = self.positions[lid]
        at = bisect_left(positions, (piece, index, -1)) - 1
        return positions[at][2] if at >= 0 else None

    # --- pronouns

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
                    found_many = self._salient_other(recent, piece, tok, sentence, plural=low in PLURAL_PRONOUNS)
                    if found_many:
                        self.pronoun_of[key] = found_many

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
        """2 for the subject of a verb of saying, 1 for another subject, -1 for a possessor, else 0."""
        head = tok
        while head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            return 2 if head.dep_ == "nsubj" and verb_lemma(head.head) in speech_lemmas() else 1
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
        named. "they": the last conjoined names ("Humala and Heredia"), else an organisation."""
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
        out = []
        for t in (head, *head.conjuncts):
            lid = self.entity_at.get((piece, t.i))
            if lid is not None and lid not in out and self.is_party(lid):
                out.append(lid)
        return tuple(out)

    # --- what a token refers to

    def refer(self, piece: int, tok: Token) -> tuple[int, ...]:
        """The entities a token names or stands for (a name, a pronoun, a relative pronoun, "I" or "we"
        in a quote, a definite description); empty if none is named."""
        lid = self.entity_at.get((piece, tok.i))
        if lid is not None:
            return (lid,)
        low = tok.lower_
        if (piece, tok.i) in self.pronoun_of:
            return self.pronoun_of[(piece, tok.i)]
        if low in FIRST_PLURAL and not self.inside_quote(piece, tok.i) and self.issuer is not None:
            return (self.issuer,)  # a release's "we"
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
        if tok.pos_ in ("NOUN", "PROPN"):
            group = self.group_described(piece, tok)
            if group:
                return group
            found = self.described(piece, tok)
            if found is not None:
                return (found,)
        return ()

    def group_described(self, piece: int, noun: Token) -> tuple[int, ...]:
        """"the two suspects", "the pair", "both men": the people the story last named together
        (with as many members as the numeral says, when it says)."""
        lemma = noun.lemma_.lower()
        if lemma not in GROUP_NOUNS or not (noun.tag_ in ("NNS", "NNPS") or lemma in ("pair", "duo", "trio", "couple")):
            return ()
        dets = [c for c in noun.children if c.dep_ in ("det", "predet")]
        if not dets or dets[0].lower_ not in ("the", "both", "these", "those", "all"):
            return ()
        number = next((c for c in noun.children if c.dep_ == "nummod"), None)
        size = WORD_NUMBERS.get(number.lower_) if number is not None else {"pair": 2, "duo": 2, "couple": 2, "trio": 3}.get(lemma)
        if number is not None and size is None and number.text.isdigit():
            size = int(number.text)
        sentence = self.sentence_of(piece, noun.i)
        best: tuple[int, ...] = ()
        for (p, i), group in self.groups_before(piece, noun.i):
            if sentence - self.sentence_of(p, i) > 6:
                break
            if size is None or len(group) == size:
                return group
            best = best or group
        return best if size is None else ()

    def groups_before(self, piece: int, index: int):
        """Conjoined names of people before a token, the latest first."""
        at = bisect_left(self.group_positions, (piece, index)) - 1
        while at >= 0:
            key = self.group_positions[at]
            yield key, self.groups[key]
            at -= 1

    def leaders_of(self, lid: int) -> tuple[int, ...]:
        """The person a body is named after and led by: "the Trump campaign", "the Obama administration"."""
        ent = self.entities[lid]
        words_ = ent.name.split()
        if ent.label == "Person" or len(words_) < 2 or words_[-1].lower() not in LED_BODIES:
            return ()
        owner = words_[-2].lower().rstrip("'’s").strip("'’")
        return tuple(other.lid for other in self.entities if other.label == "Person" and self.mentioned.get(other.lid)
                     and other.name.split()[-1].lower() == owner)

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
        """The entities a noun phrase stands for, with its conjuncts ("Hana and Daibes"), a name in
        apposition ("the company's chief, John Smith"), and the body behind an unnamed spokesperson
        ("a Kremlin spokesman", "Microsoft's spokeswoman")."""
        out: list[int] = []
        for t in (tok, *tok.conjuncts):
            found = self.refer(piece, t)
            if not found:
                found = self._appositive_name(piece, t) or self._spokesperson_body(piece, t)
            for lid in found:
                if lid not in out:
                    out.append(lid)
        return tuple(out)

    def _appositive_name(self, piece: int, tok: Token) -> tuple[int, ...]:
        """"the two suspects, Ivan Petrov and Oleg Smirnov": the names in apposition."""
        for child in tok.children:
            if child.dep_ == "appos":
                found = [self.entity_at[(piece, t.i)] for t in (child, *child.conjuncts) if (piece, t.i) in self.entity_at]
                if found:
                    return tuple(dict.fromkeys(found))
        return ()

    def _spokesperson_body(self, piece: int, tok: Token) -> tuple[int, ...]:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in words("frames", "spokesperson_nouns") and tok.lower_ not in words("frames", "spokesperson_nouns"):
            return ()
        agent = tok.lower_ in words("frames", "agent_nouns") or tok.lemma_.lower() in words("frames", "agent_nouns")
        if any(c.lower_ in lexicon_words("roles", "former") for c in tok.children):
            return ()  # "a former KGB official" speaks for no one but himself
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                found = self.refer(piece, child) if child.dep_ == "poss" else (
                    (self.entity_at[(piece, child.i)],) if (piece, child.i) in self.entity_at else ())
                if found and not agent and (all(self.label(lid) in ("Agency", "Organization") for lid in found)
                                            or tok.lemma_.lower() in ("team", "office", "campaign", "account")):
                    return found  # "Mueller's team", "the senator's office" speak for their principal
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = self.refer(piece, obj)
                        if found and not agent and all(self.label(lid) in ("Agency", "Organization") for lid in found):
                            return found
        return ()

    def named_owner(self, piece: int, tok: Token, depth: int = 0) -> tuple[int, ...]:
        """The named body behind an unnamed phrase: "NSO Group's spyware", "Kremlin hackers",
        "hackers working for the Kremlin", "spyware from NSO Group". Only the phrase's own modifiers
        count: in "five nationals, including a former officer of the GRU" the GRU is not the doer."""
        if tok.pos_ != "NOUN" or tok.lower_ in ("people", "person", "man", "woman", "men", "women"):
            return ()
        if tok.lemma_.lower() in RELATION_NOUNS:
            return ()  # "her co-host", "his lawyer": another person, not the owner
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod"):
                found = tuple(lid for lid in self.refer(piece, child) if self.is_party(lid))
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("for", "from", "of", "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = tuple(lid for lid in self.refer_phrase(piece, obj) if self.is_party(lid))
                        if not found and depth < 2:  # "hackers from the state-backed group known as X"
                            found = self.named_owner(piece, obj, depth + 1)
                        if found:
                            return found
            if child.dep_ in ("acl", "appos") and child.lemma_.lower() in ("know", "call", "name", "dub", "brand", "identify"):
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

    # --- subjects

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
            if subjects:
                for subj in subjects:  # the small model sometimes gives a verb two subjects ("anchor", "Carlson")
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
                # "Carlson, 50, charged in a lawsuit that ...": a parse that lost the main verb
                return self.refer_phrase(piece, tok.head), tok.head
            if tok.dep_ in ("relcl",) or (tok.dep_ == "acl" and tok.tag_ == "VBG"):
                return tuple(lid for lid in self.refer_phrase(piece, tok.head) if lid not in exclude), tok.head
            if tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
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


def speech_lemmas() -> frozenset[str]:
    return words("cues", "alleges") | words("cues", "corroborates") | words("cues", "disputes")
