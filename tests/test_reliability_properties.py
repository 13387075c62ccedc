"""Never corrupt: properties that hold for any input, however hostile its Unicode.

Generated plain text, HTML and Markdown mix rule triggers with combining marks, right-to-left
text and controls, emoji sequences, zero-width characters, C0/C1 controls, noncharacters and
lone surrogates (as ``bytes.decode("utf-8", "surrogateescape")`` produces them). For every
document:

- ``check`` and ``fix`` raise nothing, and verification never has to refuse a fix (no X code);
- every finding's span (and every edit of its fix) lies inside the text it points into;
- replaying ``result.edits`` on the input reproduces the output exactly;
- fixing the output again changes nothing (idempotence);
- the markup skeleton of the output is the input's, minus what removed blocks took with them.

The segmenters and the quote pairer are held to their own invariants (``segmenter_problems``,
``quote_problems``), which ``benchmarks/fuzz_markup.py`` also checks under atheris.

Lone surrogates are processed as ordinary characters: the library never crashes on them and
never changes them; a file that is not valid UTF-8 is refused by the CLI (exit 2 naming the file).

CI runs ``EXAMPLES`` per property; ``benchmarks/soak_properties.py`` runs 10,000 and more.
"""

from __future__ import annotations

import re

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import copyedit
from copyedit.checks.quotes import pair_quotes
from copyedit.document import paragraph_blocks
from copyedit.engine import parse_document
from copyedit.model import Result, apply_edits

from .cli_runner import run_cli
from .test_markup_properties import RUNAWAY, html_document, known_runaway, md_document
from .test_properties import TRIGGERS

EXAMPLES = int(os.environ.get("COPYEDIT_RELIABILITY_EXAMPLES", "60"))

HOSTILE = [
    "e\u0301", "\u0301", "a\u0327\u0301\u20dd", "\u0345" * 5,  # combining marks, alone and stacked
    "\u05d0\u05d1 ", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u202e", "\u202d", "\u200f", "\u061c", "\u2067",  # RTL
    "😀", "👩\u200d👩\u200d👧", "🇰🇿", "👍🏽", "\U0001f3fb", "1\ufe0f\u20e3",  # emoji and their joiners
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width and soft hyphen
    "\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9f", "\x0b", "\x0c", "\r", "\u2028", "\u2029",  # controls
    "\ud800", "\udbff", "\udc80", "\udcff", "\udfff",  # lone surrogates
    "\ufffe", "\uffff", "\U0010ffff", "\ufffd", "\ufffc",  # noncharacters and replacements
    "İ", "ı", "ß", "ﬁ", "Ａ", "ǅ", "\u1e9e",  # case mapping that changes length or script
]
unicode_run = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec=None), max_size=6),  # any code point, surrogates included
    st.binary(max_size=8).map(lambda raw: raw.decode("utf-8", "surrogateescape")),
)
text_fragment = st.one_of(st.sampled_from(TRIGGERS), unicode_run, st.sampled_from(["the", "said", " ", "\n\n", "."]))
plain_document = st.lists(text_fragment, max_size=30).map("".join)


def _sprinkle(document: str, insertions: list[tuple[float, str]]) -> str:
    """Insert hostile runs anywhere, inside tags and syntax too: the promises hold for any input."""
    for fraction, run in sorted(insertions, reverse=True):
        position = int(fraction * len(document))
        document = document[:position] + run + document[position:]
    return document


insertions = st.lists(st.tuples(st.floats(0, 1), unicode_run), max_size=6)
hostile_html = st.one_of(st.builds(_sprinkle, html_document, insertions), plain_document)
hostile_markdown = st.one_of(st.builds(_sprinkle, md_document, insertions), plain_document)

PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


# --- the promises, as functions the soak benchmark also calls ----------------------------------

# Text that is not markup only because of a character that a fix removes (HTML "<b\x00>", a Markdown table's
# delimiter row written "|-\x1c--|---|") becomes markup once fixed. Verification sees the skeleton change and
# leaves those fixes out (X002 names them); the document's other fixes stand. On hostile input such a refusal is
# allowed, counted by the soak benchmark; any other X finding is a failure. (tests/test_markup_properties.py still
# asserts no refusal at all on well-formed markup.)
REFUSED_MARKUP = "X002: internal error: the markup outside the edited text would change"


def _spans_inside(result: Result) -> list[str]:
    problems = []
    for finding in result.findings:
        if not 0 <= finding.span.start <= finding.span.end <= len(result.text):
            problems.append(f"{finding.code}: span {finding.span} outside a text of {len(result.text)}")
        for edit in finding.fix.edits if finding.fix else ():
            if not 0 <= edit.start <= edit.end <= len(result.text):
                problems.append(f"{finding.code}: edit {edit.span} outside a text of {len(result.text)}")
    return problems


