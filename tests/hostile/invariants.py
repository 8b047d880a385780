"""The guarantees every quote must keep, whatever the input: shared by the hostile-input tests."""

from __future__ import annotations

from quoteattr.model import Quote


def check_quotes(text: str, quotes: list[Quote]) -> None:
    """The offset, text, order and disjointness guarantees of every quote of one article."""
    spans: list[tuple[int, int]] = []
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text), q
        if q.parts:
            assert len(q.parts) >= 2, q
            for p in q.parts:
                assert q.start <= p.start < p.end <= q.end, q
                assert p.text == text[p.start : p.end], q
            assert all(a.end <= b.start for a, b in zip(q.parts, q.parts[1:], strict=False)), q
            assert q.text == " ".join(p.text for p in q.parts), q
            spans.extend((p.start, p.end) for p in q.parts)
        else:
            assert q.text == text[q.start : q.end], q
            spans.append((q.start, q.end))
        assert q.text.strip(), q
        if q.cue is not None:
            assert 0 <= q.cue.start < q.cue.end <= len(text), q
            assert q.cue.text == text[q.cue.start : q.cue.end], q
        if q.speaker is not None and q.speaker.start is not None:
            assert q.speaker.end is not None, q
            assert 0 <= q.speaker.start < q.speaker.end <= len(text), q
            assert q.speaker.mention == text[q.speaker.start : q.speaker.end], q
    assert [q.start for q in quotes] == sorted(q.start for q in quotes), "not in text order"
    spans.sort()
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, f"two quotes share content: {spans}"
