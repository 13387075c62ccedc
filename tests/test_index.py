"""The per-document index (issue 13): its fast paths find what the slow ones do, and the name and
language checks' shortcuts taken from it pass over only what could never be found."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.document import PlainDocument, paragraph_blocks
from copyedit.index import (
    _CAPITALISED_RUN, _WORD, TextIndex, _ascii_letters, capitalised_runs, non_ascii_characters, several_word_runs, text_index,
)
from copyedit.kinds.base import Context
from copyedit.qa.language import _COMMON_BYTES, _screen, _surely_native
from copyedit.qa.names import NameIndex, registry_index, split_tokens

# Pieces of text that make name runs and sentences interesting: particles, possessives, apostrophes
# of both kinds, hyphens, capitals inside words, accents, quotation marks and sentence ends.
PIECES = [
    "Kassym", "Jomart", "Tokayev", "Mohammed", " bin ", " de la ", "Salman", "Putin's", "O’Neill", "McDonald",
    "iPhone", "The", "the", "said", "of", "a", "Kasım", "Cömert", "café", "U.S.", "it's", " ", " ", "-", "—",
    ". ", "! ", "? ", "…", "”", '"', "“", "\n", "\n\n", "£5m", "’s", "'", "Zelensky", "ǅemal", "Île",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# Lines of prose (eight words or more, a sentence's end) whose sentences the language checks score.
WORDS = [
    "the", "court", "said", "of", "Nur", "Otan", "Astana", "U.S.", "it's", "£5m", "“quoted", "words”", '"quoted',
    'words"', "Tokaïev", "state-of-the-art", "a", "and", "ruling", "—", "’s", "O’Neill", "was", "final.", "again!",
]
prose = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=8, max_size=30).map(" ".join).map(lambda line: line + "."),
    min_size=1, max_size=4,
).map("\n".join)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_capitalised_words_are_the_words_of_the_runs(text: str) -> None:
    index = TextIndex(text, ())
    assert index.capitalised_words == {word for run in capitalised_runs(text, False) for _, _, word in run}


@settings(max_examples=100, deadline=None)
@given(texts)
def test_the_ascii_engine_finds_the_runs_regex_finds(text: str) -> None:
    if _ascii_letters(non_ascii_characters(text)):
        assert capitalised_runs(text, True) == capitalised_runs(text, False)
        assert TextIndex(text, ()).capitalised_words == TextIndex(text + " é", ()).capitalised_words - {"é"}


# Runs of several words beside runs of one: adjacent capitals, letters and apostrophes before a capital.
RUN_PIECES = [*PIECES, "A", "B", "Ab", "aB", "X's", "d'Or", "’T", "bin", "al", "-al", " al-", "3M", "ǅ", "É"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RUN_PIECES), max_size=40).map("".join))
def test_the_runs_of_several_words_are_found_alone(text: str) -> None:
    """LQ301 reads the runs of two words or more, found without the runs of one: they must be the same runs."""
    several = tuple(run for run in capitalised_runs(text, False) if len(run) > 1)
    assert several_word_runs(text, False) == several
    if _ascii_letters(non_ascii_characters(text)):
        assert several_word_runs(text, True) == several
    assert TextIndex(text, ()).several_word_runs == several
    index = TextIndex(text, ())
    index.capitalised_runs  # noqa: B018 (found first: the several-word runs are then taken from them)
    assert index.several_word_runs == several


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RUN_PIECES), max_size=40).map("".join))
def test_the_words_of_a_run_are_those_the_word_pattern_finds_in_it(text: str) -> None:
    """A run's words are taken from its text split at spaces and hyphens, particles left out: they must be
    what the word pattern finds in the run (the plain definition)."""
    defined = tuple(
        tuple((w.start(), w.end(), w.group()) for w in _WORD.finditer(text, run.start(), run.end()))
        for run in _CAPITALISED_RUN.finditer(text)
    )
    assert capitalised_runs(text, False) == defined


@settings(max_examples=100, deadline=None)
@given(st.one_of(texts, prose))
def test_the_screen_from_sentence_scores_says_what_it_says_of_the_text(text: str) -> None:
    """A line's score is its sentences' added up, and a plain line's sentences need no second look."""
    index = TextIndex(text, paragraph_blocks(text))
    screen = _screen(index, "en")
    assert screen is not None
    common = _COMMON_BYTES["en"]
    for number, ((start, end), sentences) in enumerate(zip(index.prose_lines, index.prose_sentences)):
        assert screen.native(number, start, end) == _surely_native(text[start:end], common)
        for (s, e), score in zip(sentences, screen.sentence_scores(number), strict=True):
            assert (score >= 0) == _surely_native(text[s:e], common)


