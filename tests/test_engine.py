"""Unit tests of the kinds, the fix loop, configuration and rule loading."""

from __future__ import annotations

import os
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import copyedit
from copyedit import Applicability, Config, RuleError
from copyedit.engine import compose, trim_edit
from copyedit.errors import InputError, PatternTimeout
from copyedit.model import AppliedFix, Edit, Fix, Span, apply_edits

ONLY_USER = Config(packs=())


def user(path) -> Config:
    return ONLY_USER.replace(rule_paths=(str(path),))


SUBSTITUTION = """
code: HS101
name: house-terms
kind: substitution
swap:
  mid-government: intergovernmental
  e-mail: email
not_before: 'so-called '
severity: warning
applicability: safe
message: Use “{replacement}”
why: House style.
examples:
  - bad: "a mid-government pact"
    good: "a intergovernmental pact"
  - ok: "an intergovernmental pact"
"""


def test_substitution_keeps_case_and_whole_words(write_rule) -> None:
    config = user(write_rule(SUBSTITUTION))
    result = copyedit.fix("Mid-government E-MAIL; e-mails and mid-governmental stay.", config=config)
    assert result.text == "Intergovernmental EMAIL; e-mails and mid-governmental stay."


def test_substitution_context_guard(write_rule) -> None:
    config = user(write_rule(SUBSTITUTION))
    assert copyedit.check("the so-called mid-government pact", config=config).findings == ()


@pytest.mark.parametrize("fillers", [0, 100])  # the rule's two patterns alone, and among many
def test_a_span_two_patterns_of_a_rule_match_is_one_finding(write_rule, fillers) -> None:
    filler_patterns = "".join(f"\n  - 'never{number}'" for number in range(fillers))
    rule = f"""
code: HS104
name: middle-dot
kind: existence
patterns:
  - '(?<=[a-z] ?)・'
  - '・(?= ?[a-z])'{filler_patterns}
message: m
why: w
examples: [{{bad: "a・b"}}, {{ok: "c"}}]
"""
    findings = copyedit.check("Saint・Germain and one ・ two", config=user(write_rule(rule))).findings
    assert [(finding.span.start, finding.span.end) for finding in findings] == [(5, 6), (22, 23)]


def test_source_language_scoping() -> None:
    text = "The CSTO is a mid-government alliance."
    assert [f.code for f in copyedit.check(text, source_lang="tr").findings] == ["TR101"]
    assert copyedit.check(text, source_lang="ru").findings == ()
    assert [f.code for f in copyedit.check(text).findings] == ["TR101"]  # unknown source: applies


def test_names_registry_variants() -> None:
    text = "Kasim Comert Tokayev met Nikol Paşinyan and Kassym-Jomart Tokayev's aides."
    result = copyedit.fix(text, unsafe=True)
    assert result.text == "Kassym-Jomart Tokayev met Nikol Pashinyan and Kassym-Jomart Tokayev's aides."


def test_names_never_touch_lowercase_words() -> None:
    assert copyedit.check("the rahman family and a tokayev fan").findings == ()


def test_a_hit_is_never_surer_than_its_rule() -> None:
    # C401 is unsafe by its evidence: no doubled word, not even "the the", is fixed by default.
    result = copyedit.fix("They sent the the troops. Protests protests grew.")
    assert result.text == "They sent the the troops. Protests protests grew."
    assert all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in result.findings if f.code == "C401")
    house = Config(applicability={"C401": "safe"})
    assert copyedit.fix("They sent the the troops.", config=house).text == "They sent the troops."


@pytest.mark.parametrize("blank_line", ["\n\n", "\r\n\r\n", "\n \n", "\r\n\t\r\n"])
def test_repetition_does_not_cross_paragraphs(blank_line: str) -> None:
    # In CRLF text, or with a space on the blank line, the unsafe fix took the paragraph break out with the word
    # ("protecting\r\n\r\nprotecting" became "protecting"): found by tests/test_layout_properties.py
    for text in (f"It ended the{blank_line}the next day.", f"It rose and{blank_line}and fell.", f"logo logo{blank_line}logo"):
        assert [f.span for f in copyedit.check(text).findings if f.code in ("C401", "C402")] == ([Span(0, 9)] if "logo" in text else [])


