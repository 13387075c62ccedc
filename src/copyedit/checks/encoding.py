"""Encoding damage and Unicode normalisation.

ftfy is the judge of mojibake, but it is neither free nor a no-op on clean text with its
defaults (it unescapes HTML entities and straightens curly quotes), so it runs only on
paragraphs where a cheap pattern sees the byte signature of UTF-8 read as Windows-1252 or
Latin-1, and with a configuration that only repairs encoding.
"""

from __future__ import annotations

import difflib
import functools
import html.entities
import itertools
import re
import unicodedata
from typing import Any, Iterator

import regex

from ..kinds.base import Context, Hit
from ..model import Applicability

# A Latin-1 lead byte of a UTF-8 sequence followed by a character that a continuation byte
# (0x80-0xBF) becomes in Windows-1252 or Latin-1: the signature of mojibake.
MOJIBAKE_SIGNATURE = regex.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# The signature's first character is in Latin-1: a text with none of those bytes in its Latin-1
# (characters beyond it dropped) cannot show it, and one search of the whole text in the standard
# library's engine, which reads these classes as ``regex`` does, tells the rest.
_NOT_LEAD_BYTES = bytes(byte for byte in range(256) if not 0xC2 <= byte <= 0xF4)
_SIGNATURE_IN_RE = re.compile(MOJIBAKE_SIGNATURE.pattern)
# A C1 control character stands for a Windows-1252 byte read as Latin-1 ("\x96" for "–"): no text means one.
_C1_CONTROL = re.compile("[\x80-\x9f]")


