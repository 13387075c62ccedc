"""A newsroom's own rule files: the cases a bug hunt of house rule packs found.

A mistake in a rule file is an error naming the file, the line and the problem when the rules load,
never a traceback at the first article it meets, a rule silently lost, or a rule that behaves in a run
otherwise than its examples said.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import copyedit
from copyedit import Config
from copyedit.errors import RuleError

from .cli_runner import run_cli

HOUSE = Config(packs=())


def house(folder: Path, *rules: str, packs: tuple[str, ...] | None = ()) -> Config:
    """A configuration with ``rules`` as files HS1xx.yml in ``folder`` (and the built-in ``packs``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, rule in enumerate(rules):
        (folder / f"HS{101 + number}.yml").write_text(rule, encoding="utf-8")
    return Config(packs=packs, rule_paths=(str(folder),))


def rule(code: str, body: str, examples: str = '[{bad: "x", good: "y"}, {ok: "z"}]') -> str:
    return f"code: {code}\nname: house-{code.lower()}\n{body}\nmessage: m\nwhy: w\nexamples: {examples}\n"


PARSE_ONLY = '[{bad: "x"}, {ok: "z"}]'  # examples of a rule refused before they run
SWAP = "kind: substitution\napplicability: safe\nswap: {x: y}"


def load_error(config: Config) -> str:
    with pytest.raises(RuleError) as raised:
        copyedit.check("x", config=config)
    return str(raised.value)


def test_a_key_given_twice_is_refused_with_both_lines(tmp_path: Path) -> None:
    glossary = rule("HS101", "kind: substitution\napplicability: safe\nswap:\n  e-mail: email\nswap:\n  web site: website")
    message = load_error(house(tmp_path, glossary))
    assert "HS101.yml:7" in message and "duplicate key 'swap' (first at line 5)" in message
    entry = rule("HS101", "kind: substitution\napplicability: safe\nswap:\n  web site: website\n  web site: web-site")
    assert "duplicate key 'web site' (first at line 6)" in load_error(house(tmp_path / "entry", entry))


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("kind: substitution\napplicability: safe\nregex: true\nswap:\n  e-(mail): '\\2'", "HS101.yml:7: rule HS101: replacement '\\\\2' refers to group '\\\\2'"),
        ("kind: substitution\napplicability: safe\nregex: true\nswap:\n  x: '\\g<name>'", "refers to group '\\\\g<name>'"),
        ("kind: existence\napplicability: safe\npatterns: ['e-(mail)']\nreplacement: '\\g<2>'", "HS101.yml:6: rule HS101: replacement"),
        ("kind: substitution\napplicability: safe\nswap:\n  x: y\n  off: of", "HS101.yml:7: rule HS101: 'swap' entries must be text: text, not False: 'of'"),
    ],
    ids=["missing-group", "unknown-name", "existence", "yaml-boolean"],
)
def test_a_swap_entry_that_cannot_work_is_refused_at_its_line(tmp_path: Path, body: str, problem: str) -> None:
    assert problem in load_error(house(tmp_path, rule("HS101", body, PARSE_ONLY)))


def test_a_replacement_that_names_its_groups_rightly_loads(tmp_path: Path) -> None:
    config = house(tmp_path, rule("HS101", "kind: substitution\napplicability: safe\nregex: true\nswap:\n  'e-(?P<rest>mail)': '\\g<rest>\\1\\\\'", '[{bad: "e-mail", good: "mailmail\\\\"}, {ok: "z"}]'))
    assert copyedit.fix("Send e-mail.", config=config).text == "Send mailmail\\."


@pytest.mark.parametrize(
    ("variants", "problem"),
    [("[Jon Smyth, null]", "'variants' of 'John Smith' is a list of its wrong forms, each text"), ('[""]', "'variants' of 'John Smith'"), ("[5]", "'variants'")],
)
def test_a_names_entry_with_a_variant_that_is_no_text_is_refused(tmp_path: Path, variants: str, problem: str) -> None:
    names = rule("HS101", f"kind: names\nseverity: warning\napplicability: safe\nentries:\n  - canonical: John Smith\n    variants: {variants}", PARSE_ONLY)
    message = load_error(house(tmp_path, names))
    assert "HS101.yml:7: rule HS101:" in message and problem in message


def test_generate_must_be_true_or_false(tmp_path: Path) -> None:
    names = rule("HS101", 'kind: names\napplicability: safe\nentries:\n  - canonical: John Smith\n    generate: "no"', PARSE_ONLY)
    assert "'generate' must be true or false" in load_error(house(tmp_path, names))


def test_a_check_named_by_a_list_is_refused(tmp_path: Path) -> None:
    python = rule("HS101", "kind: python\ncheck: [quotes.unbalanced]", PARSE_ONLY)
    assert "HS101.yml:4: rule HS101: 'check' must be the name of a built-in check or an entry point" in load_error(house(tmp_path, python))


def test_the_engines_own_codes_are_refused_and_a_house_x_code_is_suppressible(tmp_path: Path) -> None:
    assert "'code' X001 is of the engine's own findings" in load_error(house(tmp_path / "x001", rule("X001", SWAP)))
    config = house(tmp_path / "xs", rule("XS101", SWAP))
    assert copyedit.fix("Send x.", config=config).text == "Send y."
    assert copyedit.fix("Send x. copyedit: ignore[XS101]", config=config).text == "Send x. copyedit: ignore[XS101]"