def test_a_run_of_one_word_is_reported_once_whole_and_not_fixed() -> None:
    # WMT23 ja-en MT (ゴロゴロ read as "logo") and a human reference's onomatopoeia
    text = "From about 1:30 it's all gone logo logo logo logo. Rumbling rumbling rumbling. The the end."
    result = copyedit.fix(text, unsafe=True, config=Config(select=("C401",)))
    runs = [(text[f.span.start : f.span.end], f.message, f.fix) for f in result.findings]
    assert runs == [
        ("logo logo logo logo", "“logo” 4 times in a row", None),
        ("Rumbling rumbling rumbling", "“Rumbling” 3 times in a row", None),
    ]
    assert result.text == text.replace("The the end", "The end")  # a doubled word is still fixed
    # a run ends at a blank line, and at a copy that goes on as another word
    found = copyedit.check("It was gone gone gone\n\ngone. It was gone gone gone-ish.", config=Config(select=("C401",))).findings
    assert [f.message for f in found] == ["“gone” 3 times in a row", "Doubled word “gone gone”"]
    # marks and numbers are no words
    assert not copyedit.check("Thank you m(_ _)m; call 225 225.", config=Config(select=("C401",))).findings


REPETITION_UNLESS = r"""
code: HS107
name: house-doubled-coordination
kind: repetition
separator: '\s+and\s+'
UNLESS
applicability: unsafe
message: m
why: w
examples: [{bad: "protecting and protecting places", good: "protecting places"}, {ok: "could and could not"}]
"""
UNLESS = r"""unless:
  - after: '\s+not\b'
  - before: '\bbeen\s+'
    match: '\w+ing\s+and\s+\w+ing'
  - match: '(?-i:it\s+and\s+it)'"""


def test_repetition_unless_describes_where_a_repeat_is_meant(write_rule) -> None:
    # BBC and MLQE-PE post-edits: "could and could not", "has been building and building"; each pattern of an
    # entry must hold (before ends at the repeat, match is the whole repeat, after starts at its end)
    config = user(write_rule(REPETITION_UNLESS.replace("UNLESS", UNLESS)))

    def found(text: str) -> list[str]:
        return [f.text for f in copyedit.check(text, config=config).findings]

    assert found("Where they could and could not go.") == []
    assert found("Where they could and could go.") == ["could and could"]
    assert found("It has been building and building.") == []
    assert found("It is building and building.") == ["building and building"]
    assert found("It has been more and more.") == ["more and more"]
    assert found("Take it and it works; It and It") == ["It and It"]  # (?-i:...) keeps a pattern's case


@pytest.mark.parametrize(
    "unless, problem",
    [
        (r"'\s+not'", "'unless' must be a list"),
        ("[{}]", "each 'unless' entry must map"),
        ("[{before: x, then: y}]", "not 'then'"),
        ("[{after: '(unclosed'}]", r"unless.after: pattern '\(unclosed' does not compile"),
        ("[{match: ''}]", "unless.match: patterns must be non-empty strings"),
    ],
)
def test_repetition_unless_is_checked_when_the_rule_loads(write_rule, unless: str, problem: str) -> None:
    with pytest.raises(RuleError, match=problem):
        copyedit.check("x", config=user(write_rule(REPETITION_UNLESS.replace("UNLESS", f"unless: {unless}"))))


def test_boilerplate_removes_lines_inside_a_paragraph() -> None:
    text = "The talks ended.\nLeave a Reply\nThey will resume."
    assert copyedit.fix(text, unsafe=True).text == "The talks ended.\nThey will resume."


def test_quotes_across_paragraphs_are_balanced() -> None:
    text = "He said: “One.\n\n“Two.\n\n“Three.”"
    assert not [f for f in copyedit.check(text).findings if f.code == "C101"]


def test_unclosed_quote_is_reported_where_it_opens() -> None:
    text = "He said: “One.\n\nThen he left."
    finding = [f for f in copyedit.check(text).findings if f.code == "C101"][0]
    assert (finding.line, finding.column, finding.text) == (1, 10, "“")


def test_mojibake_is_repaired_and_explained() -> None:
    result = copyedit.fix("The Ã¼ber-rich said â€œnoâ€\x9d.")
    assert result.text == "The über-rich said “no”."
    assert all("C201" in fix.codes for fix in result.applied)


def test_clean_text_with_entities_and_curly_quotes_is_untouched() -> None:
    text = "AT&amp;T said “it’s fine” — café owners agreed."
    assert copyedit.fix(text).text == text


