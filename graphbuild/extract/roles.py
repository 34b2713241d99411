"""Role phrases said of a person: the words that tie a name to a body in a description.

"former KGB Major Yuri Shvets", "Kazakhstan's former Chairman of the National Security Committee Alnur
Mussayev", "Microsoft's chief executive X" (titles before the name); "X, a spokesman for Y", "the Unity
president, X" (appositions); "X of the Royal United Services Institute"; "moles in the FBI (X)"; "a GRU spy
named X"; "the Harbour Party's X"; "DNI X" when the document names the office the title heads. A role must
name the body: a title alone ("Treasury Secretary") counts only through the body it heads.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token

from ..schema import gazetteer, lexicon, lexicon_words
from .context import DocContext
from .names import is_title, name_key
from .spans import organization_nouns, phrase_at
from .votes import head_word

ORG_LABELS = ("Agency", "Organization")
POSSESSIVES = ("'s", "’s")
# "the Kremlin-backed leader": a body that backs, funds or owns someone is not theirs
NOT_MEMBERSHIP = {"backed", "linked", "funded", "allied", "friendly", "sponsored", "controlled", "aligned",
                  "leaning", "based", "owned", "run", "appointed", "installed", "supported", "trained", "connected"}


@dataclass(frozen=True)
class Membership:
    person: int
    org: int
    cue: str
    role: str
    former: bool
    by_title: bool = False  # read from a member's title alone ("Sen."): only if nothing else is said


role_words = partial(lexicon_words, "roles", "words")
former_words = partial(lexicon_words, "roles", "former")
_TITLE_BODIES: WeakKeyDictionary = WeakKeyDictionary()


def bodies_by_name(ctx: DocContext) -> dict[str, list[int]]:
    """The document's bodies by the tail and head of their names ("us senate" -> "senate"), made once."""
    found = _TITLE_BODIES.get(ctx)
    if found is None:
        found = {}
        for ent in ctx.entities:
            if ent.mentions and ent.label in ORG_LABELS:
                for alias in {ent.name} | ent.aliases:
                    words = name_key(alias).split()
                    keys = {" ".join(words[n:]) for n in range(len(words))} | {head_word(words)}
                    for key in keys:
                        found.setdefault(key, [])
                        if ent.lid not in found[key]:
                            found[key].append(ent.lid)
        _TITLE_BODIES[ctx] = found
    return found


def title_bodies(ctx: DocContext, tokens: list[Token]) -> list[tuple[int, str]]:
    """Bodies a member's title names, when the document names exactly one such body: "Sen." (the Senate),
    "Congressman" (Congress), "MEPs" (the European Parliament), "Judge" (the court)."""
    titles = lexicon()["roles"]["member_titles"]
    out = []
    for t in tokens:
        names = titles.get(t.lower_.rstrip(".")) or titles.get(t.lemma_.lower().rstrip("."))
        for name in names or ():
            hits = bodies_by_name(ctx).get(name, [])
            if len(hits) == 1:
                out.append((hits[0], t.text))
                break
    return out


@cache
def office_heads() -> dict[tuple[str, ...], str]:
    """Titles that name the head of a listed body ("director of national intelligence" -> ODNI)."""
    out: dict[tuple[str, ...], str] = {}
    for e in gazetteer():
        for title in e.get("heads", []):
            out[tuple(title.lower().replace("-", " ").split())] = e["name"]
    return out


@cache
def head_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in office_heads():
        by_first.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(ws, key=len, reverse=True)) for first, ws in by_first.items()}


def is_person(ctx: DocContext, lid: int | None) -> bool:
    return lid is not None and ctx.label(lid) == "Person"


def is_body(ctx: DocContext, lid: int | None) -> bool:
    return lid is not None and ctx.label(lid) in ORG_LABELS


