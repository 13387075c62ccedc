"""Key terms against the source (``import-glossary --key-terms``) and LQ209, one source sentence
translated two ways."""

from __future__ import annotations

import json
from pathlib import Path


import copyedit
from copyedit import Config

from .cli_runner import run_cli
from .test_qa_glossary import TBX

SOURCE = "Хокимият области закрыл дорогу. Жители обратились в хокимията с жалобой."


def key_term_rule(tmp_path: Path, glossary: str, name: str = "terms.csv") -> Path:
    (tmp_path / name).write_text(glossary, encoding="utf-8")
    rule = tmp_path / "rules" / "key-terms.yml"
    rule.parent.mkdir()
    assert run_cli("import-glossary", str(tmp_path / name), "--key-terms", "--code", "KT101", "-o", str(rule), cwd=tmp_path).returncode == 0
    return rule


def test_a_glossary_imported_both_ways_with_the_default_codes_loads_both(tmp_path: Path) -> None:
    """A house keeps one glossary as substitutions and as key terms: both imported without --code gave GL101, and
    loading both stopped at "code already used". Key terms now default to KT101; an explicit --code still wins."""
    (tmp_path / "terms.csv").write_text("source,target,forbidden\nхокимият,administration,mid-government\n", encoding="utf-8")
    substitutions = run_cli("import-glossary", "terms.csv", "-o", "house.yml", cwd=tmp_path)
    key_terms = run_cli("import-glossary", "terms.csv", "--key-terms", "-o", "key-terms.yml", cwd=tmp_path)
    assert substitutions.stdout.startswith(b"wrote house.yml: rule GL101 ") and key_terms.stdout.startswith(b"wrote key-terms.yml: rule KT101 ")
    (tmp_path / "article.txt").write_text("The regional office closed the road. A mid-government body met.\n", encoding="utf-8")
    (tmp_path / "article.src.ru.txt").write_text(SOURCE, encoding="utf-8")
    both = run_cli(
        "lint", "--format", "json", "--exit-zero", "--select", "GL101,KT101", "--rules", "house.yml", "--rules", "key-terms.yml",
        "article.txt", cwd=tmp_path,
    )
    assert both.returncode == 0, both.stderr
    assert sorted({finding["code"] for finding in json.loads(both.stdout)}) == ["GL101", "KT101"]
    explicit = run_cli("import-glossary", "terms.csv", "--key-terms", "--code", "HT205", "-o", "explicit.yml", cwd=tmp_path)
    assert explicit.returncode == 0 and b"rule HT205 " in explicit.stdout


def test_a_source_term_must_be_translated_with_its_key_term(tmp_path: Path) -> None:
    rule = key_term_rule(tmp_path, "source,target,forbidden,note\nхокимият,administration;akimat,,\n")
    config = Config(packs=(), rule_paths=(str(rule),))
    missing = "The regional office closed the road. Residents complained to the office."
    findings = copyedit.check(missing, source=SOURCE, source_lang="ru", config=config).findings
    assert [f.code for f in findings] == ["KT101", "KT101"]  # the inflected "хокимията" too
    assert findings[0].source is not None and findings[0].source.text == "Хокимият"
    assert "“administration” or “akimat”" in findings[0].message
    kept = "The regional administration closed the road. Residents complained to the akimat."
    assert copyedit.check(kept, source=SOURCE, source_lang="ru", config=config).findings == ()
    # a term the translator moved into the next sentence is still kept
    moved = "The road was closed. The regional administration did it, and residents complained to the akimat."
    assert copyedit.check(moved, source=SOURCE, source_lang="ru", config=config).findings == ()
    assert copyedit.check(missing, config=config).findings == ()  # no source, nothing to check


def test_key_terms_from_tbx_include_entries_without_deprecated_terms(tmp_path: Path) -> None:
    rule = key_term_rule(tmp_path, TBX, "terms.tbx")
    config = Config(packs=(), rule_paths=(str(rule),))
    source = "Türkiye ile hükümetlerarası bir anlaşma imzalandı."
    assert copyedit.check("An intergovernmental agreement was signed.", source=source, config=config).findings == ()
    [finding] = copyedit.check("A mid-government agreement was signed.", source=source, config=config).findings
    assert finding.source is not None and finding.source.text == "hükümetlerarası"


def test_the_cli_reports_a_key_term_with_its_source_span(tmp_path: Path) -> None:
    rule = key_term_rule(tmp_path, "source,target\nхокимият,administration\n")
    (tmp_path / "copyedit.toml").write_text(f'packs = []\nrules = ["{rule}"]\n', encoding="utf-8")
    (tmp_path / "article.txt").write_text("The office closed the road.\n", encoding="utf-8")
    (tmp_path / "article.src.ru.txt").write_text("Хокимият закрыл дорогу.\n", encoding="utf-8")
    done = run_cli("lint", "--config", str(tmp_path / "copyedit.toml"), "--format", "json", str(tmp_path / "article.txt"), cwd=tmp_path)
    [finding] = json.loads(done.stdout)
    assert done.returncode == 1 and finding["code"] == "KT101"
    assert finding["source"] == {"start": 0, "end": 8, "text": "Хокимият", "sentence": "Хокимият закрыл дорогу."}