@functools.lru_cache(maxsize=1)
def _ftfy() -> tuple[Any, Any]:
    """ftfy and a configuration that only repairs encoding (imported on first need: it is slow to load)."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
    return ftfy, config


def repair_mojibake(text: str) -> tuple[str, str]:
    """ftfy's repair of ``text`` and its explanation ('' when nothing changes).

    >>> repair_mojibake("Ã¼ber â€œquotedâ€\x9d")[0]
    'über “quoted”'
    >>> repair_mojibake("café’s “curly” &amp; clean")
    ('café’s “curly” &amp; clean', '')
    """
    ftfy, config = _ftfy()
    fixed, plan = ftfy.fix_and_explain(text, config=config)
    if fixed == text:
        return text, ""
    steps = ", ".join(f"{step}({argument})" if argument else step for step, argument in plan or [])
    return fixed, steps


# Changes closer than this are one repair: "\x80€" -> "€€" diffs as "delete \x80, insert €
# after €", two halves that must not be applied apart (one alone would be re-found for ever).
_SAME_REPAIR_GAP = 2


def _differences(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    """The repairs from ``old`` to ``new``, changes a few characters apart merged into one.

    >>> list(_differences("Ã© *\x80€", "é *€€"))
    [(0, 2, 'é'), (4, 6, '€€')]
    """
    merged: list[list[int]] = []
    for i1, i2, j1, j2 in _changes(old, new):
        if merged and i1 - merged[-1][1] < _SAME_REPAIR_GAP:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in merged:
        yield i1, i2, new[j1:j2]


# Runs of ASCII and of other characters: a repair rewrites the second kind and hardly ever the first.
_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
# How many runs ahead, on either side, the next two equal runs are looked for after a change.
_RESYNC_WINDOW = 8


def _changes(old: str, new: str) -> Iterator[tuple[int, int, int, int]]:
    """The changes from ``old`` to ``new`` as ``(i1, i2, j1, j2)``: the two texts are walked run by run
    (runs of ASCII and of other characters), and between two stretches of equal runs ``difflib``
    compares the characters.

    In linear time: one ``difflib`` comparison of a whole paragraph took 24 s for 5 KB with a hundred
    repairs (a text's few distinct characters each recur thousands of times), and one of its runs
    is no better when a run (" ") recurs as often.

    >>> list(_changes("caf\u00c3\u00a9 \u2014 ok \u00e2\u20ac\u0153hi", "caf\u00e9 \u2014 ok \u201chi"))
    [(3, 5, 3, 4), (11, 14, 10, 11)]
    """
    old_runs, new_runs = _RUNS.findall(old), _RUNS.findall(new)
    old_at, new_at = _starts(old_runs), _starts(new_runs)
    at_old = at_new = 0
    while at_old < len(old_runs) or at_new < len(new_runs):
        if at_old < len(old_runs) and at_new < len(new_runs) and old_runs[at_old] == new_runs[at_new]:
            at_old, at_new = at_old + 1, at_new + 1
            continue
        next_old, next_new = _next_equal_runs(old_runs, new_runs, at_old, at_new)
        i1, j1 = old_at[at_old], new_at[at_new]
        characters = difflib.SequenceMatcher(None, old[i1 : old_at[next_old]], new[j1 : new_at[next_new]], autojunk=False)
        for tag, a1, a2, b1, b2 in characters.get_opcodes():
            if tag != "equal":
                yield i1 + a1, i1 + a2, j1 + b1, j1 + b2
        at_old, at_new = next_old, next_new


def _next_equal_runs(old_runs: list[str], new_runs: list[str], at_old: int, at_new: int) -> tuple[int, int]:
    """The nearest ``(next_old, next_new)`` past ``(at_old, at_new)`` where the runs are equal again,
    within the window; else one run further on each side (the comparison stays a valid one, if not
    the shortest)."""
    for ahead in range(1, 2 * _RESYNC_WINDOW + 1):
        for next_old in range(at_old + max(0, ahead - _RESYNC_WINDOW), at_old + min(ahead, _RESYNC_WINDOW) + 1):
            next_new = at_new + ahead - (next_old - at_old)
            if next_old < len(old_runs) and next_new < len(new_runs) and old_runs[next_old] == new_runs[next_new]:
                return next_old, next_new
    if at_old >= len(old_runs) or at_new >= len(new_runs):
        return len(old_runs), len(new_runs)
    return at_old + 1, at_new + 1


def _starts(runs: list[str]) -> list[int]:
    """Where each run starts, and the end of the last."""
    return [0, *itertools.accumulate(map(len, runs))]


# The ways UTF-8 bytes are misread; a repair is exact when re-encoding it gives the damage back.
_MISREADINGS = ("sloppy-windows-1252", "latin-1")
_MAX_LAYERS = 3  # text misread twice ("Ã¢â‚¬Å“") is repaired in two layers


def round_trips(damaged: str, repaired: str) -> bool:
    """Whether ``repaired`` read as UTF-8 bytes in a legacy encoding gives ``damaged`` exactly.

    A repair that guesses lost bytes does not: "stayâ€ he" lost the 0x9D of ”, and ftfy's
    guess "†" (a space taken for a lost no-break space) is not what was written.

    >>> round_trips("â€œ", "“"), round_trips("Ã¢â‚¬Å“", "“"), round_trips("â€ ", "† "), round_trips("\x96", "–")
    (True, True, False, True)
    """
    _ftfy()  # registers the sloppy codecs
    try:
        if repaired.encode("windows-1252").decode("latin-1") == damaged:
            return True  # a Windows-1252 byte read as Latin-1
    except UnicodeError:
        pass
    for encoding in _MISREADINGS:
        layer = repaired
        for _ in range(_MAX_LAYERS):
            try:
                layer = layer.encode("utf-8").decode(encoding)
            except UnicodeError:
                break
            if layer == damaged:
                return True
    return False


def mojibake(doc: Any, context: Context) -> Iterator[Hit]:
    """Mojibake repairs: safe when the repair round-trips to the damage, unsafe when ftfy guessed."""
    text = doc.text
    if text.isascii():
        return  # most texts
    c1 = _C1_CONTROL.search(text) is not None
    if not c1 and (not text.encode("latin-1", "ignore").translate(None, _NOT_LEAD_BYTES) or _SIGNATURE_IN_RE.search(text) is None):
        return  # most of the others, told in C
    for block in doc.blocks:
        if not (MOJIBAKE_SIGNATURE.search(text, block.start, block.end, concurrent=False) or c1 and _C1_CONTROL.search(text, block.start, block.end)):
            continue
        original = text[block.start : block.end]
        fixed, steps = repair_mojibake(original)
        for start, end, replacement in _differences(original, fixed):
            found = original[start:end]
            exact = round_trips(found, replacement)
            shown = _C1_CONTROL.sub(lambda control: f"U+{ord(control.group()):04X}", found)  # else invisible
            message = f"Mojibake: “{shown}” should read “{replacement}” (ftfy: {steps})"
            if not exact:
                message += "; lost bytes were guessed, check the repair"
            applicability = None if exact else Applicability.UNSAFE
            yield Hit(block.start + start, block.start + end, replacement, message=message, applicability=applicability)


_CLUSTER = regex.compile(r"\X")


def _in_latin_1(text: str) -> bool:
    """Whether every character of ``text`` is in Latin-1, told in O(1): such a text is in NFC (no
    character of Latin-1 combines with another or decomposes; tests/test_encoding_gate.py).

    CPython keeps a string whose characters are all in Latin-1 in one byte each, a wider one in two
    or four (PEP 393), so its size in memory tells. A cached copy of the string only adds to the
    size: a wider string never reads as Latin-1, and a Latin-1 one that reads as wider is read by
    ``unicodedata.is_normalized`` as before. (Without such sizes, an encoding attempt tells.)

    >>> _in_latin_1("Café, £5"), _in_latin_1("“Café”"), _in_latin_1("Café 😀")
    (True, False, False)
    """
    if text.isascii():
        return True
    if _ONE_BYTE_HEADER is not None:
        return text.__sizeof__() - _ONE_BYTE_HEADER < 2 * (len(text) + 1)
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _one_byte_header() -> int | None:
    """The size of a Latin-1 string less its characters and final NUL, where sizes tell a string's
    width as CPython's do (checked on fresh strings of each width); None elsewhere."""
    try:
        header = ("\xe9" * 7).__sizeof__() - 8
        for char, width in (("\xe9", 1), ("\u201c", 2), ("\U0001f600", 4)):
            for length in (2, 5, 64):
                if (char * length).__sizeof__() != header + width * (length + 1):
                    return None
    except (AttributeError, TypeError):
        return None
    return header if header > 0 else None


_ONE_BYTE_HEADER = _one_byte_header()


# An HTML character reference, numeric or named (with its semicolon), and any "amp;" that escaped it
# again in front: "&#233;", "&amp;", "&amp;quot;". In plain text it was never decoded; in HTML and
# Markdown, whose references the document decodes, it was escaped twice.
_REFERENCE = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")


def _decoded_reference(reference: str, name: str | None) -> str | None:
    """What a character reference (as :data:`_REFERENCE` matched it, ``name`` its named part)
    stands for once every layer of escaping is undone; None when it stands for no printable
    character: an unknown name ("&T;"), a control character or a code point that is no character.

    >>> _decoded_reference("&#233;", None), _decoded_reference("&amp;amp;", "amp"), _decoded_reference("&amp;#x201C;", None)
    ('é', '&', '“')
    >>> _decoded_reference("&copyx;", "copyx"), _decoded_reference("&#0;", None), _decoded_reference("&#x1;", None)
    (None, None, None)
    """
    if name is not None and name + ";" not in html.entities.html5:
        return None  # (html.unescape reads "&copyx;" as "©x;": a name without its semicolon, as browsers allow)
    decoded = html.unescape(reference)
    while "&" in decoded and decoded != (decoded := html.unescape(decoded)):
        pass
    if not decoded or decoded == reference or any(unicodedata.category(char) in {"Cc", "Cs", "Cn", "Co"} or char == "\ufffd" for char in decoded):
        return None
    return decoded


def html_references(doc: Any, context: Context) -> Iterator[Hit]:
    """HTML character references left in the text ("Jos&#233;", "M&amp;C"), each with what it stands for.

    >>> from copyedit.document import PlainDocument
    >>> [(h.start, h.end, h.replacement) for h in html_references(PlainDocument("Jos&#233; of M&amp;amp;C, AT&T;"), Context())]
    [(3, 9, 'é'), (14, 23, '&')]
    >>> [(h.replacement, h.message) for h in html_references(PlainDocument("Blair&#191;s&nbsp;team"), Context())]  # doctest: +NORMALIZE_WHITESPACE
    [(None, 'HTML character reference “&#191;” left in the text: it stands for “¿”, the mark of a character that a
      converter lost: restore it by hand'), ('\xa0', 'HTML character reference “&nbsp;” left in the text: it stands for “no-break space”')]
    """
    text = doc.text
    if "&" not in text:
        return  # most texts
    for match in _REFERENCE.finditer(text):
        found = match.group()
        decoded = _decoded_reference(found, match.group(1))
        if decoded is None:
            continue
        message = f"HTML character reference “{found}” left in the text: it stands for “{_shown(decoded)}”"
        start, end = match.span()
        if decoded == "¿" and start and text[start - 1].isalpha() and end < len(text) and text[end].isalpha():
            # "Blair&#191;s government": a converter wrote ¿ for a character it could not encode (an apostrophe, mostly)
            yield Hit(start, end, None, message=message + ", the mark of a character that a converter lost: restore it by hand")
            continue
        yield Hit(start, end, decoded, message=message)


def _shown(decoded: str) -> str:
    """A decoded reference as a message shows it: invisible characters by their names."""
    if decoded.isprintable() and not decoded.isspace():
        return decoded
    return " ".join(unicodedata.name(char, f"U+{ord(char):04X}").lower() for char in decoded)


def not_nfc(doc: Any, context: Context) -> Iterator[Hit]:
    """Characters not in Unicode NFC (a letter plus a separate combining accent).

    >>> from copyedit.document import PlainDocument
    >>> [(h.start, h.end, h.replacement) for h in not_nfc(PlainDocument("Cafe\\u0301 ok"), Context())]
    [(3, 5, 'é')]
    """
    text = doc.text
    if _in_latin_1(text) or unicodedata.is_normalized("NFC", text):
        return
    for cluster in _CLUSTER.finditer(text):
        value = cluster.group()
        if len(value) == 1 and value.isascii():
            continue
        normal = unicodedata.normalize("NFC", value)
        if normal != value:
            yield Hit(cluster.start(), cluster.end(), normal)
