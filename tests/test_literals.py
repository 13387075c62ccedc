"""LiteralScan gives the same answers read by its Aho-Corasick automaton and by Hyperscan, and both
are what looking for each literal on its own gives; so do the passes that read through it."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap

import pytest

import copyedit
from copyedit import Config, literals
from copyedit.engine import parse_document, ruleset_for
from copyedit.kinds.base import Context
from copyedit.kinds.boilerplate import BoilerplatePass
from copyedit.kinds.shared import PatternPass, TermPass
from copyedit.literals import LiteralScan


def has_hyperscan() -> bool:
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


BACKENDS = [
    pytest.param(None, id="automaton"),
    pytest.param(0, id="hyperscan", marks=pytest.mark.skipif(not has_hyperscan(), reason="hyperscan is not installed")),
]


def by_hand(literal_list: list[str], text: str) -> list[tuple[int, int]]:
    found = []
    for index, literal in enumerate(literal_list):
        where = text.find(literal)
        while where >= 0:
            found.append((where + len(literal), index))
            where = text.find(literal, where + 1)
    return sorted(found, key=lambda occurrence: (occurrence[0], -len(literal_list[occurrence[1]])))


def random_cases(count: int) -> list[tuple[list[str], str]]:
    rng = random.Random(13)
    alphabet = "ab \n.|\x00\t\u00e9\u201d\ufdd0\U0001f600I\u0130"
    cases = []
    for _ in range(count):
        literal_list = sorted(
            {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 12))}
        )
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        cases.append((literal_list, text))
    return cases


@pytest.mark.parametrize("after", BACKENDS)
def test_the_scan_finds_what_looking_for_each_literal_finds(after):
    for literal_list, text in random_cases(400):
        scan = LiteralScan(literal_list, hyperscan_after=after if after is not None else 10**12)
        expected = by_hand(literal_list, text)
        assert scan.present(text) == {index for _, index in expected}, (literal_list, text)
        assert sorted(scan.occurrences(text)) == sorted(expected), (literal_list, text)
        if after is not None:
            assert scan._built.get("hyperscan") is not None  # Hyperscan did read


def test_a_scan_moves_to_hyperscan_once_it_has_read_enough(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYEDIT_CACHE_DIR", str(tmp_path))
    scan = LiteralScan(["talks"], hyperscan_after=10)
    assert scan.present("the talks") == {0} and "hyperscan" not in scan._built
    assert scan.present("the talks ended") == {0}
    assert ("hyperscan" in scan._built) is True
    if has_hyperscan():  # the database the first kept is read back after a tenth of the characters
        kept = LiteralScan(["talks"], hyperscan_after=100)
        assert kept.present("the talks") == {0} and "hyperscan" not in kept._built
        assert kept.present("talks") == {0} and kept._built["hyperscan"] is not None
    monkeypatch.setenv("COPYEDIT_HYPERSCAN", "0")
    off = LiteralScan(["talks"], hyperscan_after=0)
    assert off.present("the talks") == {0} and off._built["hyperscan"] is None


def test_an_empty_literal_is_refused():
    with pytest.raises(ValueError):
        LiteralScan(["a", ""])


def corpus_like_texts() -> list[str]:
    """Every rule example, as documents, and a few with chrome, non-ASCII text and odd spacing."""
    ruleset = ruleset_for(Config())
    texts = []
    for check_pass in ruleset._passes:
        for rule in check_pass.rules:
            for example in rule.examples:
                texts.extend(text for text in (example.bad, example.good, example.ok) if text)
    texts += [
        "Share this:\nFacebook | Twitter\n\nThe talks ended.\n\nRelated stories\nTalks End in Astana\n5 min read",
        "Kasım Cömert Tokayev  met\tthe press.  \r\n\r\nİstanbul, 3 hours ago\n\nPhoto: AFP / Getty",
    ]
    return texts


def hits(check_pass, doc) -> list[tuple[str, int, int, str | None]]:
    return [
        (hit.rule.code if hit.rule else "", hit.start, hit.end, hit.replacement) for hit in check_pass.run(doc, Context())
    ]


@pytest.mark.skipif(not has_hyperscan(), reason="hyperscan is not installed")
def test_the_passes_and_the_findings_are_the_same_read_by_either(monkeypatch):
    texts = corpus_like_texts()
    docs = [parse_document(text, "text") for text in texts]
    kinds = (BoilerplatePass, PatternPass, TermPass)

    def results() -> tuple[list[list[list[tuple[str, int, int, str | None]]]], list[tuple]]:
        ruleset_for.cache_clear()  # its passes' scans are built anew, with the threshold patched
        passes = [p for p in ruleset_for(Config())._passes if isinstance(p, kinds)]
        pass_hits = [[hits(p, doc) for p in passes] for doc in docs]
        findings = [(copyedit.check(text).findings, copyedit.fix(text, unsafe=True).text) for text in texts]
        return pass_hits, findings

    try:
        monkeypatch.setattr(literals, "HYPERSCAN_AFTER", 10**12)
        by_automaton = results()
        monkeypatch.setattr(literals, "HYPERSCAN_AFTER", 0)
        by_hyperscan = results()
    finally:
        ruleset_for.cache_clear()
    assert by_automaton == by_hyperscan
    assert sum(len(h) for doc in by_automaton[0] for h in doc) > 50  # the texts do exercise the passes


@pytest.mark.parametrize("after", BACKENDS)
def test_threads_may_share_a_scan(after):
    """Hyperscan's scratch space serves one scan at a time: each thread has its own."""
    from concurrent.futures import ThreadPoolExecutor

    literal_list, text = ["talks", "ended", "astana", "\u201d"], "The talks ended in astana.\u201d " * 200
    scan = LiteralScan(literal_list, hyperscan_after=after if after is not None else 10**12)
    expected = by_hand(literal_list, text)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: (scan.present(text), scan.occurrences(text)), range(64)))
    assert {index for _, index in expected} == {0, 1, 2, 3}
    assert all(present == {0, 1, 2, 3} and sorted(found) == sorted(expected) for present, found in results)


