from aidtracker.web.text import ELLIPSIS, Segment, excerpt_segments, text_segments


def test_text_segments_marks_spans_and_joins_overlaps():
    text = "One. Two three. Four."
    segments = text_segments(text, [(5, 15), (9, 15), (16, 21)])
    assert segments == [
        Segment("One. "),
        Segment("Two three.", mark=True),
        Segment(" "),
        Segment("Four.", mark=True),
    ]
    assert "".join(s.text for s in segments) == text


def test_text_segments_ignores_spans_outside_the_text():
    assert text_segments("short", [(10, 20), (3, 2)]) == [Segment("short")]


def test_excerpt_cuts_context_around_the_sentence():
    text = "a" * 500 + "The sentence." + "b" * 500
    start = 500
    segments = excerpt_segments(text, start, start + 13, "The sentence.", context=10)
    assert segments == [
        Segment(ELLIPSIS + "a" * 10),
        Segment("The sentence.", mark=True),
        Segment("b" * 10 + ELLIPSIS),
    ]


def test_excerpt_finds_the_sentence_again_when_the_span_moved():
    text = "New intro. Then the sentence. End."
    segments = excerpt_segments(text, 0, 5, "Then the sentence.")
    assert Segment("Then the sentence.", mark=True) in segments


def test_excerpt_shows_the_sentence_alone_when_the_text_lost_it():
    assert excerpt_segments("other text", 0, 5, "Gone.") == [Segment("Gone.", mark=True)]