def test_findings_report_line_and_column() -> None:
    result = copyedit.check("First line.\nThe the end.")
    finding = [f for f in result.findings if f.code == "C401"][0]
    assert (finding.line, finding.column) == (2, 1)


def test_overlapping_fixes_resolve_deterministically() -> None:
    text = "a mid-government pact"
    first = copyedit.fix(text, unsafe=True)
    assert first.text == "an intergovernmental pact"
    assert [a.codes for a in first.applied] == [("TR101",)]


def test_fixes_from_later_passes_compose_into_input_coordinates() -> None:
    text = "Kazakhstan  said , “ yes. ” he said."
    result = copyedit.fix(text)
    assert apply_edits(text, result.edits) == result.text
    assert copyedit.fix(result.text).text == result.text


RE_CREATES_ITS_MATCH = """
code: HS102
name: grows
kind: substitution
swap:
  Galápagos: Galápagos Islands
severity: warning
applicability: safe
message: Use “{replacement}”
why: A fix whose output contains its own match again.
examples:
  - bad: "Galápagos"
  - ok: "Lima"
"""


def test_fixes_that_keep_changing_the_text_are_left_out(write_rule) -> None:
    config = user(write_rule(RE_CREATES_ITS_MATCH)).replace(packs=("core",))
    result = copyedit.fix("The Ã¼ber-rich went to Galápagos.", config=config)
    assert result.text == "The über-rich went to Galápagos."  # the other fixes still apply
    runaway = [f for f in result.findings if f.code == "X001"]
    assert len(runaway) == 1 and "HS102" in runaway[0].message
    assert copyedit.fix(result.text, config=config).text == result.text


def test_compose_merges_touching_edits() -> None:
    base = "abcdef"
    first = [AppliedFix(("A",), "one", (Edit(Span(1, 3), "XY"),))]
    middle = apply_edits(base, first[0].edits)  # aXYdef
    second = [("B", Fix((Edit(Span(2, 4), "Z"),), Applicability.SAFE, "two"))]
    merged = compose(middle, first, second)
    final = apply_edits(middle, second[0][1].edits)
    assert apply_edits(base, (e for a in merged for e in a.edits)) == final
    assert merged[0].codes == ("A", "B")


@st.composite
def _rounds_of_edits(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    """A text and up to four rounds of non-overlapping edits, each round in the coordinates of the
    text the rounds before it left (replacements empty, short or long, so bounds fall on every kind
    of earlier edit: deletions, insertions, touching neighbours)."""
    text = draw(st.text("abc ", min_size=0, max_size=30))
    rounds, current = [], text
    for _ in range(draw(st.integers(1, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, len(current)), max_size=8)))
        edits, cursor = [], 0
        for start, end in zip(cuts[::2], cuts[1::2]):
            if start >= cursor:
                edits.append((start, end, draw(st.text("XY", max_size=3))))
                cursor = end if end > start else end + 1  # insertions at one point are one edit
        rounds.append(edits)
        current = apply_edits(current, [Edit(Span(a, b), r) for a, b, r in edits])
    return text, rounds


@given(_rounds_of_edits())
def test_compose_keeps_every_round_in_input_coordinates(case: tuple[str, list[list[tuple[int, int, str]]]]) -> None:
    """Replaying the composed edits on the input gives what the rounds gave, however the rounds' edits
    touch, nest in or abut the earlier ones (the map from a round's text to the input is a binary search)."""
    text, rounds = case
    applied: list[AppliedFix] = []
    current = text
    for number, edits in enumerate(rounds):
        fixes = [(f"R{number}{index}", Fix((Edit(Span(a, b), r),), Applicability.SAFE, "t")) for index, (a, b, r) in enumerate(edits)]
        applied = compose(current, applied, fixes)
        current = apply_edits(current, [edit for _, fix in fixes for edit in fix.edits])
        assert apply_edits(text, (edit for fix in applied for edit in fix.edits)) == current


def test_a_second_round_of_fixes_over_every_sentence_composes() -> None:
    """ "the\u200b the" is fixed in two rounds, each over every sentence: C204 takes out the zero-width
    space, then C401 the doubled word it leaves (the case that was quadratic: 8,000 sentences took 29 s,
    1.7 s now; `benchmarks/RESULTS.md`)."""
    text = "He said the\u200b the cat left. " * 400
    result = copyedit.fix(text, unsafe=True)
    assert {fix.codes for fix in result.applied} == {("C204", "C401"), ("C305",)}
    assert result.text == "He said the cat left. " * 399 + "He said the cat left."
    assert apply_edits(text, result.edits) == result.text


