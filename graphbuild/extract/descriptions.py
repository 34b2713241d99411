"""Descriptions: what "the company", "prosecutors", "the senator", "the two suspects" or "the campaign"
stand for in one document, by the names and descriptor nouns of its entities, and the gender of a
person as a title or given name tells it. A mixin of :class:`graphbuild.extract.context.DocContext`.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from ..schema import first_names, gazetteer, lexicon_words
from .countries import country_of, gazetteer_country
from .hints import noun_naming
from .model import LocalEntity
from .vocab import table

DESCRIPTION_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                       "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant",
                       "adm": "admiral", "dr": "doctor", "prof": "professor", "pres": "president", "amb": "ambassador"}
# Plural nouns for people that a definite description uses for the people just named together:
# "the two suspects", "the pair", "the men".
GROUP_NOUNS = frozenset({"suspect", "defendant", "man", "woman", "men", "women", "brother", "sister", "hacker",
                         "official", "officer", "agent", "spy", "lawmaker", "executive", "accused", "pair", "duo",
                         "trio", "couple", "both", "national", "citizen", "individual", "person", "people",
                         "co-defendant", "conspirator", "co-conspirator", "operative", "journalist", "activist",
                         "politician", "leader", "member", "sibling", "son", "daughter", "colleague", "partner"})
KIND_OF_NOUN = {noun: "Organization" for noun in (
    "company", "firm", "corporation", "bank", "network", "newspaper", "paper", "channel", "broadcaster", "outlet",
    "group", "organization", "organisation", "charity", "party", "campaign", "business", "startup", "lender",
    "insurer", "publisher", "magazine", "website", "platform", "union", "university", "lab", "institute", "ngo")}
KIND_OF_NOUN.update({noun: "Agency" for noun in (
    "agency", "ministry", "department", "regulator", "court", "committee", "commission", "government",
    "administration", "police", "military", "army", "service", "bureau", "office", "watchdog", "council",
    "parliament", "embassy", "tribunal", "prosecutor", "prosecution", "panel", "inquiry", "force", "forces")})
# Who came before or after whom in an office: "his predecessor" is the one whose "replacement" he is.
SUCCESSION = {"predecessor": ("replacement", "successor"), "successor": ("predecessor",),
              "replacement": ("predecessor",)}
# Nouns that name the body in the plural ("prosecutors said") but a person in the singular ("the
# prosecutor told the jury"), who is no body named before.
PEOPLE_WHEN_SINGULAR = frozenset({"prosecutor"})
# People one is related to, who act on their own account: "his lawyer", "her co-host".
PERSONAL_RELATIONS = frozenset({
    "co-host", "host", "colleague", "friend", "partner", "boss", "ex-boss", "wife", "husband", "son", "daughter",
    "brother", "sister", "mother", "father", "aide", "associate", "assistant", "lawyer", "attorney", "adviser",
    "advisor", "employee", "staffer", "supporter", "critic", "rival", "successor", "predecessor", "deputy",
    "co", "fiancee", "fiancé", "fiancée", "girlfriend", "boyfriend", "relative", "family", "ally", "client"})
RELATION_NOUNS = frozenset(lexicon_words("roles", "words")) | PERSONAL_RELATIONS
GAZETTEER_PARENT = {e["name"]: e["parent"] for e in gazetteer() if "parent" in e}
KIN_NOUNS = frozenset({"daughter", "son", "sister", "brother", "mother", "father", "niece", "nephew", "cousin"})
SPOUSE_NOUNS = frozenset({"wife", "husband", "spouse", "widow", "widower"})
LED_BODIES = frozenset({"administration", "campaign", "government", "regime", "cabinet", "family", "team", "presidency"})
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "both": 2}
FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "spokeswoman",
                          "chairwoman", "congresswoman", "businesswoman", "wife", "widow", "mother", "daughter",
                          "sister", "grandmother", "actress", "duchess", "countess", "baroness"})
MALE_WORDS = frozenset({"mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "businessman",
                        "husband", "widower", "father", "son", "brother", "grandfather", "actor", "duke", "count",
                        "baron"})


class DescriptionResolver:
    """Look-ups of definite descriptions and groups; expects DocContext's attributes."""

    def _collect_title_descriptors(self) -> None:
        """Titles and roles written right before a person's name ("Sen. Tom Briggs" -> senator), and
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
            named = noun_naming(head)
            if named is not None:
                self.descriptors[lid].add(named.lemma_.lower())  # "a firm named X": X is the firm

    def described(self, piece: int, noun: Token, *, window: int = 8) -> int | None:
        """The entity a definite description or bare institutional noun stands for: "the company" for
        the company the story named last, "prosecutors" for the named prosecuting body, "the senator"
        for the person titled senator. A description with content of its own ("the Russian
        government", "a company") is not a reference back."""
        if noun.pos_ not in ("NOUN", "PROPN") or (piece, noun.i) in self.entity_at:
            return None
        lemma = noun.lemma_.lower()
        if lemma in SPOUSE_NOUNS:
            return self._spouse(piece, noun)
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
        national = [c for c in noun.children if c.dep_ in ("amod", "compound") and country_of(c.text)]
        if national and len([c for c in noun.children if c.dep_ in ("amod", "compound")]) == 1:
            if lemma not in bodies:
                return None
            return self.national_body(piece, noun, country_of(national[0].text), bodies.get(lemma, frozenset()) | {lemma},
                                      named_before=False)  # "Israeli forces" before the story names the IDF
        if any(c.dep_ in ("amod", "compound") and c.lower_ not in ("federal", "former", "same", "state", "local",
                                                                     "top", "senior", "chief", "new", "then")
               for c in noun.children):
            return None
        wanted = bodies.get(lemma, frozenset()) | {lemma}
        found = self._recent_with(piece, noun.i, wanted, lemma, window)
        if found is None and dets:
            found = self._owner_of_same_noun(piece, noun)
        if found is None and lemma in KIND_OF_NOUN and dets and (plural or lemma not in PEOPLE_WHEN_SINGULAR):
            found = self.last_of_label(piece, noun.i, KIND_OF_NOUN[lemma], window=3)  # "the company": the one just named
        return found

    def _spouse(self, piece: int, noun: Token) -> int | None:
        """"Lind and his wife": the one other person of the document with the possessor's surname
        (or called so), when there is exactly one."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        found = [lid for lid in self.refer(piece, owner) if self.label(lid) == "Person"]
        if len(found) != 1:
            return None
        called = {lid for lid, words in self.descriptors.items() if noun.lemma_.lower() in words and lid != found[0]}
        if len(called) == 1:
            return called.pop()  # "his wife, Nadia Lind" told before
        surname = self.entities[found[0]].name.split()[-1]
        gender = {"wife": "f", "widow": "f", "husband": "m", "widower": "m"}.get(noun.lemma_.lower(), "")
        others = {lid for lid in self.by_word.get(surname.lower(), ()) if lid != found[0] and self.label(lid) == "Person"
                  and self.entities[lid].name.split()[-1] == surname and self.gender.get(lid, "") in ("", gender)
                  and not self.descriptors.get(lid, set()) & KIN_NOUNS}
        return others.pop() if len(others) == 1 else None

    def national_body(self, piece: int, noun: Token, country: str | None, wanted: frozenset[str], *,
                      named_before: bool = True) -> int | None:
        """"Israeli forces" for the Israel Defense Forces the story names: a body of that country whose
        name holds the noun (or one the bodies table gives for it), the most mentioned one."""
        if country is None:
            return None
        candidates = set().union(*(self.by_word.get(w, ()) for w in wanted))
        best = None
        for lid in sorted(candidates):
            ent = self.entities[lid]
            if ent.label == "Person" or lid in self.avoid or named_before and self.last_mention_before(lid, piece, noun.i) is None:
                continue
            home = gazetteer_country().get(ent.canonical or "") or next(
                (country_of(w) for w in ent.name.split() if country_of(w)), None)
            if home == country and (best is None or self.mentioned[lid] > self.mentioned[best]):
                best = lid
        return best

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

    def succession(self, piece: int, noun: Token) -> tuple[int, ...]:
        """"Reed hit back at his replacement, Ruiz, who said her predecessor had agreed": X's
        predecessor is the one the text named X the replacement or successor of (and the converse)."""
        owners = [lid for c in noun.children if c.dep_ == "poss" for lid in self.refer(piece, c)]
        if not owners:
            return ()
        inverse = SUCCESSION[noun.lemma_.lower()]
        doc = self.doc(piece)
        for t in reversed(doc[:noun.i]):
            if t.lemma_.lower() not in inverse:
                continue
            named = [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else [])
            # "his replacement, Dato' Ana Ruiz": the name after the comma, however the parse hangs it
            after = [self.entity_at.get((piece, i)) for i in range(t.i + 2, min(t.i + 6, len(doc)))
                     if t.i + 1 < len(doc) and doc[t.i + 1].text == ","]
            if any(lid in owners for c in named for lid in self.refer(piece, c)) or set(after) & set(owners):
                return tuple(lid for c in t.children if c.dep_ == "poss" for lid in self.refer(piece, c)
                             if lid not in owners and self.label(lid) == "Person")
        return ()

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
            # "the company": one described as a company before one described only as a firm
            exact = lemma in self.descriptors[lid] or lemma in self.name_words[lid]
            key = (0, not exact, distance) if distance <= window else (1, not exact, -self.mentioned[lid])
            if best is None or key < best:
                best, found = key, lid
        return found

    def group_described(self, piece: int, noun: Token) -> tuple[int, ...]:
        """"the two suspects", "the pair", "both men": the people the story last named together
        (with as many members as the numeral says, when it says)."""
        lemma = noun.lemma_.lower()
        if lemma not in GROUP_NOUNS or not (noun.tag_ in ("NNS", "NNPS") or lemma in ("pair", "duo", "trio", "couple")):
            return ()
        dets = [c for c in noun.children if c.dep_ in ("det", "predet")]
        number = next((c for c in noun.children if c.dep_ == "nummod"), None)
        if not dets and number is not None and WORD_NUMBERS.get(number.lower_, 0) >= 2:
            return self._group_named_after(piece, noun, WORD_NUMBERS[number.lower_])
        if not dets or dets[0].lower_ not in ("the", "both", "these", "those", "all"):
            return ()
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

    def _group_named_after(self, piece: int, noun: Token, size: int) -> tuple[int, ...]:
        """"charged two Iranian nationals with hacking. The two suspects, A and B, ...": a numbered
        group the story names in its next sentences, with as many people as the number says."""
        sentence = self.sentence_of(piece, noun.i)
        at = bisect_left(self.group_positions, (piece, noun.i))
        while at < len(self.group_positions):
            key = self.group_positions[at]
            if self.sentence_of(*key) - sentence > 3:
                break
            group = self.groups[key]
            if len(group) == size and all(self.label(lid) == "Person" for lid in group):
                return group
            at += 1
        return ()

    def groups_before(self, piece: int, index: int):
        """Conjoined names of people before a token, the latest first."""
        at = bisect_left(self.group_positions, (piece, index)) - 1
        while at >= 0:
            key = self.group_positions[at]
            yield key, self.groups[key]
            at -= 1

    def parents_of(self, lid: int) -> tuple[int, ...]:
        """The service a state hacking group is attributed to, when the document names it: APT28's GRU."""
        parent = GAZETTEER_PARENT.get(self.entities[lid].canonical or "")
        if parent is None:
            return ()
        return tuple(other.lid for other in self.entities if other.canonical == parent and self.mentioned.get(other.lid))

    def leaders_of(self, lid: int) -> tuple[int, ...]:
        """The person a body is named after and led by: "the Trump campaign", "the Obama administration"."""
        ent = self.entities[lid]
        words_ = ent.name.split()
        if ent.label == "Person" or len(words_) < 2 or words_[-1].lower() not in LED_BODIES:
            return ()
        owner = words_[-2].lower().rstrip("'’s").strip("'’")
        return tuple(other.lid for other in self.entities if other.label == "Person" and self.mentioned.get(other.lid)
                     and other.name.split()[-1].lower() == owner)

    def last_mention_token_before(self, lid: int, piece: int, index: int) -> tuple[int, int, int] | None:
        """(piece, token, sentence) of the entity's last mention before this token, if any."""
        positions = self.positions[lid]
        at = bisect_left(positions, (piece, index, -1)) - 1
        return positions[at] if at >= 0 else None

    def last_mention_before(self, lid: int, piece: int, index: int) -> int | None:
        """The sentence of the entity's last mention before this token, if any."""
        positions = self.positions[lid]
        at = bisect_left(positions, (piece, index, -1)) - 1
        return positions[at][2] if at >= 0 else None

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