def test_one_source_sentence_translated_two_ways() -> None:
    source = "Держитесь подальше от берегов реки. Вода поднялась. Держитесь подальше от берегов реки."
    target = "Stay away from the river banks. The water rose. Keep away from the river banks."
    [finding] = copyedit.check(target, source=source, source_lang="ru", config=Config(select=("LQ209",))).findings
    assert target[finding.span.start : finding.span.end] == "Keep away from the river banks."
    assert "Stay away from the river banks." in finding.message
    assert finding.source is not None and finding.source.start == source.rindex("Держитесь")


def test_source_sentences_that_differ_in_case_or_marks_are_two() -> None:
    # WMT23 zh-en: a table of GCC's file names, its lines alike but for the name (".c" and ".C", "C" and "C++")
    source = ".c C 源程序; 预处理, 编译,汇编\n\n.C C++ 源程序; 预处理, 编译,汇编\n\n.cc C++ 源程序; 预处理, 编译,汇编"
    target = ".c C source program; preprocessing, compilation, assembly\n\n.C C++ source code; preprocessing, compilation, assembly\n\n.cc C++ source code; preprocessing, compilation, assembly"
    assert not copyedit.check(target, source=source, source_lang="zh", config=Config(select=("LQ209",))).findings
    # a list's bullet and a doubled full stop do not make another sentence (MQM bio de-en)
    bulleted = source.replace(".C C++", "· .c C").replace("汇编\n\n.cc", "汇编..\n\n.cc")
    assert [f.code for f in copyedit.check(target, source=bulleted, source_lang="zh", config=Config(select=("LQ209",))).findings] == ["LQ209"]


def test_an_english_plural_is_the_key_term_and_a_slavic_case_form_is_found(tmp_path: Path) -> None:
    rule = key_term_rule(tmp_path, "source,target\nгород,city\nполитика,policy\nребёнок,child\nкомпания,company;firm\n")
    config = Config(packs=(), rule_paths=(str(rule),))
    source = "Города были тихими. Правительство изменило свою политику. Каждый ребёнок получил подарок. Компании росли."
    plurals = "The cities were quiet. The government changed its policies. All the children got a present. The companies grew."
    assert copyedit.check(plurals, source=source, source_lang="ru", config=config).findings == ()
    # "политику" (accusative: the last vowel changed) is the term; "course" is not its key term
    changed = "The cities were quiet. The government changed its course. All the children got a present. The businesses grew."
    found = copyedit.check(changed, source=source, source_lang="ru", config=config).findings
    assert [(f.source.text if f.source else "", f.message.rsplit("; ", 1)[1]) for f in found] == [
        ("политику", "the translation does not have it"),
        ("Компании", "the translation has neither"),
    ]


def test_every_word_of_a_slavic_term_takes_its_case_forms(tmp_path: Path) -> None:
    glossary = "source,target\nВерховна Рада,Verkhovna Rada\nПрезидент України,President of Ukraine\nБелый дом,White House\n"
    rule = key_term_rule(tmp_path, glossary)
    config = Config(packs=(), rule_paths=(str(rule),))
    uk_source = "Законопроєкт подали до Верховної Ради. Його підписав радник Президента України."
    missing = "The bill was submitted to parliament. It was signed by an adviser to the head of state."
    found = copyedit.check(missing, source=uk_source, source_lang="uk", config=config).findings
    assert [f.source.text if f.source else "" for f in found] == ["Верховної Ради", "Президента України"]
    kept = "The bill was submitted to the Verkhovna Rada. It was signed by an adviser to the President of Ukraine."
    assert copyedit.check(kept, source=uk_source, source_lang="uk", config=config).findings == ()
    ru_found = copyedit.check("A spokesman for the administration said so.", source="Представитель Белого дома заявил.", source_lang="ru", config=config).findings
    assert [f.source.text if f.source else "" for f in ru_found] == ["Белого дома"]


def test_a_term_inside_a_longer_glossary_term_is_that_term(tmp_path: Path) -> None:
    """A Chinese term is found inside longer words (no spaces to match whole words by): 外交部 (Foreign Ministry)
    inside 外交部长 (Foreign Minister). A glossary with both could not be imported (its own example "Foreign
    Minister." for 外交部长 was flagged for 外交部), and a Russian one with "рада" and "Верховная рада" neither.
    The longest term is the one the source has, as in a terminology tool."""
    rule = key_term_rule(tmp_path, "source,target\n外交部,Foreign Ministry\n外交部长,Foreign Minister\nрада,council\nВерховная рада,Verkhovna Rada\n")
    config = Config(packs=(), rule_paths=(str(rule),))
    assert copyedit.check("Foreign Minister Wang Yi said.", source="外交部长王毅说。", source_lang="zh", config=config).findings == ()
    assert copyedit.check("The Verkhovna Rada passed the law.", source="Верховная рада приняла закон.", source_lang="ru", config=config).findings == ()
    # the shorter term standing alone in the same sentence is still a key term
    both = copyedit.check("Foreign Minister Wang Yi said a statement will follow.", source="外交部长王毅说，外交部将发表声明。", source_lang="zh", config=config)
    assert [(f.code, f.source.text if f.source else None) for f in both.findings] == [("KT101", "外交部")]