def test_trim_keeps_whole_words() -> None:
    assert trim_edit("Habar-24", 0, 8, "Khabar 24") == (0, 6, "Khabar ")


def test_select_ignore_and_overrides() -> None:
    text = "They sent the the troops to a mid-government pact."
    only_names = Config(select=("names",))
    assert copyedit.check(text, config=only_names).findings == ()
    no_tr = Config(ignore=("TR",))
    assert {f.code for f in copyedit.check(text, config=no_tr).findings} == {"C401"}
    by_name = Config(select=("doubled-word",))
    assert {f.code for f in copyedit.check(text, config=by_name).findings} == {"C401"}
    demoted = Config(applicability={"TR101": "unsafe", "C401": "safe"}, severity={"C4": "error"})
    result = copyedit.fix(text, config=demoted)
    assert "mid-government" in result.text and "the the" not in result.text
    assert copyedit.check(text, config=demoted).findings[0].severity.value == "error"


def test_config_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="not one of"):
        Config(severity={"C101": "fatal"})


def test_same_input_same_output() -> None:
    text = (FIXTURE := "Kasım Cömert Tokayev said “ yes ” . Leave a Reply")
    first = copyedit.fix(text).to_dict()
    assert all(copyedit.fix(FIXTURE).to_dict() == first for _ in range(3))


def test_thread_safety_shared_ruleset() -> None:
    texts = [f"Article {i}: the the mid-government pact, Kasım Cömert Tokayev." for i in range(40)]
    expected = [copyedit.fix(t).text for t in texts]
    results: dict[int, str] = {}

    def work(index: int) -> None:
        results[index] = copyedit.fix(texts[index]).text

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(texts))] == expected


def test_empty_text_is_valid() -> None:
    result = copyedit.fix("")
    assert result.text == "" and result.findings == ()


def test_document_size_limit() -> None:
    with pytest.raises(InputError, match="over the limit"):
        copyedit.check("x" * 101, config=Config(max_bytes=100))


def test_result_diff_and_dict() -> None:
    result = copyedit.fix("The the end.\n", unsafe=True)
    assert result.diff(path="a.txt").startswith("--- a/a.txt\n+++ b/a.txt\n")
    data = result.to_dict()
    assert data["text"] == "The end.\n" and data["applied"][0]["codes"] == ["C401"]


# --- rule files ---------------------------------------------------------------------------


def test_unknown_key_names_file_line_and_rule(write_rule) -> None:
    path = write_rule(SUBSTITUTION.replace("severity: warning", "severity: warning\nsevrity: error"))
    with pytest.raises(RuleError) as error:
        copyedit.check("x", config=user(path))
    assert f"{path}:10: rule HS101: unknown key 'sevrity'" in str(error.value)


def test_bad_regex_is_an_error(write_rule) -> None:
    text = SUBSTITUTION.replace("swap:", "regex: true\nswap:\n  '(unclosed': x")
    with pytest.raises(RuleError, match="does not compile"):
        copyedit.check("x", config=user(write_rule(text)))


def test_failing_example_stops_the_rule_from_loading(write_rule) -> None:
    text = SUBSTITUTION.replace('good: "a intergovernmental pact"', 'good: "a wrong pact"')
    with pytest.raises(RuleError, match="example fails"):
        copyedit.check("x", config=user(write_rule(text)))


def test_an_example_whose_fix_re_creates_its_match_says_so(write_rule) -> None:
    """ "Apple" → "Apple Inc." holds its own match: the fix is refused whole (X001), and the failing
    example says why instead of only showing the text unchanged."""
    text = RE_CREATES_ITS_MATCH.replace('  - bad: "Galápagos"\n', '  - bad: "Galápagos"\n    good: "Galápagos Islands"\n')
    with pytest.raises(RuleError, match=r"gave 'Galápagos', expected 'Galápagos Islands' \(internal error: the fixes of HS102 kept changing"):
        copyedit.check("x", config=user(write_rule(text)))


def test_yaml_syntax_error_names_the_line(write_rule) -> None:
    path = write_rule("code: HS101\nname: [unclosed\n")
    with pytest.raises(RuleError, match=rf"{path}:\d+: invalid YAML"):
        copyedit.check("x", config=user(path))


