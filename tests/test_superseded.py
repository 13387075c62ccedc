"""An article in another language is reported once (LQ102), not sentence by sentence (LQ101) or fragment by
fragment (LQ103), and English usage rules leave it as it is: rules ``superseded_by`` another drop their findings,
and their fixes, in a document where it reports one. Before, an untranslated Chinese article drew 81 LQ103
findings and no LQ102 (Chinese writes no spaces, so it had no prose lines to judge), a Spanish web page 61 LQ101
findings beside its LQ102, and French quotation marks were "fixed" to English ones."""

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


class _CountedRules(tuple):  # type: ignore[type-arg]
    """A pass's rules, counting how often they are read one by one."""

    reads = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _CountedRules.reads += 1
        return super().__iter__()


def test_without_a_superseding_finding_no_pass_is_asked_whether_it_is_superseded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most documents have no finding of a rule that supersedes others (LQ102): every pass it may supersede then
    runs, without asking each of them (a dozen passes, at every check of a document) whether its rules are superseded."""
    from copyedit.engine import ruleset_for, run_check

    config = Config()
    ruleset = ruleset_for(config)
    text = "The court said on Friday that the the ruling was final and that the case was closed."
    before = [(f.code, f.span) for f in run_check(text, "text", ruleset, config).findings]
    assert before and "LQ102" not in {code for code, _ in before}
    later = [p for p in ruleset._passes if p.rules and all(rule.superseded_by for rule in p.rules)]
    assert later
    for check_pass in later:
        monkeypatch.setattr(check_pass, "rules", _CountedRules(check_pass.rules))
    run_check(text, "text", ruleset, config)  # the choice of passes is worked out once
    _CountedRules.reads = 0
    assert [(f.code, f.span) for f in run_check(text, "text", ruleset, config).findings] == before
    assert _CountedRules.reads == 0
    assert codes(SPANISH) == ["LQ102"]  # and with one, as before


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
    assert parse_rule(RULE + "applicability: unsafe\nsuperseded_by: LQ102\n", "sample.yml", "user").superseded_by == ("LQ102",)


def test_a_user_rule_superseded_by_no_rule_is_refused_naming_the_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "sample.yml").write_text(RULE + "applicability: unsafe\nsuperseded_by: [LQ102, ZZ999]\n", encoding="utf-8")
    with pytest.raises(copyedit.RuleError, match=r"sample.yml.*'superseded_by' names ZZ999, which is no rule"):
        copyedit.check("colour", config=Config(rule_paths=(str(tmp_path / "sample.yml"),)))
    # a built-in rule of a pack the configuration leaves out may supersede it
    (tmp_path / "sample.yml").write_text(RULE + "applicability: unsafe\nsuperseded_by: [LQ102]\n", encoding="utf-8")
    assert codes("colour", Config(packs=("core",), rule_paths=(str(tmp_path / "sample.yml"),))) == ["ZZ101"]


# Real typography of French and Spanish news (the trafilatura evaluation pages held 12 articles in other languages):
# each mark below is what an English rule would "fix" (MT112's « », C303's " :", C309's "12 000", MT102's "7,1 %",
# NM103's "Nueva York"); 66 such unsafe fixes were applied to those 12 pages before English rules stood down.
FRENCH = (
    "« C'est une étape importante pour la région », a déclaré le ministre mardi à Paris.\n\n"
    "L'inflation a atteint 7,1 % en décembre : son plus haut niveau depuis 1990, avec 12 000 emplois perdus.\n\n"
    "Le président a ajouté que le gouvernement présenterait un nouveau plan avant la fin du mois.\n"
)
SPANISH_NUMBERS = (
    "El Banco Central informó que la deuda pública aumentó en 884,3 millones de dólares (6,6 %) respecto a 2020.\n\n"
    "El presidente viajó a Nueva York el martes para reunirse con el secretario general de la ONU.\n\n"
    "La inflación se situó en el 7,1 % en diciembre, la más alta desde 1990, según el instituto de estadística.\n"
)


@pytest.mark.parametrize("article", [FRENCH, SPANISH_NUMBERS])
def test_english_rules_leave_an_article_in_another_language_as_it_is(article: str) -> None:
    fixed = copyedit.fix(article, unsafe=True)
    assert fixed.text == article and not fixed.applied
    assert [f.code for f in fixed.findings] == ["LQ102"] == codes(article)
    # LQ102 is what makes them stand down: without it they report and fix as before
    without = copyedit.fix(article, unsafe=True, config=Config(ignore=("LQ102",)))
    assert without.text != article and {code for fix in without.applied for code in fix.codes} & {"MT112", "MT102", "NM103"}


def test_a_suppressed_article_language_finding_lets_english_rules_fix() -> None:
    text = SPANISH_NUMBERS.replace("2020.", "2020. copyedit: ignore[LQ102]", 1)
    assert "6.6 %" in copyedit.fix(text, unsafe=True).text


def test_rules_of_no_language_still_fix_an_article_in_another_language() -> None:
    broken = SPANISH_NUMBERS.replace("informó", "informÃ³", 1)  # mojibake (C201, safe)
    assert copyedit.fix(broken).text == SPANISH_NUMBERS
    assert copyedit.fix(broken, unsafe=True).text == SPANISH_NUMBERS
    # and an English article is fixed as before
    assert copyedit.fix("They said the the ministry had 7,1 % of it.", unsafe=True).text == "They said the ministry had 7.1 % of it."


def test_the_fix_loop_runs_the_article_language_check_only_for_fixes_it_may_withhold() -> None:
    from copyedit.engine import accepted, ruleset_for

    ruleset = ruleset_for(Config())
    def fixing_codes(unsafe: bool) -> set[str]:
        return {rule.code for check_pass in ruleset.fix_passes(accepted(unsafe))[0] for rule in check_pass.rules}
    assert "LQ102" not in fixing_codes(False)  # the safe fixes (mojibake, NFC, chrome) are English's and every language's
    assert "LQ102" in fixing_codes(True)


GERMAN = (
    "„Das ist ein wichtiger Schritt“, sagte der Minister am Dienstag in Berlin. Die Inflation stieg im Dezember auf\n"
    "7,1 %, und 12 000 Menschen verloren ihre Arbeit, die die Regierung nun unterstützen will.\n"
)


def test_english_rules_do_not_run_on_articles_configured_in_another_language() -> None:
    german = Config(language="de")
    assert copyedit.fix(GERMAN, unsafe=True, config=german).text == GERMAN
    assert not copyedit.check(GERMAN, config=german).findings
    broken = GERMAN.replace("unterstützen", "unterstÃ¼tzen")  # mojibake (C201, safe): repaired in any language
    assert broken != GERMAN and copyedit.fix(broken, config=german).text == GERMAN
    from copyedit.engine import ruleset_for

    english, other = ruleset_for(Config(language="en-GB")).by_code, ruleset_for(german).by_code
    assert {"MT112", "MT102", "C309", "C401", "NM103"} <= set(english) - set(other)
    assert {"C201", "C202", "C204", "C305", "BP120", "LQ102", "LQ201"} <= set(other)


def test_a_rules_language_is_read_strictly() -> None:
    assert parse_rule(RULE + "applicability: unsafe\nlanguage: en\n", "sample.yml", "user").language == ("en",)
    assert parse_rule(RULE + "applicability: unsafe\nlanguage: [en-GB, de]\n", "sample.yml", "user").language == ("en", "de")
    with pytest.raises(copyedit.RuleError, match=r"'language' must be a language code or a list of them"):
        parse_rule(RULE + "applicability: unsafe\nlanguage: [English]\n", "sample.yml", "user")
    with pytest.raises(copyedit.RuleError, match=r"'source_lang' must be a language code or a list of them"):
        parse_rule(RULE + "applicability: unsafe\nsource_lang: {tr: 1}\n", "sample.yml", "user")