def corruption_problems(source: str, format: str, unsafe: bool = False) -> list[str]:
    """Everything that breaks the never-corrupt promise for one document ([] when it holds)."""
    checked = copyedit.check(source, format=format)
    problems = [f"check: {p}" for p in _spans_inside(checked)]
    result = copyedit.fix(source, format=format, unsafe=unsafe)
    problems += [f"fix: {p}" for p in _spans_inside(result)]
    internal = [f"{f.code}: {f.message}" for f in result.findings if f.code.startswith("X")]
    runaway = known_runaway(result, unsafe)
    refused = [message for message in internal if message.startswith(REFUSED_MARKUP)]
    if internal and internal != refused and not runaway:
        problems += [f"internal finding: {message}" for message in internal]
    if refused and not result.applied and result.text != source:
        problems.append("a fix refused whole did not give the input back untouched")
    if apply_edits(source, result.edits) != result.text:
        problems.append("replaying result.edits does not reproduce the output")
    again = copyedit.fix(result.text, format=format, unsafe=unsafe)
    if again.text != result.text:
        problems.append(f"not idempotent: a second fix applied {[a.codes for a in again.applied]}")
    removed = [edit.span for edit in result.edits]
    expected = [item for offset, item in parse_document(source, format).skeleton() if not any(s.start <= offset < s.end for s in removed)]
    if expected != [item for _, item in parse_document(result.text, format).skeleton()]:
        problems.append("the markup skeleton changed")
    return problems


def segmenter_problems(source: str, format: str) -> list[str]:
    """Invariants of a document's map from prose back to source ([] when they hold)."""
    doc = parse_document(source, format)
    text, problems = doc.text, []
    for block in doc.blocks:
        if not 0 <= block.start <= block.end <= len(text):
            problems.append(f"block {block} outside a text of {len(text)}")
    previous_end = -1
    for segment in getattr(doc, "segments", ()):
        if not (0 <= segment.text_start <= segment.text_end <= len(text) and 0 <= segment.source_start <= segment.source_end <= len(source)):
            problems.append(f"segment {segment} out of bounds")
            continue
        if segment.source_start < previous_end:
            problems.append(f"segment {segment} overlaps the previous one in the source")
        previous_end = segment.source_end
        if not segment.atomic and text[segment.text_start : segment.text_end] != source[segment.source_start : segment.source_end]:
            problems.append(f"literal segment {segment} does not hold the source's characters")
    for block in doc.blocks:
        span = doc.enclosing_span(block.start, block.end)
        if not 0 <= span.start <= span.end <= len(source):
            problems.append(f"enclosing span {span} of block {block} outside the source")
        exact = doc.source_span(block.start, block.end)
        if exact is not None and not 0 <= exact.start <= exact.end <= len(source):
            problems.append(f"source span {exact} of block {block} outside the source")
    for index, _ in enumerate(doc.blocks):
        removal = doc.removal_span(index)  # None: the block cannot go without changing its neighbours
        if removal is not None and not 0 <= removal.start <= removal.end <= len(source):
            problems.append(f"removal span {removal} of block {index} outside the source")
        pieces = doc.text_removal_spans(index)  # the text alone, when a script stands in the block
        if pieces is not None:
            edges = [edge for piece in pieces for edge in (piece.start, piece.end)]
            if removal is not None or edges != sorted(edges) or not (0 <= edges[0] and edges[-1] <= len(source)):
                problems.append(f"text removal {pieces} of block {index} overlaps, is out of order or outside the source")
            if any(re.search(r"(?i)<(script|style|code|pre)\b", source[piece.start : piece.end]) for piece in pieces):
                problems.append(f"text removal {pieces} of block {index} takes a script, a style or code")
    for offset, _ in doc.skeleton():
        if not 0 <= offset <= len(source):
            problems.append(f"skeleton item at {offset} outside the source")
    return problems


def quote_problems(text: str) -> list[str]:
    """Invariants of the quote pairer: every quote it reports is a quote of the text, used once."""
    analysis = pair_quotes(text, paragraph_blocks(text))
    problems, seen = [], set()
    quotes = [q for pair in analysis.pairs for q in pair] + analysis.unopened + analysis.unclosed
    for quote in quotes:
        if not 0 <= quote.position < len(text) or text[quote.position] != quote.char:
            problems.append(f"{quote} is not a quotation mark of the text")
        if quote.position in seen:
            problems.append(f"the quote at {quote.position} is reported twice")
        seen.add(quote.position)
    for opener, closer in analysis.pairs:
        if not opener.position < closer.position:
            problems.append(f"pair {opener.position}-{closer.position} closes before it opens")
    return problems