def test_rule_files_cannot_construct_objects(write_rule) -> None:
    path = write_rule("!!python/object/apply:os.system ['true']\n")
    with pytest.raises(RuleError, match="invalid YAML"):
        copyedit.check("x", config=user(path))


def test_python_checks_must_be_registered(write_rule) -> None:
    text = """
code: HS102
name: sneaky
kind: python
check: os:system
message: m
why: w
examples: [{bad: "x"}, {ok: "y"}]
"""
    with pytest.raises(RuleError, match="unknown check 'os:system'"):
        copyedit.check("x", config=user(write_rule(text)))


def test_duplicate_codes_are_rejected(write_rule) -> None:
    path = write_rule(SUBSTITUTION.replace("HS101", "TR101"))
    with pytest.raises(RuleError, match="code already used"):
        copyedit.check("x", config=Config(rule_paths=(str(path),)))


def test_catastrophic_pattern_times_out_with_the_rule_named(write_rule) -> None:
    text = """
code: HS103
name: catastrophic
kind: existence
patterns: ['(a|aa)+$']
message: m
why: w
examples: [{bad: "b"}, {ok: "c"}]
"""
    rule_path = write_rule(text)
    from copyedit.engine import RuleSet, run_check
    from copyedit.rules import load_path

    ruleset = RuleSet(load_path(rule_path))  # (the regex module defuses the textbook (a+)+$ itself)
    with pytest.raises(PatternTimeout, match="HS103"):
        # The prefilter lets the pattern run (the text ends with "a", as "$" requires); it then backtracks at the start.
        run_check("a" * 40 + "!\na", "text", ruleset, Config())


@pytest.mark.parametrize(
    "text",
    [
        "He said the the cat left.",  # ASCII words
        "Она сказала, что что-то не так; the the end.",
        "cafe\u0301 cafe\u0301 is decomposed",  # combining marks: words to regex alone
        "fish and fish products; protecting and protecting places",
    ],
)
def test_the_repetition_prefilter_never_loses_a_hit(text: str) -> None:
    """C401/C402 try their pattern only where the text's words say it may match: the same hits as the pattern over the whole text."""
    from copyedit.engine import parse_document, ruleset_for, source_context

    for code in ("C401", "C402"):
        config = Config(select=(code,))
        [repetition] = ruleset_for(config)._passes
        doc = parse_document(text, "text")
        found = [(h.start, h.end) for h in repetition.run(doc, source_context(config, None, None))]
        assert [(h.start, h.end) for h in repetition._hits(doc, repetition._pattern.finditer(text))] == found


@given(st.lists(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4)), min_size=1, max_size=3), max_size=25))
def test_choosing_fixes_in_n_log_n_picks_what_the_pairwise_test_picks(fixes: list[list[tuple[int, int]]]) -> None:
    """choose_fixes tests a span against its neighbours only; it must agree with testing every pair."""
    from copyedit.engine import choose_fixes
    from copyedit.model import Finding, Severity

    def apart(edits: list[tuple[int, int]]) -> tuple[Edit, ...]:  # a fix's own edits never overlap
        kept: list[Span] = []
        for start, length in sorted(edits):
            span = Span(start, start + length)
            if not any(span.overlaps(other) for other in kept):
                kept.append(span)
        return tuple(Edit(span, "") for span in kept)

    findings = [
        Finding(f"X{i:03}", "x", Severity.INFO, "m", Span(0, 0), 1, 1, "", Fix(apart(edits), Applicability.SAFE, "t"))
        for i, edits in enumerate(fixes)
    ]
    candidates = sorted(
        findings, key=lambda f: (f.fix.edits[0].start, -(f.fix.edits[-1].end - f.fix.edits[0].start), f.code)  # type: ignore[union-attr]
    )
    taken: list[Span] = []
    expected = []
    for finding in candidates:
        spans = [edit.span for edit in finding.fix.edits]  # type: ignore[union-attr]
        if not any(span.overlaps(other) for span in spans for other in taken):
            taken.extend(spans)
            expected.append(finding)
    assert choose_fixes(findings, frozenset({Applicability.SAFE})) == expected


