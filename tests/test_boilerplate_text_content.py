"""BP121: the plain text of a web page, short paragraphs beyond the page's chrome (copyedit.markup.text_content)."""

from __future__ import annotations

from copyedit import Config, check, fix

PROSE = (
    "The talks in Astana ended on Friday without an agreement, and the ministry said that both sides would meet "
    "again in the spring, when the committee has published its report, to settle the question of the border."
)
ARTICLE = f"Talks end without a deal\n\n{PROSE}\n\n{PROSE.replace('Friday', 'Thursday')}\n\nHe left for Almaty."
TEASERS = "Five dead in Shymkent fire\n\nOil price falls again"
ONLY_BOILERPLATE = Config(select=("boilerplate",))


def _bp121(text: str) -> list[str]:
    return [text[f.span.start : f.span.end] for f in check(text, config=ONLY_BOILERPLATE).findings if f.code == "BP121"]


def test_short_paragraphs_beyond_named_chrome_go_as_an_unsafe_fix() -> None:
    page = f"{ARTICLE}\n\nLeave a Reply\n\n{TEASERS}"
    assert _bp121(page) == ["Five dead in Shymkent fire", "Oil price falls again"]
    assert fix(page, config=ONLY_BOILERPLATE, unsafe=True).text == ARTICLE
    assert "Oil price falls again" in fix(page, config=ONLY_BOILERPLATE).text  # unsafe: not a default fix


def test_above_the_article_what_lies_beyond_the_chrome_goes() -> None:
    page = f"The Astana Times\n\nSkip to content\n\n{ARTICLE}"
    assert _bp121(page) == ["The Astana Times"]
    assert fix(page, config=ONLY_BOILERPLATE, unsafe=True).text == ARTICLE


def test_what_lies_between_the_article_and_the_chrome_stays() -> None:
    page = f"{ARTICLE}\n\nPhoto: the talks in Astana\n\nLeave a Reply"
    assert _bp121(page) == []


def test_a_copyright_line_marks_the_edge_and_goes_with_what_lies_beyond() -> None:
    page = f"{ARTICLE}\n\nDaily News Group ©\n\n{TEASERS}"  # a copyright line no rule names
    alone = Config(select=("BP121",))
    assert [page[f.span.start : f.span.end] for f in check(page, config=alone).findings] == [
        "Daily News Group ©", "Five dead in Shymkent fire", "Oil price falls again"
    ]


def test_an_article_without_chrome_is_not_judged() -> None:
    assert _bp121(f"{ARTICLE}\n\n{TEASERS}") == []


def test_a_long_paragraph_beyond_the_chrome_stays() -> None:
    long_line = "A list of the references the report cites, with the names of their authors and where they appeared in print."
    assert len(long_line) > 100
    assert _bp121(f"{ARTICLE}\n\nLeave a Reply\n\n{long_line}") == []


def test_a_text_with_one_paragraph_of_prose_is_not_a_page() -> None:
    assert _bp121(f"Talks end\n\n{PROSE}\n\nLeave a Reply\n\n{TEASERS}") == []


def test_a_language_without_a_stop_list_is_not_judged() -> None:
    page = f"{ARTICLE}\n\nLeave a Reply\n\n{TEASERS}"
    findings = check(page, config=Config(select=("boilerplate",), language="zh")).findings
    assert not any(f.code == "BP121" for f in findings)


def _random_texts(count: int) -> list[list[str]]:
    import random

    pieces = [
        PROSE, PROSE[:150], PROSE[:90], PROSE[:75], "Home", "Five dead in Shymkent fire", "© 2024 Daily News", "",
        "Oil, gas, coal, wheat, barley, cotton, wool, steel, copper, zinc, uranium, potash, gold, silver",
        "Oil, gas, coal, wheat, barley, cotton, wool, steel, copper, zinc, uranium, potash, gold, silver " * 3,
    ]
    generator = random.Random(7)
    return [[generator.choice(pieces) for _ in range(generator.randint(1, 14))] for _ in range(count)]


def test_the_classes_are_justexts() -> None:
    # copyedit classes paragraphs as jusText does (its classify_paragraphs and revise_paragraph_classification),
    # in linear time and without importing it at run time
    import types

    from justext import get_stoplist
    from justext.core import classify_paragraphs, revise_paragraph_classification
    from justext.paragraph import Paragraph

    from copyedit.markup.text_content import classes, stop_words

    stoplist = stop_words("en")
    assert stoplist == get_stoplist("English")
    for paragraphs in _random_texts(400):
        theirs = []
        for text in paragraphs:
            paragraph = Paragraph(types.SimpleNamespace(dom="body.p", xpath="/body/p"))
            paragraph.append_text(text)
            theirs.append(paragraph)
        classify_paragraphs(theirs, stoplist)
        revise_paragraph_classification(theirs)
        assert classes(paragraphs, stoplist) == [p.class_type for p in theirs], paragraphs


def test_the_edges_classed_alone_give_what_the_whole_text_gives() -> None:
    # _prose_span classes only the paragraphs up to the first good one and from the last
    from copyedit.markup.text_content import MIN_PROSE, _prose_span, classes, stop_words

    stoplist = stop_words("en")
    assert stoplist is not None
    for paragraphs in _random_texts(400):
        good = [index for index, kind in enumerate(classes(paragraphs, stoplist)) if kind == "good"]
        expected = (good[0], good[-1]) if len(good) >= MIN_PROSE else None
        assert _prose_span(paragraphs, stoplist) == expected, paragraphs


def test_a_long_run_of_short_paragraphs_is_judged() -> None:
    # jusText's own classing takes time in the square of such a run (8,000 menu lines: 7 s); copyedit's is linear
    from copyedit.markup.text_content import outside_article

    menu = [f"Menu entry {n}" for n in range(20_000)]
    assert outside_article([*menu, "Skip to content", PROSE, PROSE], "en", chrome={20_000}) == set(range(20_000))


def test_a_sentence_beyond_the_chrome_stays() -> None:
    # WMT documents join articles, each closed by a copyright line: one-sentence paragraphs after it are no teasers
    page = f"{ARTICLE}\n\nLeave a Reply\n\nRescuers are still looking for survivors.\n\n{TEASERS}"
    assert _bp121(page) == ["Five dead in Shymkent fire", "Oil price falls again"]


def test_a_paragraphs_stop_words_are_counted_as_each_word_lowered() -> None:
    """_alone counts the stop words over its words lowered one by one, in C: the share, and so the class, of the
    word-by-word count (the dotted capital I lowers to two characters, "THE" and "The" are stop words)."""
    from copyedit.markup.text_content import _alone, stop_words

    stop = stop_words("en")
    for text in (PROSE, PROSE.upper(), PROSE.replace("the", "\u0130the"), "THE of AND " * 10 + "Astana " * 30):
        words = text.split()
        share = sum(word.lower() in stop for word in words) / len(words)
        expected = "good" if share >= 0.32 and len(" ".join(words)) > 200 else "neargood" if share >= 0.30 else "bad"
        assert _alone(text, stop) == expected
