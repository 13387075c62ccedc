"""Suppression comments, per-file ignores and time limits in the engine: the library's view.

Every front end reaches the engine through ``engine.run_check``/``run_fix``; the tests of each
front end (lint, hook, serve, Wagtail, batch) repeat the first case below through it.
"""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Config, TimeLimitExceeded

# The same mojibake twice, silenced on the first line only (C201's exact repairs are safe by default).
TEXT = "The Ã¼ber-rich left. copyedit: ignore[C201]\nThe Ã¼ber-rich left.\n"
FIXED = "The Ã¼ber-rich left. copyedit: ignore[C201]\nThe über-rich left.\n"
LINE, LINE_FIXED = "The Ã¼ber-rich left.", "The über-rich left."


def test_a_suppressed_finding_is_not_reported_and_its_fix_not_applied() -> None:
    assert [(f.code, f.line) for f in copyedit.check(TEXT).findings] == [("C201", 2)]
    result = copyedit.fix(TEXT)
    assert result.text == FIXED and result.findings == ()
    assert [(fix.codes, fix.edits[0].start > TEXT.index("\n")) for fix in result.applied] == [(("C201",), True)]


def test_no_rule_reports_a_plain_text_comment_s_own_words() -> None:
    # "left. copyedit" would be a sentence that starts in lower case (MT114), whatever the comment silences
    text = "He said the the cat left. copyedit: ignore[C401]\nShe said it. then left.\n"
    assert [(f.code, f.line) for f in copyedit.check(text).findings] == [("MT114", 2)]


def test_a_finding_over_the_comment_and_more_is_the_article_s(tmp_path) -> None:
    (tmp_path / "rule.yml").write_text(
        "code: HS900\nname: breaking\nkind: existence\npatterns: ['Breaking:[^\\n]*']\nmessage: m\nwhy: w\n"
        "examples: [{bad: 'Breaking: x'}, {ok: 'y'}]\n",
        encoding="utf-8",
    )
    config = Config(packs=(), rule_paths=(str(tmp_path / "rule.yml"),))
    text = "Breaking: he left. copyedit: ignore[C401]\n"
    assert [(f.span.start, f.span.end) for f in copyedit.check(text, config=config).findings] == [(0, len(text) - 1)]


@pytest.mark.parametrize(
    ("format", "text"),
    [
        ("html", "<p>the Ã¼ber-rich</p>\n<!-- copyedit: disable=C2 --><p>the Ã¼ber-rich</p><!-- copyedit: enable=C2 -->\n"),
        ("markdown", "The Ã¼ber-rich.\n\n<!-- copyedit: disable=ALL -->\nThe Ã¼ber-rich.\n"),
    ],
)
def test_markup_regions_suppress_until_enabled_again(format: str, text: str) -> None:
    fixed = copyedit.fix(text, format=format).text
    assert fixed.count("über") == 1 and fixed.index("über") < fixed.index("copyedit: disable")


def test_a_suppression_may_name_a_pack(tmp_path) -> None:  # type: ignore[no-untyped-def]
    by_pack = TEXT.replace("ignore[C201]", "ignore[core]")
    assert copyedit.fix(by_pack).text == FIXED.replace("ignore[C201]", "ignore[core]")  # C201 is a rule of core
    other_pack = TEXT.replace("ignore[C201]", "ignore[mt-en]")
    assert copyedit.fix(other_pack).text == other_pack.replace(LINE, LINE_FIXED)  # another pack's: fixed on both lines
    house = tmp_path / "house"
    house.mkdir()
    (house / "colour.yml").write_text(
        "code: HS101\nname: colour\nkind: substitution\nswap: {colour: color}\napplicability: safe\nmessage: m\n"
        "why: w\nexamples:\n  - bad: colour\n    good: color\n  - ok: color\n",
        encoding="utf-8",
    )
    config = Config(packs=(), rule_paths=(str(house),))
    assert copyedit.fix("A colour. copyedit: ignore[house]\nA colour.\n", config=config).text == (
        "A colour. copyedit: ignore[house]\nA color.\n"
    )


def test_per_file_ignores_follow_the_path() -> None:
    config = Config(per_file_ignores={"wire/**": ["C2"]}, root="/news")
    assert copyedit.fix(LINE, config=config, path="/news/wire/a.txt").text == LINE
    assert copyedit.fix(LINE, config=config, path="wire/b.txt").text == LINE  # relative to root
    assert copyedit.fix(LINE, config=config, path="/news/desk/a.txt").text == LINE_FIXED
    assert copyedit.check(LINE, config=config).findings[0].code == "C201"  # no path: no per-file ignores


def test_a_time_limit_stops_the_work_with_an_error() -> None:
    text = "The CSTO is a mid-government alliance. They they left.\n\n" * 5_000
    with pytest.raises(TimeLimitExceeded, match="time limit of 0.001 s"):
        copyedit.fix(text, time_limit=0.001)
    assert copyedit.check("They they left.", time_limit=60).findings[0].code == "C401"


def test_lint_honours_them_in_a_real_process(tmp_path) -> None:
    import subprocess
    import sys

    (tmp_path / "copyedit.toml").write_text('[per-file-ignores]\n"wire/*" = ["C2"]\n', encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "b.txt").write_text(LINE + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, "-m", "copyedit", "lint", "--fix", "a.txt", "wire/b.txt"], cwd=tmp_path, capture_output=True, timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr.decode()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "wire" / "b.txt").read_text(encoding="utf-8") == LINE + "\n"