def counting_build(literal_list: list[str], calls: list[int]):
    import hyperscan

    def build():
        calls.append(1)
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(expressions=[literal.encode() for literal in literal_list], ids=list(range(len(literal_list))),
                         elements=len(literal_list), flags=0, literal=True)
        return database, len(literal_list)

    return build


def found_by(database) -> set[int]:
    found: set[int] = set()
    database.scan("The talks ended in Astana.".encode(), lambda index, *rest: found.add(index))
    return found


@pytest.mark.skipif(not has_hyperscan(), reason="hyperscan is not installed")
def test_a_database_is_compiled_once_and_read_back_by_later_processes(tmp_path, monkeypatch):
    import hyperscan

    monkeypatch.setenv("COPYEDIT_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    build = counting_build(["talks", "Astana", "absent"], calls)
    first = literals.kept_database(hyperscan, ("test", 1), build)
    later = literals.kept_database(hyperscan, ("test", 1), build)
    assert len(calls) == 1 and first[1] == later[1] == 3
    assert found_by(first[0]) == found_by(later[0]) == {0, 1}
    [kept] = tmp_path.glob("data-hyperscan-*.pickle")
    assert kept.stat().st_mode & 0o077 == 0
    literals.kept_database(hyperscan, ("test", 2), build)  # another identity: another database
    assert len(calls) == 2 and len(list(tmp_path.glob("data-hyperscan-*.pickle"))) == 2

    class Upgraded:  # another version of Hyperscan never reads what this one kept
        __version__ = "99"

        def __getattr__(self, name):
            return getattr(hyperscan, name)

    assert found_by(literals.kept_database(Upgraded(), ("test", 1), build)[0]) == {0, 1} and len(calls) == 3
    monkeypatch.setenv("COPYEDIT_CACHE_DIR", "")
    assert found_by(literals.kept_database(hyperscan, ("test", 1), build)[0]) == {0, 1} and len(calls) == 4


@pytest.mark.skipif(not has_hyperscan(), reason="hyperscan is not installed")
def test_a_truncated_or_corrupt_kept_database_is_compiled_again(tmp_path, monkeypatch):
    import pickle

    import hyperscan

    monkeypatch.setenv("COPYEDIT_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    build = counting_build(["talks", "Astana"], calls)
    literals.kept_database(hyperscan, ("test",), build)
    [kept] = tmp_path.glob("data-hyperscan-*.pickle")
    whole = kept.read_bytes()
    kept.write_bytes(whole[: len(whole) // 2])  # truncated: not even a pickle
    assert found_by(literals.kept_database(hyperscan, ("test",), build)[0]) == {0, 1} and len(calls) == 2
    assert kept.read_bytes() == whole  # and written again
    database, _ = pickle.loads(whole)
    for broken in (b"\0" * 100, database[:-1000]):  # a pickle, but of no database Hyperscan takes; one cut short
        kept.write_bytes(pickle.dumps((broken, 2)))
        assert literals.read_kept_database(hyperscan, ("test",)) is None
        assert found_by(literals.kept_database(hyperscan, ("test",), build)[0]) == {0, 1}
        assert literals.read_kept_database(hyperscan, ("test",)) is not None  # kept again, whole
    assert len(calls) == 4


def _kept_in_a_process(folder: str) -> set[int]:
    import hyperscan

    os.environ["COPYEDIT_CACHE_DIR"] = folder
    return found_by(literals.kept_database(hyperscan, ("test",), counting_build(["talks", "Astana"], []))[0])


@pytest.mark.skipif(not has_hyperscan(), reason="hyperscan is not installed")
def test_processes_that_keep_the_same_database_at_once_each_get_a_whole_one(tmp_path):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_kept_in_a_process, [str(tmp_path)] * 16))
    assert results == [{0, 1}] * 16
    assert [path.name.startswith("data-hyperscan-") for path in tmp_path.iterdir()] == [True]  # no temporary file left
    assert _kept_in_a_process(str(tmp_path)) == {0, 1}


@pytest.mark.slow(seconds=3)
def test_every_process_builds_the_same_scans_whatever_its_hash_seed():
    # The databases are kept under a digest of their literals, in order: a scan whose literals came out of a set
    # in another order in each process (names rules' variants, a pattern's required literals) was never read back.
    script = textwrap.dedent("""
        import gc, hashlib
        import copyedit
        from copyedit.kinds.shapes import ShapeGate
        from copyedit.literals import LiteralScan

        copyedit.ruleset_for(copyedit.Config())
        identities = [repr(o.literals) for o in gc.get_objects() if isinstance(o, LiteralScan)]
        identities += [repr(o._patterns) for o in gc.get_objects() if isinstance(o, ShapeGate)]
        print(len(identities), sorted(hashlib.sha256(i.encode()).hexdigest() for i in identities))
    """)
    outputs = []
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True, env=environment)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and int(outputs[0].split()[0]) >= 4