# --- CI: a few of each ----------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(plain_document, st.booleans())
@example("\udcff the the \ud800", False)
@example("“\u202e the the\u202c”\n\n\x00\x1b\u2028", True)
def test_plain_text_is_never_corrupted(source: str, unsafe: bool) -> None:
    assert corruption_problems(source, "text", unsafe) == []


@PROPERTY_SETTINGS
@given(hostile_html, st.booleans())
@example("<p>the the \udcff</p>", True)
@example("<p title='\ud800'>Kas\u0131m C\u00f6mert \u202eTokayev</p>\x00", True)
@example("<p>the the</p><![>T<?h!hq><h<><h<>", False)
def test_html_is_never_corrupted(source: str, unsafe: bool) -> None:
    assert segmenter_problems(source, "html") == []
    assert corruption_problems(source, "html", unsafe) == []


@PROPERTY_SETTINGS
@given(hostile_markdown, st.booleans())
@example("# the the \udcff\n\n* \u200b *", True)
@example("| a | b\u0301 |\n|---|---|\n| the the | \ud800 |", False)
def test_markdown_is_never_corrupted(source: str, unsafe: bool) -> None:
    assert segmenter_problems(source, "markdown") == []
    assert corruption_problems(source, "markdown", unsafe) == []


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(st.sampled_from(list("“”„«»‘’‚‹›\"' \n")), unicode_run, st.just("\n\n")), max_size=40).map("".join))
def test_quote_pairer_reports_only_real_quotes_once(text: str) -> None:
    assert quote_problems(text) == []


@pytest.mark.parametrize(
    ("source", "format", "fixed", "refused"),
    [
        ("<p>the the</p>\n<p><b\x00>the</b></p>", "html", "<p>the</p>\n<p><b\x00>the</b></p>", "C203 at 2:6"),
        # a control character keeps "|-\x1c--|---|" from being a table's delimiter row ("<http://x.y/a,the the>", the
        # example before, is now display-only: an edit between prose "<" and ">" could make an autolink)
        ("the the, see\n\na | b\n|-\x1c--|---|\n", "markdown", "the, see\n\na | b\n|-\x1c--|---|\n", "C203 at 4:3"),
    ],
)
def test_a_fix_that_makes_markup_is_left_out_and_the_others_stand(source: str, format: str, fixed: str, refused: str) -> None:
    result = copyedit.fix(source, format=format, unsafe=True)
    assert result.text == fixed and [fix.codes for fix in result.applied] == [("C401",)]
    internal = [f"{f.code}: {f.message}" for f in result.findings if f.code.startswith("X")]
    assert len(internal) == 1 and internal[0].startswith(f"{REFUSED_MARKUP}: not applied: {refused} (")
    assert copyedit.fix(result.text, format=format, unsafe=True).text == result.text
    assert corruption_problems(source, format, unsafe=True) == []


def test_fixes_that_make_markup_only_together_are_left_out_together() -> None:
    # Without either NUL "<b\x00x\x00>" is not a tag yet; without both it is "<bx>"
    result = copyedit.fix("<p>the the</p>\n<p><b\x00x\x00>x</b></p>", format="html", unsafe=True)
    assert result.text == "<p>the</p>\n<p><b\x00x\x00>x</b></p>"
    assert [f.message for f in result.findings if f.code == "X002"] == [
        "internal error: the markup outside the edited text would change: not applied: "
        "C203 at 2:6 (Remove “\x00”); C203 at 2:8 (Remove “\x00”)"
    ]


def test_the_only_fix_making_markup_gives_the_input_back_untouched() -> None:
    result = copyedit.fix("a | b\n|-\x1c--|---|\n", format="markdown", unsafe=True)
    assert result.text == "a | b\n|-\x1c--|---|\n" and not result.applied
    # the refusal names the fix it refused
    assert [f"{f.code}: {f.message}" for f in result.findings if f.code.startswith("X")] == [
        f"{REFUSED_MARKUP}: not applied: C203 at 2:3 (Remove “\x1c”)"
    ]


def test_a_fix_hidden_by_a_refused_one_is_applied_in_the_same_run() -> None:
    """With the control character removed (C203), the lines would become a table, which an indented line does not
    continue: it would be code, whose text TR101 could not edit. That fix is refused, and the TR101 fix it hid was
    applied only by a second ``fix`` of the output. The run now fixes its own output once more after a partial
    refusal: one run, a fixed point. (The example before, an autolink to be, "<http://a.b/x\x03/…>", is now
    display-only: an edit between prose "<" and ">" could make one.)"""
    source = "x | y\n|-\x03--|---|\n    See mid-gove\u2060rnment now.\n"
    result = copyedit.fix(source, format="markdown", unsafe=True)
    assert result.text == "x | y\n|-\x03--|---|\n    See intergovernmental now.\n"
    assert [fix.codes for fix in result.applied] == [("TR101", "C204")]
    assert [f.message for f in result.findings if f.code.startswith("X")] == [
        "internal error: the markup outside the edited text would change: not applied: C203 at 2:3 (Remove “\x03”)"
    ]
    assert copyedit.fix(result.text, format="markdown", unsafe=True).text == result.text
    assert corruption_problems(source, "markdown", unsafe=True) == []


