"""Accusation frames and legal language: "X accused Y of Z", "Y was charged with Z", "X filed a lawsuit
against Y", "Y faces charges of Z", "X pleaded not guilty", "X defended his officers", "his denials
of Z". A mixin of :class:`graphbuild.extract.statements.StatementFinder`.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .grammar import declined, is_negated, is_supposed, lost_main_verb, token_range
from .model import Statement
from .vocab import has_act_word, table, words, words_in_order

# Verbs that give someone a name: the name is the accusation ("called him a traitor").
NAMING_VERBS = frozenset({"call", "brand", "label", "dub", "term"})
IDENTIFYING_VERBS = frozenset({"identify", "name"})
ALLEGING_VERBS = frozenset({"allege", "claim", "say", "charge", "contend", "assert", "argue", "accuse"})
NOT_ACTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})


class FrameReader:
    """Statements of accusation and defence; expects StatementFinder's attributes (ctx, authors)."""

    def legal_action(self, piece: int, verb: Token, sent: Span, index: int) -> Statement | None:
        """"X filed a lawsuit against Y (alleging ...)", "brought charges against Y": X accuses Y."""
        if verb.lemma_.lower() not in ("file", "bring", "lodge", "launch", "open", "press", "level") or is_negated(verb):
            return None
        noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in words("frames", "legal_nouns")), None)
        if noun is None or is_supposed(verb, sent):
            return None
        against = next((g for h in (verb, noun) for c in h.children if c.dep_ == "prep" and c.lower_ == "against"
                        for g in c.children if g.dep_ == "pobj"), None)
        accused = tuple(lid for lid in self.ctx.refer_phrase(piece, against) if self.ctx.is_party(lid)) if against is not None else ()
        sources, _ = self.sources(piece, verb)
        if not accused or not sources:
            return None
        self.authors[noun.lemma_.lower()] = sources
        act = next((t for t in sent if t.i > noun.i and t.dep_ in ("acl", "dobj", "advcl") and t.lower_.startswith(("alleg", "accus", "charg", "claim"))), None)
        content = next((c for c in act.children if c.dep_ == "ccomp"), None) if act is not None else None
        act_tok = content if content is not None else noun
        return Statement(sources, "accusation", "ALLEGES", f"{verb.text} … {noun.text}", index, piece, token_range(act_tok),
                         act_tok.i, accused=accused, act=act_tok.i, accusing=True, lemma="sue")

    def faces(self, piece: int, verb: Token, sent: Span, index: int) -> Statement | None:
        """"X faces charges of Z", "X is facing allegations that ...": an accusation whose accuser the
        story names elsewhere."""
        if verb.lemma_.lower() != "face" or is_negated(verb):
            return None
        noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ("charge", "accusation",
                     "allegation", "indictment", "count", "prosecution", "lawsuit", "trial", "claim")), None)
        if noun is None or is_supposed(verb, sent):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        accused, _ = self.ctx.governing_subject(piece, verb) if subj is None or subj.lower_ in ("they", "he", "she", "who", "which") else (
            tuple(lid for lid in self.ctx.refer_phrase(piece, subj) if self.ctx.is_party(lid)), subj)
        accused = tuple(lid for lid in accused if self.ctx.is_party(lid))
        if not accused:
            return None
        return Statement((), "alleged", "ALLEGES", f"{verb.text} {noun.text}", index, piece, token_range(noun), noun.i,
                         accused=accused, act=noun.i, lemma="face")

    def defense(self, piece: int, verb: Token, sent: Span, index: int) -> Statement | None:
        """"X defended his officers", "cleared Y of wrongdoing": a dispute of what is alleged about them;
        so is a decision not to charge ("prosecutors decided not to prosecute Y")."""
        declined_charge = verb.lemma_.lower() in ("prosecute", "charge", "indict") and is_negated(verb) \
            and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decide", "choose", "opt", "elect", "agree")
        if not declined_charge and (verb.lemma_.lower() not in words("cues", "defends") or is_negated(verb)) \
                or is_supposed(verb, sent):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        defended = tuple(lid for lid in self.ctx.refer_phrase(piece, obj) if self.ctx.is_party(lid)) or self.body_of_people(piece, obj)
        sources, _ = self.sources(piece, verb)
        if not defended or not sources:
            return None
        return Statement(sources, "defense", "DISPUTES", verb.text, index, piece, token_range(obj), obj.i,
                         reference=True, accused=defended, lemma=verb.lemma_.lower())

    def body_of_people(self, piece: int, noun: Token) -> tuple[int, ...]:
        """"his officers", "her staff": the body the possessor is said to belong to."""
        if noun.lemma_.lower() not in ("officer", "staff", "employee", "man", "troop", "agent", "official", "soldier", "member", "team", "force"):
            return ()
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        found = self.ctx.refer(piece, owner) if owner is not None else ()
        bodies = tuple(self.ctx.affiliation_of[lid] for lid in found if lid in self.ctx.affiliation_of)
        if not bodies and noun.lemma_.lower() in ("officer", "man"):  # "his officers": the police named before
            bodies = self.police_of_place(piece, noun)
            if not bodies:
                lid = self.ctx._recent_with(piece, noun.i, table("bodies")["police"], "police", 8)
                bodies = (lid,) if lid is not None else ()
        return bodies

    def police_of_place(self, piece: int, noun: Token) -> tuple[int, ...]:
        """"Chicago's police chief ... defended his officers": the police named after that place."""
        ctx = self.ctx
        places = {ctx.entities[ctx.entity_at[(piece, t.i)]].name for t in noun.sent if t.i < noun.i
                  and (piece, t.i) in ctx.entity_at and ctx.label(ctx.entity_at[(piece, t.i)]) == "Place"
                  and any(c.dep_ == "case" for c in t.children)}
        police = table("bodies")["police"]
        return tuple(lid for lid, ent in enumerate(ctx.entities) if ent.mentions and ent.label == "Agency"
                     and any(ent.name.startswith(place + " ") for place in places)
                     and set(ent.name.lower().split()) & police)[:1]

    def plea(self, piece: int, verb: Token, index: int) -> Statement | None:
        """"X pleaded not guilty (to Z)" disputes what X is charged with; "pleaded guilty" admits it."""
        if verb.lemma_.lower() != "plead":
            return None
        guilty = next((c for c in verb.children if c.lower_ in ("guilty", "innocent")), None)
        if guilty is None:
            return None
        denied = guilty.lower_ == "innocent" or any(c.dep_ == "neg" for c in [*guilty.children, *verb.children])
        sources, _ = self.sources(piece, verb)
        if not sources:
            return None
        topic = " ".join(t.text for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree if t.i != c.i)
        return Statement(sources, "denial" if denied else "admission", "DISPUTES" if denied else "CORROBORATES",
                         f"{verb.text} {'not ' if denied else ''}guilty", index, piece, (verb.i, verb.i + 1), verb.i,
                         reference=True, owner=sources, topic=topic)

    def denial_noun(self, piece: int, noun: Token, index: int) -> Statement | None:
        """"his denials of election meddling", "the company's denial": the possessor disputes."""
        if noun.lemma_.lower() not in ("denial", "rejection", "rebuttal", "refutation"):
            return None
        sources = tuple(lid for c in noun.children if c.dep_ == "poss" for lid in self.ctx.refer(piece, c) if self.ctx.is_party(lid))
        if not sources:
            return None
        topic = " ".join(t.text for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "that") for t in c.subtree if t.i != c.i)
        return Statement(sources, "denial", "DISPUTES", noun.text, index, piece, token_range(noun), noun.i,
                         reference=True, owner=sources, topic=topic)

    def frame(self, piece: int, verb: Token, sent: Span, index: int) -> Statement | None:
        """"X accused Y of Z", "Y was charged with Z", "X sued Y for Z", "X blamed Z on Y"."""
        ctx = self.ctx
        lemma = verb.lemma_.lower()
        if lemma not in words("frames", "accuse") or is_negated(verb) or is_supposed(verb, sent) or declined(verb):
            return None
        if verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.tag_ not in ("VBN", "VBD") and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
            return None  # "is trying to recover money from accounts linked to X": a participle the parse conjoined
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "acomp", "oprd") and not lost_main_verb(verb))
        accused_tok = None
        if passive:
            accused_tok = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if accused_tok is None and verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
                accused_tok = verb.head  # "the 12 arrested by the police", "Lam, who is accused of"
            if accused_tok is None and verb.dep_ in ("acomp", "oprd", "xcomp"):
                accused_tok = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if accused_tok is None:  # "X stand accused of": the parse hangs X on "stand"
                accused_tok = next((g for c in verb.children if c.dep_ == "auxpass"
                                    for g in [*c.children, *verb.children] if g.dep_ == "nsubj"), None)
        else:
            accused_tok = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if accused_tok is None:  # "designated national X (X) as ...": a name the parse hung loosely
                accused_tok = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("npadvmod", "dep", "oprd")
                                    and c.pos_ == "PROPN" and (piece, c.i) in ctx.entity_at), None)
            if accused_tok is None and lemma in ("point", "finger", "tie", "link"):
                accused_tok = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at")
                                    for g in c.children if g.dep_ == "pobj"), None)  # "pointed to X as the mastermind"
        act_tok = self.act_of(verb, accused_tok)
        if act_tok is None and accused_tok is not None:
            # "sued X on Monday, alleging the company had fired her": what the participle alleges
            act_tok = next((g for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ALLEGING_VERBS
                            for g in c.children if g.dep_ == "ccomp" and g.pos_ in ("VERB", "AUX")), None)
        if act_tok is None and accused_tok is not None and lemma in NAMING_VERBS:
            act_tok = self.name_given(verb, accused_tok)
        if act_tok is None and accused_tok is not None and accused_tok.lemma_.lower() in words("claims", "accusatory_nouns"):
            act_tok = accused_tok  # "declared two suspects: A and B"
        if lemma == "blame" and accused_tok is not None and act_tok is not None and act_tok.head.lower_ == "on":
            accused_tok, act_tok = act_tok, accused_tok  # "blamed the attack on X"
        if lemma == "attribute" and act_tok is not None and act_tok.head.lower_ == "to":
            accused_tok, act_tok = act_tok, accused_tok  # "attributed the attack to X"
        if accused_tok is None:
            return None
        accused = tuple(lid for lid in ctx.refer_phrase(piece, accused_tok) if ctx.is_party(lid))
        if not accused:
            accused = ctx.named_owner(piece, accused_tok)
        if act_tok is not None and lemma in IDENTIFYING_VERBS and not self.names_a_wrong_or_role(act_tok):
            act_tok = None  # "identified the firm among the victims": identifying is no accusation of itself
        if act_tok is not None and lemma in words("frames", "need_act") and lemma not in IDENTIFYING_VERBS | NAMING_VERBS \
                and act_tok.pos_ in ("NOUN", "PROPN") and act_tok.lemma_.lower() not in words("frames", "legal_nouns") \
                and not self.names_a_wrong_or_role(act_tok):
            act_tok = None  # "suspended her from her duties as an MEP", "arrested him in the hospital": no wrong
        if not accused or (act_tok is None and lemma in words("frames", "need_act")):
            return None
        if passive:
            agents = ctx.agent_tokens(verb)
            sources = tuple(lid for a in agents for lid in ctx.refer_phrase(piece, a) if ctx.is_party(lid))
            if not sources and agents:
                sources = tuple(lid for a in agents for lid in self.report_author(piece, a))
            if not agents and (lemma not in words("frames", "passive_accused") or act_tok is None):
                return None  # "Volkov was charged in the US": with no act, nothing to hold
        else:
            sources, _ = self.sources(piece, verb)
            if not sources:
                return None
        content = token_range(act_tok) if act_tok is not None else (verb.i, verb.i + 1)
        return Statement(sources, "accusation" if sources else "alleged", "ALLEGES", verb.text, index, piece, content,
                         act_tok.i if act_tok is not None else -1, accused=accused,
                         act=act_tok.i if act_tok is not None else -1, accusing=lemma in words("frames", "accusers"),
                         lemma=lemma)

    @staticmethod
    def name_given(verb: Token, accused: Token) -> Token | None:
        """"called X a traitor", "branded X a criminal enterprise", "called X corrupt": the name given
        is the act when it accuses (a name such as "a friend" accuses of nothing)."""
        named = next((c for c in verb.children if c.i > accused.i and (
            c.dep_ in ("oprd", "ccomp", "xcomp") and c.pos_ in ("NOUN", "ADJ") or c.dep_ == "dobj" and c.i != accused.i)), None)
        if named is None:
            return None
        low = {t.lemma_.lower() for t in named.subtree} | {t.lower_ for t in named.subtree}
        if low & (words("claims", "accusatory_nouns") | words("claims", "accusatory_adjectives")) \
                or has_act_word(verb.doc, *token_range(named)):
            return named
        return None

    @staticmethod
    def names_a_wrong_or_role(tok: Token) -> bool:
        """"as a suspect", "as the hacker behind", "of fraud": what an identification accuses of."""
        lemmas = {t.lemma_.lower() for t in tok.subtree}
        return bool(lemmas & words("claims", "accusatory_nouns")) or has_act_word(tok.doc, *token_range(tok))

    def act_of(self, verb: Token, accused: Token | None) -> Token | None:
        found = self._act_of(verb, accused)
        if found is not None and accused is not None and found.i == accused.i:
            return None
        return found

    def _act_of(self, verb: Token, accused: Token | None) -> Token | None:
        """The act an accusation names: the object of its preposition ("of wrongfully firing", "with
        bribery", "for sexual harassment"), on the verb or on the accused's phrase."""
        holders = [verb] + ([accused, *accused.conjuncts] if accused is not None else [])  # "charged A, B and C with Z"
        # "was accused by X of stealing": the parse hangs the act on the agent's name
        holders += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        order = list(words_in_order("frames", "act_preps"))
        found: list[tuple[int, int, Token]] = []
        if accused is not None and (accused.pos_ == "NUM" or accused.lower_ in ("some", "many", "all", "most", "one", "none", "each")):
            holders = [verb]  # "four of the arrests": a partitive "of", not the act
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in order and not (
                        holder.i == verb.i and prep.lower_ in ("to", "at") and verb.lemma_.lower() in ("point", "finger")):
                    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None and obj.ent_type_ not in NOT_ACTS and obj.pos_ not in ("NUM", "PRON"):
                        found.append((order.index(prep.lower_), prep.i, obj))
        if found:
            return min(found, key=lambda f: (f[0], f[1]))[2]
        xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")), None)
        return xcomp  # "Y is alleged to have bribed", "suspected of having earned"