@pytest.mark.parametrize(
    ("body", "unsafe", "passes"),
    [
        ("They left. It rained. They they came back.", False, ["fixing", "reporting"]),  # nothing safe to fix
        ("The cafÃ© was open. They they came back.", False, ["fixing", "fixing", "reporting"]),  # C201 is safe
        ("The cafÃ© was open. They they came back.", True, ["fixing", "fixing", "reporting"]),  # C201 and C401 at once
    ],
)
def test_report_only_passes_run_once_on_the_final_text(
    monkeypatch: pytest.MonkeyPatch, body: str, unsafe: bool, passes: list[str]
) -> None:
    """The passes that can fix run on the input and after each round of fixes; the others once, on
    the text the fixes leave, with the same findings as a check of that text (those a finding may
    supersede after the rest: two calls of each kind, each pass in one)."""
    from copyedit import engine

    seen: list[tuple[str, str]] = []
    ran: list[object] = []
    real_findings = engine.RuleSet.findings
    accept = engine.accepted(unsafe)

    def counted(self, doc, context, deadline=None, which=None):  # type: ignore[no-untyped-def]
        fixing = set(which) <= set(self.fix_passes(accept)[0])
        if not fixing:
            ran.extend(which)
        kind = "fixing" if fixing else "reporting"
        if not (seen and seen[-1] == (kind, doc.text)):
            seen.append((kind, doc.text))
        return real_findings(self, doc, context, deadline, which)

    expected = copyedit.fix(body, unsafe=unsafe)
    monkeypatch.setattr(engine.RuleSet, "findings", counted)
    result = copyedit.fix(body, unsafe=unsafe)
    assert [which for which, _ in seen] == passes
    assert len(ran) == len(set(ran))  # no report-only pass twice
    assert seen[-1][1] == result.text  # the report-only passes read the final text
    assert result == expected
    assert result.findings == copyedit.check(result.text).findings


def test_a_rule_without_applicability_fixes_nothing_whatever_its_hits_claim() -> None:
    """A hit may be less sure than its rule, never surer: a python rule that declares no
    applicability reports its replacement as a suggestion only, so the fix loop need not run it again."""
    from copyedit.document import LineIndex, PlainDocument
    from copyedit.engine import RuleSet, accepted, ruleset_for
    from copyedit.kinds.base import Hit

    ruleset = RuleSet([rule for rule in ruleset_for(Config()).rules if rule.code == "C101"])
    rule = ruleset.rules[0]
    assert rule.applicability is None
    doc = PlainDocument("He said “no.")
    hit = Hit(8, 9, "", applicability=Applicability.SAFE, rule=rule)
    finding = ruleset._finding(doc, LineIndex(doc.source), hit, *ruleset._applicabilities([hit]))
    assert finding.fix is not None and finding.fix.applicability is Applicability.DISPLAY_ONLY
    assert ruleset.fix_passes(accepted(unsafe=True))[0] == ()


def test_a_case_sensitive_phrase_matches_as_written_and_in_headline_capitals(tmp_path) -> None:
    """``ignore_case: false``: "Apple" and "APPLE" (a headline), never "apple" or "ApPle" (README, the kinds)."""
    (tmp_path / "HS101.yml").write_text(
        SUBSTITUTION.replace("  mid-government: intergovernmental\n  e-mail: email\n", "  Apple: Pear\n")
        .replace("not_before: 'so-called '\n", "ignore_case: false\n")
        .replace('"a mid-government pact"', '"Ask Apple."').replace('"a intergovernmental pact"', '"Ask Pear."')
        .replace('"an intergovernmental pact"', '"an apple"'),
        encoding="utf-8",
    )
    config = user(tmp_path)
    fixed = {text: copyedit.fix(text, config=config).text for text in ("Ask Apple.", "ASK APPLE.", "an apple", "ApPle")}
    assert fixed == {"Ask Apple.": "Ask Pear.", "ASK APPLE.": "ASK PEAR.", "an apple": "an apple", "ApPle": "ApPle"}


def test_a_pattern_tried_at_its_first_characters_has_one_time_limit_over_the_document(write_rule, monkeypatch) -> None:
    # Each try is quick (about 12 ms), but hundreds of them add up: the limit is the pattern's over the document.
    text = """
code: HS104
name: catastrophic-quoted
kind: existence
patterns: ['(?<=\\s)"(?:\\w|\\w\\w)+$']
message: m
why: w
examples: [{bad: ' "a'}, {ok: "c"}]
"""
    from copyedit.engine import RuleSet, run_check
    from copyedit.kinds import shared
    from copyedit.rules import load_path

    ruleset = RuleSet(load_path(write_rule(text)))
    assert shared._anchor_characters(ruleset.rules[0].options.patterns[0]) == '"'  # tried at each quotation mark
    monkeypatch.setattr(shared, "REGEX_TIMEOUT", 0.3)
    document = "".join(f' "{"a" * 24}! ' + "x" * 130 for _ in range(200)) + ' "a'
    started = time.process_time()
    with pytest.raises(PatternTimeout, match="HS104"):
        run_check(document, "text", ruleset, Config())
    assert time.process_time() - started < 1.5



