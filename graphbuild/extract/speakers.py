"""Speakers of quotes: a quote that runs over several sentences is the speaker's whom one of its
sentences names ("“...,” he said"), as is the quote after "X said:" and a paragraph that only goes on
with the quote of the paragraph before it."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from .context import DocContext
from .model import Statement


def quote_statements(ctx: DocContext, found: dict[int, list[Statement]],
                     spans: list[tuple[int, Span, int]], paragraph_of: dict[int, int]) -> Iterator[Statement]:
    """Statements of sentences that stand inside a quote whose speaker another sentence names: the
    sentences before "...,” he said" in a quote that runs over several sentences, the sentence after
    "X said:", and a paragraph that only continues the quote of the paragraph before it."""
    record_speakers(ctx, found, spans)
    last_quote_speaker: tuple[int, tuple[int, ...]] | None = None  # (paragraph, speaker)
    for piece, sent, index in spans:
        qmap = ctx.quotes[piece]
        quoted = [t.i for t in sent if qmap.inside(t.i) and not t.is_punct]
        words_in = [t for t in sent if not t.is_punct and not t.is_space]
        has_own = any(st.sources for st in found.get(index, ()))
        if has_own:
            speakers = [st.sources for st in found[index] if st.kind in ("quote", "speech") and st.sources
                        and not reported_inside(qmap, sent, st)]
            if speakers and quoted:
                last_quote_speaker = (paragraph_of[index], speakers[-1])
            continue
        if not words_in or len(quoted) < 0.6 * len(words_in):
            continue
        qid = qmap.quote(quoted[0])
        speaker = ctx.quote_speaker.get(qid)
        if not speaker and last_quote_speaker is not None and paragraph_of[index] - last_quote_speaker[0] <= 1 \
                and qmap.inside(sent.start if not sent[0].is_space else sent.start + 1):
            speaker = last_quote_speaker[1]  # the quote goes on in the next paragraph
            ctx.quote_speaker[qid] = speaker
        if speaker:
            last_quote_speaker = (paragraph_of[index], speaker)
            yield Statement(speaker, "quote", "ALLEGES", "quote", index, piece, (sent.start, sent.end), -1, neutral=True)


def record_speakers(ctx: DocContext, found: dict[int, list[Statement]], spans: list[tuple[int, Span, int]]) -> None:
    """The speaker of every quote a statement covers or closes ("“...,” he said" speaks for the whole
    quote, also its sentences before this one), and of the quote after "X said:"."""
    previous: tuple[int, Span, int] | None = None
    for piece, sent, index in spans:
        qmap = ctx.quotes[piece]
        for st in found.get(index, ()):
            if not st.sources or st.kind not in ("speech", "quote", "admission"):
                continue
            lo, hi = st.content
            if reported_inside(qmap, sent, st):
                continue
            for i in range(max(lo, sent.start), min(hi, sent.end)):
                q = qmap.quote(i)
                if q >= 0:
                    ctx.quote_speaker.setdefault(q, st.sources)
        if previous is not None and previous[0] == piece and previous[1].text.rstrip().endswith(":"):
            intro = [st for st in found.get(previous[2], ()) if st.sources]
            first = next((t for t in sent if not t.is_space), None)
            if intro and first is not None and qmap.inside(first.i):
                ctx.quote_speaker.setdefault(qmap.quote(first.i), intro[-1].sources)
        previous = (piece, sent, index)
    ctx.unspeak_pronouns()


def reported_inside(qmap, sent: Span, st: Statement) -> bool:
    """"“Furthermore, Vexor said that they ...”": a report the quote's speaker gives (its cue inside the
    quote that the sentence opens with), not the quote's attribution."""
    lo = st.content[0]
    first = next((t.i for t in sent if not t.is_punct and not t.is_space), sent.start)
    return lo > first and qmap.quote(lo) >= 0 and qmap.quote(lo - 1) == qmap.quote(lo) == qmap.quote(first)
