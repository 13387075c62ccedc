from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest tests (marked ``slow``) first, in their collected order: under pytest-xdist
    they then overlap the rest of the suite instead of finishing it alone on one worker."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def write_rule(tmp_path: Path):
    """Write a YAML rule file into a temporary folder and return its path."""

    def write(text: str, name: str = "rule.yml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