def test_a_house_guard_has_the_time_limit_of_patterns(write_rule, monkeypatch) -> None:
    # A guard runs on the 120 characters before each term: without a limit, 60 letters took minutes.
    rule = """
code: HS105
name: catastrophic-guard
kind: substitution
applicability: safe
swap: {x: y}
not_before: "(?:a|aa)+(?:a|aa)+b "
message: m
why: w
examples: [{bad: "x", good: "y"}, {ok: "z"}]
"""
    from copyedit.engine import RuleSet, run_check
    from copyedit.kinds import shared
    from copyedit.rules import load_path

    ruleset = RuleSet(load_path(write_rule(rule)))
    monkeypatch.setattr(shared, "REGEX_TIMEOUT", 0.3)
    started = time.process_time()
    with pytest.raises(PatternTimeout, match="HS105"):
        run_check("a" * 60 + " x", "text", ruleset, Config())
    assert time.process_time() - started < 2


def test_a_house_separator_that_backtracks_is_left_to_the_engine_with_a_time_limit(write_rule) -> None:
    # The standard library's engine, which has no time limit, took 5.7 s with 22 spaces and minutes with 26.
    rule = r"""
code: HS106
name: backtracking-separator
kind: repetition
applicability: unsafe
separator: '(?:\s|\s)+(?:\s|\s)+,\s*'
message: m
why: w
examples: [{bad: "the , the"}, {ok: "the cat"}]
"""
    from copyedit.engine import RuleSet, run_check
    from copyedit.rules import load_path

    ruleset = RuleSet(load_path(write_rule(rule)))
    assert ruleset._passes[0]._gate is None
    started = time.process_time()
    assert not run_check("word the" + " " * 24 + "the", "text", ruleset, Config()).findings
    assert [f.code for f in run_check("word the" + " " * 24 + ", the", "text", ruleset, Config()).findings] == ["HS106"]
    assert time.process_time() - started < 2


def test_the_context_of_a_check_without_a_source_is_made_once_per_configuration(tmp_path) -> None:
    # Every article of a configuration checked without a source has the same context: made once, not per article.
    from copyedit.engine import _sourceless_context, source_context

    _sourceless_context.cache_clear()
    config = Config(language="en", source_lang="de", rule_paths=(str(tmp_path / "house"),))
    first = source_context(config, None, None)
    assert source_context(config, None, None, "markdown") is first
    assert _sourceless_context.cache_info().misses == 1
    assert (first.source, first.source_lang, first.source_format, first.warnings) == (None, "de", "text", ())
    assert first.options["name_registry"] == (str(tmp_path / "house"),)  # the house rules read as a registry, as with a source
    assert source_context(config, None, "tr").source_lang == "tr"
    # what is wrong with the arguments is still said, source or none
    with pytest.raises(InputError, match="source_lang"):
        source_context(config, None, "not a language")
    with pytest.raises(InputError, match="unknown source format"):
        source_context(config, None, None, "text", "docx")
    # an empty source is a source given: its warning is no sourceless context's
    assert [warning.field for warning in source_context(config, " ", None).warnings] == ["source"]