def test_a_rule_folder_named_twice_is_read_once(tmp_path: Path) -> None:
    config = house(tmp_path / "house", rule("HS101", SWAP))
    twice = config.replace(rule_paths=(str(tmp_path / "house"), str(tmp_path / "house" / "HS101.yml"), os.path.relpath(tmp_path / "house")))
    assert [f.code for f in copyedit.check("Send x.", config=twice).findings] == ["HS101"]


def test_rules_test_reports_every_failing_example_of_a_house_pack(tmp_path: Path) -> None:
    house(tmp_path / "house", rule("HS101", SWAP, '[{bad: "x", good: "w"}, {ok: "z"}]'), rule("HS102", "kind: substitution\napplicability: safe\nswap: {a: b}", '[{bad: "a"}, {ok: "a"}]'))
    done = run_cli("rules", "--isolated", "--rules", "house", "--test", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode()
    assert "HS101.yml:8: rule HS101: fixing 'x' gave 'y', expected 'w'" in out
    assert "HS102.yml:8: rule HS102: ok example flagged" in out
    assert "2 failed" in out
    # and such a pack still cannot load for a run
    assert run_cli("lint", "--isolated", "--rules", "house", "-", cwd=tmp_path, stdin=b"x\n").returncode == 2


BOILERPLATE = "kind: boilerplate\napplicability: safe\npatterns: ['subscribe .*']\nmax_length: 40"
BOILERPLATE_EXAMPLES = '[{bad: "Story.\\n\\nSubscribe to our newsletter\\n\\nMore story.", good: "Story.\\n\\nMore story."}, {ok: "Story.\\n\\nSubscribe now to the idea that the vote was decided by turnout, analysts say.\\n\\nMore story."}]'


def test_a_boilerplate_rule_keeps_its_own_max_length_among_the_built_in_ones(tmp_path: Path) -> None:
    config = house(tmp_path, rule("HS101", BOILERPLATE, BOILERPLATE_EXAMPLES), packs=None)
    prose = "The vote was close.\n\nSubscribe now to the idea that the vote was decided by turnout, analysts say.\n\nMore story.\n"
    assert copyedit.fix(prose, config=config).text == prose
    chrome = "The vote was close.\n\nSubscribe for house deals\n\nMore story.\n"
    assert copyedit.fix(chrome, config=config).text == "The vote was close.\n\nMore story.\n"


def test_a_second_rule_of_link_lines_is_refused_not_left_silent(tmp_path: Path) -> None:
    line = "https://a.example/x https://b.example/y https://c.example/z"
    links = rule("HS101", "kind: boilerplate\napplicability: safe\nlink_lines: 3", f'[{{bad: "Story.\\n\\n{line}\\n\\nMore.", good: "Story.\\n\\nMore."}}, {{ok: "z"}}]')
    message = load_error(house(tmp_path, links, packs=None))
    assert "rule HS101: 'link_lines' is set by BP115 too" in message
    # with BP115 ignored, the house rule is the one judge, and its safe fix applies
    alone = house(tmp_path, links, packs=None).replace(ignore=("BP115",))
    result = copyedit.fix(f"Story.\n\n{line}\n\nMore.\n", config=alone)
    assert result.text == "Story.\n\nMore.\n" and [applied.codes for applied in result.applied] == [("HS101",)]


def test_a_rule_folder_without_rule_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert "a rule folder with no rule files (*.yml, *.yaml) in it" in load_error(Config(packs=(), rule_paths=(str(tmp_path / "empty"),)))
    (tmp_path / "upper").mkdir()
    (tmp_path / "upper" / "HS101.YML").write_text(rule("HS101", SWAP), encoding="utf-8")
    assert copyedit.fix("Send x.", config=Config(packs=(), rule_paths=(str(tmp_path / "upper"),))).text == "Send y."


def test_a_symbolic_link_loop_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert "a symbolic link that leads nowhere (or round in a loop)" in load_error(Config(packs=(), rule_paths=(str(tmp_path / "loop"),)))


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("link: {a: 1}", "'link' must be the address of the rule's documentation"),
        ("kind: repetition\napplicability: unsafe\nmax_words: true", "'max_words' must be a number from 1 to 6"),
        ("kind: boilerplate\napplicability: safe\nlines: [x]\nmax_length: -5", "'max_length' must be a number of characters"),
    ],
)
def test_values_of_the_wrong_kind_are_refused(tmp_path: Path, extra: str, problem: str) -> None:
    body = extra if extra.startswith("kind:") else f"{SWAP}\n{extra}"
    assert problem in load_error(house(tmp_path, rule("HS101", body, PARSE_ONLY)))


def test_a_misspelt_placeholder_in_the_message_is_refused(tmp_path: Path) -> None:
    text = rule("HS101", SWAP).replace("message: m", "message: Use {replacment}")
    assert "'message' may hold {match} and {replacement}, not {replacment}" in load_error(house(tmp_path, text))