def backs_only(tok: Token) -> bool:
    """"Kremlin-backed": the body is followed by a hyphen and a participle of support or place."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in NOT_MEMBERSHIP


def orgs_in(ctx: DocContext, piece: int, tokens: list[Token], exclude: set[int]) -> list[int]:
    seen: list[int] = []
    for t in tokens:
        lid = ctx.entity_at.get((piece, t.i))
        if lid is not None and lid not in exclude and lid not in seen and is_body(ctx, lid) and not backs_only(t):
            seen.append(lid)
    return seen


def nominal(t: Token, name_at: int) -> bool:
    """A noun, or a title word the tagger took for an adjective right before a name ("KGB major Yuri")."""
    return t.pos_ in ("NOUN", "PROPN") or t.pos_ == "ADJ" and t.i == name_at - 1 and is_title(t.text)


def describe(tokens: list[Token], ctx: DocContext, piece: int, name_at: int = -1) -> tuple[str, bool]:
    """The role words of a description ("Major General") and whether it is a former role."""
    role = [t.text for t in tokens if (piece, t.i) not in ctx.entity_at and (t.lower_ in role_words() or is_title(t.text))
            and t.lower_ not in former_words() and nominal(t, name_at)]
    former = any(t.lower_.rstrip("-") in former_words() or t.lower_.startswith("ex-") for t in tokens)
    return " ".join(role), former


def has_role(tokens: list[Token], ctx: DocContext, piece: int, name_at: int = -1) -> bool:
    return any((piece, t.i) not in ctx.entity_at and nominal(t, name_at)
               and (t.lower_ in role_words() or t.lemma_.lower() in role_words() or is_title(t.text)) for t in tokens)


def title_heads(ctx: DocContext, tokens: list[Token]) -> list[tuple[int, str]]:
    """Bodies of the document that a title in these tokens heads: "DNI", "Secretary of State"."""
    if not tokens:
        return []
    doc = tokens[0].doc
    listed = {e.canonical: e.lid for e in ctx.entities if e.canonical and e.mentions}
    found = []
    for t in tokens:
        end = phrase_at(doc, t.i, head_phrases())
        if end > t.i:
            canonical = office_heads()[tuple(w.lower_ for w in doc[t.i:end] if w.text != "-")]
            if canonical in listed:
                found.append((listed[canonical], doc[t.i:end].text))
    return found


def prefix_window(ctx: DocContext, piece: int, doc: Doc, first: int) -> tuple[list[Token], int | None]:
    """The words before a name that can describe it ("Kazakhstan's former Chairman of the National Security
    Committee"), and the body that owns the description by a possessive ("Microsoft's chief executive")."""
    start = first
    while start > 0 and first - start < 9:
        t = doc[start - 1]
        if t.text in POSSESSIVES:
            owner = ctx.entity_at.get((piece, t.i - 1)) if t.i > 0 else None
            window = list(doc[start:first])
            if owner is not None and ctx.label(owner) == "Place":
                return window, place_body(ctx, owner, window)  # "Riverton's then police chief"
            return window, owner if is_body(ctx, owner) else None
        if t.pos_ == "CCONJ" and t.i > 0 and doc[t.i - 1].lemma_.lower() in role_words() and start < first:
            start -= 1  # "board member and superlawyer X"
            continue
        if (t.is_punct and t.text != "-" or t.is_space and "\n" in t.text or t.pos_ in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ")
                or t.pos_ == "ADP" and t.lower_ not in ("of", "for", "at")):
            break
        if is_person(ctx, ctx.entity_at.get((piece, t.i))):
            break
        start -= 1
    while start < first and doc[start].pos_ == "ADP":
        start += 1
    return list(doc[start:first]), None


def place_body(ctx: DocContext, place: int, window: list[Token]) -> int | None:
    """The one body of the document named after a place and a word of the title: "Riverton's police
    chief" and the Riverton Police."""
    place_words = set(name_key(ctx.entities[place].name).split())
    title_words = {t.lemma_.lower() for t in window if t.pos_ == "NOUN"}
    found = [e.lid for e in ctx.entities if e.mentions and e.label in ORG_LABELS
             and place_words <= set(name_key(e.name).split()) and title_words & set(name_key(e.name).split())]
    return found[0] if len(found) == 1 else None


def first_of_pair(ctx: DocContext, piece: int, doc: Doc, first: int) -> int:
    """Where the names joined with this one begin, when a plural title comes before them: "Reuters
    reporters [Omar Saleh and] Ali Haddad"."""
    start = first
    while start >= 2 and doc[start - 1].lower_ in ("and", ",") and is_person(ctx, ctx.entity_at.get((piece, start - 2))):
        lid = ctx.entity_at[(piece, start - 2)]
        start -= 2
        while start > 0 and ctx.entity_at.get((piece, start - 1)) == lid:
            start -= 1
    if start < first and start > 0 and doc[start - 1].tag_ in ("NNS", "NNPS"):
        return start
    return first


def prefix_memberships(ctx: DocContext, piece: int, doc: Doc, person: int, first: int) -> list[Membership]:
    """Titles before a name: "Kremlin spokesman Dmitry Peskov", "Democrat Ann Cole", "DNI X"."""
    start = first_of_pair(ctx, piece, doc, first)
    window, owner = prefix_window(ctx, piece, doc, start)
    cue = " ".join(t.text for t in window)
    role, former = describe(window, ctx, piece, start)
    out = [Membership(person, org, cue, title, former) for org, title in title_heads(ctx, window)]
    orgs = orgs_in(ctx, piece, window, {person}) + ([owner] if owner is not None else [])
    if has_role(window, ctx, piece, start) and role:
        out += [Membership(person, org, cue, role, former) for org in orgs]
        out += [Membership(person, org, cue, title, former, True) for org, title in title_bodies(ctx, window) if not orgs]
    elif window and orgs and party_word(window[-1]):
        out.append(Membership(person, orgs[-1], cue, "member", former))  # "Democrat Ann Cole"
    return out


def party_word(tok: Token) -> bool:
    """A word that says a person belongs to a party ("Democrat", "Republicans")."""
    return tok.lemma_.lower() in lexicon_words("roles", "party_members") or tok.lower_ in lexicon_words("roles", "party_members")


def role_phrase(noun: Token) -> list[Token]:
    """A role noun's own phrase: its modifiers and "of/for/at/with ..." complements, not its clauses."""
    out = []
    stack = [noun]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos", "punct") and t is noun:
                continue
            if c.dep_ == "prep" and t is noun and c.lower_ not in ("of", "for", "at", "with", "in", "to", "on", "from"):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def noun_memberships(ctx: DocContext, piece: int, noun: Token, person: int) -> list[Membership]:
    """A role noun said of a person, with a body in its phrase: "a former CIA official", "a spokesman for
    the Commission", "head of the charity Clean Hands"."""
    if noun.lower_ not in role_words() and noun.lemma_.lower() not in role_words() and not is_title(noun.text):
        return []
    tokens = [t for t in role_phrase(noun) if ctx.entity_at.get((piece, t.i)) != person]
    role, former = describe([t for t in tokens if t.i <= noun.i], ctx, piece)
    phrase = noun.doc[min(t.i for t in tokens):max(t.i for t in tokens) + 1].text
    out = [Membership(person, org, phrase, title, former) for org, title in title_heads(ctx, tokens)]
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and is_person(ctx, ctx.entity_at.get((piece, owner.i))):
        return out  # "Feldman's lawyer" works for Feldman, not for a body
    orgs = orgs_in(ctx, piece, tokens, {person})
    if not orgs:
        return out + [Membership(person, org, phrase, title, former, True) for org, title in title_bodies(ctx, [noun])]
    return out + [Membership(person, org, phrase, role or noun.text, former) for org in orgs[:2]]


def leading_memberships(ctx: DocContext, piece: int, doc: Doc, person: int, first: int, last: int) -> list[Membership]:
    """A description right before a name and its comma, the name closed by a comma: "According to the
    Unity president, Petros Alexiou, ...", "a US Congressman, Tom Briggs, visited"."""
    if first < 2 or doc[first - 1].text != "," or last + 1 >= len(doc) or doc[last + 1].text not in (",", ".", ";"):
        return []
    noun = doc[first - 2]
    while (noun.lemma_.lower() not in role_words() and noun.dep_ in ("pobj", "prep", "compound", "conj")
           and noun.head.i < noun.i and first - noun.head.i < 16):
        noun = noun.head  # "The Reuters bureau chief for Egypt, Omar Nasser,"
    if noun.pos_ != "NOUN" or noun.tag_ in ("NNS", "NNPS") or (piece, noun.i) in ctx.entity_at:
        return []
    return noun_memberships(ctx, piece, noun, person)


def owned_body_memberships(ctx: DocContext, piece: int, noun: Token) -> list[Membership]:
    """A body that a person's kind-of-body noun names: "Baker's party New Unity", "The Washington
    Post, Hale's newspaper", "Kora Trade, Ruiz's export business", "Mr Halloran, whose film
    company Blue Harbor ..."."""
    if noun.lemma_.lower() not in organization_nouns():
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return []
    person = ctx.entity_of(piece, owner)
    if owner.lower_ == "whose":
        before = owner.i - 1
        while before > 0 and owner.doc[before].is_punct:
            before -= 1
        person = ctx.entity_at.get((piece, before))
    if not is_person(ctx, person):
        return []
    orgs = [ctx.entity_at.get((piece, c.i)) for c in noun.children if c.dep_ in ("appos", "compound")]
    if noun.dep_ == "appos":
        orgs.append(ctx.entity_at.get((piece, noun.head.i)))
    cue = f"{owner.text} {noun.text}"
    return [Membership(person, org, cue, "", False) for org in dict.fromkeys(orgs) if is_body(ctx, org)]


APPOSITION_OPENERS = frozenset({"a", "an", "another", "the"})


def person_before_comma(ctx: DocContext, piece: int, doc: Doc, i: int) -> int | None:
    """The person named right before the comma that precedes token ``i``, if any."""
    if i < 2 or doc[i - 1].text != ",":
        return None
    lid = ctx.entity_at.get((piece, doc[i - 2].i))
    return lid if is_person(ctx, lid) else None


def trailing_memberships(ctx: DocContext, piece: int, doc: Doc, person: int, last: int) -> list[Membership]:
    """A description right after a name and a comma, read from its surface: "Mike Sellers, another former
    CIA Russia hand we talked with". The small model often parses such a phrase as a clause of its own;
    the surface is safe enough when the phrase opens with an article or "former" and ends on a role noun."""
    if last + 1 >= len(doc) or doc[last + 1].text != ",":
        return []
    window: list[Token] = []
    for t in doc[last + 2:last + 10]:
        if (t.is_punct and t.text != "-") or t.is_space or t.pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"):
            break
        window.append(t)
    if window and window[-1].lower_ in role_words() and window[0].lower_ not in APPOSITION_OPENERS | former_words():
        return role_of_memberships(ctx, piece, doc, person, window)
    if not window or (window[0].lower_ not in APPOSITION_OPENERS and window[0].lower_ not in former_words()):
        return []
    head = window[-1]
    if head.lower_ not in role_words() or head.pos_ not in ("NOUN", "PROPN") or (piece, head.i) in ctx.entity_at:
        return []
    role, former = describe(window, ctx, piece)
    phrase = doc[window[0].i:head.i + 1].text
    return [Membership(person, org, phrase, role or head.text, former) for org in orgs_in(ctx, piece, window, {person})[:2]]


def role_of_memberships(ctx: DocContext, piece: int, doc: Doc, person: int, window: list[Token]) -> list[Membership]:
    """"X, director of the investigative journalism nonprofit Y, said": a bare role and "of" a phrase
    that ends on a body's name before the next comma, read from the surface when the parse lost it."""
    head = window[-1]
    at = head.i + 1
    if at >= len(doc) or doc[at].lower_ not in ("of", "at") or (piece, head.i) in ctx.entity_at:
        return []
    phrase: list[Token] = []
    for t in doc[at + 1:at + 9]:
        if t.text in (",", ".", ";", "(") or t.is_space or t.pos_ in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ"):
            break
        phrase.append(t)
    if not phrase or phrase[-1].pos_ != "PROPN":
        return []
    orgs = orgs_in(ctx, piece, phrase[-4:], {person})
    role, former = describe(window, ctx, piece)
    text = doc[window[0].i:phrase[-1].i + 1].text
    return [Membership(person, org, text, role or head.text, former) for org in orgs[-1:]]


def of_memberships(ctx: DocContext, piece: int, tok: Token, person: int) -> list[Membership]:
    """"Mark Galeotti of the Royal United Services Institute": a name followed by "of" and a body."""
    out = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "at") and prep.i > tok.i:
            for obj in prep.children:
                lid = ctx.entity_at.get((piece, obj.i))
                if obj.dep_ == "pobj" and is_body(ctx, lid) and not backs_only(obj):
                    out.append(Membership(person, lid, f"{tok.text} {prep.text} {obj.text}", "", False))
    return out


