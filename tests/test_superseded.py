"""An article in another language is reported once (LQ102), not sentence by sentence (LQ101) or fragment by
fragment (LQ103): rules ``superseded_by`` another drop their findings in a document where it reports one. Before,
an untranslated Chinese article drew 81 LQ103 findings and no LQ102 (Chinese writes no spaces, so it had no prose
lines to judge), and a Spanish web page 61 LQ101 findings beside its LQ102."""

from __future__ import annotations

import pytest

import copyedit
from copyedit import Config
from copyedit.rules import parse_rule

CHINESE = (
    "中国外交部发言人毛宁表示，中方对此表示坚决反对。她说，这一做法严重违反国际法和国际关系基本准则。\n\n"
    "毛宁指出，有关国家应当立即停止错误做法，避免事态进一步升级。中方将采取必要措施维护自身合法权益。\n"
)
SPANISH = (
    "El gobierno anunció el martes un nuevo paquete de medidas económicas para las familias.\n\n"
    "Según el ministro de Hacienda, las ayudas llegarán a más de dos millones de hogares este año.\n\n"
    "La oposición criticó que el plan llega tarde y pidió un debate urgente en el Congreso.\n"
)


def codes(text: str, config: Config | None = None) -> list[str]:
    return [f.code for f in copyedit.check(text, config=config or Config()).findings]


def test_an_untranslated_chinese_article_is_one_finding() -> None:
    [finding] = copyedit.check(CHINESE).findings
    assert finding.code == "LQ102"
    assert finding.message == "The article looks like zh (100% of its letters outside the en alphabet), not en as configured"
    assert copyedit.check(CHINESE).findings == copyedit.fix(CHINESE, unsafe=True).findings


def test_a_spanish_article_is_one_finding_not_one_a_sentence() -> None:
    assert codes(SPANISH) == ["LQ102"]


def test_without_the_superseding_rule_the_others_report_as_before() -> None:
    assert set(codes(CHINESE, Config(ignore=("LQ102",)))) == {"LQ103"}
    assert set(codes(SPANISH, Config(ignore=("LQ102",)))) == {"LQ101"}
    # an English article with a quoted Chinese phrase: LQ103 reports it, LQ102 says nothing
    assert codes("The ministry said “中方对此表示坚决反对” in a statement on Tuesday.") == ["LQ103"]


def test_a_suppressed_superseding_finding_supersedes_nothing() -> None:
    text = SPANISH.replace("familias.", "familias. copyedit: ignore[LQ102]", 1)
    assert "LQ101" in codes(text) and "LQ102" not in codes(text)


def test_a_pass_whose_findings_would_be_dropped_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """LQ101 runs langdetect sentence by sentence (120 ms of a 5 KB Spanish article's 160): where LQ102 reports
    the article, its findings would be left out, so it is not run; where LQ102 is off or suppressed, it is."""
    from copyedit.checks import resolve_check
    from copyedit.engine import ruleset_for, run_check, run_fix
    from copyedit.model import Applicability
    from copyedit.qa import language

    read: list[str] = []
    real = language.untranslated_sentences

    def counted(doc, context, **options):  # type: ignore[no-untyped-def]
        read.append(doc.text)
        return real(doc, context, **options)

    monkeypatch.setattr(language, "untranslated_sentences", counted)
    resolve_check.cache_clear()  # a new rule set's pass resolves the counted check
    try:
        config = Config(select=("LQ101", "LQ102"))
        ruleset = ruleset_for(config)
        assert [f.code for f in run_check(SPANISH, "text", ruleset, config).findings] == ["LQ102"]
        assert [f.code for f in run_fix(SPANISH, "text", ruleset, config, frozenset(Applicability)).findings] == ["LQ102"]
        assert read == []
        suppressed = SPANISH.replace("familias.", "familias. copyedit: ignore[LQ102]", 1)
        assert {f.code for f in run_check(suppressed, "text", ruleset, config).findings} == {"LQ101"}
        assert read == [suppressed]
        alone = Config(select=("LQ101",))
        assert {f.code for f in run_check(SPANISH, "text", ruleset_for(alone), alone).findings} == {"LQ101"}
        assert len(read) == 2
    finally:
        resolve_check.cache_clear()


RULE = """\
code: ZZ101
name: sample
kind: substitution
swap: {colour: color}
message: m
why: w
examples:
  - bad: colour
  - ok: color
"""


def test_superseded_by_is_read_strictly() -> None:
    rule = parse_rule(RULE + "applicability: display-only\n", "sample.yml", "user")
    assert rule.superseded_by == ()
    with pytest.raises(copyedit.RuleError, match=r"'superseded_by' must be a rule code or a list of them"):
        parse_rule(RULE + "superseded_by: [lq102]\n", "sample.yml", "user")
    with pytest.raises(copyedit.RuleError, match=r"a rule that fixes cannot be 'superseded_by' another"):
        parse_rule(RULE + "applicability: unsafe\nsuperseded_by: LQ102\n", "sample.yml", "user")