def test_a_python_check_runs_in_its_own_generator_alone_and_its_hits_are_its_rules(write_rule, monkeypatch) -> None:
    # Its pass hands the engine the check's own generator (no second one around it for each of a document's 18 python
    # passes), and the engine names the hits' rule and reports an option the check refuses as the rule's.
    from copyedit.engine import RuleSet, parse_document, run_check
    from copyedit.errors import OptionError
    from copyedit.kinds import python
    from copyedit.kinds.base import Context, Hit
    from copyedit.rules import load_path

    def plugin(document, context, flag: bool = False):
        if flag:
            raise OptionError("option 'flag' is not for this text")
        yield Hit(0, 5, message="first word")

    monkeypatch.setattr(python, "resolve_check", lambda name: plugin)
    rule = "code: PY101\nname: plugin\nkind: python\ncheck: quotes.unbalanced\nmessage: m\nwhy: w\nexamples: [{bad: Talks}, {ok: x}]\n"
    ruleset = RuleSet(load_path(write_rule(rule)))
    hits = ruleset._passes[0].run(parse_document("Talks ended.", "text"), Context())
    assert hits.gi_code is plugin.__code__
    assert [(f.code, f.message, f.span) for f in run_check("Talks ended.", "text", ruleset, Config()).findings] == [
        ("PY101", "first word", Span(0, 5))
    ]
    flagged = RuleSet(load_path(write_rule(rule + "options: {flag: true}\n", "flagged.yml")))
    with pytest.raises(RuleError, match=r"flagged\.yml:1: rule PY101: option 'flag' is not for this text"):
        run_check("Talks ended.", "text", flagged, Config())


def test_threads_asking_for_a_rule_set_being_compiled_wait_for_it(monkeypatch) -> None:
    """Threads whose first checks come at once (a thread pool's first tasks) share one compiled rule set: one
    asking while another compiles it waits for that one, instead of compiling its own."""
    from copyedit import engine

    compiling, asking = threading.Event(), threading.Event()
    made: list[engine.RuleSet] = []
    compile_rules = engine.RuleSet.__init__

    def slow_compile(ruleset: engine.RuleSet, *args, **kwargs) -> None:
        made.append(ruleset)
        if len(made) == 1:  # the first compiles until the other thread has asked (and waits, or compiles its own)
            compiling.set()
            asking.wait(5)
            time.sleep(0.05)
        compile_rules(ruleset, *args, **kwargs)

    monkeypatch.setattr(engine.RuleSet, "__init__", slow_compile)
    engine.ruleset_for.cache_clear()
    config = Config(select=("C401",))
    found: list[engine.RuleSet] = []
    first = threading.Thread(target=lambda: found.append(engine.ruleset_for(config)))
    first.start()
    try:
        assert compiling.wait(5)
        asking.set()
        found.append(engine.ruleset_for(config))
    finally:
        asking.set()
        first.join(5)
        engine.ruleset_for.cache_clear()
    assert len(made) == 1 and found[0] is found[1] is made[0]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_process_forked_while_a_thread_compiles_a_rule_set_compiles_its_own(monkeypatch) -> None:
    """A child forked while another thread of its parent compiled a rule set has no such thread: asking for that
    rule set compiles it there, instead of waiting for ever."""
    from copyedit import engine

    compiling, forked = threading.Event(), threading.Event()
    compile_rules = engine.RuleSet.__init__

    def slow_compile(ruleset: engine.RuleSet, *args, **kwargs) -> None:
        if not compiling.is_set():  # the parent's thread, until the child is forked
            compiling.set()
            forked.wait(10)
        compile_rules(ruleset, *args, **kwargs)

    monkeypatch.setattr(engine.RuleSet, "__init__", slow_compile)
    engine.ruleset_for.cache_clear()
    config = Config(select=("C402",))
    thread = threading.Thread(target=engine.ruleset_for, args=(config,))
    thread.start()
    try:
        assert compiling.wait(5)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports by its exit status
            try:
                engine.ruleset_for(config)
            finally:
                os._exit(0)
        deadline = time.monotonic() + 20
        while (done := os.waitpid(child, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        if done[0] == 0:
            os.kill(child, 9)
            os.waitpid(child, 0)
        assert done[0] == child, "the child waited for a rule set its parent's thread was compiling"
    finally:
        forked.set()
        thread.join(5)
        engine.ruleset_for.cache_clear()


def test_a_safe_term_read_across_a_line_feed_is_offered_not_made(write_rule) -> None:
    """A hard-wrapped paragraph's line feed is a space to a term, but a line feed also parts a headline from its
    paragraph when no blank line does: a term read across one is an unsafe fix, however safe its rule."""
    config = user(write_rule(SUBSTITUTION.replace("  e-mail: email\n", "  house style: our style\n")))
    text = "They wrote it in the house\nstyle at last.\n"
    assert copyedit.fix(text, config=config).text == text
    assert copyedit.fix(text, config=config, unsafe=True).text == "They wrote it in the our\nstyle at last.\n"
    assert copyedit.fix("In the house style\nat last.\n", config=config).text == "In the our style\nat last.\n"