def bracketed_memberships(ctx: DocContext, piece: int, doc: Doc, person: int, first: int, last: int) -> list[Membership]:
    """"the Kremlin's moles in the FBI (Robert Hanssen) or CIA (Aldrich Ames)": a name in brackets right
    after a body that a role noun before it sits in."""
    if first < 2 or doc[first - 1].text != "(" or last + 1 >= len(doc) or doc[last + 1].text != ")":
        return []
    org = ctx.entity_at.get((piece, first - 2))
    if not is_body(ctx, org):
        return []
    for t in reversed(doc[max(0, first - 12):first - 2]):
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";"):
            break
        if t.pos_ == "NOUN" and (t.lower_ in role_words() or t.lemma_.lower() in role_words()):
            return [Membership(person, org, doc[t.i:last + 2].text, t.lemma_.lower(), False)]
    return []


def named_memberships(ctx: DocContext, piece: int, tok: Token, person: int) -> list[Membership]:
    """"a GRU spy named Ivan Orlov": the role noun that a naming participle hangs on."""
    verb = tok.head
    if verb.lemma_.lower() not in ("name", "call", "identify") or verb.dep_ != "acl" or tok.dep_ not in ("oprd", "dobj", "attr"):
        return []
    return noun_memberships(ctx, piece, verb.head, person)


def possessive_memberships(ctx: DocContext, piece: int, tok: Token) -> list[Membership]:
    """"the Harbour Party's Martin Lau, Kelvin Ho and Grace Lam" (a body's people), and "Prescott's
    Morning Truth" (a person's own outlet); "Putin's FSB" is control and "Feldman's lawyer" no body."""
    owner = ctx.entity_at.get((piece, tok.i))
    owned = ctx.entity_at.get((piece, tok.head.i))
    if owner is None or owned is None or owner == owned or tok.head.pos_ != "PROPN":
        return []
    cue = f"{tok.text}'s {tok.head.text}"
    if is_person(ctx, owner) and ctx.label(owned) == "Organization":
        return [Membership(owner, owned, cue, "", False)]
    if is_body(ctx, owner) and is_person(ctx, owned):
        people = [owned] + [lid for c in tok.head.conjuncts for lid in [ctx.entity_at.get((piece, c.i))] if is_person(ctx, lid)]
        return [Membership(p, owner, cue, "", False) for p in dict.fromkeys(people)]
    return []