def test_ascii_letters() -> None:
    assert _ascii_letters(non_ascii_characters("“Quoted” – £5m…"))
    assert not _ascii_letters(non_ascii_characters("Tokaïev"))
    assert not _ascii_letters(non_ascii_characters("Cafe\u0301"))  # a combining mark


def test_the_index_is_kept_with_its_document() -> None:
    doc = PlainDocument("Kasim Tokaev spoke.")
    assert text_index(doc) is text_index(doc)
    other = SimpleNamespace(text="Alihan Smailov spoke.")
    assert text_index(other).capitalised_words == {"Alihan", "Smailov"}
    other.text = "Ilham Aliyev spoke."  # a changed text is indexed again
    assert text_index(other).capitalised_words == {"Ilham", "Aliyev"}


def test_a_document_without_room_for_the_index_still_gets_one() -> None:
    class Slotted:
        __slots__ = ("text", "blocks")

        def __init__(self, text: str) -> None:
            self.text = text
            self.blocks = tuple(paragraph_blocks(text))

    assert text_index(Slotted("Kasim Tokaev spoke.")).capitalised_words == {"Kasim", "Tokaev"}


def test_every_word_of_a_spelling_the_lookup_finds_is_near() -> None:
    """fuzzy_names looks up only runs of words NameIndex.near_words keeps: that must never drop a match."""
    index = registry_index(("names",))
    spellings = ["Kasim Jomart Tokaev", "Kassim Jomard Tokaiev", "Alihhan Smaylov", "Kassym-Jomart Tokayev"]
    for spelling in spellings:
        assert index.lookup(spelling) is not None, spelling
        tokens = split_tokens(spelling)
        near, near_first, near_last = index.near_words(frozenset(tokens))
        assert near == set(tokens) and tokens[0] in near_first and tokens[-1] in near_last, spelling
    small = NameIndex({"Alikhan Smailov": ["Alikhan Smailov"]})
    assert small.near_words(frozenset({"Smith", "Minister"})) == (frozenset(), frozenset(), frozenset())


def test_fuzzy_names_and_the_registry_read_the_index() -> None:
    from copyedit.names_registry.checks import leftovers, registry_names
    from copyedit.qa.names import fuzzy_names

    doc = PlainDocument("President Kassim Jomard Tokaiev met Wolodymyr Selenskyj and Gündoğdu in Kijów.")
    assert [doc.text[h.start : h.end] for h in fuzzy_names(doc, Context())] == ["Kassim Jomard Tokaiev"]
    found = [doc.text[h.start : h.end] for h in registry_names(doc, Context())]
    assert found == ["Wolodymyr Selenskyj", "Kijów"]
    assert [doc.text[h.start : h.end] for h in leftovers(doc, Context())] == ["Gündoğdu"]  # "Selenskyj" is NM103's, in the name it reports whole


def test_a_check_leaves_no_reference_cycle_behind() -> None:
    """A document's index and what the checks keep in it are freed as the check returns: a part kept in the
    index that held the index (the language checks' screen did) made a cycle, and every document's whole index
    waited for the garbage collector (about 80 objects a document, and a few per cent of `check`); so did a
    Markdown document's block tree, its parent and child links both strong. (Nor may a Markdown parse make any:
    the collector is paused while it runs, copyedit.collector.)"""
    import gc

    import copyedit

    article = "Kazakhstan President Kasım Cömert Tokayev said the the order was restored. “He said so.\n\nLeave a Reply"
    source, translation = "Токаев заявил 5 января, что порядок восстановлен.", "Tokayev said on January 6 that order was restored."
    runs = [
        lambda: copyedit.check(article),
        lambda: copyedit.check(f"<p>{article}</p>", format="html"),
        lambda: copyedit.check(f"# Title\n\n- {article}\n\n> {article}", format="markdown"),  # a block tree
        lambda: copyedit.fix(f"- {article}\n  - {article}\n" * 20, format="markdown"),  # nested lists, fixed
        lambda: copyedit.fix(article, unsafe=True),
        lambda: copyedit.check(translation, source=source, source_lang="ru"),
    ]
    for run in runs:
        run()  # caches and lazily built rules first
    gc.collect()
    gc.disable()
    try:
        for run in runs:
            run()
        assert gc.collect() == 0
    finally:
        gc.enable()
