from __future__ import annotations

import os
from pathlib import Path

import pytest

# No rule cache for the test processes themselves: collection loads the packs before any fixture runs,
# and the user's own cache folder is not the tests' to write (subprocesses get one below).
os.environ["COPYEDIT_CACHE_DIR"] = ""

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest tests (marked ``slow``) first, the longest of them first (``slow(seconds=…)``:
    about what one takes on a quiet 2-core machine; a module marked as a whole stays together): under
    pytest-xdist they then overlap the rest of the suite, and a worker that runs out of tests steals the
    shorter ones, instead of one long test finishing the suite alone on one worker."""

    def order(item: pytest.Item) -> tuple[bool, float]:
        slow = item.get_closest_marker("slow")
        return slow is None, -float(slow.kwargs.get("seconds", 0)) if slow else 0.0

    items.sort(key=order)


@pytest.fixture(scope="session", autouse=True)
def caches_for_subprocesses(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Let the copyedit processes the tests start keep compiled bytecode, in this session's temporary
    folder (shared by the xdist workers): with ``PYTHONDONTWRITEBYTECODE`` set and an editable install
    (no bytecode), each of the suite's few hundred CLI and server starts compiled every module again,
    ≈ 0.12 s of CPU each."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.getbasetemp().parent / "pycache")
    # The built-in packs' cache too (copyedit.rule_cache), never the user's own.
    os.environ["COPYEDIT_CACHE_DIR"] = str(tmp_path_factory.getbasetemp().parent / "cache")


@pytest.fixture
def write_rule(tmp_path: Path):
    """Write a YAML rule file into a temporary folder and return its path."""

    def write(text: str, name: str = "rule.yml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def write_parallel_trees(root: Path, articles: str, article: str, source: str) -> None:
    """A folder of articles (``root/articles``) and one of their sources (``root/originals``) laid out alike
    (``desk/story.txt`` in both), and an article without a counterpart but with a sidecar (``alone.txt``,
    ``alone.src.txt``), which ``--source-dir`` does not read."""
    for folder, text in ((articles, article), ("originals", source)):
        (root / folder / "desk").mkdir(parents=True)
        (root / folder / "desk" / "story.txt").write_text(text, encoding="utf-8")
    (root / articles / "alone.txt").write_text(article, encoding="utf-8")
    (root / articles / "alone.src.txt").write_text(source, encoding="utf-8")