def test_a_fix_refused_again_by_the_further_run_is_named_once_at_its_place_in_the_input() -> None:
    """The run after a partial refusal finds the refused fix again, in the partly fixed text where BP101 has taken
    two lines away: it was named twice, "C203 at 4:3 (…); …: C203 at 2:3 (…)", the second place in no text the
    caller has."""
    source = "Leave a Reply\n\nx | y\n|-\x03--|---|\n    mid-gove\u2060rnment now.\n"
    result = copyedit.fix(source, format="markdown", unsafe=True)
    assert result.text == "x | y\n|-\x03--|---|\n    intergovernmental now.\n"
    assert [fix.codes for fix in result.applied] == [("BP101",), ("TR101", "C204")]
    assert [f.message for f in result.findings if f.code.startswith("X")] == [
        "internal error: the markup outside the edited text would change: not applied: C203 at 4:3 (Remove “\x03”)"
    ]
    assert copyedit.fix(result.text, format="markdown", unsafe=True).text == result.text


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("_ed._*Td*\n", "_ed._ *Td*\n"),  # the fuzzer's shape: a space before the closing "_" would not close it
        ("He said **no.**_Then_ left.\n", "He said **no.** _Then_ left.\n"),
        ("It was fentanyl._The_ two.\n", "It was fentanyl. _The_ two.\n"),  # before an opening "_": already right
    ],
)
def test_a_space_inserted_at_the_end_of_emphasis_goes_after_its_closing_run(source: str, fixed: str) -> None:
    """C306 adds the missing space after "."; at the end of emphasis it goes after the closing delimiters,
    where CommonMark keeps them closing (it was refused as X002)."""
    result = copyedit.fix(source, format="markdown", unsafe=True)
    assert result.text == fixed and not [f for f in result.findings if f.code.startswith("X")]
    assert corruption_problems(source, "markdown", unsafe=True) == []


def test_unsafe_name_fixes_reach_a_fixed_point() -> None:
    result = copyedit.fix("Habar-24Habar-24 and Habar-24", unsafe=True)
    assert not [f for f in result.findings if f.code == RUNAWAY]


@pytest.mark.parametrize("source", ["<![>T<?h!hq><h<><h<>", "<p>the the</p>\n<![ x >\n<p>the the</p>", "<![ foo"])
def test_html_bogus_marked_sections_are_markup_not_a_crash(source: str) -> None:
    """Found by benchmarks/fuzz_markup.py: html.parser raised AssertionError on "<![" + non-name."""
    assert segmenter_problems(source, "html") == []
    assert corruption_problems(source, "html") == []
    bogus = source.find("<![")
    end = source.find(">", bogus)
    if end != -1:  # a complete bogus comment is one markup item, at its own offset
        assert (bogus, source[bogus : end + 1]) in parse_document(source, "html").skeleton()


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_a_mojibake_repair_is_one_edit_not_a_runaway(format: str) -> None:
    """Found by the soak: "\x80€" -> "€€" diffed as a deletion and a far insertion; Markdown
    refused the deletion next to "*" and the insertion was applied again on every pass."""
    source = "éÂ\x80Your email address will not be published. Required fields are marked *\x80\x08\x80"
    assert corruption_problems(source, format) == []


def test_lone_surrogates_are_ordinary_characters() -> None:
    """Decoded with surrogateescape, undecodable bytes stay exactly as they were; rules work around them."""
    source = b"caf\xe9 said the the news \xff\xfe".decode("utf-8", "surrogateescape")
    result = copyedit.fix(source, unsafe=True)
    assert result.text == "caf\udce9 said the news \udcff\udcfe"
    assert result.text.encode("utf-8", "surrogateescape") == b"caf\xe9 said the news \xff\xfe"


def test_the_cli_refuses_bytes_that_are_not_utf8_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"He said the the \xed\xa0\x80 lone surrogate, UTF-8 encoded.\n")
    (tmp_path / "good.txt").write_text("He said the the cat left.\n", encoding="utf-8")
    run = run_cli("lint", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert run.returncode == 2
    assert "broken.txt: not valid UTF-8 (byte 0xed at offset 16)" in run.stderr.decode()
    assert (tmp_path / "broken.txt").read_bytes().endswith(b"\xed\xa0\x80 lone surrogate, UTF-8 encoded.\n")
    assert (tmp_path / "good.txt").read_text(encoding="utf-8") == "He said the cat left.\n"

