"""Glossary import: CSV and TBX-Basic into a substitution rule; malformed files name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

import copyedit
from copyedit import Config
from copyedit.errors import InputError

from .cli_runner import run_cli
from copyedit.qa.glossary import read_csv, read_tbx, write_glossary_rule

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="tr"><termSec><term>hükümetlerarası</term></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>intergovernmental</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>mid-government</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="en">
        <termSec><term>Collective Security Treaty Organization</term></termSec>
        <termSec><term>Collective Security Contract Organization</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_to_rule_that_fixes(tmp_path: Path) -> None:
    source = tmp_path / "terms.tbx"
    source.write_text(TBX, encoding="utf-8")
    output = tmp_path / "house.yml"
    assert run_cli("import-glossary", str(source), "-o", str(output), "--code", "HG101", cwd=tmp_path).returncode == 0
    config = Config(packs=(), rule_paths=(str(output),))
    result = copyedit.fix("The mid-government body, the Collective Security Contract Organization, met.", config=config)
    assert result.text == "The intergovernmental body, the Collective Security Treaty Organization, met."
    assert [f.code for f in copyedit.check("An intergovernmental body.", config=config).findings] == []


def test_csv_to_rule(tmp_path: Path) -> None:
    source = tmp_path / "house.csv"
    source.write_text("source,target,forbidden,note\nОДКБ,CSTO,CSCO|C.S.T.O.,acronym\n", encoding="utf-8")
    output = tmp_path / "house.yml"
    assert write_glossary_rule(source, output, "HG102", "house") == 2
    assert copyedit.fix("The CSCO met.", config=Config(packs=(), rule_paths=(str(output),))).text == "The CSTO met."


def test_an_imported_rule_is_kept_so_the_first_check_does_not_test_it_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """import-glossary ran the examples (12 s for 17,550 substitutions): the first check reads the rule from the cache."""
    from copyedit import engine, rule_cache

    monkeypatch.setenv(rule_cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    source = tmp_path / "house.csv"
    source.write_text("source,target,forbidden,note\nОДКБ,CSTO,CSCO,\n", encoding="utf-8")
    write_glossary_rule(source, tmp_path / "house.yml", "HG104", "house")
    monkeypatch.setattr(engine, "verify_examples", lambda found: pytest.fail("examples run again"))
    engine.ruleset_for.cache_clear()
    config = Config(packs=(), rule_paths=(str(tmp_path / "house.yml"),))
    assert copyedit.fix("The CSCO met.", config=config).text == "The CSTO met."
    engine.ruleset_for.cache_clear()


@pytest.mark.parametrize(
    "text, problem",
    [
        ("source,target,forbidden,note\nа,b,c,d,e\n", r":2: 5 cells, but the header names 4 columns"),
        ("а,b,c,d,e\n", r":1: expected 2 to 4 columns"),
        ("x,,y\n", r":1: the target term is empty"),
        ("a,b,z\nc,d,z\n", r":2: 'z' is forbidden for both 'b' \(line 1\) and 'd'"),
    ],
)
def test_malformed_csv_names_the_line(tmp_path: Path, text: str, problem: str) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        write_glossary_rule(source, tmp_path / "out.yml", "HG103", "bad")
    assert not (tmp_path / "out.yml").exists()


def test_malformed_tbx_names_the_line() -> None:
    with pytest.raises(InputError, match=r"t.tbx:3: not well-formed"):
        read_tbx("<tbx>\n<text>\n<body></text>\n</tbx>", name="t.tbx")
    no_preferred = "<tbx><text><body>\n<termEntry>\n<langSet xml:lang='en'><tig><term>x</term><termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry></body></text></tbx>"
    with pytest.raises(InputError, match=r"t.tbx:2: deprecated terms \['x'\] but no preferred"):
        read_tbx(no_preferred, name="t.tbx")


def test_cli_error_exit_code(tmp_path: Path) -> None:
    source = tmp_path / "g.txt"
    source.write_text("x", encoding="utf-8")
    done = run_cli("import-glossary", str(source), "-o", str(tmp_path / "o.yml"), cwd=tmp_path)
    assert done.returncode == 2 and "unknown glossary format" in done.stderr.decode()


def test_comments_and_header_are_skipped() -> None:
    entries = read_csv("# house terms\nsource,target,forbidden\nа,b,c\n")
    assert [(e.target, e.forbidden, e.line) for e in entries] == [("b", ("c",), 3)]
