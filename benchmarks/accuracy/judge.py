"""How one applied fix, or one human change, is judged against what a human did.

Pure functions on strings, so the judging can be read and tested on its own:

- :func:`judge_fix` replays one fix alone on the MT and compares it with the post-edit;
- :func:`mechanical_changes` lists the post-editor's mechanical changes (quote marks,
  punctuation and spacing, doubled words, capitals), and :func:`made` says whether a
  corrected text contains one of them.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from copyedit.model import Edit, apply_edits

CONTEXT = 12  # characters of unchanged MT kept on each side of an edit when looking for it in the post-edit
TOKEN = regex.compile(r"\w+|\s+|[^\w\s]", regex.V1)
QUOTES = frozenset("\"'`“”„‟‘’‚‛«»‹›「」『』")


class Verdict(str, enum.Enum):
    AGREE = "agree"  # the post-editor made the same change
    DISAGREE = "disagree"  # the post-editor kept the text exactly as the MT had it
    OTHER = "other"  # the post-editor rewrote the place some other way


def judge_fix(mt: str, edits: Iterable[Edit], post_edit: str) -> Verdict:
    """Judge one fix (its edits in MT coordinates) against the post-edit of the same sentence.

    The fix's range with ``CONTEXT`` characters of MT on each side is looked up in the
    post-edit, once as the fix would leave it and once as the MT had it. Where the MT's start
    or end cuts that context short, the sentence boundary is part of the context: it must be
    the post-edit's start or end too (else deleting a final full stop would "agree" with any
    post-edit that carries on after the same words).

    >>> from copyedit.model import Span
    >>> mt = "He said that that the talks failed ."
    >>> doubled = [Edit(Span(13, 18), "")]
    >>> judge_fix(mt, doubled, "He said that the talks failed .").value
    'agree'
    >>> judge_fix(mt, doubled, "He said that that the talks failed .").value
    'disagree'
    >>> judge_fix(mt, doubled, "He claimed the negotiations collapsed .").value
    'other'
    >>> final_stop = [Edit(Span(34, 36), "")]
    >>> judge_fix(mt, final_stop, "He said that that the talks failed").value
    'agree'
    >>> judge_fix(mt, final_stop, "He said that that the talks failed to start .").value
    'other'
    >>> judge_fix("near the port .", [Edit(Span(0, 1), "N")], "They lived Near the port .").value
    'other'
    """
    ordered = sorted(edits)
    start, end = ordered[0].start, ordered[-1].end
    left, right = mt[max(0, start - CONTEXT) : start], mt[end : end + CONTEXT]
    fixed = apply_edits(mt[start:end], [Edit(type(e.span)(e.start - start, e.end - start), e.replacement) for e in ordered])
    before, after = left + mt[start:end] + right, left + fixed + right
    at_start, at_end = start < CONTEXT, end + CONTEXT > len(mt)

    def found(piece: str) -> bool:
        if at_start and at_end:
            return piece == post_edit
        if at_start:
            return post_edit.startswith(piece)
        if at_end:
            return post_edit.endswith(piece)
        return piece in post_edit

    if found(after) and not found(before):
        return Verdict.AGREE
    if found(before):
        return Verdict.DISAGREE
    return Verdict.OTHER


@dataclass(frozen=True)
class Change:
    """One change a human made: ``old`` in the MT became ``new``, between ``left`` and ``right``."""

    kind: str
    left: str
    old: str
    new: str
    right: str


def _kind(old: list[str], new: list[str], before: list[str], after: list[str]) -> str | None:
    """The mechanical kind of a token-level change, or None when it changes words.

    >>> _kind([" ", "the"], [], ["of", " ", "the"], [" ", "war"])
    'doubled word'
    >>> _kind([" "], [], ["war"], [","])
    'punctuation and spacing'
    >>> _kind(['"'], ["“"], [" "], ["We"])
    'quote marks'
    >>> _kind(["minister"], ["Minister"], [" "], [" "])
    'capitals'
    >>> _kind(["war"], ["battle"], [" "], [" "]) is None
    True
    """
    removed, added = "".join(old), "".join(new)
    if not removed.strip() and not added.strip() and not (removed and added):
        # Only spacing: mechanical when it touches punctuation ("war ," → "war,").
        neighbours = (before[-1:] or [""])[0] + (after[:1] or [""])[0]
        return "punctuation and spacing" if regex.search(r"[^\w\s]", neighbours) else None
    if not added and old and old[-1].strip() and regex.fullmatch(r"\w+", old[-1]):
        word = old[-1].casefold()
        neighbours = {t.casefold() for t in before[-2:] + after[:2] if t.strip()}
        if word in neighbours and not "".join(old[:-1]).strip():
            return "doubled word"
    if removed.casefold() == added.casefold() and removed != added:
        return "capitals"
    changed = removed + added
    if changed.strip() and all(ch in QUOTES or ch.isspace() for ch in changed):
        return "quote marks"
    if changed.strip() and all(not ch.isalnum() for ch in changed):
        return "quote marks" if any(ch in QUOTES for ch in changed) else "punctuation and spacing"
    return None


def mechanical_changes(mt: str, post_edit: str) -> Iterator[Change]:
    """The post-editor's mechanical changes, each with a few tokens of MT context.

    >>> [(c.kind, c.old, c.new) for c in mechanical_changes('He said , " we go "', 'He said, “we go”')]
    [('punctuation and spacing', ' ', ''), ('quote marks', '" ', '“'), ('quote marks', ' "', '”')]
    """
    a, b = TOKEN.findall(mt), TOKEN.findall(post_edit)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        kind = _kind(a[i1:i2], b[j1:j2], a[max(0, i1 - 3) : i1], a[i2 : i2 + 3])
        if kind:
            yield Change(kind, "".join(a[max(0, i1 - 3) : i1]), "".join(a[i1:i2]), "".join(b[j1:j2]), "".join(a[i2 : i2 + 3]))


def made(change: Change, corrected: str) -> bool:
    """Whether ``corrected`` carries the human's change (and not the MT's text) at that place.

    >>> change = Change("doubled word", "of", " the", "", " war")
    >>> made(change, "the end of war"), made(change, "the end of the war")
    (True, False)
    """
    return change.left + change.new + change.right in corrected and change.left + change.old + change.right not in corrected
