"""Data loaded once per process (copyedit.loading) and ahead of the first document (RuleSet.preload)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import pytest

from copyedit.loading import load_once


def test_threads_asking_at_once_load_once_and_share_the_data() -> None:
    calls: list[int] = []

    @load_once
    def data() -> list[int]:
        calls.append(1)
        time.sleep(0.05)  # long enough for every thread to ask while the first loads
        return [len(calls)]

    start = threading.Barrier(8)
    got: list[list[int]] = []

    def ask() -> None:
        start.wait()
        got.append(data())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len(got) == 8 and all(value is got[0] for value in got)


def test_a_loader_that_fails_is_tried_again_on_the_next_call() -> None:
    attempts: list[int] = []

    @load_once
    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("data file not readable yet")
        return "loaded"

    with pytest.raises(OSError):
        flaky()
    assert not flaky.loaded
    assert flaky() == "loaded" and flaky() == "loaded" and len(attempts) == 2


@pytest.mark.slow(seconds=3)
def test_preload_loads_what_the_first_documents_would() -> None:
    # In a new process: this one has loaded most of it already.
    script = textwrap.dedent("""
        import copyedit
        from copyedit.names_registry import case_forms
        from copyedit.qa import english, language, pinyin_names

        loaders = {
            "detector": language.load_detector, "english": english.english_words,
            "pinyin": pinyin_names._surnames, "icelandic": case_forms._bin,
        }
        import sys

        def loaded():
            return sorted(name for name, loader in loaders.items() if loader.loaded)
        def extractor():  # the page extractor and what it loads on its first page and first metadata
            return sorted(name for name in sys.modules if name.split(".")[0] in ("trafilatura", "htmldate", "courlan", "justext"))
        rules = copyedit.ruleset_for(copyedit.Config())
        print(loaded(), bool(extractor()))
        rules.preload(source=False)
        print(loaded(), bool(extractor()))
        rules.preload()
        print(loaded())
        before = extractor()
        page = "<html><head><title>Talks</title></head><body><nav>Home</nav><p>The talks ended on Friday.</p></body></html>"
        copyedit.check(page, format="html", metadata=True)
        print(sorted(set(extractor()) - set(before)))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines() == [
        "[] False",
        "['detector', 'english', 'icelandic'] True",
        "['detector', 'english', 'icelandic', 'pinyin']",
        "[]",  # a whole page's first check, with its metadata, loads nothing of the extractor's
    ]


@pytest.mark.slow(seconds=2)
def test_threads_that_detect_a_language_at_once_in_a_new_process_all_get_an_answer() -> None:
    # Before load_once, each thread loaded langdetect's profiles while another turned them into
    # tuples: "'tuple' object does not support item assignment", a 500 from a new service worker.
    script = textwrap.dedent("""
        import threading
        from copyedit.qa.language import detect_language

        start, answers = threading.Barrier(6), []
        def detect():
            start.wait()
            answers.append(detect_language("Operasyonun militanlar tamamen yok edilene kadar devam edeceğini söyledi.")[0])
        threads = [threading.Thread(target=detect) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(answers)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert (done.stdout.strip(), done.stderr) == (str(["tr"] * 6), "")


@pytest.mark.slow(seconds=3)
def test_preload_builds_the_literal_scans_and_the_registry_start_words() -> None:
    # Else a service's worker builds them in the middle of a request, one after its first megabyte (Hyperscan's
    # databases, 13–20 ms each) and one after its first 1,000 words (the registry's start words, ~35 ms):
    # a stall at concurrency 20 made the slowest requests of a run (benchmarks/RESULTS.md).
    script = textwrap.dedent("""
        import copyedit
        from copyedit.kinds.shared import PatternPass, TermPass
        from copyedit.kinds.boilerplate import BoilerplatePass
        from copyedit.literals import hyperscan_module
        from copyedit.names_registry import checks

        rules = copyedit.ruleset_for(copyedit.Config())
        def scans():
            found = []
            for each in rules._passes:
                if isinstance(each, PatternPass):  # once its shape gate is built, the literals of patterns without a shape
                    found.append((each._prefilter_beside_shapes() if each._shapes.ready else each._prefilter)._scan)
                elif isinstance(each, TermPass):
                    found.append(each._index._scan)
                elif isinstance(each, BoilerplatePass):
                    found += [each._prefilter._scan, each._gate._scan]
            return found
        def state():
            built = [sorted(scan._built) for scan in scans()]
            return len(built), all(built), checks._known.cache_info().currsize, checks._read_directly(0)
        print(state())
        rules.preload(source=False)
        print(state())
        fast = hyperscan_module() is not None
        print(all(("hyperscan" in scan._built) == fast and scan._schedule.after == (0 if fast else scan._schedule.after) for scan in scans()))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    before, after, hyperscan_as_installed = done.stdout.splitlines()
    assert before == "(4, False, 0, True)" and after == "(4, True, 1, False)" and hyperscan_as_installed == "True"
